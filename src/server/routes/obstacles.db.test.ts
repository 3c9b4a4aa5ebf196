import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer } from '../../../test-support/access.js';
import { createTestDatabase, DIALECTS } from '../../../test-support/databases.js';
import type { Database } from '../../db/create-database.js';
import { buildApp } from '../build-app.js';

const valid = {
  title: { nl: 'Grensarbeiders verliezen kinderbijslag' },
  summary: { nl: 'Een grensarbeider die in België woont verliest de Nederlandse kinderbijslag.' },
  sourceLanguage: 'nl',
  segment: 'nl-vl',
  themes: ['cross_border_work'],
  type: 'legal',
  visibility: 'public',
  reporter: { type: 'citizen', name: 'Anna de Vries', email: 'anna@example.org' },
};

describe.each(DIALECTS)('obstacles API [%s]', (dialect) => {
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

  async function create(body: object = valid, headers: Record<string, string> = {}) {
    return app.inject({ method: 'POST', url: '/api/v1/obstacles', payload: body, headers });
  }

  async function count(): Promise<number> {
    const row = await database.db
      .selectFrom('obstacles')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  describe('POST /api/v1/obstacles', () => {
    it('creates an obstacle: 201, Location, ETag, reference, reported, version 1', async () => {
      const response = await create();
      expect(response.statusCode).toBe(201);
      const body = response.json();
      expect(body.reference).toMatch(/^GB-\d{4}-\d{4,}$/);
      expect(body.status).toBe('reported');
      expect(body.version).toBe(1);
      expect(response.headers.location).toBe(`/api/v1/obstacles/${body.id}`);
      expect(response.headers.etag).toBe('"1"');
      expect(response.headers['api-version']).toMatch(/^\d+\.\d+\.\d+$/);
      expect(body.governments).toEqual(['nl', 'vl', 'be']);
      expect(body.title).toEqual({ nl: valid.title.nl });
    });

    it('never returns the reporter’s personal data', async () => {
      const response = await create();
      const text = response.body;
      expect(text).not.toContain('Anna de Vries');
      expect(text).not.toContain('anna@example.org');
      expect(response.json().reporter).toEqual({ type: 'citizen', organisation: null });
      const read = await app.inject({ url: `/api/v1/obstacles/${response.json().id}` });
      expect(read.body).not.toContain('anna@example.org');
    });

    it('allocates consecutive references without gaps', async () => {
      const a = (await create()).json().reference as string;
      const b = (await create()).json().reference as string;
      const number = (ref: string) => Number(ref.split('-')[2]);
      expect(number(b)).toBe(number(a) + 1);
    });

    it('allocates unique, gapless references under concurrent creates', async () => {
      const before = await count();
      const responses = await Promise.all(Array.from({ length: 20 }, () => create()));
      expect(responses.map((r) => r.statusCode)).toEqual(Array(20).fill(201));
      const refs = responses.map((r) => r.json().reference as string);
      expect(new Set(refs).size).toBe(20);
      const rows = await database.db.selectFrom('obstacles').select(['ref_number']).orderBy('ref_number').execute();
      const numbers = rows.map((r) => Number(r.ref_number));
      expect(numbers).toEqual(Array.from({ length: before + 20 }, (_, i) => i + 1));
    });

    const invalidCases: [string, object, string, string][] = [
      ['a missing title', { ...valid, title: undefined }, 'title', 'required'],
      ['a title in no language', { ...valid, title: {} }, 'title', 'no_language'],
      ['a title over 200 characters', { ...valid, title: { nl: 'x'.repeat(201) } }, 'title.nl', 'too_long'],
      ['a summary over 2,000 characters', { ...valid, summary: { nl: 'x'.repeat(2001) } }, 'summary.nl', 'too_long'],
      [
        'a description over 50,000 characters',
        { ...valid, description: { fr: 'x'.repeat(50_001) } },
        'description.fr',
        'too_long',
      ],
      ['a wrong-typed field', { ...valid, themes: 'cross_border_work' }, 'themes', 'invalid_type'],
      ['an unknown field', { ...valid, colour: 'red' }, 'colour', 'unknown_field'],
      ['an unknown language', { ...valid, title: { xx: 'hallo' } }, 'title.xx', 'unknown_field'],
      ['an unknown theme', { ...valid, themes: ['astrology'] }, 'themes.0', 'unknown_key'],
      ['an unknown segment', { ...valid, segment: 'nl-xx' }, 'segment', 'unknown_key'],
      [
        'an unknown organisation',
        { ...valid, reporter: { type: 'province', organisation: 'nowhere' } },
        'reporter.organisation',
        'unknown_key',
      ],
      ['an invalid type', { ...valid, type: 'magic' }, 'type', 'invalid_value'],
      [
        'an invalid e-mail',
        { ...valid, reporter: { type: 'citizen', email: 'not-an-email' } },
        'reporter.email',
        'invalid_format',
      ],
      ['an unknown related obstacle', { ...valid, related: ['GB-1999-9999'] }, 'related.0', 'unknown_key'],
      ['no themes', { ...valid, themes: [] }, 'themes', 'required'],
    ];
    it.each(invalidCases)('refuses %s with 400 naming the field, and writes nothing', async (_label, body, field, code) => {
      const before = await count();
      const response = await create(body, secretariat);
      expect(response.statusCode).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      const problem = response.json();
      expect(problem.code).toBe('validation_failed');
      expect(problem.status).toBe(400);
      expect(problem.invalidParams).toEqual(expect.arrayContaining([expect.objectContaining({ name: field, code })]));
      expect(await count()).toBe(before);
    });

    it('names every wrong field at once', async () => {
      const response = await create({ ...valid, title: {}, segment: 'nope', themes: ['nope'] });
      const names = response.json().invalidParams.map((p: { name: string }) => p.name);
      expect(names).toEqual(expect.arrayContaining(['title']));
    });

    it.each([
      ['nl', 'Ongeldige invoer', 'Dit veld is verplicht.'],
      ['fr-BE,fr;q=0.9', 'Données invalides', 'Ce champ est obligatoire.'],
      ['de', 'Ungültige Eingabe', 'Dieses Feld ist erforderlich.'],
      ['en-GB', 'Invalid input', 'This field is required.'],
    ])('explains errors in the caller’s language (%s)', async (acceptLanguage, title, reason) => {
      const response = await create({ ...valid, title: undefined }, { 'accept-language': acceptLanguage });
      expect(response.json().title).toBe(title);
      expect(response.json().invalidParams[0].reason).toBe(reason);
    });

    it('refuses invalid JSON with 400 invalid_json', async () => {
      const before = await count();
      const response = await app.inject({
        method: 'POST',
        url: '/api/v1/obstacles',
        payload: '{"title": ',
        headers: { 'content-type': 'application/json' },
      });
      expect(response.statusCode).toBe(400);
      expect(response.json().code).toBe('invalid_json');
      expect(await count()).toBe(before);
    });

    it('refuses a body that is not JSON with 415', async () => {
      const response = await app.inject({
        method: 'POST',
        url: '/api/v1/obstacles',
        payload: 'title=hello',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      expect(response.statusCode).toBe(415);
      expect(response.json().code).toBe('unsupported_media_type');
    });

    it('refuses a body over 1 MB with 413', async () => {
      const response = await create({ ...valid, description: { nl: 'x'.repeat(1_100_000) } });
      expect(response.statusCode).toBe(413);
      expect(response.json().code).toBe('payload_too_large');
    });

    it('refuses an empty body with 400', async () => {
      const response = await app.inject({
        method: 'POST',
        url: '/api/v1/obstacles',
        payload: '',
        headers: { 'content-type': 'application/json' },
      });
      expect(response.statusCode).toBe(400);
    });
  });

  describe('GET /api/v1/obstacles/{id}', () => {
    it('finds an obstacle by id and by reference, with an ETag', async () => {
      const created = (await create()).json();
      for (const key of [created.id, created.reference, created.reference.toLowerCase()]) {
        const response = await app.inject({ url: `/api/v1/obstacles/${key}` });
        expect(response.statusCode).toBe(200);
        expect(response.json().id).toBe(created.id);
        expect(response.headers.etag).toBe('"1"');
      }
    });

    it('falls back to another language and says so', async () => {
      const created = (await create({ ...valid, summary: { en: 'English only' }, sourceLanguage: 'en' })).json();
      const response = await app.inject({ url: `/api/v1/obstacles/${created.id}`, headers: { 'accept-language': 'fr' } });
      const text = response.json().text;
      expect(text.language).toBe('fr');
      expect(text.summary).toEqual({ value: 'English only', language: 'en', fallback: true });
      expect(response.headers['content-language']).toBe('fr');
    });

    it('answers 404 problem+json for an unknown id', async () => {
      const response = await app.inject({ url: '/api/v1/obstacles/GB-1999-0001', headers: { 'accept-language': 'de' } });
      expect(response.statusCode).toBe(404);
      expect(response.json().code).toBe('obstacle_not_found');
      expect(response.json().detail).toContain('GB-1999-0001');
    });
  });

  describe('PATCH /api/v1/obstacles/{id}', () => {
    async function patch(id: string, body: object, ifMatch?: string) {
      return app.inject({
        method: 'PATCH',
        url: `/api/v1/obstacles/${id}`,
        payload: body,
        headers: ifMatch === undefined ? secretariat : { 'if-match': ifMatch, ...secretariat },
      });
    }

    it('changes fields with the current version, bumping the version and the ETag', async () => {
      const created = (await create()).json();
      const response = await patch(
        created.id,
        { title: { nl: 'Nieuwe titel', fr: 'Nouveau titre' }, themes: ['taxation'] },
        '"1"',
      );
      expect(response.statusCode).toBe(200);
      expect(response.json().version).toBe(2);
      expect(response.headers.etag).toBe('"2"');
      expect(response.json().title).toEqual({ nl: 'Nieuwe titel', fr: 'Nouveau titre' });
      expect(response.json().themes).toEqual(['taxation']);
    });

    it('answers 428 without If-Match and 412 with a stale version, changing nothing', async () => {
      const created = (await create()).json();
      const missing = await patch(created.id, { title: { nl: 'x' } });
      expect(missing.statusCode).toBe(428);
      expect(missing.json().code).toBe('precondition_required');
      await patch(created.id, { title: { nl: 'Eerste wijziging' } }, '"1"');
      const stale = await patch(created.id, { title: { nl: 'Tweede wijziging' } }, '"1"');
      expect(stale.statusCode).toBe(412);
      expect(stale.json().code).toBe('version_conflict');
      const now = (await app.inject({ url: `/api/v1/obstacles/${created.id}` })).json();
      expect(now.title).toEqual({ nl: 'Eerste wijziging' });
      expect(now.version).toBe(2);
    });

    it('accepts If-Match: * as any current version (RFC 9110)', async () => {
      const created = (await create()).json();
      await patch(created.id, { title: { nl: 'Eerst' } }, '"1"');
      const response = await patch(created.id, { title: { nl: 'Overschreven' } }, '*');
      expect(response.statusCode).toBe(200);
      expect(response.json().version).toBe(3);
    });

    it('lets exactly one of two concurrent edits of the same version win', async () => {
      const created = (await create()).json();
      const results = await Promise.all([
        patch(created.id, { title: { nl: 'A' } }, '"1"'),
        patch(created.id, { title: { nl: 'B' } }, '"1"'),
      ]);
      expect(results.map((r) => r.statusCode).sort()).toEqual([200, 412]);
      const now = (await app.inject({ url: `/api/v1/obstacles/${created.id}` })).json();
      expect(now.version).toBe(2);
    });

    it('applies concurrent opposite changes of facet values without deadlock (count rows locked in one order)', async () => {
      const legal = await Promise.all(Array.from({ length: 8 }, () => create({ ...valid, type: 'legal' })));
      const administrative = await Promise.all(Array.from({ length: 8 }, () => create({ ...valid, type: 'administrative' })));
      const results = await Promise.all([
        ...legal.map((r) => patch(r.json().id, { type: 'administrative', themes: ['taxation', 'cross_border_work'] }, '"1"')),
        ...administrative.map((r) => patch(r.json().id, { type: 'legal', themes: ['cross_border_work', 'taxation'] }, '"1"')),
      ]);
      expect(results.map((r) => r.statusCode)).toEqual(Array(16).fill(200));
    });

    it('refuses invalid changes with 400 and keeps the record', async () => {
      const created = (await create()).json();
      const response = await patch(created.id, { title: {}, status: 'solved' }, '"1"');
      expect(response.statusCode).toBe(400);
      const names = response.json().invalidParams.map((p: { name: string }) => p.name);
      expect(names).toEqual(expect.arrayContaining(['title', 'status']));
      const now = (await app.inject({ url: `/api/v1/obstacles/${created.id}` })).json();
      expect(now.version).toBe(1);
    });

    it('answers 404 for an unknown id', async () => {
      const response = await patch('00000000-0000-0000-0000-000000000000', { title: { nl: 'x' } }, '"1"');
      expect(response.statusCode).toBe(404);
    });

    it('links related obstacles both ways', async () => {
      const a = (await create()).json();
      const b = (await create({ ...valid, related: [a.reference] })).json();
      const readA = (await app.inject({ url: `/api/v1/obstacles/${a.id}` })).json();
      expect(readA.links).toEqual([{ id: b.id, reference: b.reference, kind: 'related' }]);
      const readB = (await app.inject({ url: `/api/v1/obstacles/${b.id}` })).json();
      expect(readB.links).toEqual([{ id: a.id, reference: a.reference, kind: 'related' }]);

      // Links in both directions, once each, in the order of their references.
      const c = (await create({ ...valid, related: [b.reference, a.reference] })).json();
      const readC = (await app.inject({ url: `/api/v1/obstacles/${c.reference}` })).json();
      expect(readC.links).toEqual([
        { id: a.id, reference: a.reference, kind: 'related' },
        { id: b.id, reference: b.reference, kind: 'related' },
      ]);
      const readAAgain = (await app.inject({ url: `/api/v1/obstacles/${a.reference}` })).json();
      expect(readAAgain.links.map((l: { id: string }) => l.id)).toEqual([b.id, c.id]);
    });
  });

  describe('reference data', () => {
    it.each(['themes', 'governments', 'segments', 'organisations'])(
      'lists %s with labels in the requested language',
      async (name) => {
        const response = await app.inject({ url: `/api/v1/${name}`, headers: { 'accept-language': 'de' } });
        expect(response.statusCode).toBe(200);
        expect(response.json().language).toBe('de');
        expect(response.json().items.length).toBeGreaterThan(0);
      },
    );

    it('labels themes per language', async () => {
      const fr = (await app.inject({ url: '/api/v1/themes', headers: { 'accept-language': 'fr' } })).json();
      expect(fr.items.find((t: { key: string }) => t.key === 'cross_border_work').label).toBe('Travail frontalier');
    });
  });

  describe('operations', () => {
    it('answers /health and /ready', async () => {
      expect((await app.inject({ url: '/health' })).json()).toEqual({ status: 'ok' });
      expect((await app.inject({ url: '/ready' })).statusCode).toBe(200);
    });

    it('serves the OpenAPI document', async () => {
      const response = await app.inject({ url: '/api/v1/openapi.json' });
      expect(response.statusCode).toBe(200);
      expect(response.json().openapi).toMatch(/^3\./);
    });

    it('answers unknown paths and trailing slashes with a 404 problem', async () => {
      for (const url of ['/api/v1/nothing', '/api/v1/obstacles/']) {
        const response = await app.inject({ url });
        expect(response.statusCode).toBe(404);
        expect(response.headers['content-type']).toContain('application/problem+json');
      }
    });
  });
});
