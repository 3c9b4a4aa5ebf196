import type { RuleRef, SelectionModel } from './model.js';
import { SelectionState } from './rules.js';

export interface GreedyResult {
  /** The ids taken, in the candidates' order. */
  selected: string[];
  objective: number;
  /** The rules the finished ranking still breaks (shares, minimums, an exact count not reached); empty: valid. */
  violations: RuleRef[];
  ms: number;
}

/**
 * The plain ranking the optimiser is compared with: candidates to keep first, then the rest by
 * score, highest first (ties by the candidates' order), each taken unless taking it would break a
 * rule that only fills up — the capacity, the effort budget, a theme's or a department's maximum,
 * an exclusion — or a side's maximum share of the places (with a capacity, a side can fill at
 * most max% of it). The rules a ranking cannot aim at (the minimum shares, the minimum per
 * sub-region, reaching an exact count) are checked on the finished list and reported in
 * `violations`: that is where a plain ranking fails.
 */
export function greedySelection(model: SelectionModel): GreedyResult {
  const started = performance.now();
  const state = new SelectionState(model);
  const keep = new Set(model.rules.keep ?? []);
  const order = model.candidates
    .map((candidate, i) => ({ i, kept: keep.has(candidate.id), score: candidate.score }))
    .sort((a, b) => Number(b.kept) - Number(a.kept) || b.score - a.score || a.i - b.i);
  const places = model.rules.capacity?.exact ?? model.rules.capacity?.max;
  const sideCap = new Map<string, number>();
  for (const share of model.rules.sideShare ?? []) {
    if (places !== undefined && share.maxPercent !== undefined)
      sideCap.set(share.side, Math.floor((share.maxPercent * places) / 100 + 1e-9));
  }
  for (const { i, kept } of order) {
    const candidate = model.candidates[i] as { side: string };
    const broken = state.breaksIfSwapped(i, undefined, false).filter((ref) => ref.rule !== 'sideShare');
    const sideFull = (state.perSide.get(candidate.side) ?? 0) >= (sideCap.get(candidate.side) ?? Number.POSITIVE_INFINITY);
    if (kept || (broken.length === 0 && !sideFull)) state.add(i);
  }
  const selected = state.selectedIds();
  let objective = 0;
  model.candidates.forEach((candidate, i) => {
    if (state.selected[i]) objective += candidate.score;
  });
  return { selected, objective, violations: state.violations(), ms: performance.now() - started };
}

/** What the rules changed: the optimised portfolio beside the plain ranking. */
export interface PortfolioComparison {
  optimisedTotal: number;
  greedyTotal: number;
  /** (optimised − greedy) / |optimised|: how much the ranking loses; null when the optimum is 0. */
  greedyGap: number | null;
  greedyValid: boolean;
  greedyViolations: RuleRef[];
  /** In the optimised portfolio, not in the ranking. */
  onlyOptimised: string[];
  /** In the ranking, not in the optimised portfolio. */
  onlyGreedy: string[];
}

export function compareWithGreedy(optimised: { selected: readonly string[]; objective: number }, greedy: GreedyResult) {
  const inGreedy = new Set(greedy.selected);
  const inOptimised = new Set(optimised.selected);
  const comparison: PortfolioComparison = {
    optimisedTotal: optimised.objective,
    greedyTotal: greedy.objective,
    greedyGap: optimised.objective === 0 ? null : (optimised.objective - greedy.objective) / Math.abs(optimised.objective),
    greedyValid: greedy.violations.length === 0,
    greedyViolations: greedy.violations,
    onlyOptimised: optimised.selected.filter((id) => !inGreedy.has(id)),
    onlyGreedy: greedy.selected.filter((id) => !inOptimised.has(id)),
  };
  return comparison;
}
