import { beforeAll, describe, expect, it } from 'vitest';
import { generateRound } from '../../../bench/selection-round.js';
import { brokenRules, exhaustiveBest, smallRound } from '../../../test-support/selection-exhaustive.js';
import { explainPortfolio } from '../../core/selection/explain.js';
import { findConflicts } from '../../core/selection/find-conflicts.js';
import { greedySelection } from '../../core/selection/greedy.js';
import {
  type RuleFamily,
  type SelectionModel,
  type SelectionSolver,
  SolveCancelledError,
  withoutFamilies,
} from '../../core/selection/model.js';
import { checkSelection } from '../../core/selection/rules.js';
import { loadHighsSolver } from './highs-in-thread.js';

// HiGHS on this thread, as the solver process runs it (solve-process.test.ts tests that process).
let solver: SelectionSolver;
beforeAll(async () => {
  solver = await loadHighsSolver();
});

const OPTIONS = { timeLimitMs: 20_000, relativeGap: 0 };
const flags = (model: SelectionModel, ids: readonly string[]) => model.candidates.map((c) => ids.includes(c.id));

describe('the HiGHS selection solver against an exhaustive search', () => {
  it('finds the exhaustive optimum (or the same infeasibility) on 240 generated rounds, and its selection keeps every rule', async () => {
    let infeasible = 0;
    let exact = 0;
    for (let seed = 1; seed <= 240; seed++) {
      const model = smallRound(seed);
      const expected = exhaustiveBest(model);
      const result = await solver.solve(model, OPTIONS);
      const context = `seed ${seed}: ${JSON.stringify(model.rules)}`;
      if (model.rules.capacity?.exact !== undefined) exact += 1;
      if (!expected.feasible) {
        infeasible += 1;
        expect(result.status, context).toBe('infeasible');
        expect(result.selected).toEqual([]);
        continue;
      }
      expect(result.status, context).toBe('optimal');
      expect(result.gap).toBe(0);
      expect(Math.abs(result.objective - expected.best), context).toBeLessThanOrEqual(1e-9);
      expect(brokenRules(model, flags(model, result.selected)), context).toEqual([]);
      // The core's own rule check agrees with the independent one.
      expect(checkSelection(model, result.selected), context).toEqual([]);
    }
    // The generated rounds cover the cases that matter.
    expect(infeasible).toBeGreaterThanOrEqual(20);
    expect(exact).toBeGreaterThanOrEqual(40);
  }, 180_000);

  it('reports the smallest sets of rule families whose relaxation makes an infeasible round feasible', async () => {
    let checked = 0;
    for (let seed = 1000; seed < 1400 && checked < 12; seed++) {
      const model = smallRound(seed);
      if (exhaustiveBest(model).feasible) continue;
      checked += 1;
      const report = await findConflicts({ model, solver, timeLimitMs: 10_000 });
      expect(report.undetermined).toEqual([]);
      expect(report.conflicts.length, `seed ${seed}`).toBeGreaterThan(0);
      const size = report.conflicts[0]?.length ?? 0;
      for (const set of report.conflicts) {
        expect(set).toHaveLength(size);
        expect(exhaustiveBest({ candidates: model.candidates, rules: withoutFamilies(model.rules, set) }).feasible).toBe(true);
      }
      // No smaller relaxation would do: every single family (when the smallest is a pair) stays infeasible.
      if (size > 1) {
        for (const family of Object.keys(model.rules) as RuleFamily[]) {
          const rules = withoutFamilies(model.rules, [family]);
          expect(exhaustiveBest({ candidates: model.candidates, rules }).feasible, `seed ${seed} without ${family}`).toBe(false);
        }
      }
    }
    expect(checked).toBe(12);
  }, 120_000);

  it('names the conflicting rules of a hand-made infeasible round', async () => {
    const candidates = ['r0', 'r0', 'r1', 'r1', 'r2', 'r2', 'r2'].map((subRegion, i) => ({
      id: `c${i}`,
      score: 3,
      side: i % 2 === 0 ? 'a' : 'b',
      themes: ['mobility'],
      leadDepartment: 'd',
      subRegion,
      effort: 1,
    }));
    // Four places, but at least two per sub-region (six), and c0 both kept and excluded.
    const model: SelectionModel = {
      candidates,
      rules: { capacity: { exact: 4 }, minPerSubRegion: 2, keep: ['c0'], exclude: ['c0'] },
    };
    expect((await solver.solve(model, OPTIONS)).status).toBe('infeasible');
    const report = await findConflicts({ model, solver, timeLimitMs: 5_000 });
    // Without the count and the exclusion, two per sub-region can be had; without the count and the
    // keep rule, r0 has one candidate left once c0 is excluded; without the minimum, either of keep
    // and exclude does.
    expect(report.conflicts).toEqual([
      ['capacity', 'exclude'],
      ['minPerSubRegion', 'keep'],
      ['minPerSubRegion', 'exclude'],
    ]);
    // A feasible round has no conflicts, after a single check.
    const feasible = await findConflicts({ model: { candidates, rules: { capacity: { max: 4 } } }, solver, timeLimitMs: 5_000 });
    expect(feasible).toEqual({ conflicts: [], undetermined: [], checks: 1 });
  });
});

describe('explanations', () => {
  it('gives the exact score a left-out candidate needs, checked by exhaustive search with it kept', async () => {
    let explained = 0;
    for (let seed = 2000; seed < 2060; seed++) {
      const model = smallRound(seed);
      const result = await solver.solve(model, OPTIONS);
      if (result.status !== 'optimal') continue;
      const explanations = await explainPortfolio({ model, result, solver, resolveTop: 20 });
      for (const explanation of explanations) {
        const candidate = model.candidates.find((c) => c.id === explanation.id);
        if (!candidate) throw new Error('every candidate is explained');
        expect(explanation.selected).toBe(result.selected.includes(candidate.id));
        if (explanation.selected || explanation.excluded) continue;
        expect(explanation.method).toBe('resolve');
        const forced = exhaustiveBest({
          candidates: model.candidates,
          rules: { ...model.rules, keep: [...(model.rules.keep ?? []), candidate.id] },
        });
        expect(explanation.canEnter).toBe(forced.feasible);
        if (!forced.feasible) continue;
        explained += 1;
        // At the needed score, the best portfolio with it equals the optimum without it.
        expect(Math.abs(forced.best - candidate.score + (explanation.neededScore as number) - result.objective)).toBeLessThan(
          1e-7,
        );
        expect(explanation.neededScore as number).toBeGreaterThanOrEqual(candidate.score - 1e-9);
      }
    }
    expect(explained).toBeGreaterThan(100);
  }, 120_000);
});

describe('HiGHS on the calling thread', () => {
  it('refuses a solve whose signal is aborted already', async () => {
    await expect(solver.solve(smallRound(5), { ...OPTIONS, signal: AbortSignal.abort() })).rejects.toBeInstanceOf(
      SolveCancelledError,
    );
  });

  it('solves a 2,000-candidate round better than the plain ranking, keeping every rule', async () => {
    const model = generateRound(2_000, 9);
    const result = await solver.solve(model, OPTIONS);
    const greedy = greedySelection(model);
    expect(result.status).toBe('optimal');
    expect(checkSelection(model, result.selected)).toEqual([]);
    expect(result.objective).toBeGreaterThanOrEqual(greedy.violations.length === 0 ? greedy.objective - 1e-9 : 0);
  }, 60_000);
});
