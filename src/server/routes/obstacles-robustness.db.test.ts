import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer } from '../../../test-support/access.js';
import { createTestDatabase, DIALECTS } from '../../../test-support/databases.js';
import type { Database } from '../../db/create-database.js';
import { buildApp } from '../build-app.js';

/** A small deterministic generator (mulberry32), so a failure can be replayed from its seed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SAMPLES: unknown[] = [
  null,
  true,
  0,
  -1,
  1.5,
  1e308,
  '',
  ' ',
  'x'.repeat(300),
  '<script>alert(1)</script>',
  "'; DROP TABLE obstacles; --",
  '\u0000',
  'Grenzgänger',
  [],
  [''],
  ['cross_border_work', 'cross_border_work'],
  {},
  { nl: '' },
  { nl: 'titel' },
  { nl: 5 },
  { __proto__: { polluted: true } },
  'nl-vl',
  'GB-2026-0001',
];

const FIELDS = [
  'title',
  'summary',
  'description',
  'sourceLanguage',
  'segment',
  'themes',
  'type',
  'visibility',
  'reporter',
  'governments',
  'related',
  'estimatedAffected',
  'provisions',
  'evidence',
  'reportedOn',
];

const valid = {
  title: { nl: 'Robuustheid' },
  summary: { nl: 'Samenvatting' },
  sourceLanguage: 'nl',
  segment: 'nl-vl',
  themes: ['cross_border_work'],
  type: 'legal',
  visibility: 'public',
  reporter: { type: 'citizen' },
};

describe.each(DIALECTS)('no input produces a 500 [%s]', (dialect) => {
  let database: Database;
  let app: FastifyInstance;
  let secretariat: { authorization: string };
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    app = await buildApp({ database });
    secretariat = await bearer(database, 'secretariat');
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('answers 201 or 4xx to 300 generated create and update bodies, and 4xx writes nothing', async () => {
    const next = random(20261127);
    const created = (await app.inject({ method: 'POST', url: '/api/v1/obstacles', payload: valid, headers: secretariat })).json();
    for (let i = 0; i < 300; i++) {
      const body: Record<string, unknown> = { ...valid };
      const changes = 1 + Math.floor(next() * 3);
      for (let c = 0; c < changes; c++) {
        const field = FIELDS[Math.floor(next() * FIELDS.length)] as string;
        body[field] = SAMPLES[Math.floor(next() * SAMPLES.length)];
      }
      const before = await database.db
        .selectFrom('obstacles')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      const post = await app.inject({ method: 'POST', url: '/api/v1/obstacles', payload: body, headers: secretariat });
      expect([201, 400], `POST #${i} ${JSON.stringify(body)} → ${post.body}`).toContain(post.statusCode);
      const after = await database.db
        .selectFrom('obstacles')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(after.n) - Number(before.n)).toBe(post.statusCode === 201 ? 1 : 0);

      const patch = await app.inject({
        method: 'PATCH',
        url: `/api/v1/obstacles/${created.id}`,
        payload: body,
        headers: { 'if-match': '"999"', ...secretariat },
      });
      expect([400, 412], `PATCH #${i} → ${patch.body}`).toContain(patch.statusCode);
    }
  });

  it('answers 200 or 400 to generated list queries', async () => {
    const next = random(42);
    const values = [
      '',
      'x',
      '-1',
      '101',
      '1e9',
      'reported',
      'cross_border_work',
      'nl-vl',
      '%00',
      '"',
      '*',
      'a'.repeat(300),
      'GB-2026',
    ];
    const params = [
      'status',
      'theme',
      'segment',
      'government',
      'type',
      'visibility',
      'q',
      'sort',
      'limit',
      'cursor',
      'facets',
      'other',
    ];
    for (let i = 0; i < 200; i++) {
      const search = new URLSearchParams();
      const count = 1 + Math.floor(next() * 3);
      for (let c = 0; c < count; c++) {
        search.append(params[Math.floor(next() * params.length)] as string, values[Math.floor(next() * values.length)] as string);
      }
      const response = await app.inject({ url: `/api/v1/obstacles?${search}`, headers: secretariat });
      expect([200, 400], `GET ?${search} → ${response.body}`).toContain(response.statusCode);
    }
  });
});
