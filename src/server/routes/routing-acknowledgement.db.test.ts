/**
 * The competence matrix, the matrix's routing proposal, acknowledgements, next candidates, alerts,
 * added departments and "my obstacles" through the HTTP API on both databases: 401, 400 naming the
 * field, 403, 404, 409, 412, 428 and success for each endpoint; a decline proposes the next
 * candidate and alerts the secretariat; when every department declines the obstacle goes back to
 * analysis with the reasons, in the same transaction.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer } from '../../../test-support/access.js';
import { describeEachDialect } from '../../../test-support/databases.js';
import { DEFAULT_NORMS, dueDate } from '../../core/calendar/norms.js';
import { verifyAuditTrail } from '../../db/audit-verify.js';
import { buildApp } from '../build-app.js';

const REPORT = {
  title: { nl: 'Grensarbeid en sociale zekerheid' },
  summary: { nl: 'Een grensarbeider valt tussen twee stelsels.' },
  sourceLanguage: 'nl',
  segment: 'nl-vl',
  themes: ['cross_border_work'],
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

const today = () => new Date().toISOString().slice(0, 10);
const due = (government: string, phase: 'routing_acknowledgement' | 'department_response' = 'routing_acknowledgement') =>
  dueDate({ norm: DEFAULT_NORMS[phase], from: today(), government }).date;

describeEachDialect('routing acknowledgements and the competence matrix', (getDb) => {
  let app: FastifyInstance;
  let secretariat: Record<string, string>;
  let partner: Record<string, string>;
  let admin: Record<string, string>;
  const dept: Record<string, Record<string, string>> = {};

  beforeAll(async () => {
    app = await buildApp({ database: getDb(), searchWorkers: 0 });
    secretariat = await bearer(getDb(), 'secretariat');
    partner = await bearer(getDb(), 'partner');
    admin = await bearer(getDb(), 'admin');
    for (const key of ['nl-szw', 'nl-fin', 'vl-wse', 'be-waso', 'be-sz', 'be-fin', 'nl-bzk']) {
      dept[key] = await bearer(getDb(), 'department', key);
    }
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

  async function routed(
    departments: { organisation: string; role: string }[],
    extra: object = {},
  ): Promise<{ id: string; reference: string }> {
    const obstacle = await selected(extra);
    const response = await app.inject({
      method: 'POST',
      url: `/api/v1/obstacles/${obstacle.id}/routing`,
      payload: { departments },
      headers: { ...secretariat, 'if-match': '*' },
    });
    expect(response.statusCode, response.body).toBe(200);
    return obstacle;
  }

  function acknowledge(id: string, organisation: string, body: object, headers: Record<string, string>) {
    return app.inject({
      method: 'POST',
      url: `/api/v1/obstacles/${id}/routings/${organisation}/acknowledgement`,
      payload: body,
      headers,
    });
  }

  async function auditCount(): Promise<number> {
    const row = await getDb()
      .db.selectFrom('audit_events')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  describe('the competence matrix', () => {
    const cell = '/api/v1/competences/cross_border_work/vl';
    function put(body: object, headers: Record<string, string>, version: string | null) {
      return app.inject({
        method: 'PUT',
        url: cell,
        payload: body,
        headers: { ...headers, ...(version === null ? {} : { 'if-match': version }) },
      });
    }

    it('lists and reads cells for signed-in users only, filtered, with 400 and 404 for unknown keys', async () => {
      expect((await app.inject({ url: '/api/v1/competences' })).statusCode).toBe(401);
      const all = await app.inject({ url: '/api/v1/competences', headers: partner });
      expect(all.statusCode).toBe(200);
      expect(all.json().items.length).toBeGreaterThan(20);
      const work = await app.inject({ url: '/api/v1/competences?theme=cross_border_work', headers: dept['nl-szw'] });
      expect(work.json().items.map((c: { government: string }) => c.government)).toEqual(['nl', 'vl', 'be', 'de']);
      expect(work.json().items[0]).toEqual({
        theme: 'cross_border_work',
        government: 'nl',
        lead: 'nl-szw',
        involved: ['nl-fin'],
        version: 1,
        updatedAt: null,
        updatedBy: null,
      });
      const be = await app.inject({ url: '/api/v1/competences?government=be&theme=taxation', headers: partner });
      expect(be.json().items).toEqual([expect.objectContaining({ lead: 'be-fin', involved: [] })]);
      const unknown = await app.inject({
        url: '/api/v1/competences?theme=nope&government=mars',
        headers: { ...partner, 'accept-language': 'en' },
      });
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json().invalidParams).toEqual([
        expect.objectContaining({ name: 'theme', code: 'unknown_key', reason: 'Unknown value "nope".' }),
        expect.objectContaining({ name: 'government', code: 'unknown_key' }),
      ]);

      expect((await app.inject({ url: cell })).statusCode).toBe(401);
      const one = await app.inject({ url: cell, headers: partner });
      expect(one.statusCode).toBe(200);
      expect(one.headers.etag).toBe(`"${one.json().version}"`);
      const empty = await app.inject({ url: '/api/v1/competences/nitrogen/be', headers: partner });
      expect(empty.json()).toMatchObject({ lead: null, involved: [], version: 1 });
      const missing = await app.inject({ url: '/api/v1/competences/nope/vl', headers: { ...partner, 'accept-language': 'de' } });
      expect(missing.statusCode).toBe(404);
      expect(missing.json()).toMatchObject({ code: 'competence_not_found', detail: expect.stringContaining('Thema') });
    });

    it('is edited by the secretariat only, with If-Match, departments of that government only, audited with its history', async () => {
      const before = await auditCount();
      const version = (await app.inject({ url: cell, headers: secretariat })).json().version as number;
      const body = { lead: 'vl-wse', involved: ['vl-ewi'] };
      expect((await put(body, {}, `"${version}"`)).statusCode).toBe(401);
      expect((await put(body, partner, `"${version}"`)).statusCode).toBe(403);
      expect((await put(body, dept['vl-wse'] ?? {}, `"${version}"`)).statusCode).toBe(403);
      expect((await put(body, admin, `"${version}"`)).statusCode).toBe(403);
      expect((await put(body, secretariat, null)).statusCode).toBe(428);
      expect((await put(body, secretariat, `"${version + 5}"`)).statusCode).toBe(412);
      const invalid = await put(
        { lead: 'nl-szw', involved: ['vl-ewi', 'vl-ewi', 'nl-li', 'vl-wse'] },
        secretariat,
        `"${version}"`,
      );
      expect(invalid.statusCode).toBe(400);
      expect(invalid.json().invalidParams).toEqual([
        expect.objectContaining({ name: 'lead', code: 'wrong_government', reason: expect.stringContaining('"vl"') }),
        expect.objectContaining({ name: 'involved.1', code: 'duplicate' }),
        expect.objectContaining({ name: 'involved.2', code: 'unknown_key' }),
      ]);
      const shape = await put({ lead: 'vl-wse', involved: 'vl-ewi' }, secretariat, `"${version}"`);
      expect(shape.json().invalidParams).toEqual([expect.objectContaining({ name: 'involved' })]);
      const unknownCell = await app.inject({
        method: 'PUT',
        url: '/api/v1/competences/nope/vl',
        payload: body,
        headers: { ...secretariat, 'if-match': '*' },
      });
      expect(unknownCell.statusCode).toBe(404);
      expect(await auditCount()).toBe(before);

      const saved = await put(body, secretariat, `"${version}"`);
      expect(saved.statusCode, saved.body).toBe(200);
      expect(saved.json()).toMatchObject({ lead: 'vl-wse', involved: ['vl-ewi'], version: version + 1 });
      expect(saved.headers.etag).toBe(`"${version + 1}"`);
      expect((await put(body, secretariat, `"${version}"`)).statusCode).toBe(412);
      const again = await put({ lead: 'vl-wse', involved: [] }, secretariat, `"${version + 1}"`);
      expect(again.json()).toMatchObject({ involved: [], version: version + 2 });
      expect(await auditCount()).toBe(before + 2);

      expect((await app.inject({ url: `${cell}/history` })).statusCode).toBe(401);
      expect((await app.inject({ url: '/api/v1/competences/nope/vl/history', headers: partner })).statusCode).toBe(404);
      expect((await app.inject({ url: `${cell}/history?limit=0`, headers: partner })).statusCode).toBe(400);
      const history = await app.inject({ url: `${cell}/history`, headers: partner });
      expect(history.statusCode).toBe(200);
      expect(history.json().items.map((e: { changes: unknown }) => e.changes)).toEqual([
        [{ field: 'involved', before: [], after: ['vl-ewi'] }],
        [{ field: 'involved', before: ['vl-ewi'], after: [] }],
      ]);
      const paged = await app.inject({ url: `${cell}/history?limit=1`, headers: partner });
      expect(paged.json().items).toHaveLength(1);
      const next = await app.inject({ url: `${cell}/history?limit=1&after=${paged.json().nextAfter}`, headers: partner });
      expect(next.json()).toMatchObject({ items: [{ changes: [{ before: ['vl-ewi'] }] }], nextAfter: null });
      expect((await verifyAuditTrail(getDb().location, { workers: 1 })).ok).toBe(true);
    });
  });

  it('proposes the routing of the matrix with its reasons, for the secretariat only', async () => {
    const { id, reference } = await selected({ themes: ['cross_border_work', 'nitrogen'] });
    const url = `/api/v1/obstacles/${id}/routing/proposal`;
    expect((await app.inject({ url })).statusCode).toBe(401);
    expect((await app.inject({ url, headers: dept['nl-szw'] ?? {} })).statusCode).toBe(404);
    const open = await selected({ visibility: 'partners' });
    expect((await app.inject({ url: `/api/v1/obstacles/${open.id}/routing/proposal`, headers: partner })).statusCode).toBe(403);
    expect((await app.inject({ url: '/api/v1/obstacles/GB-2020-9999/routing/proposal', headers: secretariat })).statusCode).toBe(
      404,
    );
    const proposal = await app.inject({ url: `/api/v1/obstacles/${reference}/routing/proposal`, headers: secretariat });
    expect(proposal.statusCode, proposal.body).toBe(200);
    const body = proposal.json();
    expect(body).toMatchObject({ segment: 'nl-vl', governments: ['nl', 'vl', 'be'], uncovered: [], notNamed: [], current: [] });
    const departments = body.departments.map((d: { organisation: string; role: string }) => `${d.organisation}:${d.role}`);
    expect(departments).toEqual(
      expect.arrayContaining([
        'nl-szw:lead',
        'nl-fin:involved',
        'be-waso:lead',
        'be-sz:involved',
        'be-fin:involved',
        'nl-lvvn:lead',
      ]),
    );
    expect(body.departments.find((d: { organisation: string }) => d.organisation === 'nl-ienw').reasons).toEqual([
      { theme: 'nitrogen', government: 'nl', matrixRole: 'involved' },
    ]);
  });

  it('refuses acknowledgements of the public (401), other roles and other departments (403), without a reason (400), unknown (404)', async () => {
    const { id } = await routed([
      { organisation: 'nl-szw', role: 'lead' },
      { organisation: 'be-waso', role: 'involved' },
    ]);
    const before = await auditCount();
    expect((await acknowledge(id, 'nl-szw', { decision: 'accept' }, {})).statusCode).toBe(401);
    expect((await acknowledge(id, 'nl-szw', { decision: 'accept' }, partner)).statusCode).toBe(403);
    expect((await acknowledge(id, 'nl-szw', { decision: 'accept' }, admin)).statusCode).toBe(403);
    expect((await acknowledge(id, 'nl-szw', { decision: 'accept' }, dept['be-waso'] ?? {})).statusCode).toBe(403);
    const bad = await acknowledge(id, 'nl-szw', { decision: 'maybe' }, dept['nl-szw'] ?? {});
    expect(bad.statusCode).toBe(400);
    expect(bad.json().invalidParams).toEqual([expect.objectContaining({ name: 'decision' })]);
    const noReason = await acknowledge(id, 'nl-szw', { decision: 'decline', reason: '  ' }, dept['nl-szw'] ?? {});
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().invalidParams).toEqual([expect.objectContaining({ name: 'reason', code: 'required' })]);
    expect((await acknowledge('GB-2020-9999', 'nl-szw', { decision: 'accept' }, secretariat)).statusCode).toBe(404);
    const notRouted = await acknowledge(id, 'nl-fin', { decision: 'accept' }, dept['nl-fin'] ?? {});
    expect(notRouted.statusCode).toBe(404);
    const notRoutedSecretariat = await acknowledge(id, 'nl-fin', { decision: 'accept' }, secretariat);
    expect(notRoutedSecretariat.json()).toMatchObject({ status: 404, code: 'routing_not_found' });
    expect(await auditCount()).toBe(before);
    const rows = await getDb().db.selectFrom('obstacle_routings').selectAll().where('obstacle_id', '=', id).execute();
    expect(rows.every((r) => r.acknowledgement === 'pending' && r.responded_at === null)).toBe(true);
  });

  it('routes with due dates per government; accepting sets the response due; an answer is given once', async () => {
    const { id } = await routed([
      { organisation: 'nl-szw', role: 'lead' },
      { organisation: 'vl-wse', role: 'lead' },
      { organisation: 'be-waso', role: 'involved' },
    ]);
    const list = await app.inject({ url: `/api/v1/obstacles/${id}/routing`, headers: secretariat });
    const items = list.json().items as { organisation: string; dueOn: string; dueCalendar: string; acknowledgement: string }[];
    expect(items.map((r) => [r.organisation, r.acknowledgement, r.dueOn, r.dueCalendar])).toEqual([
      ['nl-szw', 'pending', due('nl'), 'nl'],
      ['vl-wse', 'pending', due('vl'), 'vl'],
      ['be-waso', 'pending', due('be'), 'be'],
    ]);

    // Each routed department's users are asked, in the routing's transaction (notifications).
    const requests = await getDb()
      .db.selectFrom('notifications as n')
      .innerJoin('users as u', 'u.id', 'n.user_id')
      .select(['u.organisation_key', 'n.params', 'n.link'])
      .where('n.kind', '=', 'routing_request')
      .execute();
    const reference = list.json().obstacle.reference as string;
    const mine = requests
      .map((r) => ({ organisation: r.organisation_key, params: JSON.parse(r.params), link: r.link }))
      .filter((r) => r.params.reference === reference);
    expect(mine.map((r) => [r.organisation, r.params.organisation, r.params.dueDate, r.link]).sort()).toEqual(
      [
        ['be-waso', 'be-waso', due('be'), `/obstacles/${reference}`],
        ['nl-szw', 'nl-szw', due('nl'), `/obstacles/${reference}`],
        ['vl-wse', 'vl-wse', due('vl'), `/obstacles/${reference}`],
      ].sort(),
    );

    const before = await auditCount();
    const accepted = await acknowledge(id, 'nl-szw', { decision: 'accept' }, dept['nl-szw'] ?? {});
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json().returnedToAnalysis).toBe(false);
    expect(accepted.json().items.find((r: { organisation: string }) => r.organisation === 'nl-szw')).toMatchObject({
      acknowledgement: 'accepted',
      respondedAs: 'department',
      responseDueOn: due('nl', 'department_response'),
      responseDueCalendar: 'nl',
      endedAt: null,
    });
    const twice = await acknowledge(id, 'nl-szw', { decision: 'decline', reason: 'Toch niet' }, dept['nl-szw'] ?? {});
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('acknowledgement_closed');
    // The secretariat answers on behalf of a department, recorded as such.
    const onBehalf = await acknowledge(id, 'vl-wse', { decision: 'accept' }, secretariat);
    expect(onBehalf.json().items.find((r: { organisation: string }) => r.organisation === 'vl-wse')).toMatchObject({
      acknowledgement: 'accepted',
      respondedAs: 'secretariat',
    });
    expect(await auditCount()).toBe(before + 2);
    const history = (await app.inject({ url: `/api/v1/obstacles/${id}/history`, headers: secretariat })).json().items;
    expect(history.filter((e: { action: string }) => e.action === 'obstacle.routing_acknowledgement')).toHaveLength(2);
    expect((await verifyAuditTrail(getDb().location, { workers: 1 })).ok).toBe(true);
  });

  it('a decline ends the routing, proposes the next candidate and alerts the secretariat, who routes it', async () => {
    const { id, reference } = await routed([
      { organisation: 'nl-szw', role: 'lead' },
      { organisation: 'be-waso', role: 'lead' },
    ]);
    await acknowledge(id, 'nl-szw', { decision: 'accept' }, dept['nl-szw'] ?? {});
    const declined = await acknowledge(
      id,
      'be-waso',
      { decision: 'decline', reason: 'Federaal niet bevoegd voor dit geval.' },
      dept['be-waso'] ?? {},
    );
    expect(declined.statusCode, declined.body).toBe(200);
    expect(declined.json()).toMatchObject({ obstacle: { status: 'routed' }, returnedToAnalysis: false });
    expect(declined.json().items.find((r: { organisation: string }) => r.organisation === 'be-waso')).toMatchObject({
      acknowledgement: 'declined',
      declineReason: 'Federaal niet bevoegd voor dit geval.',
      endedAt: expect.any(String),
    });
    // Declined: the department no longer reads the internal obstacle, nor answers again.
    expect((await app.inject({ url: `/api/v1/obstacles/${id}`, headers: dept['be-waso'] ?? {} })).statusCode).toBe(404);

    const proposal = (await app.inject({ url: `/api/v1/obstacles/${id}/routing/proposal`, headers: secretariat })).json();
    expect(proposal.next).toEqual([
      {
        government: 'be',
        declined: [{ organisation: 'be-waso', reason: 'Federaal niet bevoegd voor dit geval.' }],
        // The matrix's involved departments of a cell in the order of the reference data.
        candidate: expect.objectContaining({ organisation: 'be-fin', role: 'involved' }),
      },
    ]);

    expect((await app.inject({ url: '/api/v1/routing/alerts' })).statusCode).toBe(401);
    expect((await app.inject({ url: '/api/v1/routing/alerts', headers: dept['nl-szw'] ?? {} })).statusCode).toBe(403);
    const alerts = await app.inject({ url: '/api/v1/routing/alerts', headers: secretariat });
    expect(alerts.statusCode).toBe(200);
    expect(alerts.json().items.filter((a: { obstacle: { id: string } }) => a.obstacle.id === id)).toEqual([
      {
        obstacle: expect.objectContaining({ id, reference }),
        government: 'be',
        declined: [{ organisation: 'be-waso', reason: 'Federaal niet bevoegd voor dit geval.' }],
        candidate: expect.objectContaining({ organisation: 'be-fin' }),
      },
    ]);

    // The secretariat routes the next candidate: POST …/routings.
    const add = (body: object, headers: Record<string, string>, version: string | null = '*') =>
      app.inject({
        method: 'POST',
        url: `/api/v1/obstacles/${id}/routings`,
        payload: body,
        headers: { ...headers, ...(version === null ? {} : { 'if-match': version }) },
      });
    const candidate = { departments: [{ organisation: 'be-fin', role: 'lead' }] };
    const version = (await app.inject({ url: `/api/v1/obstacles/${id}`, headers: secretariat })).json().version as number;
    const before = await auditCount();
    expect((await add(candidate, {})).statusCode).toBe(401);
    expect((await add(candidate, dept['nl-szw'] ?? {})).statusCode).toBe(403);
    expect((await add(candidate, secretariat, null)).statusCode).toBe(428);
    expect((await add(candidate, secretariat, `"${version - 1}"`)).statusCode).toBe(412);
    const invalid = await add(
      {
        departments: [
          { organisation: 'nl-szw', role: 'involved' },
          { organisation: 'nl-li', role: 'involved' },
        ],
      },
      secretariat,
    );
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().invalidParams).toEqual([
      expect.objectContaining({ name: 'departments.0.organisation', code: 'already_routed' }),
      expect.objectContaining({ name: 'departments.1.organisation', code: 'unknown_key' }),
    ]);
    const unknown = await app.inject({
      method: 'POST',
      url: '/api/v1/obstacles/GB-2020-9999/routings',
      payload: candidate,
      headers: { ...secretariat, 'if-match': '*' },
    });
    expect(unknown.statusCode).toBe(404);
    const notRouted = await selected();
    const early = await app.inject({
      method: 'POST',
      url: `/api/v1/obstacles/${notRouted.id}/routings`,
      payload: candidate,
      headers: { ...secretariat, 'if-match': '*' },
    });
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('obstacle_not_routed');
    // Only the other obstacle's own six steps to `selected` were written meanwhile.
    expect(await auditCount()).toBe(before + 6);

    const added = await add(candidate, secretariat, `"${version}"`);
    expect(added.statusCode, added.body).toBe(200);
    expect(added.headers.etag).toBe(`"${version + 1}"`);
    expect(added.json().items.find((r: { organisation: string }) => r.organisation === 'be-fin')).toMatchObject({
      role: 'lead',
      acknowledgement: 'pending',
      round: 1,
      dueOn: due('be'),
      endedAt: null,
    });
    expect(await auditCount()).toBe(before + 7);
    const cleared = await app.inject({ url: '/api/v1/routing/alerts', headers: secretariat });
    expect(cleared.json().items.filter((a: { obstacle: { id: string } }) => a.obstacle.id === id)).toEqual([]);
    // The added department reads it and sees it among its obstacles.
    expect((await app.inject({ url: `/api/v1/obstacles/${id}`, headers: dept['be-fin'] ?? {} })).statusCode).toBe(200);
    expect((await verifyAuditTrail(getDb().location, { workers: 1 })).ok).toBe(true);
  });

  it('alerts when one government has nobody and the matrix names no other', async () => {
    const { id } = await routed([
      { organisation: 'nl-szw', role: 'lead' },
      { organisation: 'vl-wse', role: 'lead' },
    ]);
    await acknowledge(id, 'vl-wse', { decision: 'decline', reason: 'Geen Vlaamse bevoegdheid.' }, dept['vl-wse'] ?? {});
    const alerts = (await app.inject({ url: '/api/v1/routing/alerts', headers: secretariat })).json().items;
    expect(alerts.filter((a: { obstacle: { id: string } }) => a.obstacle.id === id)).toEqual([
      expect.objectContaining({
        government: 'vl',
        declined: [{ organisation: 'vl-wse', reason: 'Geen Vlaamse bevoegdheid.' }],
        candidate: null,
      }),
    ]);
  });

  it('when every routed department declines, the obstacle returns to analysis with the reasons, in the same transaction', async () => {
    const { id } = await routed([
      { organisation: 'nl-szw', role: 'lead' },
      { organisation: 'be-waso', role: 'involved' },
    ]);
    const first = await acknowledge(id, 'be-waso', { decision: 'decline', reason: 'Niet federaal.' }, secretariat);
    expect(first.json()).toMatchObject({ obstacle: { status: 'routed' }, returnedToAnalysis: false });
    const last = await acknowledge(id, 'nl-szw', { decision: 'decline', reason: 'Niet bij SZW.' }, dept['nl-szw'] ?? {});
    expect(last.statusCode, last.body).toBe(200);
    expect(last.json()).toMatchObject({ obstacle: { status: 'analysis' }, returnedToAnalysis: true });
    const read = await app.inject({ url: `/api/v1/obstacles/${id}`, headers: secretariat });
    expect(read.json()).toMatchObject({ status: 'analysis', statusReason: 'be-waso: Niet federaal.; nl-szw: Niet bij SZW.' });
    const history = (await app.inject({ url: `/api/v1/obstacles/${id}/history`, headers: secretariat })).json().items;
    expect(history.at(-1)).toMatchObject({
      transition: 'return_to_analysis',
      from: 'routed',
      to: 'analysis',
      reason: 'be-waso: Niet federaal.; nl-szw: Niet bij SZW.',
    });
    const alerts = (await app.inject({ url: '/api/v1/routing/alerts', headers: secretariat })).json().items;
    expect(alerts.filter((a: { obstacle: { id: string } }) => a.obstacle.id === id)).toEqual([]);
    expect((await verifyAuditTrail(getDb().location, { workers: 1 })).ok).toBe(true);
  });

  it('lists "my obstacles" for department users only: what is asked and by when, soonest first', async () => {
    expect((await app.inject({ url: '/api/v1/my/obstacles' })).statusCode).toBe(401);
    for (const caller of [secretariat, partner, admin]) {
      expect((await app.inject({ url: '/api/v1/my/obstacles', headers: caller })).statusCode).toBe(403);
    }
    const fin = await bearer(getDb(), 'department', 'nl-fin');
    const first = await routed([{ organisation: 'nl-fin', role: 'lead' }], { title: { nl: 'Eerste' } });
    const second = await routed(
      [
        { organisation: 'nl-fin', role: 'involved' },
        { organisation: 'nl-szw', role: 'lead' },
      ],
      {
        title: { nl: 'Tweede' },
      },
    );
    const declined = await routed([
      { organisation: 'nl-fin', role: 'lead' },
      { organisation: 'nl-szw', role: 'lead' },
    ]);
    await acknowledge(declined.id, 'nl-fin', { decision: 'decline', reason: 'Niet fiscaal.' }, fin);
    await acknowledge(first.id, 'nl-fin', { decision: 'accept' }, fin);
    const mine = await app.inject({ url: '/api/v1/my/obstacles', headers: fin });
    expect(mine.statusCode).toBe(200);
    const items = mine.json().items as { obstacle: { id: string; title: { nl: string } }; asked: string; dueOn: string }[];
    const ids = items.map((i) => i.obstacle.id);
    expect(ids).toContain(first.id);
    expect(ids).toContain(second.id);
    expect(ids).not.toContain(declined.id);
    expect(items.find((i) => i.obstacle.id === first.id)).toMatchObject({
      role: 'lead',
      acknowledgement: 'accepted',
      asked: 'respond',
      dueOn: due('nl', 'department_response'),
      dueCalendar: 'nl',
    });
    expect(items.find((i) => i.obstacle.id === second.id)).toMatchObject({
      obstacle: { title: { nl: 'Tweede' }, status: 'routed' },
      role: 'involved',
      asked: 'acknowledge',
      dueOn: due('nl'),
    });
    const dues = items.map((i) => i.dueOn ?? '9999-12-31');
    expect(dues).toEqual([...dues].sort());
    // Another department sees nothing of these.
    const bzk = (await app.inject({ url: '/api/v1/my/obstacles', headers: dept['nl-bzk'] ?? {} })).json().items;
    expect(bzk.map((i: { obstacle: { id: string } }) => i.obstacle.id)).not.toContain(first.id);
  });
});
