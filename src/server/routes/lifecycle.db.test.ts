/**
 * The lifecycle through the HTTP API on both databases: moves (401 → 400 → 403 → 409 → 412 → 428 →
 * success), the intake moves (merge, refer, close), the analysis and its guard, reopen and withdraw,
 * the history read from the audit trail, parallel moves, and `schakel audit verify` on a trail
 * changed behind the application's back.
 */
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { bearer } from '../../../test-support/access.js';
import { describeEachDialect } from '../../../test-support/databases.js';
import { main } from '../../cli/main.js';
import { SYSTEM_ACTOR } from '../../core/access/access.js';
import { verifyChain } from '../../core/audit/audit-chain.js';
import { transitionsFrom } from '../../core/lifecycle/lifecycle.js';
import { OBSTACLE_STATUSES } from '../../core/obstacles/obstacle.js';
import { registerObstacle } from '../../core/obstacles/register-obstacle.js';
import { KyselyAuditLog } from '../../db/repositories/audit-log.js';
import { createPersistence } from '../../db/unit-of-work.js';
import { buildApp } from '../build-app.js';

const REPORT = {
  title: { nl: 'Levenslooproef' },
  summary: { nl: 'Van melding tot besluit.' },
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

describeEachDialect('lifecycle API', (getDb, dialect) => {
  let app: FastifyInstance;
  let secretariat: Record<string, string>;
  let observer: Record<string, string>;
  let department: Record<string, string>;

  beforeAll(async () => {
    app = await buildApp({ database: getDb(), searchWorkers: 0 });
    secretariat = await bearer(getDb(), 'secretariat');
    observer = await bearer(getDb(), 'observer');
    department = await bearer(getDb(), 'department');
  });
  afterAll(async () => {
    await app.close();
  });

  async function report(extra: object = {}): Promise<{ id: string; reference: string; version: number }> {
    const response = await app.inject({ method: 'POST', url: '/api/v1/obstacles', payload: { ...REPORT, ...extra } });
    expect(response.statusCode, response.body).toBe(201);
    return response.json();
  }

  function move(id: string, body: object, headers: Record<string, string> = secretariat, version: string | null = '*') {
    return app.inject({
      method: 'POST',
      url: `/api/v1/obstacles/${id}/transitions`,
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

  it('refuses the public (401), invalid input (400 in the caller’s language), roles that move nothing (403), and changes nothing', async () => {
    const { id } = await report();
    const before = await auditCount();
    expect((await move(id, { to: 'intake' }, {})).statusCode).toBe(401);
    const invalid = await move(id, { to: 'heaven' }, { ...secretariat, 'accept-language': 'fr' });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.headers['content-type']).toContain('application/problem+json');
    expect(invalid.json().invalidParams).toEqual([expect.objectContaining({ name: 'to', code: 'invalid_value' })]);
    expect(invalid.json().detail).toMatch(/Les données envoyées/);
    const forbidden = await move(id, { to: 'intake' }, observer);
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json().code).toBe('forbidden');
    // A department moves only decided obstacles to work: the secretariat's moves are not its own.
    expect((await move(id, { to: 'intake' }, department)).statusCode).toBe(403);
    expect((await move(id, { to: 'intake' }, secretariat, null)).statusCode).toBe(428);
    expect((await move(id, { to: 'intake' }, secretariat, '"7"')).statusCode).toBe(412);
    const read = await app.inject({ url: `/api/v1/obstacles/${id}`, headers: secretariat });
    expect(read.json()).toMatchObject({ status: 'reported', version: 1 });
    expect(await auditCount()).toBe(before);
  });

  it('refuses every move the machine does not have, from every status, with 409 naming the allowed ones, and changes nothing', async () => {
    let tried = 0;
    for (const from of OBSTACLE_STATUSES) {
      const { id } = await report();
      // Each status set directly: reaching all of them by moves is the other tests' work.
      await getDb().db.updateTable('obstacles').set({ status: from }).where('id', '=', id).execute();
      const allowed = transitionsFrom(from)
        .filter((t) => t.roles.includes('secretariat') && t.madeBy === undefined)
        .map((t) => t.to);
      expect(allowed.length, from).toBeGreaterThan(0);
      const before = await auditCount();
      for (const to of OBSTACLE_STATUSES.filter((status) => !allowed.includes(status))) {
        const refused = await move(id, { to, reason: 'Geprobeerd.' });
        expect(refused.statusCode, `${from} → ${to}: ${refused.body}`).toBe(409);
        expect(refused.json()).toMatchObject({ code: 'transition_not_allowed' });
        expect([...refused.json().allowed].sort(), `${from} → ${to}`).toEqual([...allowed].sort());
        tried += 1;
      }
      const after = await app.inject({ url: `/api/v1/obstacles/${id}`, headers: secretariat });
      expect(after.json()).toMatchObject({ status: from, version: 1 });
      expect(await auditCount()).toBe(before);
    }
    // Every pair of statuses is a move or was refused here.
    const moves = OBSTACLE_STATUSES.flatMap((from) =>
      transitionsFrom(from).filter((t) => t.roles.includes('secretariat') && t.madeBy === undefined),
    ).length;
    expect(tried + moves).toBe(OBSTACLE_STATUSES.length ** 2);
  });

  it('moves step by step, offers the next moves as abilities, and names the allowed ones for an illegal move (409)', async () => {
    const { id } = await report();
    const one = await app.inject({ url: `/api/v1/obstacles/${id}`, headers: secretariat });
    expect(one.json().abilities).toEqual(['edit', 'transition:intake', 'transition:withdrawn']);
    expect(one.json().clarificationDue).toBe('2026-12-31');

    const illegal = await move(id, { to: 'solved', reason: 'klaar' }, { ...secretariat, 'accept-language': 'de' }, '"1"');
    expect(illegal.statusCode).toBe(409);
    expect(illegal.json()).toMatchObject({ code: 'transition_not_allowed', allowed: ['intake', 'withdrawn'] });
    expect(illegal.json().detail).toContain('intake, withdrawn');

    const intake = await move(id, { to: 'intake' }, secretariat, '"1"');
    expect(intake.statusCode, intake.body).toBe(200);
    expect(intake.headers.etag).toBe('"2"');
    expect(intake.json()).toMatchObject({ status: 'intake', version: 2 });
    expect(intake.json().abilities).toContain('transition:merged');

    const noReason = await move(id, { to: 'closed_not_an_obstacle' }, { ...secretariat, 'accept-language': 'en' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().invalidParams).toEqual([{ name: 'reason', code: 'required', reason: 'This field is required.' }]);
    const noTarget = await move(id, { to: 'referred' });
    expect(
      noTarget
        .json()
        .invalidParams.map((p: { name: string }) => p.name)
        .sort(),
    ).toEqual(['reason', 'referredTo']);
    const notAPoint = await move(id, { to: 'referred', reason: 'Informatievraag', referredTo: 'nl-li' });
    expect(notAPoint.json().invalidParams).toEqual([expect.objectContaining({ name: 'referredTo', code: 'unknown_key' })]);
    const read = await app.inject({ url: `/api/v1/obstacles/${id}`, headers: secretariat });
    expect(read.json()).toMatchObject({ status: 'intake', version: 2, referredTo: null });

    const closed = await move(id, { to: 'closed_not_an_obstacle', reason: 'Geen grensbelemmering: een persoonlijk geschil.' });
    expect(closed.json()).toMatchObject({ status: 'closed_not_an_obstacle', statusReason: expect.stringContaining('geschil') });
    expect((await move(id, { to: 'analysis' })).json().invalidParams).toEqual([expect.objectContaining({ name: 'reason' })]);
    const reopened = await move(id, { to: 'analysis', reason: 'Nieuwe feiten.' });
    expect(reopened.json()).toMatchObject({ status: 'analysis', version: 4 });
  });

  it('refers an information question to a GrensInfoPunt, and clears it when reopened', async () => {
    const { id } = await report();
    await move(id, { to: 'intake' });
    const referred = await move(id, { to: 'referred', reason: 'Alleen een informatievraag.', referredTo: 'gip-scheldemond' });
    expect(referred.statusCode, referred.body).toBe(200);
    expect(referred.json()).toMatchObject({ status: 'referred', referredTo: 'gip-scheldemond' });
    const reopened = await move(id, { to: 'analysis', reason: 'Toch een belemmering.' });
    expect(reopened.json()).toMatchObject({ status: 'analysis', referredTo: null });
  });

  it('merges a duplicate: linked both ways, its reporter follows the survivor, both histories say so', async () => {
    const survivor = await report({ reporter: { type: 'citizen', name: 'Eerste Melder', email: 'eerste@example.org' } });
    const duplicate = await report();
    await move(duplicate.id, { to: 'intake' });
    expect(
      (await move(duplicate.id, { to: 'merged', reason: 'Dubbel', mergedInto: duplicate.reference })).json().invalidParams,
    ).toEqual([expect.objectContaining({ name: 'mergedInto', code: 'invalid_target' })]);
    expect((await move(duplicate.id, { to: 'merged', reason: 'Dubbel', mergedInto: 'GB-1999-0001' })).statusCode).toBe(400);

    const merged = await move(duplicate.id, { to: 'merged', reason: 'Zelfde vraag.', mergedInto: survivor.reference });
    expect(merged.statusCode, merged.body).toBe(200);
    expect(merged.json()).toMatchObject({ status: 'merged', mergedInto: { id: survivor.id, reference: survivor.reference } });
    expect(merged.json().links).toEqual([{ id: survivor.id, reference: survivor.reference, kind: 'duplicate' }]);

    const kept = await app.inject({ url: `/api/v1/obstacles/${survivor.id}`, headers: secretariat });
    expect(kept.json().links).toEqual([{ id: duplicate.id, reference: duplicate.reference, kind: 'duplicate' }]);
    expect(kept.json().coReporters).toEqual([
      { type: 'citizen', organisation: null, name: 'Mevrouw Melder', email: 'melder@example.org' },
    ]);
    expect(kept.json().version).toBe(2);
    const asObserver = await app.inject({ url: `/api/v1/obstacles/${survivor.id}`, headers: observer });
    expect(asObserver.json().coReporters).toEqual([{ type: 'citizen', organisation: null }]);

    const history = await app.inject({ url: `/api/v1/obstacles/${survivor.id}/history`, headers: observer });
    expect(history.statusCode).toBe(200);
    const actions = history.json().items.map((e: { action: string }) => e.action);
    expect(actions).toEqual(['obstacle.create', 'obstacle.merge_in']);
    expect(history.body).not.toContain('melder@example.org');
    expect(history.body).not.toContain('eerste@example.org');
    // Not even the secretariat reads contact details in the trail: they never enter it (they must stay
    // erasable, and the chain cannot forget), only that they are there and when they changed.
    const full = await app.inject({ url: `/api/v1/obstacles/${survivor.id}/history`, headers: secretariat });
    expect(full.body).not.toContain('melder@example.org');
    const mergeIn = full.json().items.find((e: { action: string }) => e.action === 'obstacle.merge_in');
    expect(mergeIn.changes).toEqual([
      {
        field: 'coReporters',
        before: [],
        after: [{ type: 'citizen', name: '[withheld]', email: '[withheld]' }],
      },
    ]);
    const stored = await getDb().db.selectFrom('audit_events').select(['changes', 'entity_id']).execute();
    for (const secret of ['melder@example.org', 'Mevrouw Melder', 'eerste@example.org', 'Eerste Melder']) {
      expect(stored.filter((row) => row.changes.includes(secret) || row.entity_id.includes(secret))).toEqual([]);
    }
  });

  it('keeps the analysis, editable with If-Match, and proposes only a complete one (409 naming the missing parts)', async () => {
    const { id } = await report();
    await move(id, { to: 'intake' });
    await move(id, { to: 'analysis' });
    const incomplete = await move(id, { to: 'proposed' });
    expect(incomplete.statusCode).toBe(409);
    expect(incomplete.json().code).toBe('analysis_incomplete');
    expect(incomplete.json().invalidParams.map((p: { name: string }) => p.name)).toEqual([
      'analysis.description',
      'provisions',
      'analysis.solutions',
      'analysis.derogation',
      'analysis.otherAspects',
      'analysis.references',
    ]);
    const badPatch = await app.inject({
      method: 'PATCH',
      url: `/api/v1/obstacles/${id}`,
      payload: { analysis: { derogation: { possible: 'misschien' } } },
      headers: { ...secretariat, 'if-match': '*' },
    });
    expect(badPatch.json().invalidParams).toEqual([expect.objectContaining({ name: 'analysis.derogation.possible' })]);
    const current = (await app.inject({ url: `/api/v1/obstacles/${id}`, headers: secretariat })).json();
    const patched = await app.inject({
      method: 'PATCH',
      url: `/api/v1/obstacles/${id}`,
      payload: {
        analysis: ANALYSIS,
        provisions: [{ side: 'NL', citation: 'Wet IB 2001, art. 2.1', level: 'national' }],
      },
      headers: { ...secretariat, 'if-match': `"${current.version}"` },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json().analysis).toMatchObject({ ...ANALYSIS, missing: [] });
    // One part changed alone keeps the others.
    const onePart = await app.inject({
      method: 'PATCH',
      url: `/api/v1/obstacles/${id}`,
      payload: { analysis: { solutions: { nl: 'Twee uitzonderingen.', fr: 'Deux exceptions.' } } },
      headers: { ...secretariat, 'if-match': '*' },
    });
    expect(onePart.json().analysis).toMatchObject({ description: ANALYSIS.description, solutions: { fr: 'Deux exceptions.' } });

    const proposed = await move(id, { to: 'proposed' });
    expect(proposed.statusCode, proposed.body).toBe(200);
    const history = (await app.inject({ url: `/api/v1/obstacles/${id}/history`, headers: secretariat })).json().items;
    expect(history.map((e: { action: string }) => e.action)).toEqual([
      'obstacle.create',
      'obstacle.transition',
      'obstacle.transition',
      'obstacle.update',
      'obstacle.update',
      'obstacle.transition',
    ]);
    expect(history[5]).toMatchObject({ transition: 'propose', from: 'analysis', to: 'proposed', reason: null });
    expect(history[5].actor).toMatchObject({ kind: 'user', name: 'Test secretariat', organisation: 'secretariat' });
    expect(history[4].changes).toEqual([
      { field: 'analysis.solutions', before: ANALYSIS.solutions, after: { nl: 'Twee uitzonderingen.', fr: 'Deux exceptions.' } },
    ]);
    expect(history[0]).toMatchObject({ action: 'obstacle.create', actor: { kind: 'public' }, to: 'reported' });

    // In pages: `limit` events, then `nextCursor` to the next, null on the last; together the whole history.
    const pages: { action: string; seq: number }[][] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/obstacles/${id}/history?limit=4${cursor === null ? '' : `&cursor=${cursor}`}`;
      const page = await app.inject({ url, headers: secretariat });
      expect(page.statusCode, page.body).toBe(200);
      pages.push(page.json().items);
      cursor = page.json().nextCursor;
    } while (cursor !== null && pages.length < 5);
    expect(pages.map((p) => p.length)).toEqual([4, 2]);
    expect(pages.flat()).toEqual(history);
    expect((await app.inject({ url: `/api/v1/obstacles/${id}/history`, headers: secretariat })).json().nextCursor).toBeNull();
    // Bad paging: 400 naming the parameter, or the cursor, in the caller's language.
    for (const [query, name] of [
      ['limit=0', 'limit'],
      ['limit=501', 'limit'],
      ['limit=two', 'limit'],
      ['page=2', 'page'],
    ] as const) {
      const bad = await app.inject({
        url: `/api/v1/obstacles/${id}/history?${query}`,
        headers: { ...secretariat, 'accept-language': 'de' },
      });
      expect(bad.statusCode, query).toBe(400);
      expect(
        bad.json().invalidParams.map((p: { name: string }) => p.name),
        query,
      ).toContain(name);
    }
    for (const cursor of [
      'not-ours',
      Buffer.from('{"h":-1}').toString('base64url'),
      Buffer.from('{"s":"reference"}').toString('base64url'),
    ]) {
      const bad = await app.inject({
        url: `/api/v1/obstacles/${id}/history?cursor=${cursor}`,
        headers: { ...secretariat, 'accept-language': 'fr' },
      });
      expect(bad.statusCode, cursor).toBe(400);
      expect(bad.json()).toMatchObject({ code: 'invalid_cursor', title: 'Curseur invalide' });
    }
  });

  it('withdraws an open obstacle with a reason; the history is 404 for who may not read it, 200 without names for the public', async () => {
    const { id } = await report({ visibility: 'public' });
    const withdrawn = await move(id, { to: 'withdrawn', reason: 'De melder trekt de melding in.' });
    expect(withdrawn.json().status).toBe('withdrawn');
    const publicHistory = await app.inject({ url: `/api/v1/obstacles/${id}/history` });
    expect(publicHistory.statusCode).toBe(200);
    expect(publicHistory.json().items[1]).toMatchObject({
      from: 'reported',
      to: 'withdrawn',
      reason: 'De melder trekt de melding in.',
    });
    expect(publicHistory.json().items[1].actor).toEqual({ kind: 'user', organisation: 'secretariat' });
    const internal = await report();
    await app.inject({
      method: 'PATCH',
      url: `/api/v1/obstacles/${internal.id}`,
      payload: { visibility: 'internal' },
      headers: { ...secretariat, 'if-match': '*' },
    });
    expect((await app.inject({ url: `/api/v1/obstacles/${internal.id}/history`, headers: observer })).statusCode).toBe(404);
    expect((await app.inject({ url: `/api/v1/obstacles/${internal.id}/history` })).statusCode).toBe(404);
  });

  it('lists the intake clock: filters on past or near due and sorts on the date', async () => {
    const early = await report({ reportedOn: '2026-01-15', title: { nl: 'Klokproef vroeg' } });
    const late = await report({ reportedOn: '2026-03-31', title: { nl: 'Klokproef laat' } });
    const list = await app.inject({
      url: '/api/v1/obstacles?clarificationDueBefore=2026-06-01&sort=clarificationDue&limit=100',
      headers: secretariat,
    });
    expect(list.statusCode, list.body).toBe(200);
    const refs = list.json().items.map((i: { reference: string }) => i.reference);
    expect(refs).toEqual([early.reference, late.reference]);
    expect(list.json().items[1].clarificationDue).toBe('2026-05-31');
    expect(list.json().total).toBe(2);
    // Once in analysis the clock has stopped.
    await move(early.id, { to: 'intake' });
    await move(early.id, { to: 'analysis' });
    const after = await app.inject({ url: '/api/v1/obstacles?clarificationDueBefore=2026-06-01', headers: secretariat });
    expect(after.json().items.map((i: { reference: string }) => i.reference)).toEqual([late.reference]);
    const bad = await app.inject({ url: '/api/v1/obstacles?clarificationDueBefore=morgen' });
    expect(bad.json().invalidParams).toEqual([expect.objectContaining({ name: 'clarificationDueBefore' })]);
  });

  it('lets a department start the work on a decided obstacle, and nothing else', async () => {
    const persistence = createPersistence(getDb(), { searchWorkers: 0 });
    const decided = await registerObstacle({
      actor: SYSTEM_ACTOR,
      input: { ...REPORT, themes: [...REPORT.themes] },
      uow: persistence,
      clock: { now: () => new Date() },
      ids: { newId: () => crypto.randomUUID() },
      importedStatus: 'decided',
    });
    await persistence.close();
    const read = await app.inject({ url: `/api/v1/obstacles/${decided.id}`, headers: department });
    expect(read.json().abilities).toEqual(['transition:in_progress']);
    const started = await move(decided.id, { to: 'in_progress' }, department);
    expect(started.statusCode, started.body).toBe(200);
    expect((await move(decided.id, { to: 'solved', reason: 'Opgelost' }, department)).statusCode).toBe(403);
  });

  it('lets exactly one of two parallel moves of the same version win; the other gets 409 or 412', async () => {
    for (let round = 0; round < 3; round++) {
      const { id } = await report();
      const [a, b] = await Promise.all([
        move(id, { to: 'intake' }, secretariat, '"1"'),
        move(id, { to: 'withdrawn', reason: 'Ingetrokken' }, secretariat, '"1"'),
      ]);
      const codes = [a.statusCode, b.statusCode].sort();
      expect(codes[0]).toBe(200);
      expect([409, 412]).toContain(codes[1]);
      const history = (await app.inject({ url: `/api/v1/obstacles/${id}/history`, headers: secretariat })).json().items;
      expect(history).toHaveLength(2);
    }
  });

  it('keeps the chain linear under many parallel writers through the API', async () => {
    const created = await Promise.all(Array.from({ length: 8 }, () => report()));
    await Promise.all(created.map(({ id }) => move(id, { to: 'intake' })));
    const log = new KyselyAuditLog(getDb().db);
    const events = [];
    for await (const page of log.all()) events.push(...page);
    const verdict = verifyChain(events);
    expect(verdict.firstBroken).toBeUndefined();
    expect(verdict.checked).toBe(events.length);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
  });

  it('schakel audit verify: whole, then names the event an attacker with database access changed', async () => {
    const location = getDb().location;
    const saved = process.env.DATABASE_URL;
    process.env.DATABASE_URL = location.dialect === 'sqlite' ? `sqlite:${location.path}` : location.connectionString;
    const out = vi.spyOn(console, 'log').mockImplementation(() => {});
    const err = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      expect(await main(['audit', 'verify'])).toBe(0);
      expect(out.mock.calls.flat().join(' ')).toMatch(/audit trail whole: \d+ events/);
      const victim = await getDb()
        .db.selectFrom('audit_events')
        .select('seq')
        .where('action', '=', 'obstacle.transition')
        .orderBy('seq')
        .executeTakeFirstOrThrow();
      const seq = Number(victim.seq);
      // The triggers refuse it…
      await expect(getDb().db.updateTable('audit_events').set({ actor: 'x' }).where('seq', '=', seq).execute()).rejects.toThrow();
      // …so the attacker drops them (SQLite) or disables them (PostgreSQL, as the table's owner) first.
      const db = getDb().db;
      if (dialect === 'sqlite') {
        await sql`DROP TRIGGER audit_events_no_update`.execute(db);
        await sql`UPDATE audit_events SET changes = replace(changes, 'secretariat', 'someone') WHERE seq = ${seq}`.execute(db);
        await sql`UPDATE audit_events SET actor = 'someone-else' WHERE seq = ${seq}`.execute(db);
        await sql`CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
          BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END`.execute(db);
      } else {
        await sql`ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only`.execute(db);
        await sql`UPDATE audit_events SET actor = 'someone-else' WHERE seq = ${seq}`.execute(db);
        await sql`ALTER TABLE audit_events ENABLE TRIGGER audit_events_append_only`.execute(db);
      }
      err.mockClear();
      expect(await main(['audit', 'verify'])).toBe(1);
      expect(err.mock.calls.flat().join(' ')).toContain(`BROKEN at event seq ${seq} (content_changed)`);
    } finally {
      process.env.DATABASE_URL = saved;
      out.mockRestore();
      err.mockRestore();
    }
  });
});
