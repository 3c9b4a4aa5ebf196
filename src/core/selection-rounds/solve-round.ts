import type { Explanation } from '../selection/explain.js';
import type { ConflictReport } from '../selection/find-conflicts.js';
import type { PortfolioComparison } from '../selection/greedy.js';
import { checkModel, type SelectionSolver, type SolveResult } from '../selection/model.js';
import { solvePortfolio } from '../selection/solve-portfolio.js';
import { type JsonText, toJsonText } from '../shared/json-text.js';
import type { ModelOverrides } from './build-selection-model.js';
import { loadSelectionModel } from './load-selection-model.js';
import type { SelectionRoundRepository } from './ports.js';
import type { SelectionRound, SolveParams } from './round.js';

/** One solve of a round, as started: what the engine reads, builds and solves. */
export interface RoundSolveJob {
  /** The round as it was when the solve started (its partners, criteria, rules, places). */
  round: SelectionRound;
  /** The what-if's criteria, aggregation and rules, or none. */
  overrides: ModelOverrides;
  /** The solution's parameters as started (its limits; rules and scores are filled in by the solve). */
  params: SolveParams;
}

/**
 * A solve with everything said about it (solvePortfolio), its large parts as JSON text: the
 * explanations of every candidate, and the parameters with the model's rules and every
 * candidate's aggregated score.
 */
export interface SolvedRound {
  result: SolveResult;
  conflicts: ConflictReport | null;
  comparison: PortfolioComparison | null;
  explanations: JsonText<Explanation[]>;
  params: JsonText<SolveParams>;
}

/**
 * The port that reads a round's candidates and scores, builds its model and solves and explains
 * it as a whole. The server implements it with a separate process that reads the database on its
 * own connection (src/server/selection/solve-process.ts), so that none of it — 300,000 scores read
 * and aggregated, the formulations, HiGHS, the explanations — runs on the thread that answers
 * requests; `inThreadRoundEngine` runs it where it is called.
 */
export interface RoundSolveEngine {
  solve(job: RoundSolveJob, options: { signal?: AbortSignal }): Promise<SolvedRound>;
}

/**
 * Reads the round's model (loadSelectionModel), checks it and solves and explains it
 * (solvePortfolio). A candidate added without scores after the solve started, or a model the
 * checks refuse, is an error: no portfolio from a partial round. `sliceMs`: see PortfolioOptions.
 */
export async function solveRound(
  job: RoundSolveJob,
  deps: { rounds: SelectionRoundRepository; solver: SelectionSolver; signal?: AbortSignal; sliceMs?: number },
): Promise<SolvedRound> {
  const { round, overrides, params } = job;
  const { rounds, solver, signal, sliceMs } = deps;
  const built = await loadSelectionModel({ round, overrides, rounds, signal });
  if (built.unscored.length > 0) {
    throw new Error(`candidates without a score: ${built.unscored.map((c) => c.reference).join(', ')}`);
  }
  const problems = checkModel(built.model);
  if (problems.length > 0) throw new Error(`a checked round made a malformed model: ${problems.map((p) => p.name).join(', ')}`);
  const { timeLimitMs, relativeGap } = params;
  const solved = await solvePortfolio(built.model, solver, { timeLimitMs, relativeGap, signal, sliceMs });
  return {
    result: solved.result,
    conflicts: solved.conflicts,
    comparison: solved.comparison,
    explanations: toJsonText(solved.explanations),
    params: toJsonText({ ...params, rules: built.model.rules, scores: built.scores }),
  };
}

/** A RoundSolveEngine that runs solveRound on the calling thread (tests, a database only this process sees). */
export function inThreadRoundEngine(deps: { rounds: SelectionRoundRepository; solver: SelectionSolver }): RoundSolveEngine {
  return { solve: (job, options) => solveRound(job, { ...deps, signal: options.signal }) };
}
