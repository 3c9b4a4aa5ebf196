/**
 * Selection rounds through the HTTP API on both databases: every endpoint refuses the public (401),
 * invalid input (400 naming the field, nothing written), other roles (403), unknown or unreadable
 * rounds (404), stale or missing versions (412, 428) and the wrong stage (409); and the scenario of
 * issue 7: a round of 10 candidates scored by three partners (one by the .xlsx the endpoint
 * offers), solved (optimal, explained), a what-if with other weights compared, an infeasible rule
 * set with its conflicts named, a cancelled solve, an amendment with its reason, and the approval
 * that moves every candidate through the lifecycle in one transaction, audited.
 */
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { bearer } from '../../../test-support/access.js';
import { describeEachDialect } from '../../../test-support/databases.js';
import { SYSTEM_ACTOR } from '../../core/access/access.js';
import type { NewObstacle, ObstacleStatus } from '../../core/obstacles/obstacle.js';
import { registerObstacle } from '../../core/obstacles/register-obstacle.js';
import type { SelectionSolver } from '../../core/selection/model.js';
import { SolveCancelledError } from '../../core/selection/model.js';
import { createPersistence } from '../../db/unit-of-work.js';
import { buildApp } from '../build-app.js';
import { XLSX_TYPE } from '../selection/score-sheet.js';

const BASE = '/api/v1/selection-rounds';
const CRITERIA = ['impact', 'people_affected', 'urgency', 'solvability', 'priority_theme_fit'];
const PARTNERS = ['nl-li', 'nl-ze', 'be-vli'];
const REGIONS = ['NL-ZE', 'NL-NB', 'NL-LI', 'BE-VWV', 'BE-VOV', 'BE-VAN', 'BE-VLI'];
const THEMES = ['taxation', 'social_security', 'healthcare'];

const REPORT: NewObstacle = {
  title: { nl: 'Kandidaat' },
  summary: { nl: 'Een voorgestelde grensbelemmering' },
  sourceLanguage: 'nl',
  segment: 'nl-vl',
  themes: ['taxation'],
  governments: ['nl'],
  type: 'legal',
  visibility: 'partners',
  reportedOn: '2026-01-05',
  reporter: { type: 'citizen', name: 'Mevrouw Melder', email: 'melder@example.org' },
};

const ROUND = {
  name: 'Ronde 2027',
  segment: 'nl-vl',
  periodStart: '2027-01-01',
  periodEnd: '2027-12-31',
  capacity: 4,
  partners: PARTNERS,
  scoringDeadline: '2099-12-31',
};

/** A solver that never finishes until its solve is cancelled (the cancel path, deterministically). */
const hangingSolver: SelectionSolver = {
  solve: (_model, options) =>
    new Promise((_resolve, reject) => {
      options.signal?.addEventListener('abort', () => reject(new SolveCancelledError()), { once: true });
    }),
};

describeEachDialect('selection rounds API', (getDb) => {
  let app: FastifyInstance;
  let hanging: FastifyInstance;
  let secretariat: Record<string, string>;
  let department: Record<string, string>;
  let outsider: Record<string, string>;
  const partner: Record<string, Record<string, string>> = {};
  const candidates: { id: string; reference: string }[] = [];
  let analysisObstacle = '';
  let roundId = '';

  async function count(
    table: 'selection_rounds' | 'selection_candidates' | 'selection_scores' | 'audit_events',
  ): Promise<number> {
    const row = await getDb()
      .db.selectFrom(table)
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async function version(): Promise<number> {
    const response = await app.inject({ url: `${BASE}/${roundId}`, headers: secretariat });
    return response.json().version;
  }

  async function waitFor(id: string, headers = secretariat, on = app) {
    for (let i = 0; i < 400; i++) {
      const response = await on.inject({ url: `${BASE}/${roundId}/solutions/${id}`, headers });
      if (response.json().status !== 'running') return response.json();
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error('the solve did not finish');
  }

  beforeAll(async () => {
    app = await buildApp({ database: getDb(), searchWorkers: 0 });
    hanging = await buildApp({ database: getDb(), searchWorkers: 0, selectionSolver: hangingSolver });
    secretariat = await bearer(getDb(), 'secretariat');
    department = await bearer(getDb(), 'department', 'nl-szw');
    outsider = await bearer(getDb(), 'partner', 'nl-nb');
    for (const key of PARTNERS) partner[key] = await bearer(getDb(), 'partner', key);
    const persistence = createPersistence(getDb(), { searchWorkers: 0 });
    const make = async (i: number, status: ObstacleStatus) => {
      const nl = i % 2 === 0;
      const obstacle = await registerObstacle({
        actor: SYSTEM_ACTOR,
        input: {
          ...REPORT,
          title: { nl: `Kandidaat ${i}` },
          governments: nl ? ['nl'] : ['vl'],
          regions: [REGIONS[i % REGIONS.length] as string],
          themes: [THEMES[i % THEMES.length] as string],
        },
        uow: persistence,
        clock: { now: () => new Date() },
        ids: { newId: () => crypto.randomUUID() },
        importedStatus: status,
      });
      return { id: obstacle.id, reference: obstacle.reference };
    };
    for (let i = 0; i < 10; i++) candidates.push(await make(i, 'proposed'));
    analysisObstacle = (await make(99, 'analysis')).id;
    await persistence.close();
  });

  afterAll(async () => {
    await hanging?.close();
    await app?.close();
  });

  it('sets up a round: 401, 403, 400 naming the fields (nothing written), 201', async () => {
    expect((await app.inject({ method: 'POST', url: BASE, payload: ROUND })).statusCode).toBe(401);
    expect((await app.inject({ method: 'POST', url: BASE, payload: ROUND, headers: department })).statusCode).toBe(403);
    expect((await app.inject({ method: 'POST', url: BASE, payload: ROUND, headers: partner['nl-li'] })).statusCode).toBe(403);
    const before = await count('selection_rounds');
    const invalid = await app.inject({
      method: 'POST',
      url: BASE,
      headers: secretariat,
      payload: { ...ROUND, segment: 'atlantis', partners: ['nl-li', 'nowhere'], capacity: null, periodEnd: '2026-01-01' },
    });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.headers['content-type']).toContain('application/problem+json');
    const names = invalid.json().invalidParams.map((p: { name: string }) => p.name);
    expect(names).toEqual(expect.arrayContaining(['segment', 'partners.1', 'capacity', 'periodEnd']));
    const schema = await app.inject({ method: 'POST', url: BASE, headers: secretariat, payload: { ...ROUND, capacity: -1 } });
    expect(schema.statusCode).toBe(400);
    expect(schema.json().invalidParams[0].name).toBe('capacity');
    expect(await count('selection_rounds')).toBe(before);

    const created = await app.inject({ method: 'POST', url: BASE, headers: secretariat, payload: ROUND });
    expect(created.statusCode).toBe(201);
    roundId = created.json().id;
    expect(created.json()).toMatchObject({ status: 'draft', aggregation: 'mean', version: 1 });
    expect(created.json().criteria.map((c: { key: string }) => c.key)).toEqual(CRITERIA);
  });

  it('lists and reads rounds for who may: partners only their own rounds', async () => {
    expect((await app.inject({ url: BASE })).statusCode).toBe(401);
    expect((await app.inject({ url: BASE, headers: department })).statusCode).toBe(403);
    const own = await app.inject({ url: BASE, headers: partner['nl-ze'] });
    expect(own.json().items.map((r: { id: string }) => r.id)).toContain(roundId);
    const other = await app.inject({ url: BASE, headers: outsider });
    expect(other.json().items.map((r: { id: string }) => r.id)).not.toContain(roundId);
    expect((await app.inject({ url: `${BASE}/${roundId}`, headers: outsider })).statusCode).toBe(404);
    expect((await app.inject({ url: `${BASE}/nope`, headers: secretariat })).statusCode).toBe(404);
    const read = await app.inject({ url: `${BASE}/${roundId}`, headers: secretariat });
    expect(read.statusCode).toBe(200);
    expect(read.headers.etag).toBe('"1"');
  });

  it('adds candidates in proposed only, every problem named; removes one', async () => {
    const url = `${BASE}/${roundId}/candidates`;
    const payload = { candidates: candidates.map((c) => ({ obstacle: c.id, leadDepartment: 'nl-szw', effort: 2 })) };
    expect((await app.inject({ method: 'POST', url, payload })).statusCode).toBe(401);
    expect((await app.inject({ method: 'POST', url, payload, headers: partner['nl-li'] })).statusCode).toBe(403);
    expect((await app.inject({ method: 'POST', url: `${BASE}/nope/candidates`, payload, headers: secretariat })).statusCode).toBe(
      404,
    );
    const bad = await app.inject({
      method: 'POST',
      url,
      headers: secretariat,
      payload: {
        candidates: [
          { obstacle: candidates[0]?.id, leadDepartment: 'nl-szw' },
          { obstacle: analysisObstacle, leadDepartment: 'nl-szw' },
          { obstacle: candidates[1]?.id, leadDepartment: 'nl-szw', subRegion: 'DEA1' },
        ],
      },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().invalidParams).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'candidates.1.obstacle', code: 'not_proposed' }),
        expect.objectContaining({ name: 'candidates.2.subRegion', code: 'other_segment' }),
      ]),
    );
    expect(await count('selection_candidates')).toBe(0);
    const added = await app.inject({ method: 'POST', url, headers: secretariat, payload });
    expect(added.statusCode).toBe(201);
    expect(added.json().items).toHaveLength(10);
    expect(added.json().items[0]).toMatchObject({ side: 'NL', subRegion: 'NL-ZE', status: 'proposed' });
    const twice = await app.inject({
      method: 'POST',
      url,
      headers: secretariat,
      payload: { candidates: [{ obstacle: candidates[0]?.id, leadDepartment: 'nl-szw' }] },
    });
    expect(twice.json().invalidParams[0]).toMatchObject({ name: 'candidates.0.obstacle', code: 'duplicate' });

    const last = candidates[9] as { id: string; reference: string };
    expect((await app.inject({ method: 'DELETE', url: `${url}/${last.id}`, headers: partner['nl-li'] })).statusCode).toBe(403);
    expect((await app.inject({ method: 'DELETE', url: `${url}/${analysisObstacle}`, headers: secretariat })).statusCode).toBe(
      404,
    );
    expect((await app.inject({ method: 'DELETE', url: `${url}/${last.reference}`, headers: secretariat })).statusCode).toBe(204);
    expect(await count('selection_candidates')).toBe(9);
    await app.inject({
      method: 'POST',
      url,
      headers: secretariat,
      payload: { candidates: [{ obstacle: last.id, leadDepartment: 'nl-bzk' }] },
    });
    expect(await count('selection_candidates')).toBe(10);
  });

  it('sets the rules with If-Match: 428, 412, 400 naming the rule, 200', async () => {
    const url = `${BASE}/${roundId}/rules`;
    const rules = { sideShare: [{ side: 'NL', minPercent: 25, maxPercent: 75 }], maxPerTheme: 2 };
    expect((await app.inject({ method: 'PUT', url, payload: rules })).statusCode).toBe(401);
    expect(
      (await app.inject({ method: 'PUT', url, payload: rules, headers: { ...partner['nl-li'], 'if-match': '"1"' } })).statusCode,
    ).toBe(403);
    expect((await app.inject({ method: 'PUT', url, payload: rules, headers: secretariat })).statusCode).toBe(428);
    expect(
      (await app.inject({ method: 'PUT', url, payload: rules, headers: { ...secretariat, 'if-match': '"1"' } })).statusCode,
    ).toBe(412);
    const v = await version();
    const bad = await app.inject({
      method: 'PUT',
      url,
      payload: { sideShare: [{ side: 'XX', minPercent: 80, maxPercent: 20 }], minPerSubRegion: { DEA1: 1 } },
      headers: { ...secretariat, 'if-match': `"${v}"` },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().invalidParams.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['sideShare.0.side', 'sideShare.0.maxPercent', 'minPerSubRegion.DEA1']),
    );
    expect(await version()).toBe(v);
    const ok = await app.inject({ method: 'PUT', url, payload: rules, headers: { ...secretariat, 'if-match': `"${v}"` } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().rules).toEqual(rules);
  });

  it('sets keep, leave-out and the effort budget with the rules in one write; bad ones change nothing', async () => {
    const url = `${BASE}/${roundId}/rules`;
    const rules = { sideShare: [{ side: 'NL', minPercent: 25, maxPercent: 75 }], maxPerTheme: 2 };
    const [first, second, third] = candidates as [(typeof candidates)[0], (typeof candidates)[0], (typeof candidates)[0]];
    const must = async () => {
      const round = (await app.inject({ url: `${BASE}/${roundId}`, headers: secretariat })).json();
      return Object.fromEntries(
        round.candidates
          .filter((c: { must: string | null }) => c.must)
          .map((c: { reference: string; must: string }) => [c.reference, c.must]),
      );
    };
    const v = await version();
    expect(
      (
        await app.inject({
          method: 'PUT',
          url,
          payload: { ...rules, keep: [first.id] },
          headers: { ...partner['nl-li'], 'if-match': `"${v}"` },
        })
      ).statusCode,
    ).toBe(403);
    const audits = await count('audit_events');
    const bad = await app.inject({
      method: 'PUT',
      url,
      payload: { ...rules, keep: [first.id, analysisObstacle], exclude: [first.reference], effortBudget: -1 },
      headers: { ...secretariat, 'if-match': `"${v}"` },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().invalidParams.map((p: { name: string }) => p.name)).toEqual(['effortBudget']);
    const refused = await app.inject({
      method: 'PUT',
      url,
      payload: { ...rules, keep: [first.id, analysisObstacle], exclude: [first.reference] },
      headers: { ...secretariat, 'if-match': `"${v}"` },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().invalidParams).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'keep.1', code: 'not_a_candidate' }),
        expect.objectContaining({ name: 'exclude.0', code: 'duplicate' }),
      ]),
    );
    expect(await version()).toBe(v);
    expect(await must()).toEqual({});
    expect(await count('audit_events')).toBe(audits);

    const ok = await app.inject({
      method: 'PUT',
      url,
      payload: { ...rules, keep: [first.reference], exclude: [second.id, third.id], effortBudget: 12 },
      headers: { ...secretariat, 'if-match': `"${v}"` },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ version: v + 1, effortBudget: 12, rules });
    expect(await must()).toEqual({ [first.reference]: 'keep', [second.reference]: 'exclude', [third.reference]: 'exclude' });
    expect(await count('audit_events')).toBe(audits + 1);
    // Without keep and exclude the candidates stay as they are; empty lists clear them.
    const unchanged = await app.inject({
      method: 'PUT',
      url,
      payload: rules,
      headers: { ...secretariat, 'if-match': `"${v + 1}"` },
    });
    expect(unchanged.statusCode).toBe(200);
    expect(Object.keys(await must())).toHaveLength(3);
    const cleared = await app.inject({
      method: 'PUT',
      url,
      payload: { ...rules, keep: [], exclude: [], effortBudget: null },
      headers: { ...secretariat, 'if-match': `"${v + 2}"` },
    });
    expect(cleared.statusCode).toBe(200);
    expect(cleared.json().effortBudget).toBeNull();
    expect(await must()).toEqual({});
  });

  it('opens scoring; partners score their own organisation only, by JSON and by .xlsx', async () => {
    const v = await version();
    const open = await app.inject({
      method: 'PATCH',
      url: `${BASE}/${roundId}`,
      payload: { status: 'scoring' },
      headers: { ...secretariat, 'if-match': `"${v}"` },
    });
    expect(open.statusCode).toBe(200);
    const round = open.json().version as number;
    const url = `${BASE}/${roundId}/scores`;
    const cells = (seed: number) =>
      candidates.flatMap((c, i) =>
        CRITERIA.map((criterion, j) => ({ obstacleId: c.id, criterion, score: ((i * 7 + j * 3 + seed) % 5) + 1 })),
      );
    const headers = (who: Record<string, string>) => ({ ...who, 'if-match': `"${round}"` });
    expect((await app.inject({ method: 'PUT', url, payload: { scores: cells(0) } })).statusCode).toBe(401);
    expect(
      (await app.inject({ method: 'PUT', url, payload: { scores: cells(0) }, headers: headers(department) })).statusCode,
    ).toBe(403);
    expect((await app.inject({ method: 'PUT', url, payload: { scores: cells(0) }, headers: headers(outsider) })).statusCode).toBe(
      404,
    );
    const forOther = await app.inject({
      method: 'PUT',
      url,
      payload: { organisation: 'nl-ze', scores: cells(0) },
      headers: headers(partner['nl-li'] ?? {}),
    });
    expect(forOther.statusCode).toBe(403);
    const stale = await app.inject({
      method: 'PUT',
      url,
      payload: { scores: cells(0) },
      headers: { ...partner['nl-li'], 'if-match': '"1"' },
    });
    expect(stale.statusCode).toBe(412);
    const before = await count('selection_scores');
    const bad = await app.inject({
      method: 'PUT',
      url,
      payload: {
        scores: [
          { obstacleId: analysisObstacle, criterion: 'impact', score: 3 },
          { obstacleId: candidates[0]?.id, criterion: 'beauty', score: 3 },
        ],
      },
      headers: headers(partner['nl-li'] ?? {}),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().invalidParams).toEqual([
      expect.objectContaining({ name: 'scores.0.obstacleId', code: 'not_a_candidate' }),
      expect.objectContaining({ name: 'scores.1.criterion', code: 'unknown_key' }),
    ]);
    const outOfRange = await app.inject({
      method: 'PUT',
      url,
      payload: { scores: [{ obstacleId: candidates[0]?.id, criterion: 'impact', score: 6 }] },
      headers: headers(partner['nl-li'] ?? {}),
    });
    expect(outOfRange.statusCode).toBe(400);
    expect(outOfRange.json().invalidParams[0].name).toBe('scores.0.score');
    expect(await count('selection_scores')).toBe(before);

    for (const [i, key] of ['nl-li', 'nl-ze'].entries()) {
      const ok = await app.inject({ method: 'PUT', url, payload: { scores: cells(i) }, headers: headers(partner[key] ?? {}) });
      expect(ok.statusCode).toBe(200);
      expect(ok.json()).toEqual({ organisation: key, count: 50 });
    }

    // The third partner by spreadsheet: download, fill in with exceljs, upload.
    const xlsxHeaders = partner['be-vli'] ?? {};
    const download = await app.inject({ url: `${url}.xlsx`, headers: xlsxHeaders });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toContain(XLSX_TYPE);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(download.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Scores');
    if (!sheet) throw new Error('no Scores sheet');
    expect(sheet.getRow(1).getCell(4).value).toBe('impact');
    expect(sheet.getRow(1).getCell(4).protection?.locked).not.toBe(false);
    expect(sheet.getRow(3).getCell(4).protection?.locked).toBe(false);
    expect(sheet.getRow(3).getCell(4).dataValidation).toMatchObject({ type: 'whole', formulae: [1, 5] });
    expect(sheet.rowCount).toBe(12);
    for (let r = 3; r <= 12; r++) for (let c = 4; c <= 8; c++) sheet.getRow(r).getCell(c).value = ((r + c) % 5) + 1;
    sheet.getRow(5).getCell(5).value = 9;
    sheet.getRow(6).getCell(6).value = 'veel';
    const badUpload = await app.inject({
      method: 'PUT',
      url: `${url}.xlsx`,
      payload: Buffer.from(await workbook.xlsx.writeBuffer()),
      headers: { ...xlsxHeaders, 'content-type': XLSX_TYPE, 'if-match': `"${round}"` },
    });
    expect(badUpload.statusCode).toBe(400);
    expect(badUpload.json().invalidParams).toEqual([
      expect.objectContaining({ name: 'Scores!E5', code: 'too_big' }),
      expect.objectContaining({ name: 'Scores!F6', code: 'invalid_type' }),
    ]);
    expect(await count('selection_scores')).toBe(100);
    sheet.getRow(5).getCell(5).value = 5;
    sheet.getRow(6).getCell(6).value = 2;
    const upload = await app.inject({
      method: 'PUT',
      url: `${url}.xlsx`,
      payload: Buffer.from(await workbook.xlsx.writeBuffer()),
      headers: { ...xlsxHeaders, 'content-type': XLSX_TYPE, 'if-match': `"${round}"` },
    });
    expect(upload.statusCode).toBe(200);
    expect(upload.json()).toEqual({ organisation: 'be-vli', count: 50 });
    expect(await count('selection_scores')).toBe(150);

    // Until the round is solved a partner sees only its own scores; the secretariat all of them.
    const own = await app.inject({ url, headers: partner['nl-li'] });
    expect(new Set(own.json().items.map((s: { organisation: string }) => s.organisation))).toEqual(new Set(['nl-li']));
    const all = await app.inject({ url, headers: secretariat });
    expect(all.json().items).toHaveLength(150);
    expect((await app.inject({ url: `${BASE}/${roundId}/aggregate`, headers: partner['nl-li'] })).statusCode).toBe(409);
    const progress = await app.inject({ url: `${BASE}/${roundId}/progress`, headers: partner['nl-ze'] });
    expect(progress.statusCode).toBe(200);
    expect(progress.json().partners.map((p: { scored: number }) => p.scored)).toEqual([50, 50, 50]);
    expect(progress.json().partners[0]).toMatchObject({ expected: 50, completeCandidates: 10 });
  });

  let first = '';
  let second = '';

  it('solves at once with 202 and an optimal, explained portfolio; a what-if is compared', async () => {
    const url = `${BASE}/${roundId}/solve`;
    expect((await app.inject({ method: 'POST', url, payload: {} })).statusCode).toBe(401);
    expect((await app.inject({ method: 'POST', url, payload: {}, headers: partner['nl-li'] })).statusCode).toBe(403);
    expect((await app.inject({ method: 'POST', url: `${BASE}/nope/solve`, payload: {}, headers: secretariat })).statusCode).toBe(
      404,
    );
    const invalid = await app.inject({
      method: 'POST',
      url,
      payload: { rules: { sideShare: [{ side: 'XX' }] } },
      headers: secretariat,
    });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().invalidParams[0].name).toBe('rules.sideShare.0.side');

    const started = await app.inject({ method: 'POST', url, payload: {}, headers: secretariat });
    expect(started.statusCode).toBe(202);
    expect(started.json().status).toBe('running');
    expect(started.headers.location).toBe(`${BASE}/${roundId}/solutions/${started.json().id}`);
    first = started.json().id;
    const solution = await waitFor(first);
    expect(solution.status).toBe('optimal');
    expect(solution.gap).toBe(0);
    expect(solution.selected).toHaveLength(4);
    expect(solution.explanations).toHaveLength(10);
    expect(solution.explanations.filter((e: { selected: boolean }) => e.selected)).toHaveLength(4);
    expect(solution.comparison.optimisedTotal).toBeGreaterThanOrEqual(solution.comparison.greedyTotal - 1e-9);
    const nl = solution.selected.filter((id: string) => candidates.findIndex((c) => c.id === id) % 2 === 0).length;
    expect(nl / 4).toBeGreaterThanOrEqual(0.25);
    expect(nl / 4).toBeLessThanOrEqual(0.75);
    expect((await app.inject({ url: `${BASE}/${roundId}`, headers: secretariat })).json().status).toBe('solved');

    const whatIf = await app.inject({
      method: 'POST',
      url,
      payload: { criteria: [{ key: 'urgency', weight: 1 }] },
      headers: secretariat,
    });
    second = whatIf.json().id;
    expect((await waitFor(second)).status).toBe('optimal');
    const compared = await app.inject({ url: `${BASE}/${roundId}/solutions/${first}/compare/${second}`, headers: secretariat });
    expect(compared.statusCode).toBe(200);
    const body = compared.json();
    expect(body.entered.length).toBe(body.left.length);
    expect(body.stayed.length + body.left.length).toBe(4);
    expect(body.weights.map((w: { criterion: string }) => w.criterion)).toEqual(expect.arrayContaining(['impact', 'urgency']));
    expect(
      (await app.inject({ url: `${BASE}/${roundId}/solutions/${first}/compare/nope`, headers: secretariat })).statusCode,
    ).toBe(404);
    // Once solved, the partners see every score, aggregated with its spread.
    const aggregate = await app.inject({ url: `${BASE}/${roundId}/aggregate`, headers: partner['nl-li'] });
    expect(aggregate.statusCode).toBe(200);
    expect(aggregate.json().items[0].spread.partners).toBe(3);
  });

  it('names the conflicting rules of an infeasible round', async () => {
    const started = await app.inject({
      method: 'POST',
      url: `${BASE}/${roundId}/solve`,
      payload: { rules: { minPerSubRegion: 1, exactCapacity: true } },
      headers: secretariat,
    });
    const solution = await waitFor(started.json().id);
    expect(solution.status).toBe('infeasible');
    expect(solution.selected).toEqual([]);
    expect(solution.conflicts.conflicts).toEqual(expect.arrayContaining([['capacity'], ['minPerSubRegion']]));
    const compared = await app.inject({
      url: `${BASE}/${roundId}/solutions/${first}/compare/${started.json().id}`,
      headers: secretariat,
    });
    expect(compared.statusCode).toBe(409);
  });

  it('cancels a running solve; a finished one is 409', async () => {
    const started = await hanging.inject({ method: 'POST', url: `${BASE}/${roundId}/solve`, payload: {}, headers: secretariat });
    expect(started.statusCode).toBe(202);
    const url = `${BASE}/${roundId}/solutions/${started.json().id}/cancel`;
    expect((await hanging.inject({ method: 'POST', url })).statusCode).toBe(401);
    expect((await hanging.inject({ method: 'POST', url, headers: partner['nl-li'] })).statusCode).toBe(403);
    const cancelled = await hanging.inject({ method: 'POST', url, headers: secretariat });
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json().status).toBe('cancelled');
    expect((await waitFor(started.json().id, secretariat, hanging)).status).toBe('cancelled');
    expect((await hanging.inject({ method: 'POST', url, headers: secretariat })).statusCode).toBe(409);
    expect(
      (await app.inject({ method: 'POST', url: `${BASE}/${roundId}/solutions/nope/cancel`, headers: secretariat })).statusCode,
    ).toBe(404);
  });

  it('amends with a reason, and approves: every candidate moves on, in one transaction, audited', async () => {
    const solution = await waitFor(first);
    const out = solution.explanations.find((e: { selected: boolean }) => !e.selected).id as string;
    const dropped = solution.selected[0] as string;
    const url = `${BASE}/${roundId}/amendments`;
    const amendment = { solutionId: first, obstacleId: dropped, change: 'exclude', reason: 'Wordt al bilateraal opgepakt' };
    expect((await app.inject({ method: 'POST', url, payload: amendment })).statusCode).toBe(401);
    expect((await app.inject({ method: 'POST', url, payload: amendment, headers: partner['nl-li'] })).statusCode).toBe(403);
    const noReason = await app.inject({
      method: 'POST',
      url,
      payload: { ...amendment, reason: ' ', change: 'include' },
      headers: secretariat,
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().invalidParams.map((p: { name: string }) => p.name)).toEqual(['change', 'reason']);
    const made = await app.inject({ method: 'POST', url, payload: amendment, headers: secretariat });
    expect(made.statusCode).toBe(201);
    // Who made it, by name and organisation, as the pages show it; the same in the solution it amends.
    expect(made.json().createdByName).toEqual({ name: 'Test secretariat', organisation: expect.any(String) });
    const amended = await app.inject({ method: 'GET', url: `${BASE}/${roundId}/solutions/${first}`, headers: secretariat });
    expect(amended.json().amendments).toEqual([made.json()]);
    expect(
      (
        await app.inject({
          method: 'POST',
          url,
          payload: { ...amendment, obstacleId: out, change: 'include', reason: 'Politieke prioriteit' },
          headers: secretariat,
        })
      ).statusCode,
    ).toBe(201);

    const approve = `${BASE}/${roundId}/approve`;
    const monitored = solution.explanations.filter((e: { selected: boolean; id: string }) => !e.selected && e.id !== out)[0]
      .id as string;
    const payload = { solutionId: first, reason: 'Besluit regionaal orgaan 2027', monitoringList: [monitored] };
    expect((await app.inject({ method: 'POST', url: approve, payload })).statusCode).toBe(401);
    const v = await version();
    expect(
      (await app.inject({ method: 'POST', url: approve, payload, headers: { ...partner['nl-li'], 'if-match': `"${v}"` } }))
        .statusCode,
    ).toBe(403);
    expect((await app.inject({ method: 'POST', url: approve, payload, headers: secretariat })).statusCode).toBe(428);
    expect(
      (await app.inject({ method: 'POST', url: approve, payload, headers: { ...secretariat, 'if-match': '"1"' } })).statusCode,
    ).toBe(412);
    const badList = await app.inject({
      method: 'POST',
      url: approve,
      payload: { ...payload, monitoringList: [out] },
      headers: { ...secretariat, 'if-match': `"${v}"` },
    });
    expect(badList.statusCode).toBe(400);
    expect(badList.json().invalidParams[0].name).toBe('monitoringList.0');
    const audits = await count('audit_events');
    const approved = await app.inject({
      method: 'POST',
      url: approve,
      payload,
      headers: { ...secretariat, 'if-match': `"${v}"` },
    });
    expect(approved.statusCode).toBe(200);
    expect(approved.json().status).toBe('approved');
    const moves = approved.json().moves as { obstacleId: string; to: string }[];
    expect(moves).toHaveLength(10);
    const to = new Map(moves.map((m) => [m.obstacleId, m.to]));
    expect(to.get(dropped)).toBe('not_selected');
    expect(to.get(out)).toBe('selected');
    expect(to.get(monitored)).toBe('monitoring_list');
    expect(moves.filter((m) => m.to === 'selected')).toHaveLength(4);
    for (const c of candidates) {
      const obstacle = await app.inject({ url: `/api/v1/obstacles/${c.id}`, headers: secretariat });
      expect(obstacle.json().status).toBe(to.get(c.id));
    }
    expect(await count('audit_events')).toBe(audits + 11);
    const history = await app.inject({ url: `/api/v1/obstacles/${out}/history`, headers: secretariat });
    expect(JSON.stringify(history.json())).toContain('select');
    // Approved: nothing changes any more.
    const again = await app.inject({
      method: 'POST',
      url: approve,
      payload,
      headers: { ...secretariat, 'if-match': `"${v + 1}"` },
    });
    expect(again.statusCode).toBe(409);
  });

  it('gives the round’s report as .docx in the language asked', async () => {
    expect((await app.inject({ url: `${BASE}/${roundId}/report.docx?lang=fr` })).statusCode).toBe(401);
    expect((await app.inject({ url: `${BASE}/${roundId}/report.docx?lang=xx`, headers: secretariat })).statusCode).toBe(400);
    const report = await app.inject({ url: `${BASE}/${roundId}/report.docx?lang=fr`, headers: secretariat });
    expect(report.statusCode).toBe(200);
    expect(report.headers['content-type']).toContain('wordprocessingml');
    expect(report.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });
});
