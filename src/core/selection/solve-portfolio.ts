import { type Explanation, explainPortfolio } from './explain.js';
import { type ConflictReport, findConflicts } from './find-conflicts.js';
import { compareWithGreedy, greedySelection, type PortfolioComparison } from './greedy.js';
import type { SelectionModel, SelectionSolver, SolveResult } from './model.js';

/** A solve with everything said about it: the result, why each candidate is in or out, the plain ranking. */
export interface SolvedPortfolio {
  result: SolveResult;
  /** Every candidate, when the solve found a portfolio; empty otherwise. */
  explanations: Explanation[];
  /** Which rule families conflict, when the round is infeasible; null otherwise. */
  conflicts: ConflictReport | null;
  /** The portfolio against the plain ranking by score, when there is a portfolio; null otherwise. */
  comparison: PortfolioComparison | null;
}

export interface PortfolioOptions {
  timeLimitMs: number;
  relativeGap: number;
  signal?: AbortSignal;
  /**
   * The longest the explanations run without giving the event loop a turn, in ms (explain.ts;
   * default 10). Where nothing else waits on the thread (a solver process), Infinity.
   */
  sliceMs?: number;
}

/**
 * Solves a model and explains the outcome (docs/SELECTION.md): optimal → every candidate
 * explained, the exact needed score for the ten strongest left out; feasible or stopped by the
 * time limit with a portfolio → explained by the swap bounds only; infeasible → which rule
 * families conflict (each check at most 2 s). A portfolio is compared with the plain ranking.
 */
export async function solvePortfolio(
  model: SelectionModel,
  solver: SelectionSolver,
  options: PortfolioOptions,
): Promise<SolvedPortfolio> {
  const { timeLimitMs, relativeGap, signal, sliceMs } = options;
  const result = await solver.solve(model, { timeLimitMs, relativeGap, signal });
  if (result.status === 'infeasible') {
    const conflicts = await findConflicts({ model, solver, timeLimitMs: Math.min(timeLimitMs, 2_000), signal });
    return { result, explanations: [], conflicts, comparison: null };
  }
  if (result.status !== 'optimal' && result.gap === null) {
    return { result, explanations: [], conflicts: null, comparison: null };
  }
  const explanations = await explainPortfolio({
    model,
    result,
    solver,
    resolveTop: result.status === 'optimal' ? 10 : 0,
    timeLimitMs: Math.min(timeLimitMs, 2_000),
    signal,
    sliceMs,
  });
  return { result, explanations, conflicts: null, comparison: compareWithGreedy(result, greedySelection(model)) };
}
