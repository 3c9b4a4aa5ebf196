/**
 * Actions and milestones through the HTTP API on both databases: every endpoint refuses the public
 * (401), invalid input (400 naming the field, nothing written), other roles (403), unknown or
 * unreadable ids (404), stale or missing versions (412, 428), and succeeds for who may; the
 * obstacle's progress block, the audit events, and the overdue and stale lists (filters, paging,
 * only readable obstacles).
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { bearer } from '../../../test-support/access.js';
import { describeEachDialect } from '../../../test-support/databases.js';
import { routingRow } from '../../../test-support/routings.js';
import { SYSTEM_ACTOR } from '../../core/access/access.js';
import { planMeeting } from '../../core/governance/manage-meetings.js';
import { recordDecision } from '../../core/governance/record-decision.js';
import { runMonitoring } from '../../core/monitoring/run-monitoring.js';
import { defaultMonitoringSettings } from '../../core/monitoring/settings.js';
import type { NewObstacle, ObstacleStatus, Visibility } from '../../core/obstacles/obstacle.js';
import { registerObstacle } from '../../core/obstacles/register-obstacle.js';
import { verifyAuditTrail } from '../../db/audit-verify.js';
import { KyselyRoutingRepository } from '../../db/repositories/routing-repository.js';
import { createPersistence } from '../../db/unit-of-work.js';
import { buildApp } from '../build-app.js';

const REPORT: NewObstacle = {
  title: { nl: 'Actieproef' },
  summary: { nl: 'Wie doet wat, wanneer?' },
  sourceLanguage: 'nl',
  segment: 'nl-vl',
  themes: ['taxation'],
  governments: ['nl', 'vl'],
  type: 'legal',
  visibility: 'internal',
  reportedOn: '2026-01-05',
  reporter: { type: 'citizen', name: 'Mevrouw Melder', email: 'melder@example.org' },
};

const ACTION = {
  title: { nl: 'Regeling aanpassen', en: 'Amend the regulation' },
  sourceLanguage: 'nl',
  owner: { organisation: 'nl-szw' },
  dueOn: '2027-06-30',
} as const;

describeEachDialect('actions API', (getDb) => {
  let app: FastifyInstance;
  let secretariat: Record<string, string>;
  let szw: Record<string, string>;
  let bzk: Record<string, string>;
  let partner: Record<string, string>;
  let decisionMaker: Record<string, string>;
  /** Internal, routed: nl-szw leads, nl-bzk is involved. */
  let routed: { id: string; reference: string };
  /** Public, only reported. */
  let open: { id: string; reference: string };
  /** Decided (in progress), with a decision. */
  let decided: { id: string; reference: string; decision: string };
  /** Routed (partners), nl-szw leads: for a decision with follow-up actions. */
  let awaiting: { id: string; reference: string };
  let szwUser = '';
  let bzkUser = '';

  async function userIdOf(headers: Record<string, string>): Promise<string> {
    const me = await app.inject({ url: '/api/v1/session', headers });
    return me.json().user.id;
  }

  beforeAll(async () => {
    app = await buildApp({ database: getDb(), searchWorkers: 0 });
    secretariat = await bearer(getDb(), 'secretariat');
    szw = await bearer(getDb(), 'department', 'nl-szw');
    bzk = await bearer(getDb(), 'department', 'nl-bzk');
    partner = await bearer(getDb(), 'partner');
    decisionMaker = await bearer(getDb(), 'decision_maker');
    szwUser = await userIdOf(szw);
    bzkUser = await userIdOf(bzk);
    const persistence = createPersistence(getDb(), { searchWorkers: 0 });
    const clock = { now: () => new Date() };
    const ids = { newId: () => crypto.randomUUID() };
    const make = async (visibility: Visibility, status: ObstacleStatus) => {
      const obstacle = await registerObstacle({
        actor: SYSTEM_ACTOR,
        input: { ...REPORT, visibility },
        uow: persistence,
        clock,
        ids,
        importedStatus: status,
      });
      return { id: obstacle.id, reference: obstacle.reference };
    };
    const lead = async (obstacleId: string) =>
      new KyselyRoutingRepository(getDb().db).insert([
        routingRow(obstacleId, 'nl-szw', { id: ids.newId(), acknowledgement: 'pending' }),
        routingRow(obstacleId, 'nl-bzk', { id: ids.newId(), role: 'involved', acknowledgement: 'pending' }),
      ]);
    try {
      routed = await make('internal', 'routed');
      await lead(routed.id);
      open = await make('public', 'reported');
      const toDecide = await make('partners', 'routed');
      await lead(toDecide.id);
      const meeting = await planMeeting({
        actor: SYSTEM_ACTOR,
        input: { body: 'grensoverleg-vl-nl', date: '2026-03-01' },
        uow: persistence,
        clock,
        ids,
      });
      const decision = await recordDecision({
        actor: SYSTEM_ACTOR,
        input: {
          body: 'grensoverleg-vl-nl',
          meeting: meeting.id,
          obstacle: toDecide.id,
          type: 'administrative_change',
          text: { nl: 'De regeling wordt aangepast.' },
          sourceLanguage: 'nl',
        },
        expectedVersion: 'any',
        uow: persistence,
        clock,
        ids,
        settings: defaultMonitoringSettings(),
      });
      decided = { ...toDecide, decision: decision.id };
      awaiting = await make('partners', 'routed');
      await lead(awaiting.id);
    } finally {
      await persistence.close();
    }
  });
  afterAll(async () => {
    await app.close();
  });

  function post(obstacle: string, body: object, headers: Record<string, string> = secretariat) {
    return app.inject({ method: 'POST', url: `/api/v1/obstacles/${obstacle}/actions`, payload: body, headers });
  }

  function patch(id: string, body: object, headers: Record<string, string> = secretariat, version: string | null = '*') {
    return app.inject({
      method: 'PATCH',
      url: `/api/v1/actions/${id}`,
      payload: body,
      headers: { ...headers, ...(version === null ? {} : { 'if-match': version }) },
    });
  }

  async function count(table: 'actions' | 'audit_events' | 'obstacle_progress'): Promise<number> {
    const row = await getDb()
      .db.selectFrom(table)
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  it('POST refuses the public (401), invalid input (400 naming each field), other roles (403), unknown or unreadable obstacles (404), and writes nothing', async () => {
    const before = { actions: await count('actions'), audit: await count('audit_events') };
    expect((await post(routed.id, ACTION, {})).statusCode).toBe(401);

    const invalid = await post(
      routed.id,
      {
        ...ACTION,
        title: { nl: '  ' },
        progress: 101,
        weight: 0,
        dueOn: '2027-02-30',
        evidence: [{ url: 'ftp://example.org/brief.pdf', label: 'Brief' }],
      },
      { ...secretariat, 'accept-language': 'en' },
    );
    expect(invalid.statusCode).toBe(400);
    expect(invalid.headers['content-type']).toContain('application/problem+json');
    const names = invalid.json().invalidParams.map((p: { name: string }) => p.name);
    expect(names).toEqual(expect.arrayContaining(['title', 'progress', 'weight', 'dueOn', 'evidence.0.url']));
    expect(invalid.json().detail).toBe('The input is not valid. Check the fields listed.');
    expect((await post(routed.id, { ...ACTION, progress: -1 })).json().invalidParams).toEqual([
      expect.objectContaining({ name: 'progress', code: 'too_small' }),
    ]);
    // Due before the obstacle was even reported (5 January 2026).
    expect((await post(routed.id, { ...ACTION, dueOn: '2025-12-31' })).json().invalidParams).toEqual([
      expect.objectContaining({ name: 'dueOn', code: 'too_small' }),
    ]);

    // Domain rules: an unknown organisation, a person of another organisation, a decision of another obstacle.
    const otherOrganisation = await post(routed.id, { ...ACTION, owner: { organisation: 'nl-szw', userId: bzkUser } });
    expect(otherOrganisation.statusCode).toBe(400);
    expect(otherOrganisation.json().invalidParams).toEqual([
      expect.objectContaining({ name: 'owner.userId', code: 'other_organisation', reason: expect.stringContaining('nl-szw') }),
    ]);
    const unknown = await post(routed.id, { ...ACTION, owner: { organisation: 'nowhere' }, decisionId: decided.decision });
    expect(unknown.json().invalidParams).toEqual([
      expect.objectContaining({ name: 'owner.organisation', code: 'unknown_key' }),
      expect.objectContaining({ name: 'decisionId', code: 'unknown_key' }),
    ]);

    // The involved department, a decision maker: 403; a partner does not learn the internal one exists.
    expect((await post(routed.id, ACTION, bzk)).statusCode).toBe(403);
    expect((await post(routed.id, ACTION, decisionMaker)).statusCode).toBe(404);
    expect((await post(decided.id, ACTION, decisionMaker)).statusCode).toBe(403);
    expect((await post(routed.id, ACTION, partner)).statusCode).toBe(404);
    expect((await post(open.id, ACTION, partner)).statusCode).toBe(403);
    // A department leads nothing on an obstacle not routed to it.
    expect((await post(open.id, ACTION, szw)).statusCode).toBe(403);
    expect((await post('GB-2020-9999', ACTION)).statusCode).toBe(404);

    expect(await count('actions')).toBe(before.actions);
    expect(await count('audit_events')).toBe(before.audit);
  });

  it('POST adds actions for the secretariat and the lead department; the list, the action and the obstacle’s progress show them', async () => {
    const bySecretariat = await post(decided.id, {
      ...ACTION,
      kind: 'milestone',
      decisionId: decided.decision,
      owner: { organisation: 'nl-szw', userId: szwUser },
      weight: 3,
      progress: 40,
      status: 'in_progress',
      evidence: [{ url: 'https://example.org/ontwerp', label: 'Ontwerpregeling' }],
      notes: 'Eerste lezing gedaan.',
    });
    expect(bySecretariat.statusCode, bySecretariat.body).toBe(201);
    expect(bySecretariat.headers.etag).toBe('"1"');
    const created = bySecretariat.json();
    expect(created).toMatchObject({
      kind: 'milestone',
      obstacle: { id: decided.id, reference: decided.reference },
      decisionId: decided.decision,
      owner: { organisation: 'nl-szw', userId: szwUser },
      status: 'in_progress',
      progress: 40,
      weight: 3,
      rag: 'green',
      overdue: false,
      stale: false,
      text: { language: 'nl', title: { value: 'Regeling aanpassen', language: 'nl', fallback: false } },
      abilities: ['edit', 'report'],
    });
    expect(bySecretariat.headers.location).toBe(`/api/v1/actions/${created.id}`);

    const byLead = await post(decided.id, { ...ACTION, title: { nl: 'Circulaire' } }, szw);
    expect(byLead.statusCode, byLead.body).toBe(201);
    expect(byLead.json()).toMatchObject({ status: 'planned', progress: 0, weight: 1, abilities: ['report'] });

    const list = await app.inject({ url: `/api/v1/obstacles/${decided.reference}/actions`, headers: szw });
    expect(list.statusCode).toBe(200);
    expect(list.json()).toMatchObject({
      obstacle: { id: decided.id },
      canAdd: true,
      // (3 × 40 + 1 × 0) / 4 = 30.
      progress: { percent: 30, rag: 'green', actions: { total: 2, planned: 1, inProgress: 1 } },
    });
    expect(list.json().items).toHaveLength(2);
    const asPartner = await app.inject({ url: `/api/v1/obstacles/${decided.id}/actions`, headers: partner });
    expect(asPartner.json()).toMatchObject({ canAdd: false });
    expect(asPartner.json().items.map((i: { abilities: string[] }) => i.abilities)).toEqual([[], []]);

    const obstacle = await app.inject({ url: `/api/v1/obstacles/${decided.id}`, headers: partner });
    expect(obstacle.json().progress).toEqual({
      percent: 30,
      rag: 'green',
      actions: { total: 2, planned: 1, inProgress: 1, done: 0, cancelled: 0, overdue: 0, stale: 0 },
    });
    const none = await app.inject({ url: `/api/v1/obstacles/${open.id}` });
    expect(none.json().progress).toMatchObject({ percent: null, rag: 'none', actions: { total: 0 } });

    const one = await app.inject({ url: `/api/v1/actions/${created.id}`, headers: partner });
    expect(one.statusCode).toBe(200);
    expect(one.headers.etag).toBe('"1"');
    expect(one.json()).toMatchObject({ id: created.id, abilities: [] });

    const events = await getDb()
      .db.selectFrom('audit_events')
      .selectAll()
      .where('entity_type', '=', 'action')
      .where('entity_id', '=', created.id)
      .execute();
    expect(events.map((e) => e.action)).toEqual(['action.create']);
    expect(JSON.parse(events[0]?.changes ?? '{}')).toMatchObject({ obstacle: decided.id, fields: { progress: { after: 40 } } });
  });

  it('GET refuses unknown and unreadable ids (404); the public reads the actions of public obstacles without the owner person', async () => {
    const internal = (await post(routed.id, { ...ACTION, owner: { organisation: 'nl-szw', userId: szwUser } })).json();
    expect((await app.inject({ url: `/api/v1/actions/${internal.id}`, headers: partner })).statusCode).toBe(404);
    expect((await app.inject({ url: `/api/v1/actions/${internal.id}` })).statusCode).toBe(404);
    expect((await app.inject({ url: `/api/v1/actions/${internal.id}`, headers: szw })).statusCode).toBe(200);
    expect((await app.inject({ url: '/api/v1/actions/no-such-action', headers: secretariat })).statusCode).toBe(404);
    expect((await app.inject({ url: `/api/v1/obstacles/${routed.id}/actions`, headers: partner })).statusCode).toBe(404);
    expect((await app.inject({ url: '/api/v1/obstacles/GB-2020-9999/actions' })).statusCode).toBe(404);

    const made = (await post(open.id, { ...ACTION, owner: { organisation: 'nl-szw', userId: szwUser } })).json();
    const read = await app.inject({ url: `/api/v1/actions/${made.id}`, headers: { 'accept-language': 'en' } });
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({
      owner: { organisation: 'nl-szw', userId: null },
      text: { title: { value: 'Amend the regulation' } },
    });
    const listed = await app.inject({ url: `/api/v1/obstacles/${open.reference}/actions` });
    expect(listed.json()).toMatchObject({ canAdd: false, items: [{ id: made.id, abilities: [] }] });
  });

  it('PATCH: 401, 428, 412, 400, 404, 403 for another organisation or a plan field, then the owner reports and the secretariat completes and cancels', async () => {
    const made = (await post(routed.id, { ...ACTION, weight: 2 })).json();
    const audit = await count('audit_events');
    expect((await patch(made.id, { progress: 10 }, {})).statusCode).toBe(401);
    expect((await patch(made.id, { progress: 10 }, szw, null)).statusCode).toBe(428);
    expect((await patch(made.id, { progress: 10 }, szw, '"7"')).statusCode).toBe(412);
    const outOfRange = await patch(made.id, { progress: 150 }, szw, '"1"');
    expect(outOfRange.statusCode).toBe(400);
    expect(outOfRange.json().invalidParams).toEqual([expect.objectContaining({ name: 'progress', code: 'too_big' })]);
    const badUrl = await patch(made.id, { evidence: [{ url: 'javascript:alert(1)', label: 'x' }] }, szw, '"1"');
    expect(badUrl.json().invalidParams).toEqual([expect.objectContaining({ name: 'evidence.0.url' })]);
    const otherUser = await patch(made.id, { owner: { organisation: 'nl-szw', userId: bzkUser } }, secretariat, '"1"');
    expect(otherUser.json().invalidParams).toEqual([
      expect.objectContaining({ name: 'owner.userId', code: 'other_organisation' }),
    ]);
    expect((await patch('no-such-action', { progress: 10 }, secretariat)).statusCode).toBe(404);
    expect((await patch(made.id, { progress: 10 }, partner)).statusCode).toBe(404);
    expect((await patch(made.id, { progress: 10 }, bzk, '"1"')).statusCode).toBe(403);
    // The owner reports, but the plan is the secretariat's: a due date with it refuses all.
    expect((await patch(made.id, { progress: 10, dueOn: '2028-01-01' }, szw, '"1"')).statusCode).toBe(403);
    expect((await app.inject({ url: `/api/v1/actions/${made.id}`, headers: szw })).json()).toMatchObject({
      version: 1,
      progress: 0,
    });
    expect(await count('audit_events')).toBe(audit);

    const reported = await patch(
      made.id,
      { progress: 55, status: 'in_progress', evidence: [{ url: 'https://example.org/brief', label: 'Brief' }], notes: 'Loopt.' },
      szw,
      '"1"',
    );
    expect(reported.statusCode, reported.body).toBe(200);
    expect(reported.headers.etag).toBe('"2"');
    expect(reported.json()).toMatchObject({
      progress: 55,
      status: 'in_progress',
      version: 2,
      notes: 'Loopt.',
      completedOn: null,
    });

    const done = await patch(made.id, { status: 'done' }, secretariat, '"2"');
    expect(done.json()).toMatchObject({ status: 'done', progress: 100, rag: 'green', version: 3 });
    expect(done.json().completedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const moved = await patch(made.id, { dueOn: '2027-12-31', weight: 5 }, secretariat, '"3"');
    expect(moved.json()).toMatchObject({ dueOn: '2027-12-31', weight: 5, version: 4 });
    const cancelled = await patch(made.id, { status: 'cancelled' }, secretariat, '"4"');
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', rag: 'none', completedOn: null });
    // DELETE is not a method of an action: cancel it instead.
    expect((await app.inject({ method: 'DELETE', url: `/api/v1/actions/${made.id}`, headers: secretariat })).statusCode).toBe(
      404,
    );

    const events = await getDb()
      .db.selectFrom('audit_events')
      .select(['action', 'changes'])
      .where('entity_type', '=', 'action')
      .where('entity_id', '=', made.id)
      .orderBy('seq')
      .execute();
    expect(events.map((e) => e.action)).toEqual([
      'action.create',
      'action.update',
      'action.update',
      'action.update',
      'action.update',
    ]);
    expect(JSON.parse(events[1]?.changes ?? '{}').fields.progress).toEqual({ before: 0, after: 55 });
    expect((await verifyAuditTrail(getDb().location, { workers: 1 })).ok).toBe(true);
  });

  it('records a decision with follow-up actions in one transaction; a bad action refuses the decision too', async () => {
    const decision = (actions: object[]) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/decisions',
        payload: {
          body: 'grensoverleg-vl-nl',
          obstacle: awaiting.id,
          type: 'legislative_change',
          text: { nl: 'De wet wordt gewijzigd.' },
          sourceLanguage: 'nl',
          actions,
        },
        headers: { ...secretariat, 'if-match': '*' },
      });
    const before = await count('actions');
    const outOfRange = await decision([{ ...ACTION, progress: 101 }]);
    expect(outOfRange.statusCode).toBe(400);
    expect(outOfRange.json().invalidParams).toEqual([expect.objectContaining({ name: 'actions.0.progress' })]);
    const otherOrganisation = await decision([ACTION, { ...ACTION, owner: { organisation: 'nl-szw', userId: bzkUser } }]);
    expect(otherOrganisation.statusCode).toBe(400);
    expect(otherOrganisation.json().invalidParams).toEqual([
      expect.objectContaining({ name: 'actions.1.owner.userId', code: 'other_organisation' }),
    ]);
    expect((await app.inject({ url: `/api/v1/obstacles/${awaiting.id}`, headers: secretariat })).json().status).toBe('routed');
    expect(await count('actions')).toBe(before);

    const recorded = await decision([
      { ...ACTION, weight: 3 },
      { ...ACTION, kind: 'milestone', title: { nl: 'Wet in werking' }, dueOn: '2027-12-31', owner: { organisation: 'nl-bzk' } },
    ]);
    expect(recorded.statusCode, recorded.body).toBe(201);
    const list = (await app.inject({ url: `/api/v1/obstacles/${awaiting.id}/actions`, headers: secretariat })).json();
    expect(list.items.map((a: { decisionId: string; kind: string }) => [a.kind, a.decisionId])).toEqual([
      ['action', recorded.json().id],
      ['milestone', recorded.json().id],
    ]);
    expect(list.progress).toMatchObject({ percent: 0, rag: 'green', actions: { total: 2, planned: 2 } });
    expect((await app.inject({ url: `/api/v1/obstacles/${awaiting.id}`, headers: secretariat })).json().status).toBe(
      'in_progress',
    );
  });

  it('lists overdue and stale actions of readable obstacles only, filtered and paged', async () => {
    expect((await app.inject({ url: '/api/v1/monitoring/overdue' })).statusCode).toBe(401);
    expect((await app.inject({ url: '/api/v1/monitoring/overdue?limit=0', headers: secretariat })).statusCode).toBe(400);
    expect((await app.inject({ url: '/api/v1/monitoring/stale?cursor=nonsense!', headers: secretariat })).statusCode).toBe(400);

    const late = [
      (await post(routed.id, { ...ACTION, dueOn: '2026-02-01', title: { nl: 'Te laat 1' } })).json(),
      (
        await post(routed.id, { ...ACTION, dueOn: '2026-02-02', title: { nl: 'Te laat 2' }, owner: { organisation: 'nl-bzk' } })
      ).json(),
      (await post(decided.id, { ...ACTION, dueOn: '2026-02-03', title: { nl: 'Te laat 3' } })).json(),
    ];
    expect(late.map((a) => a.rag)).toEqual(['red', 'red', 'red']);
    expect(late.every((a) => a.overdue)).toBe(true);
    const lateIds = late.map((a) => a.id);

    const overdue = async (query: string, headers: Record<string, string>) => {
      const response = await app.inject({ url: `/api/v1/monitoring/overdue${query}`, headers });
      expect(response.statusCode, response.body).toBe(200);
      return response.json() as { items: { id: string; obstacle: { reference: string } }[]; nextCursor: string | null };
    };
    expect((await overdue('', secretariat)).items.map((i) => i.id)).toEqual(lateIds);
    // The partner reads only the `partners` obstacle; the routed department also its internal one.
    expect((await overdue('', partner)).items.map((i) => i.id)).toEqual([lateIds[2]]);
    expect((await overdue('', szw)).items.map((i) => i.id)).toEqual(lateIds);
    expect((await overdue('?organisation=nl-bzk', secretariat)).items.map((i) => i.id)).toEqual([lateIds[1]]);
    expect((await overdue('?government=nl&theme=taxation', secretariat)).items).toHaveLength(3);
    expect((await overdue('?theme=agriculture', secretariat)).items).toHaveLength(0);

    const first = await overdue('?limit=2', secretariat);
    expect(first.items.map((i) => i.id)).toEqual(lateIds.slice(0, 2));
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await overdue(`?limit=2&cursor=${first.nextCursor}`, secretariat);
    expect(second).toMatchObject({ items: [{ id: lateIds[2], obstacle: { reference: decided.reference } }], nextCursor: null });

    // Stale: no update for the norm stale_after (60 days); the nightly run finds it (here the last update is set back).
    await getDb()
      .db.updateTable('actions')
      .set({ updated_at: '2026-01-10T09:00:00.000Z' })
      .where('id', '=', lateIds[0] ?? '')
      .execute();
    expect((await app.inject({ url: '/api/v1/monitoring/stale', headers: secretariat })).json().items).toEqual([]);
    const persistence = createPersistence(getDb(), { searchWorkers: 0 });
    try {
      const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels' }).format(new Date());
      const report = await runMonitoring({ today, batchSize: 2, uow: persistence, settings: defaultMonitoringSettings() });
      expect(report.stale).toBe(1);
      expect(report.overdue).toBe(3);
    } finally {
      await persistence.close();
    }
    const stale = await app.inject({ url: '/api/v1/monitoring/stale', headers: secretariat });
    expect(stale.json().items.map((i: { id: string; stale: boolean }) => [i.id, i.stale])).toEqual([[lateIds[0], true]]);
    expect((await app.inject({ url: '/api/v1/monitoring/stale', headers: partner })).json().items).toEqual([]);
    const obstacle = await app.inject({ url: `/api/v1/obstacles/${routed.id}`, headers: secretariat });
    expect(obstacle.json().progress).toMatchObject({ rag: 'red', actions: { overdue: 2, stale: 1 } });

    // The same run as the server's nightly job (core/jobs), with the server's settings.
    await getDb()
      .db.updateTable('actions')
      .set({ updated_at: '2026-01-10T09:00:00.000Z' })
      .where('id', '=', lateIds[2] ?? '')
      .execute();
    await app.jobs.runOnce('nightly-monitoring');
    const afterJob = await app.inject({ url: '/api/v1/monitoring/stale', headers: secretariat });
    expect(afterJob.json().items.map((i: { id: string }) => i.id)).toEqual([lateIds[0], lateIds[2]]);
  });
});
