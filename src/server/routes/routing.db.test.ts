/**
 * Routing a selected obstacle to departments through the HTTP API on both databases: 401 → 400 →
 * 403 → 404 → 409 → 412 → 428 → success, the rows and the audit event, parallel routings (one
 * wins), what departments read afterwards (one obstacle and lists), and the end of a routing when
 * the obstacle goes back to analysis.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { bearer } from '../../../test-support/access.js';
import { describeEachDialect } from '../../../test-support/databases.js';
import { verifyAuditTrail } from '../../db/audit-verify.js';
import { buildApp } from '../build-app.js';

const REPORT = {
  title: { nl: 'Routeringsproef' },
  summary: { nl: 'Naar de departementen.' },
  sourceLanguage: 'nl',
  segment: 'nl-vl',
  themes: ['taxation'],
  type: 'legal',
  visibility: 'internal',
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

const ROUTING = {
  departments: [
    { organisation: 'nl-szw', role: 'lead' },
    { organisation: 'nl-fin', role: 'involved' },
  ],
};

describeEachDialect('routing API', (getDb) => {
  let app: FastifyInstance;
  let secretariat: Record<string, string>;
  let szw: Record<string, string>;
  let bzk: Record<string, string>;
  let partner: Record<string, string>;

  beforeAll(async () => {
    app = await buildApp({ database: getDb(), searchWorkers: 0 });
    secretariat = await bearer(getDb(), 'secretariat');
    szw = await bearer(getDb(), 'department', 'nl-szw');
    bzk = await bearer(getDb(), 'department', 'nl-bzk');
    partner = await bearer(getDb(), 'partner');
  });
  afterAll(async () => {
    await app.close();
  });

  async function move(id: string, body: object): Promise<void> {
    const response = await app.inject({
      method: 'POST',
      url: `/api/v1/obstacles/${id}/transitions`,
      payload: body,
      headers: { ...secretariat, 'if-match': '*' },
    });
    expect(response.statusCode, response.body).toBe(200);
  }

  /** A new obstacle, moved to `selected` (internal unless said otherwise). */
  async function selected(extra: object = {}): Promise<{ id: string; reference: string; version: number }> {
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/obstacles',
      payload: { ...REPORT, ...extra },
      headers: secretariat,
    });
    expect(created.statusCode, created.body).toBe(201);
    const { id, reference } = created.json();
    await move(id, { to: 'intake' });
    await move(id, { to: 'analysis' });
    const patched = await app.inject({
      method: 'PATCH',
      url: `/api/v1/obstacles/${id}`,
      payload: { analysis: ANALYSIS, provisions: [{ side: 'NL', citation: 'Wet IB 2001, art. 2.1', level: 'national' }] },
      headers: { ...secretariat, 'if-match': '*' },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    await move(id, { to: 'proposed' });
    await move(id, { to: 'selected' });
    const read = await app.inject({ url: `/api/v1/obstacles/${id}`, headers: secretariat });
    return { id, reference, version: read.json().version };
  }

  function route(id: string, body: object, headers: Record<string, string> = secretariat, version: string | null = '*') {
    return app.inject({
      method: 'POST',
      url: `/api/v1/obstacles/${id}/routing`,
      payload: body,
      headers: { ...headers, ...(version === null ? {} : { 'if-match': version }) },
    });
  }

  async function auditCount(): Promise<number> {
    const row = await getDb()
      .db.selectFrom('audit_events')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async function routingRows(id: string) {
    return getDb()
      .db.selectFrom('obstacle_routings')
      .selectAll()
      .where('obstacle_id', '=', id)
      .orderBy('organisation_key')
      .execute();
  }

  it('refuses the public (401), invalid input (400 naming the field), other roles (403), unknown obstacles (404), and changes nothing', async () => {
    const { id, version } = await selected();
    const others = [szw, partner, await bearer(getDb(), 'admin'), await bearer(getDb(), 'decision_maker')];
    const before = await auditCount();
    expect((await route(id, ROUTING, {})).statusCode).toBe(401);

    const empty = await route(id, { departments: [] });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().invalidParams).toEqual([expect.objectContaining({ name: 'departments' })]);
    const badRole = await route(id, { departments: [{ organisation: 'nl-szw', role: 'boss' }] });
    expect(badRole.json().invalidParams).toEqual([
      expect.objectContaining({ name: 'departments.0.role', code: 'invalid_value' }),
    ]);

    const notDepartments = await route(
      id,
      {
        departments: [
          { organisation: 'nl-szw', role: 'involved' },
          { organisation: 'nl-li', role: 'involved' },
          { organisation: 'nowhere', role: 'involved' },
          { organisation: 'nl-szw', role: 'involved' },
        ],
      },
      { ...secretariat, 'accept-language': 'fr' },
    );
    expect(notDepartments.statusCode).toBe(400);
    expect(notDepartments.json().invalidParams).toEqual([
      expect.objectContaining({ name: 'departments.1.organisation', code: 'unknown_key' }),
      expect.objectContaining({ name: 'departments.2.organisation', code: 'unknown_key' }),
      expect.objectContaining({ name: 'departments.3.organisation', code: 'duplicate' }),
      expect.objectContaining({
        name: 'departments',
        code: 'lead_required',
        reason: expect.stringContaining('au moins un département'),
      }),
    ]);

    for (const caller of others) {
      const forbidden = await route(id, ROUTING, caller);
      // Internal: a partner or department not routed to it does not learn that it exists.
      expect([403, 404]).toContain(forbidden.statusCode);
    }
    expect((await route(id, ROUTING, szw)).statusCode).toBe(404);
    const publicOne = await selected({ visibility: 'partners' });
    expect((await route(publicOne.id, ROUTING, szw)).statusCode).toBe(403);
    expect((await route(publicOne.id, ROUTING, partner)).statusCode).toBe(403);
    expect((await route('GB-2020-9999', ROUTING)).statusCode).toBe(404);
    expect((await route(id, ROUTING, secretariat, null)).statusCode).toBe(428);
    expect((await route(id, ROUTING, secretariat, `"${version - 1}"`)).statusCode).toBe(412);

    const read = await app.inject({ url: `/api/v1/obstacles/${id}`, headers: secretariat });
    expect(read.json()).toMatchObject({ status: 'selected', version });
    expect(await routingRows(id)).toEqual([]);
    // Only the second obstacle's own moves were written meanwhile.
    expect(await auditCount()).toBe(before + 6);
  });

  it('refuses to route what is not selected (409 with the allowed statuses)', async () => {
    const created = await app.inject({ method: 'POST', url: '/api/v1/obstacles', payload: REPORT, headers: secretariat });
    const notSelected = await route(created.json().id, ROUTING);
    expect(notSelected.statusCode).toBe(409);
    expect(notSelected.json()).toMatchObject({ code: 'transition_not_allowed', allowed: ['intake', 'withdrawn'] });
    // Nor through the bare move: routing is made by this endpoint only.
    const { id } = await selected();
    const bare = await app.inject({
      method: 'POST',
      url: `/api/v1/obstacles/${id}/transitions`,
      payload: { to: 'routed' },
      headers: { ...secretariat, 'if-match': '*' },
    });
    expect(bare.statusCode).toBe(409);
  });

  it('routes: the move, the rows and one audit event in one transaction; the departments read it, others do not', async () => {
    const { id, reference, version } = await selected();
    const before = await auditCount();
    const routed = await route(id, { ...ROUTING, reason: 'Fiscaal en sociaal.' }, secretariat, `"${version}"`);
    expect(routed.statusCode, routed.body).toBe(200);
    expect(routed.headers.etag).toBe(`"${version + 1}"`);
    expect(routed.json()).toMatchObject({
      obstacle: { id, reference, status: 'routed', version: version + 1 },
      items: [
        { organisation: 'nl-szw', role: 'lead', endedAt: null },
        { organisation: 'nl-fin', role: 'involved', endedAt: null },
      ],
    });
    expect(await auditCount()).toBe(before + 1);
    const history = (await app.inject({ url: `/api/v1/obstacles/${id}/history`, headers: secretariat })).json().items;
    expect(history.at(-1)).toMatchObject({ action: 'obstacle.transition', transition: 'route', from: 'selected', to: 'routed' });
    const event = await getDb()
      .db.selectFrom('audit_events')
      .select('changes')
      .where('entity_id', '=', id)
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(event.changes)).toMatchObject({
      transition: 'route',
      reason: 'Fiscaal en sociaal.',
      routing: [
        { organisation: 'nl-szw', role: 'lead' },
        { organisation: 'nl-fin', role: 'involved' },
      ],
    });

    // The lead department reads the internal obstacle, its routing and its history; a department it is not routed to does not (IDOR).
    expect((await app.inject({ url: `/api/v1/obstacles/${id}`, headers: szw })).statusCode).toBe(200);
    expect((await app.inject({ url: `/api/v1/obstacles/${id}/routing`, headers: szw })).json().items).toHaveLength(2);
    expect((await app.inject({ url: `/api/v1/obstacles/${id}/history`, headers: szw })).statusCode).toBe(200);
    for (const caller of [bzk, partner, {}]) {
      expect((await app.inject({ url: `/api/v1/obstacles/${id}`, headers: caller })).statusCode).toBe(404);
      expect((await app.inject({ url: `/api/v1/obstacles/${id}/routing`, headers: caller })).statusCode).toBe(404);
    }
    // Routed twice is refused: it is routed now.
    expect((await route(id, ROUTING)).statusCode).toBe(409);
  });

  it('lists what is routed to a department among what it reads, with counts, and nothing routed elsewhere', async () => {
    const here = await selected({ title: { nl: 'Lijstproef hier' } });
    const elsewhere = await selected({ title: { nl: 'Lijstproef elders' } });
    expect((await route(here.id, ROUTING)).statusCode).toBe(200);
    expect((await route(elsewhere.id, { departments: [{ organisation: 'nl-bzk', role: 'lead' }] })).statusCode).toBe(200);
    const list = async (headers: Record<string, string>, query = '') => {
      const response = await app.inject({ url: `/api/v1/obstacles?limit=100&status=routed${query}`, headers });
      expect(response.statusCode, response.body).toBe(200);
      return response.json() as { items: { id: string }[]; total: number; facets: { status: Record<string, number> } };
    };
    const ofSzw = await list(szw);
    expect(ofSzw.items.map((i) => i.id)).toContain(here.id);
    expect(ofSzw.items.map((i) => i.id)).not.toContain(elsewhere.id);
    expect(ofSzw.total).toBe(ofSzw.items.length);
    expect(ofSzw.facets.status.routed).toBe(ofSzw.items.length);
    const internalOnly = await list(szw, '&visibility=internal');
    expect(internalOnly.items.map((i) => i.id)).toContain(here.id);
    expect(internalOnly.items.every((i) => i.id !== elsewhere.id)).toBe(true);
    const searched = await list(szw, '&q=Lijstproef');
    expect(searched.items.map((i) => i.id)).toEqual([here.id]);
    const ofBzk = await list(bzk, '&q=Lijstproef');
    expect(ofBzk.items.map((i) => i.id)).toEqual([elsewhere.id]);
    expect((await list(partner, '&q=Lijstproef')).items).toEqual([]);
    expect((await list({}, '&q=Lijstproef')).items).toEqual([]);
  });

  it('ends the routing when the obstacle goes back to analysis: rows kept, the department no longer reads it', async () => {
    const { id } = await selected();
    expect((await route(id, ROUTING)).statusCode).toBe(200);
    expect((await app.inject({ url: `/api/v1/obstacles/${id}`, headers: szw })).statusCode).toBe(200);
    await move(id, { to: 'analysis', reason: 'Eerst verder uitzoeken.' });
    const rows = await routingRows(id);
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => r.ended_at !== null)).toBe(true);
    const listed = (await app.inject({ url: `/api/v1/obstacles/${id}/routing`, headers: secretariat })).json();
    expect(listed.obstacle.status).toBe('analysis');
    expect(listed.items.every((r: { endedAt: string | null }) => r.endedAt !== null)).toBe(true);
    expect((await app.inject({ url: `/api/v1/obstacles/${id}`, headers: szw })).statusCode).toBe(404);
    // Routed again later: new rows beside the ended ones.
    await move(id, { to: 'proposed' });
    await move(id, { to: 'selected' });
    expect((await route(id, { departments: [{ organisation: 'nl-bzk', role: 'lead' }] })).statusCode).toBe(200);
    const again = (await app.inject({ url: `/api/v1/obstacles/${id}/routing`, headers: bzk })).json();
    expect(
      again.items.map((r: { organisation: string; endedAt: string | null }) => [r.organisation, r.endedAt === null]),
    ).toEqual([
      ['nl-szw', false],
      ['nl-fin', false],
      ['nl-bzk', true],
    ]);
  });

  it('keeps the routing of a withdrawn obstacle (its history), and ends it when the obstacle is reopened', async () => {
    const { id } = await selected();
    expect((await route(id, ROUTING)).statusCode).toBe(200);
    await move(id, { to: 'withdrawn', reason: 'Ingetrokken door de melder.' });
    expect((await routingRows(id)).every((r) => r.ended_at === null)).toBe(true);
    expect((await app.inject({ url: `/api/v1/obstacles/${id}`, headers: szw })).statusCode).toBe(200);
    await move(id, { to: 'analysis', reason: 'Toch opnieuw bekijken.' });
    expect((await routingRows(id)).every((r) => r.ended_at !== null)).toBe(true);
    expect((await app.inject({ url: `/api/v1/obstacles/${id}`, headers: szw })).statusCode).toBe(404);
  });

  it('lets exactly one of two parallel routings of the same version win, and keeps the trail whole', async () => {
    for (let round = 0; round < 3; round++) {
      const { id, version } = await selected();
      const [a, b] = await Promise.all([
        route(id, ROUTING, secretariat, `"${version}"`),
        route(id, { departments: [{ organisation: 'nl-bzk', role: 'lead' }] }, secretariat, `"${version}"`),
      ]);
      const codes = [a.statusCode, b.statusCode].sort();
      expect(codes[0]).toBe(200);
      expect([409, 412]).toContain(codes[1]);
      const rows = await routingRows(id);
      const winner = a.statusCode === 200 ? ['nl-fin', 'nl-szw'] : ['nl-bzk'];
      expect(rows.map((r) => r.organisation_key)).toEqual(winner);
    }
    expect((await verifyAuditTrail(getDb().location, { workers: 1 })).ok).toBe(true);
  });
});
