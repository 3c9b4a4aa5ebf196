import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test-support/databases.js';
import { addUser } from '../core/identity/add-user.js';
import type { Database } from '../db/create-database.js';
import { KyselyIdentityStore } from '../db/repositories/identity-store.js';
import { buildApp, REDACTED_PATHS } from './build-app.js';
import { argon2idHasher } from './password-hasher.js';

describe('logs keep personal data out', () => {
  let database: Database;
  const lines: string[] = [];
  const secrets: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });

  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
  });
  afterAll(async () => {
    await database?.close();
  });

  it('logs requests without query strings, bodies, cookies, passwords, tokens, session ids or reporter details', async () => {
    const app = await buildApp({
      database,
      logger: { level: 'info', stream, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } },
    });
    try {
      await app.inject({ url: '/api/v1/obstacles?q=Anna%20de%20Vries', headers: { cookie: 'session=secret-session-id' } });
      // The page of a one-time password link has the token in its path.
      await app.inject({ url: '/password/skl_link_secret-link-token' });
      await app.inject({
        method: 'POST',
        url: '/api/v1/obstacles',
        headers: { authorization: 'Bearer secret-token' },
        payload: {
          title: { nl: 'Logtest' },
          summary: { nl: 'Samenvatting' },
          sourceLanguage: 'nl',
          segment: 'nl-vl',
          themes: ['cross_border_work'],
          type: 'legal',
          visibility: 'public',
          reporter: { type: 'citizen', name: 'Anna de Vries', email: 'anna@example.org' },
        },
      });
      // Sign-in: the password, the e-mail address, the session id and the CSRF token stay out.
      await addUser({
        actor: 'system',
        input: {
          email: 'bea@example.org',
          name: 'Bea',
          role: 'partner',
          organisation: 'nl-li',
          password: 'geheim wachtwoord 42',
        },
        store: new KyselyIdentityStore(database.db),
        hasher: argon2idHasher,
        commonPasswords: new Set(),
        clock: { now: () => new Date() },
        ids: { newId: () => 'user-bea' },
      });
      const signedIn = await app.inject({
        method: 'POST',
        url: '/api/v1/session',
        payload: { email: 'bea@example.org', password: 'geheim wachtwoord 42' },
      });
      expect(signedIn.statusCode).toBe(200);
      const sessionId = /schakel_session=([^;]+)/.exec(String(signedIn.headers['set-cookie']))?.[1] ?? 'missing';
      const csrf = signedIn.json().csrfToken as string;
      secrets.push(sessionId, csrf);
      await app.inject({
        method: 'POST',
        url: '/api/v1/session',
        payload: { email: 'bea@example.org', password: 'fout wachtwoord 42' },
      });
      await app.inject({
        method: 'DELETE',
        url: '/api/v1/session',
        headers: { cookie: `schakel_session=${sessionId}`, 'x-csrf-token': csrf },
      });
      // What code might log explicitly is redacted too.
      app.log.info(
        {
          attempt: {
            email: 'bea@example.org',
            password: 'geheim wachtwoord 42',
            sessionId,
            csrfToken: csrf,
            token: 'secret-token',
          },
        },
        'explicit',
      );
    } finally {
      await app.close();
    }
    const log = lines.join('');
    expect(log).toContain('/api/v1/obstacles');
    expect(log).toContain('/api/v1/session');
    expect(log).toContain('explicit');
    expect(log).toContain('/password/…');
    for (const secret of [
      'Anna',
      'anna@example.org',
      'secret-session-id',
      'secret-token',
      '127.0.0.1',
      'bea@example.org',
      'geheim wachtwoord',
      'fout wachtwoord',
      'skl_link_secret-link-token',
      ...secrets,
    ]) {
      expect(log).not.toContain(secret);
    }
  });
});
