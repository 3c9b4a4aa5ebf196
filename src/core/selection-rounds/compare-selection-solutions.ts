import type { Actor } from '../access/access.js';
import { AppError } from '../shared/errors.js';
import type { SelectionRoundRepository } from './ports.js';
import { type CriterionKey, hasPortfolio, type SelectionSolution } from './round.js';
import { roundFor } from './round-access.js';

export interface SolutionComparison {
  a: SelectionSolution;
  b: SelectionSolution;
  /** In b's portfolio, not in a's. */
  entered: string[];
  /** In a's portfolio, not in b's. */
  left: string[];
  /** In both. */
  stayed: string[];
  /** Each portfolio's total score under its own scores, and b's portfolio under a's scores (what the change of weights alone did). */
  totals: { a: number; b: number; bUnderScoresOfA: number };
  /** The criteria whose weight differs: a's weight and b's (0 when it is not used). */
  weights: { criterion: CriterionKey; a: number; b: number }[];
  /** The rule families whose settings differ. */
  rules: string[];
}

/**
 * Two solutions of a round side by side (a what-if): which candidates entered and left, the totals,
 * and what differed in the weights and rules. Both must be finished with a portfolio (409).
 */
export async function compareSelectionSolutions(options: {
  actor: Actor;
  id: string;
  a: string;
  b: string;
  rounds: SelectionRoundRepository;
}): Promise<SolutionComparison> {
  const { actor, id, rounds } = options;
  const round = await roundFor(actor, 'read_selection', rounds, id);
  const load = async (solutionId: string) => {
    const solution = await rounds.findSolution(round.id, solutionId);
    if (!solution) throw new AppError('selection_solution_not_found', { params: { id: solutionId } });
    if (!hasPortfolio(solution)) throw new AppError('selection_solution_status', { params: { status: solution.status } });
    return solution;
  };
  const a = await load(options.a);
  const b = await load(options.b);
  const inA = new Set(a.selected);
  const inB = new Set(b.selected);
  const total = (ids: readonly string[], scores: SelectionSolution['params']['scores']) =>
    ids.reduce((sum, id) => sum + (scores[id]?.score ?? 0), 0);
  const weightOf = (s: SelectionSolution, key: CriterionKey) => s.params.criteria.find((c) => c.key === key)?.weight ?? 0;
  const keys = [...new Set([...a.params.criteria, ...b.params.criteria].map((c) => c.key))];
  const families = [...new Set([...Object.keys(a.params.rules), ...Object.keys(b.params.rules)])].sort();
  const rules = families.filter(
    (family) =>
      JSON.stringify((a.params.rules as Record<string, unknown>)[family] ?? null) !==
      JSON.stringify((b.params.rules as Record<string, unknown>)[family] ?? null),
  );
  return {
    a,
    b,
    entered: b.selected.filter((x) => !inA.has(x)),
    left: a.selected.filter((x) => !inB.has(x)),
    stayed: a.selected.filter((x) => inB.has(x)),
    totals: {
      a: total(a.selected, a.params.scores),
      b: total(b.selected, b.params.scores),
      bUnderScoresOfA: total(b.selected, a.params.scores),
    },
    weights: keys
      .map((criterion) => ({ criterion, a: weightOf(a, criterion), b: weightOf(b, criterion) }))
      .filter((w) => w.a !== w.b),
    rules,
  };
}
