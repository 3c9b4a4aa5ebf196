/**
 * The Fastify adapter of the web app, through inject (the browser journeys are in e2e/). Needs the
 * web build, which vitest's global setup makes (test-support/build-web.ts).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test-support/databases.js';
import type { Database } from '../../db/create-database.js';
import { buildApp } from '../build-app.js';
import { defaultWebBuildDir } from './mount-web.js';

describe('the web app in the Fastify process', () => {
  let database: Database;
  let app: FastifyInstance;

  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    app = await buildApp({ database, searchWorkers: 0, web: {} });
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('renders the register in the language of Accept-Language, with the data of the API', async () => {
    await app.inject({
      method: 'POST',
      url: '/api/v1/obstacles',
      payload: {
        title: { fr: 'Reconnaissance des diplômes' },
        summary: { fr: 'Résumé' },
        sourceLanguage: 'fr',
        visibility: 'public',
        reporter: { type: 'citizen' },
        segment: 'nl-vl',
        themes: ['cross_border_work'],
        type: 'legal',
      },
    });
    const response = await app.inject({ method: 'GET', url: '/obstacles', headers: { 'accept-language': 'fr-BE,fr;q=0.9' } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers['content-language']).toBe('fr');
    expect(response.body).toContain('<html lang="fr">');
    expect(response.body).toContain('Registre des obstacles transfrontaliers');
    expect(response.body).toContain('Reconnaissance des diplômes');
  });

  it('shows an obstacle with its related obstacles’ titles and an empty history', async () => {
    const base = {
      summary: { nl: 'Samenvatting' },
      sourceLanguage: 'nl',
      visibility: 'public',
      reporter: { type: 'citizen' },
      segment: 'nl-vl',
      themes: ['cross_border_work'],
      type: 'legal',
    };
    const first = await app.inject({
      method: 'POST',
      url: '/api/v1/obstacles',
      payload: { ...base, title: { nl: 'Eerste belemmering' } },
    });
    const second = await app.inject({
      method: 'POST',
      url: '/api/v1/obstacles',
      payload: { ...base, title: { nl: 'Tweede belemmering' }, related: [first.json().reference] },
    });
    expect(second.statusCode).toBe(201);
    const page = await app.inject({ method: 'GET', url: `/obstacles/${second.json().reference}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Tweede belemmering');
    expect(page.body).toContain(`${first.json().reference}</a>: <span>Eerste belemmering</span>`);
    expect(page.body).toContain('Geschiedenis');
  });

  it('prefers the lang cookie to Accept-Language', async () => {
    const response = await app.inject({ method: 'GET', url: '/', headers: { 'accept-language': 'fr', cookie: 'lang=de' } });
    expect(response.body).toContain('<html lang="de">');
  });

  it('sets the cookie and goes back from the language switcher, only to a local path', async () => {
    const response = await app.inject({ method: 'GET', url: '/language?to=en&back=%2Fobstacles%3Fq%3Dx' });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/obstacles?q=x');
    expect(String(response.headers['set-cookie'])).toMatch(/^lang=en; Path=\//);
    const away = await app.inject({ method: 'GET', url: '/language?to=en&back=%2F%2Fevil.example' });
    expect(away.headers.location).toBe('/');
  });

  it('answers an unknown page with a 404 page in the reader’s language', async () => {
    const response = await app.inject({ method: 'GET', url: '/nothing-here', headers: { 'accept-language': 'de' } });
    expect(response.statusCode).toBe(404);
    expect(response.body).toContain('Seite nicht gefunden');
  });

  it('lets form posts reach the pages, while the API still refuses them with 415', async () => {
    const page = await app.inject({
      method: 'POST',
      url: '/obstacles/new',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'title.nl=&sourceLanguage=nl',
    });
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('schakel-error-summary');
    const api = await app.inject({
      method: 'POST',
      url: '/api/v1/obstacles',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'title.nl=x',
    });
    expect(api.statusCode).toBe(415);
    expect(api.json().code).toBe('unsupported_media_type');
  });

  it('leaves unknown API paths to the API: problem+json, not a page', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/nothing' });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toContain('application/problem+json');
  });

  it('redirects a page address with a trailing slash, to this site only', async () => {
    const response = await app.inject({ method: 'GET', url: '/obstacles/?q=x' });
    expect(response.statusCode).toBe(301);
    expect(response.headers.location).toBe('/obstacles?q=x');
    const twice = await app.inject({ method: 'GET', url: '//evil.example/' });
    expect(twice.headers.location).toBe('/evil.example');
  });

  it('serves the hashed assets for a year and nothing outside the assets folder', async () => {
    const asset = readdirSync(join(defaultWebBuildDir(), 'client', 'assets')).find((name) => name.endsWith('.js'));
    const response = await app.inject({ method: 'GET', url: `/assets/${asset}` });
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(response.headers['content-type']).toBe('text/javascript; charset=utf-8');
    const outside = await app.inject({ method: 'GET', url: '/assets/..%2F..%2Fserver%2Findex.js' });
    expect(outside.statusCode).toBe(404);
  });
});
