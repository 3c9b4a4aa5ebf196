/**
 * The dashboard through the HTTP API on both databases: 401 for the public, 400 naming the field
 * of a bad filter, and counts and lists that hold only what each caller reads — an internal
 * obstacle routed to a department counts for that department and the secretariat, never for a
 * partner or another department. Also that kept dashboards are dropped on the next write, and
 * "my work" per role: a department's routings to answer and its organisation's open actions
 * (overdue first), the secretariat's routing alerts and overdue intake, nothing of it for others,
 * and a kept dashboard never handed to another organisation.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { bearer } from '../../../test-support/access.js';
import { describeEachDialect } from '../../../test-support/databases.js';
import type { DashboardResponse } from '../../contracts/dashboard.contract.js';
import { buildApp } from '../build-app.js';

const DAY = 24 * 60 * 60 * 1000;

const REPORT = {
  title: { nl: 'Dashboardproef' },
  summary: { nl: 'Wat telt het dashboard?' },
  sourceLanguage: 'nl',
  segment: 'nl-vl',
  themes: ['taxation'],
  type: 'legal',
  visibility: 'public',
  reporter: { type: 'citizen', name: 'Mevrouw Melder', email: 'melder@example.org' },
} as const;

const ANALYSIS = {
  description: { nl: 'De regels van beide kanten sluiten niet op elkaar aan.' },
  solutions: { nl: 'Een uitzondering in de regeling.' },
  derogation: { possible: true, explanation: { nl: 'Een afwijkingsbepaling kan dit oplossen.' } },
  otherAspects: { nl: 'Kosten zijn beperkt.' },
  references: [{ title: 'b-solutions rapport', url: 'https://example.org/rapport' }],
};

describeEachDialect('dashboard API', (getDb) => {
  let app: FastifyInstance;
  /** How far the app's clock is behind the real one: the first obstacles are made 120 days ago. */
  let behind = 120 * DAY;
  let secretariat: Record<string, string>;
  let partner: Record<string, string>;
  let szw: Record<string, string>;
  let bzk: Record<string, string>;
  let szwColleague: Record<string, string>;
  let wse: Record<string, string>;
  const actionRags: string[] = [];
  const actionIds: string[] = [];
  const made: Record<'old' | 'partners' | 'routed' | 'fresh', { id: string; reference: string; governments: string[] }> =
    {} as never;

  async function report(extra: object) {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/obstacles',
      payload: { ...REPORT, ...extra },
      headers: secretariat,
    });
    expect(response.statusCode, response.body).toBe(201);
    const { id, reference, governments } = response.json();
    return { id, reference, governments };
  }

  async function send(method: 'POST' | 'PATCH', url: string, payload: object) {
    const response = await app.inject({ method, url, payload, headers: { ...secretariat, 'if-match': '*' } });
    expect(response.statusCode, response.body).toBe(200);
  }

  function dashboard(headers: Record<string, string>, query = '') {
    return app.inject({ url: `/api/v1/dashboard${query}`, headers: { ...headers, 'accept-language': 'en' } });
  }

  async function read(headers: Record<string, string>, query = ''): Promise<DashboardResponse> {
    const response = await dashboard(headers, query);
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  }

  beforeAll(async () => {
    app = await buildApp({
      database: getDb(),
      searchWorkers: 0,
      clock: { now: () => new Date(Date.now() - behind) },
    });
    secretariat = await bearer(getDb(), 'secretariat');
    partner = await bearer(getDb(), 'partner');
    szw = await bearer(getDb(), 'department', 'nl-szw');
    bzk = await bearer(getDb(), 'department', 'nl-bzk');
    szwColleague = await bearer(getDb(), 'department', 'nl-szw');
    wse = await bearer(getDb(), 'department', 'vl-wse');

    // 120 days ago: a public report (past its clarification date), one for partners, and an
    // internal one taken to routing and routed to nl-szw.
    made.old = await report({ reportedOn: '2026-01-15' });
    made.partners = await report({ visibility: 'partners', segment: 'nl-nw', themes: ['healthcare'] });
    made.routed = await report({ visibility: 'internal', themes: ['taxation', 'social_security'] });
    const url = `/api/v1/obstacles/${made.routed.id}`;
    await send('POST', `${url}/transitions`, { to: 'intake' });
    await send('POST', `${url}/transitions`, { to: 'analysis' });
    await send('PATCH', url, {
      analysis: ANALYSIS,
      provisions: [{ side: 'NL', citation: 'Wet IB 2001, art. 2.1', level: 'national' }],
    });
    await send('POST', `${url}/transitions`, { to: 'proposed' });
    await send('POST', `${url}/transitions`, { to: 'selected' });
    await send('POST', `${url}/routing`, { departments: [{ organisation: 'nl-szw', role: 'lead' }] });
    // Two actions on the routed obstacle, one of them done (only open actions are counted by RAG).
    for (const dueOn of ['2027-06-30', '2027-09-30']) {
      const added = await app.inject({
        method: 'POST',
        url: `${url}/actions`,
        payload: { title: { nl: 'Regeling aanpassen' }, sourceLanguage: 'nl', owner: { organisation: 'nl-szw' }, dueOn },
        headers: secretariat,
      });
      expect(added.statusCode, added.body).toBe(201);
      actionRags.push(added.json().rag);
      actionIds.push(added.json().id);
    }
    const done = await app.inject({
      method: 'PATCH',
      url: `/api/v1/actions/${actionIds[1]}`,
      payload: { status: 'done', progress: 100 },
      headers: { ...secretariat, 'if-match': '*' },
    });
    expect(done.statusCode, done.body).toBe(200);
    behind = 0;
  });
  afterAll(async () => {
    await app.close();
  });

  it('refuses the public (401) and a bad filter (400 naming each field), as problem+json in the caller’s language', async () => {
    const anonymous = await app.inject({ url: '/api/v1/dashboard', headers: { 'accept-language': 'fr' } });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.headers['content-type']).toContain('application/problem+json');
    expect(anonymous.json()).toMatchObject({ code: 'unauthenticated' });
    expect(anonymous.headers['content-language']).toBe('fr');

    const unknown = await dashboard(secretariat, '?segment=nowhere&theme=taxation,nothing');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.headers['content-type']).toContain('application/problem+json');
    expect(
      unknown
        .json()
        .invalidParams.map((p: { name: string }) => p.name)
        .sort(),
    ).toEqual(['segment', 'theme']);

    const extra = await dashboard(secretariat, '?colour=red');
    expect(extra.statusCode).toBe(400);
    expect(extra.json().invalidParams.map((p: { name: string }) => p.name)).toEqual(['colour']);

    const tooLong = await dashboard(secretariat, `?government=${'x'.repeat(65)}`);
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().invalidParams[0].name).toMatch(/^government/);
  });

  it('counts everything for the secretariat, and drops a kept dashboard on the next write', async () => {
    const before = await read(secretariat);
    expect(before.total).toBe(3);
    // Asked again without a change: the same (kept) dashboard. On PostgreSQL the change feed may
    // still deliver the notice of the last setup commit (which drops what was kept), so ask until
    // two answers in a row are the same one; without the cache none ever would be.
    let kept = false;
    let previous = before.generatedAt;
    for (let attempt = 0; attempt < 20 && !kept; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      const again = (await read(secretariat)).generatedAt;
      kept = again === previous;
      previous = again;
    }
    expect(kept).toBe(true);

    made.fresh = await report({ visibility: 'partners', segment: 'nl-nw', reportedOn: new Date().toISOString().slice(0, 10) });
    const all = await read(secretariat);
    expect(all.total).toBe(4);
    expect(all.counts.status).toEqual({ reported: 3, routed: 1 });
    expect(all.counts.segment).toEqual({ 'nl-vl': 2, 'nl-nw': 2 });
    expect(all.counts.theme).toEqual({ taxation: 3, healthcare: 1, social_security: 1 });
    expect(all.counts.department).toEqual({ 'nl-szw': 1 });
    // The open action of the routed obstacle, by the RAG the monitoring gave it; not the done one.
    expect(all.rag).toEqual({ [actionRags[0] as string]: 1 });
    const governments: Record<string, number> = {};
    for (const obstacle of Object.values(made))
      for (const key of obstacle.governments) governments[key] = (governments[key] ?? 0) + 1;
    expect(all.counts.government).toEqual(governments);

    // Past their clarification date (two months after the report): the report of January first,
    // then the one reported 120 days ago; not the fresh one, nor the routed one (out of intake).
    expect(all.overdue.total).toBe(2);
    expect(all.overdue.items.map((i) => i.reference)).toEqual([made.old.reference, made.partners.reference]);
    expect(all.overdue.items[0]).toMatchObject({ reference: made.old.reference, due: '2026-03-15', routing: null });
    expect(all.overdue.items[0]?.title).toEqual({ value: 'Dashboardproef', language: 'nl', fallback: true });
    // The same dashboard in Dutch (kept, unless the change feed's late notice dropped it): its
    // titles resolved for that language, not the English answer's.
    const dutch = await app.inject({ url: '/api/v1/dashboard', headers: { ...secretariat, 'accept-language': 'nl' } });
    expect(dutch.headers['content-type']).toContain('application/json');
    expect(dutch.headers['content-language']).toBe('nl');
    expect(dutch.json().overdue.items[0].title).toEqual({ value: 'Dashboardproef', language: 'nl', fallback: false });
    // Unchanged for 120 days (the norm: 60): the three old ones, the longest unchanged first.
    expect(all.stale.total).toBe(3);
    expect(all.stale.items.map((i) => i.reference)).toEqual([made.old.reference, made.partners.reference, made.routed.reference]);
    // The secretariat's work: obstacles in a status where it makes the next move.
    expect(all.myWork.kind).toBe('moves');
    expect(all.myWork.items.map((i) => i.reference)).toEqual(expect.arrayContaining([made.old.reference, made.fresh.reference]));
    expect(all.myWork.items[0]?.reference).toBe(made.old.reference);
  });

  it('counts for a partner only what it reads: not the internal obstacle, nor its routing', async () => {
    const seen = await read(partner);
    expect(seen.total).toBe(3);
    expect(seen.counts.status).toEqual({ reported: 3 });
    expect(seen.counts.theme).toEqual({ taxation: 2, healthcare: 1 });
    expect(seen.counts.department).toEqual({});
    expect(seen.rag).toEqual({});
    expect(seen.stale.items.map((i) => i.reference)).toEqual([made.old.reference, made.partners.reference]);
    const everywhere = [...seen.myWork.items, ...seen.overdue.items, ...seen.stale.items].map((i) => i.reference);
    expect(everywhere).not.toContain(made.routed.reference);
  });

  it('counts for a department what is routed to it, whatever its visibility, and lists it as its work', async () => {
    const own = await read(szw);
    expect(own.total).toBe(4);
    expect(own.counts.department).toEqual({ 'nl-szw': 1 });
    expect(own.rag).toEqual({ [actionRags[0] as string]: 1 });
    expect(own.counts.status).toEqual({ reported: 3, routed: 1 });
    expect(own.myWork.kind).toBe('routed');
    expect(own.myWork.total).toBe(1);
    expect(own.myWork.items[0]).toMatchObject({ reference: made.routed.reference, status: 'routed', routing: { role: 'lead' } });

    const other = await read(bzk);
    expect(other.total).toBe(3);
    expect(other.counts.department).toEqual({});
    expect(other.rag).toEqual({});
    expect(other.counts.status).toEqual({ reported: 3 });
    expect(other.myWork).toMatchObject({ kind: 'routed', total: 0, items: [] });
  });

  it('narrows counts and lists by segment, theme and government (OR within one, AND across)', async () => {
    const north = await read(secretariat, '?segment=nl-nw');
    expect(north.filter).toEqual({ segment: ['nl-nw'] });
    expect(north.total).toBe(2);
    expect(north.counts.segment).toEqual({ 'nl-nw': 2 });

    const themed = await read(secretariat, '?theme=social_security,healthcare');
    expect(themed.total).toBe(2);
    expect(themed.counts.department).toEqual({ 'nl-szw': 1 });

    const both = await read(secretariat, '?theme=taxation&segment=nl-nw');
    expect(both.total).toBe(1);
    expect(both.stale.total).toBe(0);

    const government = made.partners.governments[0] as string;
    const byGovernment = await read(partner, `?government=${government}`);
    const expected = Object.values(made).filter((o) => o !== made.routed && o.governments.includes(government)).length;
    expect(byGovernment.total).toBe(expected);
  });
  it('shows each role its own work: a department its routings to answer and its actions, the secretariat its alerts and intake', async () => {
    // An obstacle routed to nl-szw (lead) and vl-wse (involved); vl-wse declines, so Flanders has
    // nobody left (a routing alert), and nl-szw owns an action on it that is past its due date.
    const split = await report({ visibility: 'internal', themes: ['cross_border_work'], reportedOn: '2026-01-20' });
    const url = `/api/v1/obstacles/${split.id}`;
    await send('POST', `${url}/transitions`, { to: 'intake' });
    await send('POST', `${url}/transitions`, { to: 'analysis' });
    await send('PATCH', url, {
      analysis: ANALYSIS,
      provisions: [{ side: 'NL', citation: 'Wet IB 2001, art. 2.1', level: 'national' }],
    });
    await send('POST', `${url}/transitions`, { to: 'proposed' });
    await send('POST', `${url}/transitions`, { to: 'selected' });
    await send('POST', `${url}/routing`, {
      departments: [
        { organisation: 'nl-szw', role: 'lead' },
        { organisation: 'vl-wse', role: 'involved' },
      ],
    });
    const declined = await app.inject({
      method: 'POST',
      url: `${url}/routings/vl-wse/acknowledgement`,
      payload: { decision: 'decline', reason: 'Niet onze bevoegdheid' },
      headers: wse,
    });
    expect(declined.statusCode, declined.body).toBe(200);
    const late = await app.inject({
      method: 'POST',
      url: `${url}/actions`,
      payload: { title: { nl: 'Te laat' }, sourceLanguage: 'nl', owner: { organisation: 'nl-szw' }, dueOn: '2026-02-01' },
      headers: secretariat,
    });
    expect(late.statusCode, late.body).toBe(201);
    // An action of another organisation is nobody's work at nl-szw.
    const foreign = await app.inject({
      method: 'POST',
      url: `${url}/actions`,
      payload: { title: { nl: 'Van BZK' }, sourceLanguage: 'nl', owner: { organisation: 'nl-bzk' }, dueOn: '2026-03-01' },
      headers: secretariat,
    });
    expect(foreign.statusCode, foreign.body).toBe(201);

    const own = (await read(szw)).myWork;
    // Both routings to nl-szw wait for its answer; the soonest due first.
    expect(own.acknowledgements?.total).toBe(2);
    expect(own.acknowledgements?.items.map((i) => i.obstacle.reference).sort()).toEqual(
      [made.routed.reference, split.reference].sort(),
    );
    const dues = own.acknowledgements?.items.map((i) => i.dueOn ?? '') ?? [];
    expect(dues).toEqual([...dues].sort());
    expect(own.acknowledgements?.items.find((i) => i.obstacle.reference === split.reference)).toMatchObject({
      role: 'lead',
      obstacle: { status: 'routed', title: { value: 'Dashboardproef', language: 'nl' } },
      dueCalendar: 'nl',
    });
    // Its open actions, the overdue one first; not the done one, nor nl-bzk's.
    expect(own.actions?.total).toBe(2);
    expect(own.actions?.items.map((i) => i.id)).toEqual([late.json().id, actionIds[0]]);
    expect(own.actions?.items[0]).toMatchObject({
      overdue: true,
      rag: 'red',
      dueOn: '2026-02-01',
      status: 'planned',
      obstacle: { reference: split.reference },
      title: { value: 'Te laat' },
    });
    expect(own.alerts).toBeNull();
    expect(own.intake).toBeNull();

    // Another user of the same department: the same work (its organisation's, not the person's).
    const colleague = (await read(szwColleague)).myWork;
    expect(colleague.acknowledgements).toEqual(own.acknowledgements);
    expect(colleague.actions).toEqual(own.actions);

    // Another department, asked right after (a kept dashboard is never another organisation's).
    const other = (await read(bzk)).myWork;
    expect(other.acknowledgements).toEqual({ total: 0, items: [] });
    expect(other.actions).toEqual({ total: 0, items: [] });
    expect(other.alerts).toBeNull();
    // The department that declined has nothing left to answer there.
    const decliner = (await read(wse)).myWork;
    expect(decliner.acknowledgements).toEqual({ total: 0, items: [] });
    expect(decliner.items.map((i) => i.reference)).not.toContain(split.reference);

    // The secretariat: the alert for Flanders with the decline and its reason, and the overdue intake.
    const all = await read(secretariat);
    expect(all.myWork.acknowledgements).toBeNull();
    expect(all.myWork.actions).toBeNull();
    expect(all.myWork.alerts?.total).toBe(1);
    expect(all.myWork.alerts?.items[0]).toMatchObject({
      obstacle: { id: split.id, reference: split.reference },
      government: 'vl',
      declined: [{ organisation: 'vl-wse', reason: 'Niet onze bevoegdheid' }],
    });
    expect(all.myWork.intake).toEqual({ total: all.overdue.total, items: all.overdue.items });
    expect(all.myWork.intake?.total).toBeGreaterThan(0);
    // The filter narrows the alerts too: by the obstacle's segment, and by the alert's government.
    expect((await read(secretariat, '?segment=nl-nw')).myWork.alerts).toEqual({ total: 0, items: [] });
    expect((await read(secretariat, '?government=nl')).myWork.alerts).toEqual({ total: 0, items: [] });
    expect((await read(secretariat, '?government=vl')).myWork.alerts?.total).toBe(1);

    // A partner: none of it (and no trace of the internal obstacles).
    const outsider = await read(partner);
    expect(outsider.myWork).toMatchObject({ acknowledgements: null, actions: null, alerts: null, intake: null });
    expect(JSON.stringify(outsider)).not.toContain(split.reference);

    // The public is still asked to sign in.
    expect((await app.inject({ url: '/api/v1/dashboard' })).statusCode).toBe(401);
  });
});
