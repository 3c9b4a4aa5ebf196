import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test-support/databases.js';
import type { Database } from '../../db/create-database.js';
import { buildApp } from '../build-app.js';
import { API_CSP, HSTS } from './security-headers.js';

describe('security headers', () => {
  let database: Database;
  let app: FastifyInstance;
  let proxied: FastifyInstance;
  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    app = await buildApp({ database, searchWorkers: 0 });
    proxied = await buildApp({ database, searchWorkers: 0, trustProxy: true });
  });
  afterAll(async () => {
    await app?.close();
    await proxied?.close();
    await database?.close();
  });

  it.each([
    ['a list', '/api/v1/obstacles'],
    ['a kept list (second time)', '/api/v1/obstacles'],
    ['a problem', '/api/v1/obstacles/GB-1999-0001'],
    ['an unknown path', '/nowhere'],
    ['health', '/health'],
  ])('are on %s: strict CSP without inline scripts, never framed, nosniff; no HSTS over HTTP', async (_label, url) => {
    const response = await app.inject({ url });
    expect(response.headers['content-security-policy']).toBe(API_CSP);
    expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(response.headers['content-security-policy']).not.toContain('unsafe-inline');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-frame-options']).toBe('DENY');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
    expect(response.headers['strict-transport-security']).toBeUndefined();
  });

  it('send HSTS behind HTTPS (a trusted proxy saying so), and not when an untrusted client claims it', async () => {
    const https = await proxied.inject({ url: '/health', headers: { 'x-forwarded-proto': 'https' } });
    expect(https.headers['strict-transport-security']).toBe(HSTS);
    const claimed = await app.inject({ url: '/health', headers: { 'x-forwarded-proto': 'https' } });
    expect(claimed.headers['strict-transport-security']).toBeUndefined();
  });
});
