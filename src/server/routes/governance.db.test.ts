/**
 * Governance through the HTTP API on both databases: governing bodies (seeded and added), meetings
 * and their agendas (set and proposed), decisions that move obstacles through the lifecycle in the
 * same transaction, parallel decisions, the decision register's access rules, and the meeting
 * documents (.docx) in the meeting's language.
 */
import type { FastifyInstance } from 'fastify';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer } from '../../../test-support/access.js';
import { describeEachDialect } from '../../../test-support/databases.js';
import { SYSTEM_ACTOR } from '../../core/access/access.js';
import type { NewObstacle, ObstacleStatus, Visibility } from '../../core/obstacles/obstacle.js';
import { registerObstacle } from '../../core/obstacles/register-obstacle.js';
import { createPersistence } from '../../db/unit-of-work.js';
import { buildApp } from '../build-app.js';

const REPORT = {
  title: { nl: 'Grensarbeiders en pensioen' },
  summary: { nl: 'Pensioenopbouw over de grens.' },
  sourceLanguage: 'nl',
  segment: 'nl-vl',
  themes: ['taxation'],
  type: 'legal',
  visibility: 'partners',
  reportedOn: '2026-10-31',
  reporter: { type: 'citizen', name: 'Mevrouw Melder', email: 'melder@example.org' },
} as const;

const ANALYSIS = {
  description: { nl: 'De regels van beide kanten sluiten niet op elkaar aan.' },
  solutions: { nl: 'Een uitzondering in de regeling.' },
  derogation: { possible: true, explanation: { nl: 'Een afwijkingsbepaling kan dit oplossen.' } },
  otherAspects: { nl: 'Kosten zijn beperkt.' },
  references: [{ title: 'b-solutions rapport', url: 'https://example.org/rapport' }],
};

const DECISION = {
  body: 'grensoverleg-vl-nl',
  type: 'administrative_change',
  text: { nl: 'De belastingdiensten stemmen hun formulieren af.', de: 'Die Steuerverwaltungen stimmen ihre Formulare ab.' },
  sourceLanguage: 'nl',
  politicalOwners: [
    { government: 'nl', name: 'Staatssecretaris van Financiën' },
    { government: 'vl', office: 'Vlaams minister van Financiën' },
  ],
  departments: ['nl-fin', 'vl-fin'],
  dueOn: '2027-06-30',
} as const;

describeEachDialect('governance API', (getDb) => {
  let app: FastifyInstance;
  let secretariat: Record<string, string>;
  let decisionMaker: Record<string, string>;
  let partner: Record<string, string>;
  let observer: Record<string, string>;

  beforeAll(async () => {
    app = await buildApp({ database: getDb(), searchWorkers: 0 });
    secretariat = await bearer(getDb(), 'secretariat');
    decisionMaker = await bearer(getDb(), 'decision_maker');
    partner = await bearer(getDb(), 'partner');
    observer = await bearer(getDb(), 'observer');
  });
  afterAll(async () => {
    await app.close();
  });

  /** An obstacle registered straight in a status (as an import of a known dossier does). */
  async function obstacleIn(
    status: ObstacleStatus,
    extra: Partial<NewObstacle> & { visibility?: Visibility } = {},
  ): Promise<{ id: string; reference: string; version: number }> {
    const persistence = createPersistence(getDb(), { searchWorkers: 0 });
    try {
      const obstacle = await registerObstacle({
        actor: SYSTEM_ACTOR,
        input: { ...REPORT, themes: [...REPORT.themes], reporter: { ...REPORT.reporter }, ...extra } as NewObstacle,
        uow: persistence,
        clock: { now: () => new Date() },
        ids: { newId: () => crypto.randomUUID() },
        importedStatus: status,
      });
      return { id: obstacle.id, reference: obstacle.reference, version: obstacle.version };
    } finally {
      await persistence.close();
    }
  }

  async function count(table: 'decisions' | 'audit_events' | 'meetings' | 'governing_bodies'): Promise<number> {
    const row = await getDb()
      .db.selectFrom(table)
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async function meeting(body = 'grensoverleg-vl-nl', extra: object = {}): Promise<{ id: string; version: number }> {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/meetings',
      payload: { body, date: '2026-12-10', place: 'Antwerpen', language: 'nl', ...extra },
      headers: secretariat,
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json();
  }

  function decide(body: object, headers: Record<string, string> = secretariat, version: string | null = '*') {
    return app.inject({
      method: 'POST',
      url: '/api/v1/decisions',
      payload: body,
      headers: { ...headers, ...(version === null ? {} : { 'if-match': version }) },
    });
  }

  describe('governing bodies', () => {
    it('are seeded with names in four languages and read by everyone', async () => {
      const list = await app.inject({ url: '/api/v1/governing-bodies', headers: { 'accept-language': 'de' } });
      expect(list.statusCode).toBe(200);
      const keys = list.json().items.map((b: { key: string }) => b.key);
      expect(keys).toEqual(
        expect.arrayContaining(['grensoverleg-vl-nl', 'vlaams-nederlandse-top', 'nl-nrw', 'nl-nds', 'benelux-ministers']),
      );
      const top = list.json().items.find((b: { key: string }) => b.key === 'vlaams-nederlandse-top');
      expect(top).toMatchObject({
        governments: ['nl', 'vl'],
        active: true,
        version: 1,
        abilities: [],
        text: { language: 'de', name: { value: 'Flämisch-Niederländischer Gipfel', fallback: false } },
      });
      expect(Object.keys(top.name).sort()).toEqual(['de', 'en', 'fr', 'nl']);
      const one = await app.inject({ url: '/api/v1/governing-bodies/nl-nrw', headers: secretariat });
      expect(one.statusCode).toBe(200);
      expect(one.headers.etag).toBe('"1"');
      expect(one.json()).toMatchObject({ governments: ['nl', 'de-nw'], abilities: ['edit'] });
      const missing = await app.inject({ url: '/api/v1/governing-bodies/nergens' });
      expect(missing.statusCode).toBe(404);
      expect(missing.json().code).toBe('governing_body_not_found');
    });

    it('are added and changed by the secretariat only, with every field checked, versioned and audited', async () => {
      const payload = {
        key: 'euregio-maas-rijn-raad',
        name: { nl: 'Raad Euregio Maas-Rijn', en: 'Euregio Meuse-Rhine council' },
        governments: ['nl', 'be', 'de-nw'],
      };
      const before = await count('governing_bodies');
      expect((await app.inject({ method: 'POST', url: '/api/v1/governing-bodies', payload })).statusCode).toBe(401);
      const invalid = await app.inject({
        method: 'POST',
        url: '/api/v1/governing-bodies',
        payload: { key: 'euregio', name: { nl: ' ' }, governments: ['nl'] },
        headers: { ...secretariat, 'accept-language': 'fr' },
      });
      expect(invalid.statusCode).toBe(400);
      expect(invalid.json().invalidParams).toEqual([expect.objectContaining({ name: 'name', code: 'no_language' })]);
      expect(invalid.json().detail).toMatch(/Les données envoyées/);
      const wrongKeys = await app.inject({
        method: 'POST',
        url: '/api/v1/governing-bodies',
        payload: { key: 'Niet Goed', name: { nl: 'Raad' }, governments: ['atlantis', 'nl', 'nl'] },
        headers: secretariat,
      });
      expect(
        wrongKeys
          .json()
          .invalidParams.map((p: { name: string; code: string }) => `${p.name}:${p.code}`)
          .sort(),
      ).toEqual(['governments.0:unknown_key', 'governments.2:duplicate', 'key:invalid_format']);
      for (const caller of [partner, decisionMaker, observer]) {
        const refused = await app.inject({ method: 'POST', url: '/api/v1/governing-bodies', payload, headers: caller });
        expect(refused.statusCode).toBe(403);
      }
      expect(await count('governing_bodies')).toBe(before);

      const events = await count('audit_events');
      const added = await app.inject({ method: 'POST', url: '/api/v1/governing-bodies', payload, headers: secretariat });
      expect(added.statusCode, added.body).toBe(201);
      expect(added.headers.location).toBe('/api/v1/governing-bodies/euregio-maas-rijn-raad');
      expect(added.json()).toMatchObject({ key: payload.key, active: true, version: 1 });
      expect(await count('audit_events')).toBe(events + 1);
      const taken = await app.inject({ method: 'POST', url: '/api/v1/governing-bodies', payload, headers: secretariat });
      expect(taken.statusCode).toBe(409);
      expect(taken.json().code).toBe('governing_body_exists');

      const url = `/api/v1/governing-bodies/${payload.key}`;
      const change = { governments: ['nl', 'be', 'vl', 'de-nw'], active: false };
      expect((await app.inject({ method: 'PATCH', url, payload: change, headers: secretariat })).statusCode).toBe(428);
      expect(
        (await app.inject({ method: 'PATCH', url, payload: change, headers: { ...secretariat, 'if-match': '"9"' } })).statusCode,
      ).toBe(412);
      expect(
        (await app.inject({ method: 'PATCH', url, payload: change, headers: { ...decisionMaker, 'if-match': '"1"' } }))
          .statusCode,
      ).toBe(403);
      const unknown = await app.inject({
        method: 'PATCH',
        url: '/api/v1/governing-bodies/nergens',
        payload: change,
        headers: { ...secretariat, 'if-match': '"1"' },
      });
      expect(unknown.statusCode).toBe(404);
      const changed = await app.inject({ method: 'PATCH', url, payload: change, headers: { ...secretariat, 'if-match': '"1"' } });
      expect(changed.statusCode, changed.body).toBe(200);
      expect(changed.headers.etag).toBe('"2"');
      expect(changed.json()).toMatchObject({ governments: change.governments, active: false, version: 2 });
      const active = await app.inject({ url: '/api/v1/governing-bodies?active=true' });
      expect(active.json().items.map((b: { key: string }) => b.key)).not.toContain(payload.key);
      const event = await getDb()
        .db.selectFrom('audit_events')
        .selectAll()
        .where('entity_type', '=', 'governing_body')
        .where('entity_id', '=', payload.key)
        .orderBy('seq', 'desc')
        .executeTakeFirstOrThrow();
      expect(event.action).toBe('governing_body.update');
      expect(JSON.parse(event.changes).fields.active).toEqual({ before: true, after: false });
    });
  });

  describe('meetings and agendas', () => {
    it('are not public; planned and changed by the secretariat; read by signed-in users', async () => {
      expect((await app.inject({ url: '/api/v1/meetings' })).statusCode).toBe(401);
      const before = await count('meetings');
      const invalid = await app.inject({
        method: 'POST',
        url: '/api/v1/meetings',
        payload: { body: 'nergens', date: '2026-12-10' },
        headers: secretariat,
      });
      expect(invalid.statusCode).toBe(400);
      expect(invalid.json().invalidParams).toEqual([expect.objectContaining({ name: 'body', code: 'unknown_key' })]);
      const badDate = await app.inject({
        method: 'POST',
        url: '/api/v1/meetings',
        payload: { body: 'nl-nrw', date: '10-12-2026', language: 'es' },
        headers: secretariat,
      });
      expect(
        badDate
          .json()
          .invalidParams.map((p: { name: string }) => p.name)
          .sort(),
      ).toEqual(['date', 'language']);
      const refused = await app.inject({
        method: 'POST',
        url: '/api/v1/meetings',
        payload: { body: 'nl-nrw', date: '2026-12-10' },
        headers: decisionMaker,
      });
      expect(refused.statusCode).toBe(403);
      expect(await count('meetings')).toBe(before);

      const { id } = await meeting('nl-nrw', { language: 'de', date: '2027-01-20' });
      const read = await app.inject({ url: `/api/v1/meetings/${id}`, headers: { ...observer, 'accept-language': 'en' } });
      expect(read.statusCode).toBe(200);
      expect(read.json()).toMatchObject({
        body: { key: 'nl-nrw', name: { value: 'Netherlands–North Rhine-Westphalia consultation' } },
        language: 'de',
        status: 'planned',
        agenda: [],
        abilities: [],
      });
      expect((await app.inject({ url: `/api/v1/meetings/${id}` })).statusCode).toBe(401);
      const missing = await app.inject({ url: '/api/v1/meetings/nergens', headers: partner });
      expect(missing.statusCode).toBe(404);
      expect(missing.json().code).toBe('meeting_not_found');

      const held = await app.inject({
        method: 'PATCH',
        url: `/api/v1/meetings/${id}`,
        payload: { status: 'held', place: 'Düsseldorf' },
        headers: { ...secretariat, 'if-match': '"1"' },
      });
      expect(held.statusCode, held.body).toBe(200);
      expect(held.json()).toMatchObject({
        status: 'held',
        place: 'Düsseldorf',
        version: 2,
        abilities: expect.arrayContaining(['set_agenda']),
      });
      const stale = await app.inject({
        method: 'PATCH',
        url: `/api/v1/meetings/${id}`,
        payload: { status: 'planned' },
        headers: { ...secretariat, 'if-match': '"1"' },
      });
      expect(stale.statusCode).toBe(412);

      const list = await app.inject({ url: '/api/v1/meetings?body=nl-nrw&from=2027-01-01&to=2027-01-31', headers: partner });
      expect(list.json().items.map((m: { id: string }) => m.id)).toEqual([id]);
      const none = await app.inject({ url: '/api/v1/meetings?body=nl-nrw&status=planned&from=2027-01-01', headers: partner });
      expect(none.json().items).toEqual([]);
    });

    it('names the wrong field of a change and answers 404 for an unknown meeting or body, changing nothing', async () => {
      const { id } = await meeting();
      const events = await count('audit_events');
      const badMeeting = await app.inject({
        method: 'PATCH',
        url: `/api/v1/meetings/${id}`,
        payload: { status: 'cancelled', body: 'nl-nrw' },
        headers: { ...secretariat, 'if-match': '"1"' },
      });
      expect(badMeeting.statusCode).toBe(400);
      expect(
        badMeeting
          .json()
          .invalidParams.map((p: { name: string; code: string }) => `${p.name}:${p.code}`)
          .sort(),
      ).toEqual(['body:unknown_field', 'status:invalid_value']);
      const badBody = await app.inject({
        method: 'PATCH',
        url: '/api/v1/governing-bodies/nl-nds',
        payload: { governments: ['nl', 'atlantis'] },
        headers: { ...secretariat, 'if-match': '"1"' },
      });
      expect(badBody.statusCode).toBe(400);
      expect(badBody.json().invalidParams).toEqual([expect.objectContaining({ name: 'governments.1', code: 'unknown_key' })]);
      const badFilter = await app.inject({ url: '/api/v1/governing-bodies?active=maybe' });
      expect(badFilter.statusCode).toBe(400);
      expect(badFilter.json().invalidParams).toEqual([expect.objectContaining({ name: 'active' })]);
      for (const request of [
        { method: 'PATCH' as const, url: '/api/v1/meetings/nergens', payload: { place: 'Gent' } },
        { method: 'PUT' as const, url: '/api/v1/meetings/nergens/agenda', payload: { items: [] } },
      ]) {
        const missing = await app.inject({ ...request, headers: { ...secretariat, 'if-match': '"1"' } });
        expect(missing.statusCode).toBe(404);
        expect(missing.json().code).toBe('meeting_not_found');
      }
      const noDocument = await app.inject({ url: '/api/v1/meetings/nergens/decisions.docx', headers: partner });
      expect(noDocument.statusCode).toBe(404);
      expect(await count('audit_events')).toBe(events);
      const read = await app.inject({ url: `/api/v1/meetings/${id}`, headers: secretariat });
      expect(read.json()).toMatchObject({ version: 1, body: { key: 'grensoverleg-vl-nl' } });
    });

    it('pages meetings with a cursor, newest first', async () => {
      for (const date of ['2030-03-01', '2030-02-01', '2030-01-01']) await meeting('nl-nds', { date });
      const first = await app.inject({ url: '/api/v1/meetings?body=nl-nds&from=2030-01-01&limit=2', headers: observer });
      expect(first.json().items.map((m: { date: string }) => m.date)).toEqual(['2030-03-01', '2030-02-01']);
      const second = await app.inject({
        url: `/api/v1/meetings?body=nl-nds&from=2030-01-01&limit=2&cursor=${first.json().nextCursor}`,
        headers: observer,
      });
      expect(second.json()).toMatchObject({ items: [{ date: '2030-01-01' }], nextCursor: null });
      const bad = await app.inject({ url: '/api/v1/meetings?cursor=abc', headers: observer });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().code).toBe('invalid_cursor');
    });

    it('sets an ordered agenda (If-Match, named errors, audited) and hides items a reader may not read', async () => {
      const { id } = await meeting();
      const a = await obstacleIn('routed');
      const b = await obstacleIn('routed', { visibility: 'internal' });
      const url = `/api/v1/meetings/${id}/agenda`;
      const items = [{ obstacle: b.reference, note: 'Vertrouwelijk' }, { obstacle: a.id }];
      expect((await app.inject({ method: 'PUT', url, payload: { items } })).statusCode).toBe(401);
      expect((await app.inject({ method: 'PUT', url, payload: { items }, headers: secretariat })).statusCode).toBe(428);
      expect(
        (await app.inject({ method: 'PUT', url, payload: { items }, headers: { ...decisionMaker, 'if-match': '"1"' } }))
          .statusCode,
      ).toBe(403);
      const wrong = await app.inject({
        method: 'PUT',
        url,
        payload: { items: [{ obstacle: a.id }, { obstacle: 'GB-1999-0001' }, { obstacle: a.reference }] },
        headers: { ...secretariat, 'if-match': '"1"' },
      });
      expect(wrong.statusCode).toBe(400);
      expect(wrong.json().invalidParams.map((p: { name: string; code: string }) => `${p.name}:${p.code}`)).toEqual([
        'items.1.obstacle:unknown_key',
        'items.2.obstacle:duplicate',
      ]);
      const events = await count('audit_events');
      const set = await app.inject({ method: 'PUT', url, payload: { items }, headers: { ...secretariat, 'if-match': '"1"' } });
      expect(set.statusCode, set.body).toBe(200);
      expect(set.headers.etag).toBe('"2"');
      expect(
        set
          .json()
          .agenda.map((i: { position: number; obstacle: { id: string }; note: string | null }) => [
            i.position,
            i.obstacle.id,
            i.note,
          ]),
      ).toEqual([
        [1, b.id, 'Vertrouwelijk'],
        [2, a.id, null],
      ]);
      expect(await count('audit_events')).toBe(events + 1);
      expect(
        (await app.inject({ method: 'PUT', url, payload: { items }, headers: { ...secretariat, 'if-match': '"1"' } })).statusCode,
      ).toBe(412);
      const seenByPartner = await app.inject({ url: `/api/v1/meetings/${id}`, headers: partner });
      expect(seenByPartner.json().agenda.map((i: { obstacle: { id: string } }) => i.obstacle.id)).toEqual([a.id]);
      expect(seenByPartner.body).not.toContain('Vertrouwelijk');
    });

    it('proposes the obstacles waiting for the body and its cold cases, changing nothing', async () => {
      const { id } = await meeting('nl-nds', { date: '2031-05-01' });
      const waiting = await obstacleIn('routed', { segment: 'nl-ni' });
      const elsewhere = await obstacleIn('routed', { segment: 'nl-nw' });
      const cold = await obstacleIn('monitoring_list', { segment: 'nl-ni' });
      const warm = await obstacleIn('monitoring_list', { segment: 'nl-ni' });
      // Dates relative to the meeting (2031-05-01): cold before 2030-11-01.
      await getDb()
        .db.updateTable('obstacles')
        .set({ updated_at: '2031-04-01T10:00:00.000Z' })
        .where('id', '=', waiting.id)
        .execute();
      await getDb()
        .db.updateTable('obstacles')
        .set({ updated_at: '2030-06-01T10:00:00.000Z' })
        .where('id', '=', cold.id)
        .execute();
      await getDb()
        .db.updateTable('obstacles')
        .set({ updated_at: '2031-02-01T10:00:00.000Z' })
        .where('id', '=', warm.id)
        .execute();
      const url = `/api/v1/meetings/${id}/agenda-proposal`;
      expect((await app.inject({ url })).statusCode).toBe(401);
      expect((await app.inject({ url, headers: decisionMaker })).statusCode).toBe(403);
      expect((await app.inject({ url: '/api/v1/meetings/nergens/agenda-proposal', headers: secretariat })).statusCode).toBe(404);
      const proposal = await app.inject({ url, headers: secretariat });
      expect(proposal.statusCode, proposal.body).toBe(200);
      const proposed = proposal.json().items.map((i: { obstacle: { id: string }; reason: string }) => [i.obstacle.id, i.reason]);
      expect(proposed).toContainEqual([waiting.id, 'awaiting_decision']);
      expect(proposed).toContainEqual([cold.id, 'cold_case']);
      const ids = proposed.map(([obstacle]: [string]) => obstacle);
      expect(ids).not.toContain(elsewhere.id);
      expect(ids).not.toContain(warm.id);
      // Routed ones first, the cold monitoring case after them.
      expect(ids.indexOf(waiting.id)).toBeLessThan(ids.indexOf(cold.id));
      expect(proposal.json().coldCaseMonths).toBe(6);
      const read = await app.inject({ url: `/api/v1/meetings/${id}`, headers: secretariat });
      expect(read.json()).toMatchObject({ version: 1, agenda: [] });
    });
  });

  describe('decisions', () => {
    it('refuses the public, roles that do not decide, bad fields, unknown obstacles and stale versions, writing nothing', async () => {
      const obstacle = await obstacleIn('routed');
      const hidden = await obstacleIn('routed', { visibility: 'internal' });
      const other = await meeting('nl-nrw');
      const body = { ...DECISION, obstacle: obstacle.id };
      const before = [await count('decisions'), await count('audit_events')];
      expect((await decide(body, {})).statusCode).toBe(401);
      for (const caller of [partner, observer]) expect((await decide(body, caller)).statusCode).toBe(403);
      const noReasons = await decide({ ...body, type: 'not_to_be_solved' }, { ...secretariat, 'accept-language': 'en' });
      expect(noReasons.statusCode).toBe(400);
      expect(noReasons.json().invalidParams).toEqual([{ name: 'reasons', code: 'required', reason: 'This field is required.' }]);
      const deferredNoReasons = await decide({ ...body, type: 'deferred', reasons: { nl: '   ' } });
      expect(deferredNoReasons.json().invalidParams).toEqual(
        expect.arrayContaining([expect.objectContaining({ name: 'reasons' })]),
      );
      const wrongMeeting = await decide({ ...body, meeting: other.id });
      expect(wrongMeeting.statusCode).toBe(400);
      expect(wrongMeeting.json().invalidParams).toEqual([expect.objectContaining({ name: 'meeting', code: 'other_body' })]);
      const badKeys = await decide({ ...body, body: 'nergens', departments: ['nl-li'] });
      expect(
        badKeys
          .json()
          .invalidParams.map((p: { name: string }) => p.name)
          .sort(),
      ).toEqual(['body', 'departments.0']);
      const badType = await decide({ ...body, type: 'magic' });
      expect(badType.json().invalidParams).toEqual([expect.objectContaining({ name: 'type', code: 'invalid_value' })]);
      const unknown = await decide({ ...body, obstacle: 'GB-1999-0001' });
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json().code).toBe('obstacle_not_found');
      expect((await decide({ ...body, obstacle: hidden.id }, decisionMaker)).statusCode).toBe(404);
      expect((await decide(body, secretariat, null)).statusCode).toBe(428);
      expect((await decide(body, secretariat, '"7"')).statusCode).toBe(412);
      expect([await count('decisions'), await count('audit_events')]).toEqual(before);
      const read = await app.inject({ url: `/api/v1/obstacles/${obstacle.id}`, headers: secretariat });
      expect(read.json()).toMatchObject({ status: 'routed', version: 1 });
    });

    it('refuses a decision on an obstacle that is not routed (409 transition_not_allowed) and writes nothing', async () => {
      for (const status of ['selected', 'in_progress', 'monitoring_list'] as const) {
        const obstacle = await obstacleIn(status);
        const before = [await count('decisions'), await count('audit_events')];
        const refused = await decide({ ...DECISION, obstacle: obstacle.id }, { ...secretariat, 'accept-language': 'nl' }, '"1"');
        expect(refused.statusCode, refused.body).toBe(409);
        expect(refused.json().code).toBe('transition_not_allowed');
        expect([await count('decisions'), await count('audit_events')]).toEqual(before);
        const read = await app.inject({ url: `/api/v1/obstacles/${obstacle.id}`, headers: secretariat });
        expect(read.json()).toMatchObject({ status, version: 1 });
      }
    });

    it('records each type: a decision to act starts the work, not to solve makes it unsolvable, deferred leaves it routed', async () => {
      const cases = [
        ['legislative_change', 'in_progress', ['decide', 'start_work'], decisionMaker],
        ['not_to_be_solved', 'unsolvable', ['decide', 'decide_not_to_solve'], secretariat],
        ['deferred', 'routed', [], decisionMaker],
      ] as const;
      for (const [type, status, moves, caller] of cases) {
        const obstacle = await obstacleIn('routed');
        const events = await count('audit_events');
        const response = await decide(
          {
            ...DECISION,
            type,
            obstacle: obstacle.reference,
            reasons: { nl: 'Het verdrag laat geen ruimte.' },
            decidedOn: '2026-12-11',
          },
          { ...caller, 'accept-language': 'fr' },
          '"1"',
        );
        expect(response.statusCode, response.body).toBe(201);
        const decision = response.json();
        expect(response.headers.location).toBe(`/api/v1/decisions/${decision.id}`);
        expect(decision).toMatchObject({
          type,
          decidedOn: '2026-12-11',
          meeting: null,
          body: { key: 'grensoverleg-vl-nl', name: { value: 'Concertation frontalière Flandre–Pays-Bas' } },
          obstacle: { id: obstacle.id, status },
          resolved: { language: 'fr', text: { language: 'nl', fallback: true } },
          politicalOwners: DECISION.politicalOwners,
          departments: DECISION.departments,
          dueOn: '2027-06-30',
          version: 1,
          abilities: ['edit'],
        });
        expect(decision.typeLabel).toBe(
          { legislative_change: 'Modification législative', not_to_be_solved: 'Ne pas résoudre', deferred: 'Reporté' }[type],
        );
        const read = (await app.inject({ url: `/api/v1/obstacles/${obstacle.id}`, headers: secretariat })).json();
        expect(read).toMatchObject({ status, version: 1 + Math.max(moves.length, 1) });
        if (type === 'not_to_be_solved') expect(read.statusReason).toBe('Het verdrag laat geen ruimte.');
        const history = (await app.inject({ url: `/api/v1/obstacles/${obstacle.id}/history`, headers: secretariat })).json()
          .items;
        expect(
          history.filter((e: { transition: string | null }) => e.transition).map((e: { transition: string }) => e.transition),
        ).toEqual(moves);
        // One event per move (for a deferral, one naming the decision) and one for the decision, all in
        // the same transaction: every version of the obstacle has its event in the history.
        expect(await count('audit_events')).toBe(events + Math.max(moves.length, 1) + 1);
        expect(history.filter((e: { decision?: string }) => e.decision === decision.id)).toHaveLength(Math.max(moves.length, 1));
      }
    });

    it('takes an obstacle from reported to in_progress by a decision in a meeting', async () => {
      const reported = await app.inject({ method: 'POST', url: '/api/v1/obstacles', payload: REPORT });
      expect(reported.statusCode).toBe(201);
      const { id } = reported.json();
      const move = (to: string) =>
        app.inject({
          method: 'POST',
          url: `/api/v1/obstacles/${id}/transitions`,
          payload: { to },
          headers: { ...secretariat, 'if-match': '*' },
        });
      expect((await move('intake')).statusCode).toBe(200);
      expect((await move('analysis')).statusCode).toBe(200);
      const analysed = await app.inject({
        method: 'PATCH',
        url: `/api/v1/obstacles/${id}`,
        payload: { analysis: ANALYSIS, provisions: [{ side: 'NL', citation: 'Wet IB 2001, art. 2.1', level: 'national' }] },
        headers: { ...secretariat, 'if-match': '*' },
      });
      expect(analysed.statusCode, analysed.body).toBe(200);
      expect((await move('proposed')).statusCode).toBe(200);
      const selected = await move('selected');
      expect(selected.json().status).toBe('selected');
      // selected → routed is made by the routing module (`madeBy: 'routing'`), which another branch
      // builds in parallel; until it lands, this test puts the obstacle in `routed` through the
      // repository, as that module's use case will.
      const persistence = createPersistence(getDb(), { searchWorkers: 0 });
      try {
        await persistence.transaction(async ({ obstacles }) => {
          const current = await obstacles.findById(id);
          if (!current) throw new Error('the obstacle is gone');
          const ok = await obstacles.update(
            { ...current, status: 'routed', version: current.version + 1, updatedAt: new Date() },
            current.version,
            undefined,
          );
          expect(ok).toBe(true);
        });
      } finally {
        await persistence.close();
      }
      const routed = await app.inject({ url: `/api/v1/obstacles/${id}`, headers: secretariat });
      expect(routed.json().status).toBe('routed');

      const { id: meetingId } = await meeting();
      const agenda = await app.inject({
        method: 'PUT',
        url: `/api/v1/meetings/${meetingId}/agenda`,
        payload: { items: [{ obstacle: id }] },
        headers: { ...secretariat, 'if-match': '"1"' },
      });
      expect(agenda.statusCode).toBe(200);
      const recorded = await decide(
        { ...DECISION, obstacle: id, meeting: meetingId },
        decisionMaker,
        routed.headers.etag ?? null,
      );
      expect(recorded.statusCode, recorded.body).toBe(201);
      expect(recorded.json()).toMatchObject({ meeting: meetingId, decidedOn: '2026-12-10', obstacle: { status: 'in_progress' } });
      const after = await app.inject({ url: `/api/v1/obstacles/${id}`, headers: secretariat });
      expect(after.json().status).toBe('in_progress');
      const history = (await app.inject({ url: `/api/v1/obstacles/${id}/history`, headers: secretariat })).json().items;
      expect(history.map((e: { to: string | null }) => e.to).filter(Boolean)).toEqual([
        'reported',
        'intake',
        'analysis',
        'proposed',
        'selected',
        'decided',
        'in_progress',
      ]);
      const ofMeeting = await app.inject({ url: `/api/v1/decisions?meeting=${meetingId}`, headers: observer });
      expect(ofMeeting.json().items.map((d: { obstacle: { id: string } }) => d.obstacle.id)).toEqual([id]);
    });

    it('lets exactly one of two parallel decisions on the same version win', async () => {
      for (let round = 0; round < 3; round++) {
        const obstacle = await obstacleIn('routed');
        const [a, b] = await Promise.all([
          decide({ ...DECISION, obstacle: obstacle.id }, secretariat, '"1"'),
          decide({ ...DECISION, obstacle: obstacle.id, type: 'deferred', reasons: { nl: 'Later' } }, decisionMaker, '"1"'),
        ]);
        const codes = [a.statusCode, b.statusCode].sort();
        expect(codes[0]).toBe(201);
        expect([409, 412]).toContain(codes[1]);
        const stored = await app.inject({ url: `/api/v1/decisions?obstacle=${obstacle.id}`, headers: secretariat });
        expect(stored.json().items).toHaveLength(1);
      }
    });

    it('is a public register for public obstacles only; filters, pages and corrections', async () => {
      const open = await obstacleIn('routed', { visibility: 'public' });
      const closed = await obstacleIn('routed', { visibility: 'partners' });
      const made = [];
      for (const [obstacle, type, decidedOn] of [
        [open, 'information_measure', '2032-03-01'],
        [closed, 'derogation', '2032-03-02'],
      ] as const) {
        const response = await decide({
          ...DECISION,
          obstacle: obstacle.id,
          type,
          decidedOn,
          dueOn: '2032-09-30',
          body: 'vlaams-nederlandse-top',
        });
        expect(response.statusCode, response.body).toBe(201);
        made.push(response.json().id);
      }
      const [publicId, partnersId] = made as [string, string];
      const range = 'from=2032-03-01&to=2032-03-31';
      const anonymous = await app.inject({ url: `/api/v1/decisions?${range}` });
      expect(anonymous.json().items.map((d: { id: string }) => d.id)).toEqual([publicId]);
      expect(anonymous.json().items[0].abilities).toEqual([]);
      expect((await app.inject({ url: `/api/v1/decisions/${publicId}` })).statusCode).toBe(200);
      const hidden = await app.inject({ url: `/api/v1/decisions/${partnersId}` });
      expect(hidden.statusCode).toBe(404);
      expect(hidden.json().code).toBe('decision_not_found');
      const forPartner = await app.inject({ url: `/api/v1/decisions?${range}`, headers: partner });
      expect(forPartner.json().items.map((d: { id: string }) => d.id)).toEqual([partnersId, publicId]);
      const byType = await app.inject({ url: `/api/v1/decisions?${range}&type=derogation,deferred`, headers: partner });
      expect(byType.json().items.map((d: { id: string }) => d.id)).toEqual([partnersId]);
      const byBody = await app.inject({ url: `/api/v1/decisions?${range}&body=nl-nrw`, headers: partner });
      expect(byBody.json().items).toEqual([]);
      const page1 = await app.inject({ url: `/api/v1/decisions?${range}&limit=1`, headers: partner });
      const page2 = await app.inject({
        url: `/api/v1/decisions?${range}&limit=1&cursor=${page1.json().nextCursor}`,
        headers: partner,
      });
      expect(page2.json()).toMatchObject({ items: [{ id: publicId }], nextCursor: null });
      expect((await app.inject({ url: '/api/v1/decisions?type=magic' })).statusCode).toBe(400);

      const url = `/api/v1/decisions/${partnersId}`;
      const correction = { conditions: { nl: 'Na advies van de Raad van State.' }, dueOn: '2032-12-31' };
      expect((await app.inject({ method: 'PATCH', url, payload: correction })).statusCode).toBe(401);
      expect(
        (await app.inject({ method: 'PATCH', url, payload: correction, headers: { ...partner, 'if-match': '"1"' } })).statusCode,
      ).toBe(403);
      expect((await app.inject({ method: 'PATCH', url, payload: correction, headers: secretariat })).statusCode).toBe(428);
      const invalid = await app.inject({
        method: 'PATCH',
        url,
        payload: { departments: ['atlantis'] },
        headers: { ...secretariat, 'if-match': '"1"' },
      });
      expect(invalid.json().invalidParams).toEqual([expect.objectContaining({ name: 'departments.0', code: 'unknown_key' })]);
      const missing = await app.inject({
        method: 'PATCH',
        url: '/api/v1/decisions/nergens',
        payload: correction,
        headers: { ...secretariat, 'if-match': '"1"' },
      });
      expect(missing.statusCode).toBe(404);
      const corrected = await app.inject({
        method: 'PATCH',
        url,
        payload: correction,
        headers: { ...decisionMaker, 'if-match': '"1"' },
      });
      expect(corrected.statusCode, corrected.body).toBe(200);
      expect(corrected.json()).toMatchObject({ version: 2, dueOn: '2032-12-31', conditions: correction.conditions });
      expect(
        (await app.inject({ method: 'PATCH', url, payload: correction, headers: { ...secretariat, 'if-match': '"1"' } }))
          .statusCode,
      ).toBe(412);
    });
  });

  describe('meeting documents (.docx)', () => {
    async function documentXml(body: Buffer): Promise<string> {
      const zip = await JSZip.loadAsync(body);
      const file = zip.file('word/document.xml');
      if (!file) throw new Error('no word/document.xml in the file');
      return file.async('string');
    }

    it('writes the agenda and the decisions in the meeting’s language, with fallback titles', async () => {
      const { id } = await meeting('nl-nrw', { language: 'de', date: '2027-02-15', place: 'Düsseldorf' });
      const german = await obstacleIn('routed', {
        segment: 'nl-nw',
        title: { nl: 'Pendlerpensioen', de: 'Rente für Grenzpendler' },
      });
      const dutchOnly = await obstacleIn('routed', { segment: 'nl-nw', title: { nl: 'Zorgverzekering over de grens' } });
      await app.inject({
        method: 'PUT',
        url: `/api/v1/meetings/${id}/agenda`,
        payload: { items: [{ obstacle: german.id, note: 'Bitte vorbereiten' }, { obstacle: dutchOnly.id }] },
        headers: { ...secretariat, 'if-match': '"1"' },
      });
      const url = `/api/v1/meetings/${id}/agenda.docx`;
      expect((await app.inject({ url })).statusCode).toBe(401);
      expect((await app.inject({ url: '/api/v1/meetings/nergens/agenda.docx', headers: observer })).statusCode).toBe(404);
      const agenda = await app.inject({ url, headers: { ...observer, 'accept-language': 'en' } });
      expect(agenda.statusCode).toBe(200);
      expect(agenda.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
      expect(agenda.headers['content-disposition']).toBe('attachment; filename="agenda-nl-nrw-2027-02-15.docx"');
      const xml = await documentXml(agenda.rawPayload);
      for (const text of [
        'Tagesordnung',
        'Konsultation Niederlande–Nordrhein-Westfalen',
        '15. Februar 2027',
        'Düsseldorf',
        german.reference,
        'Rente für Grenzpendler',
        'Zorgverzekering over de grens',
        'Weitergeleitet',
        'Bitte vorbereiten',
      ]) {
        expect(xml).toContain(text);
      }
      expect(xml).not.toContain('Pendlerpensioen');
      expect(xml).not.toContain('Agenda');

      const recorded = await decide({
        ...DECISION,
        body: 'nl-nrw',
        meeting: id,
        obstacle: german.id,
        politicalOwners: [{ government: 'de-nw', name: 'Ministerin für Europa' }],
        departments: ['de-nw-mbeim'],
      });
      expect(recorded.statusCode, recorded.body).toBe(201);
      const decisions = await app.inject({ url: `/api/v1/meetings/${id}/decisions.docx`, headers: partner });
      expect(decisions.statusCode).toBe(200);
      expect(decisions.headers['content-disposition']).toBe('attachment; filename="decisions-nl-nrw-2027-02-15.docx"');
      const decisionsXml = await documentXml(decisions.rawPayload);
      for (const text of [
        'Beschlussliste',
        'Verwaltungsänderung',
        'Die Steuerverwaltungen stimmen ihre Formulare ab.',
        'Nordrhein-Westfalen: Ministerin für Europa',
        'Ministerium für Bundes- und Europaangelegenheiten',
        '30. Juni 2027',
      ]) {
        expect(decisionsXml).toContain(text);
      }
      expect((await app.inject({ url: `/api/v1/meetings/${id}/decisions.docx` })).statusCode).toBe(401);
    });
  });
});
