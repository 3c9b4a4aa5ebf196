import { describe, expect, it } from 'vitest';
import { explainPortfolio } from './explain.js';
import { formulate } from './formulate.js';
import { compareWithGreedy, greedySelection } from './greedy.js';
import { type Candidate, checkModel, type SelectionModel, SelectionModelError, type SelectionSolver } from './model.js';
import { checkSelection, totalScore } from './rules.js';

const candidate = (id: string, score: number, side: string, extra: Partial<Candidate> = {}): Candidate => ({
  id,
  score,
  side,
  themes: ['mobility'],
  leadDepartment: 'd1',
  subRegion: 'r1',
  effort: 1,
  ...extra,
});

/** Four strong candidates on side a, three weaker on side b; three places, 40–60% per side. */
const round: SelectionModel = {
  candidates: [
    candidate('a1', 5, 'a'),
    candidate('a2', 4.9, 'a'),
    candidate('a3', 4.8, 'a'),
    candidate('a4', 4.7, 'a', { themes: ['labour'] }),
    candidate('b1', 3, 'b'),
    candidate('b2', 2, 'b', { themes: ['labour'] }),
    candidate('b3', 1, 'b', { leadDepartment: 'd2' }),
  ],
  rules: {
    capacity: { exact: 3 },
    sideShare: [{ side: 'a', minPercent: 40, maxPercent: 70 }],
    maxPerTheme: { labour: 1 },
    exclude: ['a2'],
  },
};

const noSolver: SelectionSolver = {
  solve: () => Promise.reject(new Error('not called when nothing is re-solved')),
};

describe('greedySelection', () => {
  it('ranks by score and skips what fills a rule up, a side’s share of the places too', () => {
    const greedy = greedySelection(round);
    // a1, a3 (a2 excluded); a4 would give side a 3 of 3 places (70% allows 2); then b1.
    expect(greedy.selected).toEqual(['a1', 'a3', 'b1']);
    expect(greedy.objective).toBeCloseTo(12.8, 9);
    expect(greedy.violations).toEqual([]);
  });

  it('reports the rules the ranking cannot aim at, and compares with the optimum', () => {
    const model: SelectionModel = { ...round, rules: { ...round.rules, minPerSubRegion: { r2: 1 } } };
    const withSubRegion = { ...model, candidates: model.candidates.map((c) => (c.id === 'b3' ? { ...c, subRegion: 'r2' } : c)) };
    const greedy = greedySelection(withSubRegion);
    expect(greedy.selected).toEqual(['a1', 'a3', 'b1']);
    expect(greedy.violations).toEqual([{ rule: 'minPerSubRegion', key: 'r2' }]);
    const optimum = { selected: ['a1', 'a3', 'b3'], objective: 10.8 };
    expect(checkSelection(withSubRegion, optimum.selected)).toEqual([]);
    const comparison = compareWithGreedy(optimum, greedy);
    expect(comparison).toMatchObject({
      optimisedTotal: 10.8,
      greedyValid: false,
      greedyViolations: [{ rule: 'minPerSubRegion', key: 'r2' }],
      onlyOptimised: ['b3'],
      onlyGreedy: ['b1'],
    });
    expect(comparison.greedyTotal).toBeCloseTo(12.8, 9);
    expect(comparison.greedyGap).toBeCloseTo((10.8 - 12.8) / 10.8, 9);
  });

  it('takes kept candidates first, even when they break a maximum', () => {
    const greedy = greedySelection({ ...round, rules: { capacity: { max: 2 }, maxPerTheme: { labour: 1 }, keep: ['b2', 'a4'] } });
    expect(greedy.selected).toEqual(['a4', 'b2']);
    expect(greedy.violations).toEqual([{ rule: 'maxPerTheme', key: 'labour' }]);
  });
});

describe('explainPortfolio', () => {
  it('names the rule that blocks each left-out candidate and the single exchange that would let it in', async () => {
    const result = { status: 'optimal' as const, selected: ['a1', 'a3', 'b1'], objective: 12.8, gap: 0, bound: 12.8, ms: 1 };
    const explanations = await explainPortfolio({ model: round, result, solver: noSolver, resolveTop: 0 });
    const byId = new Map(explanations.map((e) => [e.id, e]));
    expect(byId.get('a1')).toEqual({ id: 'a1', selected: true, kept: false });
    expect(byId.get('a2')).toEqual({ id: 'a2', selected: false, excluded: true });
    // a4 would break the count; swapped with b1 (the weakest) it would break side a's 70%; with a3 it keeps every rule.
    expect(byId.get('a4')).toEqual({
      id: 'a4',
      selected: false,
      excluded: false,
      blockedBy: [{ rule: 'capacity' }, { rule: 'sideShare', key: 'a' }],
      neededScore: 4.8,
      method: 'swap',
      swapWith: 'a3',
      canEnter: true,
    });
    expect(byId.get('b2')).toMatchObject({ blockedBy: [{ rule: 'capacity' }], neededScore: 3, swapWith: 'b1', method: 'swap' });
  });

  it('re-solves with the candidate kept for the exact needed score', async () => {
    const result = { status: 'optimal' as const, selected: ['a1', 'a3', 'b1'], objective: 12.8, gap: 0, bound: 12.8, ms: 1 };
    const calls: string[][] = [];
    const solver: SelectionSolver = {
      async solve(model) {
        calls.push([...(model.rules.keep ?? [])]);
        // With a4 kept the best is a1 + a4 + b1 = 12.7; with b2 kept, a1 + a3 + b2 = 11.8.
        const best = model.rules.keep?.includes('a4') ? ['a1', 'a4', 'b1'] : ['a1', 'a3', 'b2'];
        return { status: 'optimal', selected: best, objective: totalScore(model, best), gap: 0, bound: null, ms: 1 };
      },
    };
    const explanations = await explainPortfolio({ model: round, result, solver, resolveTop: 2 });
    expect(calls).toEqual([['a4'], ['b2']]);
    expect(explanations.find((e) => e.id === 'a4')).toMatchObject({ neededScore: 4.8, method: 'resolve' });
    expect(explanations.find((e) => e.id === 'b2')).toMatchObject({ neededScore: 3, method: 'resolve' });
    expect(explanations.find((e) => e.id === 'b3')).toMatchObject({ method: 'swap', neededScore: 3 });
  });
});

describe('swap bounds', () => {
  /** A small seeded generator (mulberry32), so every run checks the same rounds. */
  function random(seed: number) {
    let a = seed;
    return () => {
      a = (a + 0x6d2b79f5) | 0;
      let t = Math.imul(a ^ (a >>> 15), 1 | a);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  it('are those of a plain scan of every selected candidate, weakest first, on generated rounds', async () => {
    let checked = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const next = random(seed);
      const pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)] as T;
      // Few values per attribute, so that many left-out candidates are alike (the shared lookup's case).
      const candidates = Array.from({ length: 80 }, (_, i) =>
        candidate(`c${i}`, Math.round(next() * 40) / 10, pick(['a', 'b']), {
          themes: next() < 0.3 ? ['t1', 't2'] : [pick(['t1', 't2', 't3'])],
          leadDepartment: pick(['d1', 'd2', 'd3']),
          subRegion: pick(['r1', 'r2']),
          effort: pick([1, 2, 3]),
        }),
      );
      const model: SelectionModel = {
        candidates,
        rules: {
          capacity: { max: 20 },
          sideShare: [{ side: 'a', minPercent: 30, maxPercent: 70 }],
          maxPerTheme: 9,
          maxPerDepartment: { d1: 6 },
          minPerSubRegion: { r2: 5 },
          effortBudget: 42,
          keep: [`c${seed % 80}`],
        },
      };
      const greedy = greedySelection(model);
      // The exchanges are judged against a portfolio that keeps every rule (an optimum does; the ranking may not).
      if (checkSelection(model, greedy.selected).length > 0) continue;
      checked++;
      const result = {
        status: 'feasible' as const,
        selected: greedy.selected,
        objective: greedy.objective,
        gap: 0.1,
        bound: null,
        ms: 1,
      };
      const explanations = await explainPortfolio({ model, result, solver: noSolver, resolveTop: 0 });

      // The plain scan: for each left-out candidate, the weakest selected one (not kept) whose exchange keeps every rule.
      const chosen = new Set(greedy.selected);
      const kept = new Set(model.rules.keep);
      const weakestFirst = candidates
        .filter((c) => chosen.has(c.id) && !kept.has(c.id))
        .sort((x, y) => x.score - y.score || candidates.indexOf(x) - candidates.indexOf(y));
      for (const entering of candidates.filter((c) => !chosen.has(c.id))) {
        const exchange = weakestFirst.find(
          (out) => checkSelection(model, [...greedy.selected.filter((id) => id !== out.id), entering.id]).length === 0,
        );
        const explanation = explanations.find((e) => e.id === entering.id);
        expect(explanation, `seed ${seed}, ${entering.id}`).toMatchObject(
          exchange ? { method: 'swap', swapWith: exchange.id, neededScore: exchange.score } : { method: 'none', swapWith: null },
        );
      }
    }
    expect(checked).toBeGreaterThanOrEqual(20);
  });
});

describe('the model', () => {
  it('refuses a malformed model, naming every problem', () => {
    const model: SelectionModel = {
      candidates: [candidate('x', Number.NaN, 'a'), candidate('x', 1, 'b', { effort: -1 })],
      rules: {
        capacity: { max: -1 },
        sideShare: [{ side: 'a', maxPercent: 120 }],
        keep: ['nope'],
        maxPerTheme: { t: Number.NaN },
      },
    };
    expect(checkModel(model)).toEqual([
      { name: 'candidates.0.score', code: 'not_a_number' },
      { name: 'candidates.1.id', code: 'duplicate' },
      { name: 'candidates.1.effort', code: 'out_of_range' },
      { name: 'rules.capacity.max', code: 'out_of_range' },
      { name: 'rules.maxPerTheme.t', code: 'not_a_number' },
      { name: 'rules.sideShare.0.maxPercent', code: 'out_of_range' },
      { name: 'rules.keep.0', code: 'unknown_candidate' },
    ]);
    expect(() => formulate(model)).toThrow(SelectionModelError);
  });

  it('writes the rules as LP rows, and flags a minimum no candidate can meet', () => {
    const { lp, triviallyInfeasible } = formulate(round);
    expect(lp).toContain('Maximize\n obj: 5 x0 + 4.9 x1 + 4.8 x2 + 4.7 x3 + 3 x4 + 2 x5 + 1 x6');
    expect(lp).toContain(' capacity_exact: 1 x0 + 1 x1 + 1 x2 + 1 x3 + 1 x4 + 1 x5 + 1 x6 = 3');
    expect(lp).toContain(' side_min_0: 60 x0 + 60 x1 + 60 x2 + 60 x3 - 40 x4 - 40 x5 - 40 x6 >= 0');
    expect(lp).toContain(' side_max_0: - 30 x0 - 30 x1 - 30 x2 - 30 x3 + 70 x4 + 70 x5 + 70 x6 >= 0');
    expect(lp).toContain(' theme_max_0: 1 x3 + 1 x5 <= 1');
    expect(lp).toContain(' exclude_0: 1 x1 = 0');
    expect(triviallyInfeasible).toBe(false);
    expect(formulate({ ...round, rules: { minPerSubRegion: { nowhere: 1 } } }).triviallyInfeasible).toBe(true);
  });
});
