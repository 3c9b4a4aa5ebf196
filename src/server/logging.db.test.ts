import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test-support/databases.js';
import type { Database } from '../db/create-database.js';
import { buildApp, REDACTED_PATHS } from './build-app.js';

describe('logs keep personal data out', () => {
  let database: Database;
  const lines: string[] = [];
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

  it('logs requests without query strings, bodies, cookies or reporter details', async () => {
    const app = await buildApp({
      database,
      logger: { level: 'info', stream, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } },
    });
    try {
      await app.inject({ url: '/api/v1/obstacles?q=Anna%20de%20Vries', headers: { cookie: 'session=secret-session-id' } });
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
    } finally {
      await app.close();
    }
    const log = lines.join('');
    expect(log).toContain('/api/v1/obstacles');
    for (const secret of ['Anna', 'anna@example.org', 'secret-session-id', 'secret-token', '127.0.0.1']) {
      expect(log).not.toContain(secret);
    }
  });
});
