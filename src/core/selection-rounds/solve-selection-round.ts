import type { Actor } from '../access/access.js';
import type { Clock, IdGenerator, UnitOfWork } from '../obstacles/ports.js';
import { SolveCancelledError } from '../selection/model.js';
import { AppError, type FieldError, validationError } from '../shared/errors.js';
import { aggregationOf, modelRules } from './build-selection-model.js';
import { checkRound } from './check-round.js';
import { checkRules } from './check-rules.js';
import type { SolveRunner } from './ports.js';
import {
  type BalanceRules,
  type FinishedSolution,
  finishedSolution,
  type RoundCriterion,
  type SelectionRound,
  type SelectionSolution,
} from './round.js';
import { auditRound, requireStatus, roundFor, userIdOf } from './round-access.js';
import type { RoundSolveEngine, RoundSolveJob, SolvedRound } from './solve-round.js';

/** What a solve may change for itself (a what-if that leaves the round as it is), and its limits. */
export interface SolveInput {
  criteria?: RoundCriterion[];
  aggregation?: SelectionRound['aggregation'];
  rules?: BalanceRules;
  /** The solver's wall-clock limit (default 10 s). */
  timeLimitMs?: number;
  /** The stated optimality tolerance (default 0: proven optimal). */
  relativeGap?: number;
}

export const DEFAULT_TIME_LIMIT_MS = 10_000;

/**
 * Starts solving a round (the secretariat), while it is being scored or solved, and returns at
 * once with the solution in `running`: the request checks only what it must (status, the
 * what-if's fields, that every candidate has a score — by one query, not by reading the scores).
 * The rest runs in the background through `runner`: `engine` (in the server a separate process
 * with its own connection) reads the candidates and scores, aggregates them, solves and explains,
 * and the result, with the aggregated scores it used, is written to the solution here. The
 * weights, aggregation and rules may be given for this solve only (a what-if); the solution keeps
 * what it used (`params`), so two solutions can be compared. Refusals: 401/403, 404, 409 (status;
 * candidates without a score), 400 (the what-if's fields, named). The start is audited as
 * `selection_round.solve`.
 */
export async function startSelectionSolve(options: {
  actor: Actor;
  id: string;
  input: SolveInput;
  uow: UnitOfWork;
  clock: Clock;
  ids: IdGenerator;
  engine: RoundSolveEngine;
  runner: SolveRunner;
}): Promise<SelectionSolution> {
  const { actor, id, input, uow, clock, ids, engine, runner } = options;
  const { solution, round } = await uow.transaction(async ({ selectionRounds, reference, audit }) => {
    const round = await roundFor(actor, 'manage_selection', selectionRounds, id);
    requireStatus(round, ['scoring', 'solved']);
    const catalogue = await reference.catalogue();
    const errors: FieldError[] = [];
    if (input.criteria !== undefined) errors.push(...checkRound(round, catalogue, { criteria: input.criteria }));
    if (input.rules !== undefined) {
      errors.push(...checkRules(input.rules, round, catalogue).map((e) => ({ ...e, name: `rules.${e.name}` })));
    }
    if (errors.length > 0) throw validationError(errors);
    // Not every score: which candidates have none (as aggregation would find), and keep/exclude.
    const { criteria, aggregation } = aggregationOf(round, input);
    const facts = await selectionRounds.solveFacts(round.id, {
      partners: round.partners,
      criteria: criteria.filter((c) => c.weight > 0).map((c) => c.key),
    });
    if (facts.unscored.length > 0) {
      throw new AppError('selection_unscored', { params: { candidates: facts.unscored.join(', ') } });
    }
    const rules = modelRules(round, input.rules ?? round.rules, facts.keep, facts.exclude);
    const now = clock.now();
    const solution: SelectionSolution = {
      id: ids.newId(),
      roundId: round.id,
      status: 'running',
      failure: null,
      objective: null,
      gap: null,
      bound: null,
      selected: [],
      explanations: [],
      conflicts: null,
      comparison: null,
      params: {
        criteria,
        aggregation,
        rules,
        timeLimitMs: input.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS,
        relativeGap: input.relativeGap ?? 0,
        // The aggregated scores are written with the result: the solve reads the scores after this answer.
        scores: {},
      },
      ms: null,
      createdAt: now,
      createdBy: userIdOf(actor),
      finishedAt: null,
    };
    await selectionRounds.insertSolution(solution, runner.id);
    await auditRound(audit, {
      actor,
      at: now,
      action: 'selection_round.solve',
      roundId: round.id,
      details: {
        solution: solution.id,
        status: 'running',
        whatIf: Object.keys(input).filter((k) => k === 'criteria' || k === 'rules' || k === 'aggregation'),
      },
    });
    return { solution, round };
  });
  const overrides = { criteria: solution.params.criteria, aggregation: solution.params.aggregation, rules: input.rules };
  runner.start(solution.id, (signal) =>
    runSolve({ solution, job: { round, overrides, params: solution.params }, uow, clock, engine, signal }),
  );
  return solution;
}

/**
 * Reads, solves, explains and stores one solution (solveRound through `engine`, which runs it off
 * the thread that answers requests): optimal → every candidate explained (the exact needed score
 * for the ten strongest left out); feasible or stopped by the time limit → explained by the cheap
 * bounds only; infeasible → which rule families conflict. The portfolio is compared with the
 * plain ranking. A first portfolio moves the round from `scoring` to `solved`. A cancelled solve
 * leaves the solution `cancelled` (written by the cancel); an error — a candidate added without
 * scores meanwhile, the engine's process dying — leaves it `failed`. The explanations and the
 * aggregated scores arrive as JSON text and are written as they are.
 */
export async function runSolve(options: {
  solution: SelectionSolution;
  job: RoundSolveJob;
  uow: UnitOfWork;
  clock: Clock;
  engine: RoundSolveEngine;
  signal: AbortSignal;
}): Promise<void> {
  const { solution, job, uow, clock, engine, signal } = options;
  let solved: SolvedRound | undefined;
  let status: SelectionSolution['status'];
  try {
    solved = await engine.solve(job, { signal });
    status = solved.result.status;
  } catch (error) {
    if (error instanceof SolveCancelledError || signal.aborted) return; // the cancel wrote `cancelled`
    status = 'failed';
  }
  const result = solved?.result;
  const now = clock.now();
  const hasSelection = result !== undefined && status !== 'failed' && (result.status === 'optimal' || result.gap !== null);
  const finished: FinishedSolution = {
    ...finishedSolution(solution),
    status,
    failure: status === 'failed' ? 'error' : null,
    objective: hasSelection && result ? result.objective : null,
    gap: hasSelection && result ? result.gap : null,
    bound: result?.bound ?? null,
    selected: hasSelection && result ? result.selected : [],
    conflicts: solved?.conflicts ?? null,
    comparison: solved?.comparison ?? null,
    ms: result?.ms ?? null,
    finishedAt: now,
  };
  if (solved) {
    finished.explanations = solved.explanations;
    finished.params = solved.params;
  }
  await uow.transaction(async ({ selectionRounds, audit }) => {
    if (!(await selectionRounds.finishSolution(finished))) return;
    const round = await selectionRounds.findRound(solution.roundId);
    if (round && hasSelection && round.status === 'scoring') {
      const next = {
        ...round,
        status: 'solved' as const,
        version: round.version + 1,
        updatedAt: now,
        updatedBy: solution.createdBy,
      };
      await selectionRounds.updateRound(next, round.version);
    }
    await auditRound(audit, {
      actor: 'system',
      at: now,
      action: 'selection_round.solve',
      roundId: solution.roundId,
      details: { solution: solution.id, status, objective: finished.objective, gap: finished.gap },
    });
  });
}

/**
 * Cancels a running solve (the secretariat): the solution becomes `cancelled` at once and the
 * solver is stopped. 409 when it has finished already. Audited as `selection_round.solve`.
 */
export async function cancelSelectionSolve(options: {
  actor: Actor;
  id: string;
  solutionId: string;
  uow: UnitOfWork;
  clock: Clock;
  runner: SolveRunner;
}): Promise<SelectionSolution> {
  const { actor, id, solutionId, uow, clock, runner } = options;
  const cancelled = await uow.transaction(async ({ selectionRounds, audit }) => {
    const round = await roundFor(actor, 'manage_selection', selectionRounds, id);
    const solution = await selectionRounds.findSolution(round.id, solutionId);
    if (!solution) throw new AppError('selection_solution_not_found', { params: { id: solutionId } });
    if (solution.status !== 'running') throw new AppError('selection_solution_status', { params: { status: solution.status } });
    const now = clock.now();
    const next: SelectionSolution = { ...solution, status: 'cancelled', finishedAt: now };
    if (!(await selectionRounds.finishSolution(finishedSolution(next)))) {
      throw new AppError('selection_solution_status', { params: { status: 'finished' } });
    }
    await auditRound(audit, {
      actor,
      at: now,
      action: 'selection_round.solve',
      roundId: round.id,
      details: { solution: solution.id, status: 'cancelled' },
    });
    return next;
  });
  runner.cancel(solutionId);
  return cancelled;
}
