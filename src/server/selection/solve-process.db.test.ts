/**
 * The solver process on both databases: it reads the round on its own connection, solves and
 * explains it as solveRound does on the test's own thread, at the niceness asked, and leaves the
 * calling thread free; cancel, a killed process and close.
 */
import { readFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../../test-support/databases.js';
import { seedScoredRound } from '../../../test-support/selection-round.js';
import type { Explanation } from '../../core/selection/explain.js';
import { type SelectionSolver, SolveCancelledError } from '../../core/selection/model.js';
import type { SelectionRound, SolveParams } from '../../core/selection-rounds/round.js';
import { type RoundSolveJob, solveRound } from '../../core/selection-rounds/solve-round.js';
import { KyselySelectionRoundRepository } from '../../db/repositories/selection-round-repository.js';
import { loadHighsSolver } from './highs-in-thread.js';
import { createSolveProcess, type SolveProcess } from './solve-process.js';

/** The niceness of a process, from /proc/<pid>/stat (field 19; the name in field 2 may hold spaces). */
function niceOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A solve of `round` as started: its own criteria, aggregation and rules. */
function jobOf(round: SelectionRound, limits: { timeLimitMs?: number } = {}, overrides: RoundSolveJob['overrides'] = {}) {
  const params: SolveParams = {
    criteria: round.criteria,
    aggregation: round.aggregation,
    rules: {},
    timeLimitMs: limits.timeLimitMs ?? 20_000,
    relativeGap: 0,
    scores: {},
  };
  return { round, overrides: { criteria: round.criteria, aggregation: round.aggregation, ...overrides }, params };
}

describeEachDialect('the solver process', (getDb, dialect) => {
  let engine: SolveProcess;
  let inThread: SelectionSolver;
  let small: SelectionRound;
  let large: SelectionRound;

  beforeAll(async () => {
    engine = createSolveProcess({ database: getDb().location, nice: 7 });
    inThread = await loadHighsSolver();
    small = await seedScoredRound(getDb(), { candidates: 40, seed: 3, capacity: 8, rules: { maxPerTheme: 3 } });
    large = await seedScoredRound(getDb(), { candidates: 400, seed: 5, capacity: 60, rules: { minPerSubRegion: 10 } });
  }, 120_000);
  afterAll(() => engine.close());

  it('reads, solves and explains a round as solveRound does on this thread, in a process of its own at the niceness asked', async () => {
    const rounds = new KyselySelectionRoundRepository(getDb().db);
    for (const job of [jobOf(small), jobOf(small, {}, { rules: { maxPerTheme: 1, minPerSubRegion: 1 } })]) {
      const [there, here] = await Promise.all([engine.solve(job, {}), solveRound(job, { rounds, solver: inThread })]);
      expect(there.result.status).toBe('optimal');
      expect(there.result.selected).toEqual(here.result.selected);
      expect(there.result.objective).toBeCloseTo(here.result.objective, 9);
      // The large parts come as JSON text, the same text as here.
      expect(typeof there.explanations).toBe('string');
      expect(there.explanations).toBe(here.explanations);
      expect(there.params).toBe(here.params);
      expect(there.comparison).toEqual(here.comparison);
      const explanations = JSON.parse(there.explanations) as Explanation[];
      expect(explanations).toHaveLength(40);
      expect(explanations.filter((e) => e.selected).map((e) => e.id)).toEqual(expect.arrayContaining(there.result.selected));
      const params = JSON.parse(there.params) as SolveParams;
      expect(Object.keys(params.scores)).toHaveLength(40);
      expect(params.timeLimitMs).toBe(20_000);
      expect(params.rules.capacity).toEqual({ max: 8 });
    }
    const pid = engine.pid as number;
    expect(pid).not.toBe(process.pid);
    expect(niceOf(pid)).toBe(7);
  }, 60_000);

  it('says which rules conflict for an infeasible round, and fails a round with a candidate left unscored', async () => {
    const solved = await engine.solve(jobOf(small, {}, { rules: { minPerSubRegion: 4, maxPerTheme: 1 } }), {});
    expect(solved.result.status).toBe('infeasible');
    expect(solved.conflicts?.conflicts.length).toBeGreaterThan(0);
    expect(JSON.parse(solved.explanations)).toEqual([]);
    // A candidate without scores (added after the solve's request checked): the child says so.
    const unscored = { ...small, partners: ['nl-ze'] };
    await expect(engine.solve(jobOf(unscored), {})).rejects.toThrow(/candidates without a score/);
  }, 30_000);

  it('keeps the thread that called it free while it reads, solves and explains 400 candidates', async () => {
    await engine.solve(jobOf(small), {}); // the process, its connection and HiGHS loaded
    const delay = monitorEventLoopDelay({ resolution: 5 });
    delay.enable();
    let longestGap = 0;
    let last = performance.now();
    const ticker = setInterval(() => {
      const now = performance.now();
      longestGap = Math.max(longestGap, now - last);
      last = now;
    }, 5);
    const started = performance.now();
    const solved = await engine.solve(jobOf(large), {});
    const wall = performance.now() - started;
    clearInterval(ticker);
    delay.disable();
    expect(solved.result.status).toBe('optimal');
    expect(solved.result.selected.length).toBeLessThanOrEqual(60);
    const explanations = JSON.parse(solved.explanations) as Explanation[];
    expect(explanations).toHaveLength(400);
    const resolved = explanations.filter((e) => !e.selected && !e.excluded && e.method === 'resolve');
    expect(resolved.length).toBeGreaterThan(0);
    // Reading 4,000 scores, solving and explaining on this thread would hold it for most of
    // `wall`; all this thread does is send the job and take the answer's two strings. The
    // machine is shared: bounds are generous, and relative to the solve's own time.
    expect(wall).toBeGreaterThan(100);
    expect(longestGap).toBeLessThan(Math.max(100, wall / 4));
    expect(delay.max / 1e6).toBeLessThan(Math.max(100, wall / 4));
  }, 120_000);

  it('cancels a running solve by stopping the process, refuses the queued one, and the next solve gets a new process', async () => {
    await engine.solve(jobOf(small), {});
    const before = engine.pid as number;
    const controller = new AbortController();
    const running = engine.solve(jobOf(large), { signal: controller.signal });
    const queued = engine.solve(jobOf(small), { signal: controller.signal });
    expect(engine.queued).toBe(1);
    controller.abort();
    await expect(running).rejects.toBeInstanceOf(SolveCancelledError);
    await expect(queued).rejects.toBeInstanceOf(SolveCancelledError);
    await expect.poll(() => alive(before)).toBe(false);
    const after = await engine.solve(jobOf(small), {});
    expect(after.result.status).toBe('optimal');
    expect(engine.pid).not.toBe(before);
    // An already aborted signal never starts a solve.
    await expect(engine.solve(jobOf(small), { signal: AbortSignal.abort() })).rejects.toBeInstanceOf(SolveCancelledError);
  }, 60_000);

  it('fails the running solve when the process dies, and starts a new one for the next', async () => {
    await engine.solve(jobOf(small), {});
    const pid = engine.pid as number;
    const running = engine.solve(jobOf(large), {});
    process.kill(pid, 'SIGKILL');
    await expect(running).rejects.toThrow(/solver process stopped \(SIGKILL\)/);
    const after = await engine.solve(jobOf(small), {});
    expect(after.result.status).toBe('optimal');
    expect(engine.pid).not.toBe(pid);
  }, 60_000);

  it('refuses solves once closed, and stops its process', async () => {
    const closing = createSolveProcess({ database: getDb().location });
    await closing.solve(jobOf(small), {});
    const pid = closing.pid as number;
    expect(niceOf(pid)).toBe(10);
    await closing.close();
    expect(alive(pid)).toBe(false);
    await expect(closing.solve(jobOf(small), {})).rejects.toThrow(/closed/);
  }, 30_000);

  it.runIf(dialect === 'sqlite')('refuses an in-memory SQLite database, which no other process can read', () => {
    expect(() => createSolveProcess({ database: { dialect: 'sqlite', path: ':memory:' } })).toThrow(/in-memory/);
  });
});
