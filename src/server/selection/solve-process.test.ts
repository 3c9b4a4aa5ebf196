import { readFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateRound } from '../../../bench/selection-round.js';
import { exhaustiveBest, smallRound } from '../../../test-support/selection-exhaustive.js';
import { type SelectionSolver, SolveCancelledError } from '../../core/selection/model.js';
import { checkSelection } from '../../core/selection/rules.js';
import { solvePortfolio } from '../../core/selection/solve-portfolio.js';
import { loadHighsSolver } from './highs-in-thread.js';
import { createSolveProcess, type SolveProcess } from './solve-process.js';

const OPTIONS = { timeLimitMs: 20_000, relativeGap: 0 };

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

describe('the solver process', () => {
  let engine: SolveProcess;
  let inThread: SelectionSolver;

  beforeAll(async () => {
    engine = createSolveProcess({ nice: 7 });
    inThread = await loadHighsSolver();
  });
  afterAll(() => engine.close());

  it('solves and explains a round as solvePortfolio does on this thread, in a process of its own at the niceness asked', async () => {
    for (const seed of [21, 22, 23]) {
      const model = smallRound(seed);
      const [there, here] = await Promise.all([engine.solve(model, OPTIONS), solvePortfolio(model, inThread, OPTIONS)]);
      expect(there.result.status, `seed ${seed}`).toBe(here.result.status);
      expect(there.result.objective).toBeCloseTo(exhaustiveBest(model).feasible ? exhaustiveBest(model).best : 0, 9);
      expect(there.explanations).toEqual(here.explanations);
      expect(there.conflicts).toEqual(here.conflicts);
      expect(there.comparison).toEqual(here.comparison);
    }
    const pid = engine.pid as number;
    expect(pid).not.toBe(process.pid);
    expect(niceOf(pid)).toBe(7);
  }, 60_000);

  it('says which rules conflict for an infeasible round', async () => {
    const model = smallRound(3);
    const solved = await engine.solve(
      { candidates: model.candidates, rules: { capacity: { exact: 0 }, minPerSubRegion: 1 } },
      OPTIONS,
    );
    expect(solved.result.status).toBe('infeasible');
    expect(solved.conflicts?.conflicts).toEqual([['capacity'], ['minPerSubRegion']]);
    expect(solved.explanations).toEqual([]);
  }, 30_000);

  it('keeps the thread that called it free while it solves and explains 2,000 candidates', async () => {
    const model = generateRound(2_000, 5);
    await engine.solve(smallRound(1), OPTIONS); // the process and HiGHS loaded
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
    const solved = await engine.solve(model, OPTIONS);
    const wall = performance.now() - started;
    clearInterval(ticker);
    delay.disable();
    expect(solved.result.status).toBe('optimal');
    expect(checkSelection(model, solved.result.selected)).toEqual([]);
    expect(solved.explanations).toHaveLength(2_000);
    // Up to ten re-solves (each at most 2 s: on a busy machine some end by the time limit and keep the swap bound).
    const resolved = solved.explanations.filter((e) => !e.selected && !e.excluded && e.method === 'resolve');
    expect(resolved.length).toBeGreaterThan(0);
    expect(resolved.length).toBeLessThanOrEqual(10);
    // Solving and explaining on this thread would hold it for the whole of `wall` (seconds); all
    // this thread does is send the model and read the answer. The machine is shared: bounds are
    // generous, and relative to the solve's own time.
    expect(wall).toBeGreaterThan(200);
    expect(longestGap).toBeLessThan(Math.max(100, wall / 4));
    expect(delay.max / 1e6).toBeLessThan(Math.max(100, wall / 4));
  }, 120_000);

  it('cancels a running solve by stopping the process, refuses the queued one, and the next solve gets a new process', async () => {
    await engine.solve(smallRound(2), OPTIONS);
    const before = engine.pid as number;
    const big = generateRound(20_000, 11);
    const controller = new AbortController();
    const started = performance.now();
    const running = engine.solve(
      { ...big, rules: { ...big.rules, capacity: { exact: 2000 } } },
      { timeLimitMs: 60_000, relativeGap: 0, signal: controller.signal },
    );
    const queued = engine.solve(smallRound(3), { ...OPTIONS, signal: controller.signal });
    expect(engine.queued).toBe(1);
    setTimeout(() => controller.abort(), 300);
    await expect(running).rejects.toBeInstanceOf(SolveCancelledError);
    await expect(queued).rejects.toBeInstanceOf(SolveCancelledError);
    expect(performance.now() - started).toBeLessThan(5_000);
    await expect.poll(() => alive(before)).toBe(false);
    const model = smallRound(5);
    const after = await engine.solve(model, OPTIONS);
    expect(after.result.objective).toBeCloseTo(exhaustiveBest(model).best, 9);
    expect(engine.pid).not.toBe(before);
    // An already aborted signal never starts a solve.
    await expect(engine.solve(model, { ...OPTIONS, signal: AbortSignal.abort() })).rejects.toBeInstanceOf(SolveCancelledError);
  }, 60_000);

  it('fails the running solve when the process dies, and starts a new one for the next', async () => {
    await engine.solve(smallRound(4), OPTIONS);
    const pid = engine.pid as number;
    const big = generateRound(20_000, 12);
    const running = engine.solve({ ...big, rules: { ...big.rules, capacity: { exact: 2000 } } }, OPTIONS);
    setTimeout(() => process.kill(pid, 'SIGKILL'), 300);
    await expect(running).rejects.toThrow(/solver process stopped \(SIGKILL\)/);
    const model = smallRound(6);
    const after = await engine.solve(model, OPTIONS);
    expect(after.result.objective).toBeCloseTo(exhaustiveBest(model).best, 9);
    expect(engine.pid).not.toBe(pid);
  }, 60_000);

  it('refuses solves once closed, and stops its process', async () => {
    const closing = createSolveProcess();
    await closing.solve(smallRound(7), OPTIONS);
    const pid = closing.pid as number;
    expect(niceOf(pid)).toBe(10);
    await closing.close();
    expect(alive(pid)).toBe(false);
    await expect(closing.solve(smallRound(7), OPTIONS)).rejects.toThrow(/closed/);
  }, 30_000);
});
