import { type Actor, denied } from '../access/access.js';
import { checkTransition } from '../lifecycle/lifecycle.js';
import type { Obstacle, ObstacleStatus } from '../obstacles/obstacle.js';
import { auditObstacle } from '../obstacles/obstacle-audit.js';
import type { Clock, UnitOfWork } from '../obstacles/ports.js';
import { AppError, type FieldError, validationError } from '../shared/errors.js';
import { REASON_LIMIT } from './amend-selection-portfolio.js';
import { amendedPortfolio, hasPortfolio, type SelectionRound } from './round.js';
import { auditRound, requireStatus, requireVersion, roundFor, saveRound, userIdOf } from './round-access.js';

export interface ApproveInput {
  solutionId: string;
  /** Recorded with every candidate's move (the closing moves require one). */
  reason: string;
  /** Candidates left out that go to the monitoring list instead of `not_selected`. */
  monitoringList?: string[];
}

/**
 * Approves a round's portfolio (the secretariat, for the regional body), with the round's version
 * the caller saw: the solution's portfolio with its amendments. In ONE transaction every candidate
 * moves through the lifecycle (core/lifecycle: `select`, `not_select`, `put_on_monitoring_list`,
 * all from `proposed`, each checked by the state machine for the caller's role and the reason),
 * each move audited as `obstacle.transition` naming the round; the round becomes `approved`
 * (`selection_round.approve`). Any candidate that is no longer `proposed` refuses the whole
 * approval (409 `transition_not_allowed`); nothing moves. Refusals: 401/403, 404, 412, 409, 400.
 */
export async function approveSelectionRound(options: {
  actor: Actor;
  id: string;
  expectedVersion: number | 'any';
  input: ApproveInput;
  uow: UnitOfWork;
  clock: Clock;
}): Promise<{ round: SelectionRound; moves: { obstacleId: string; reference: string; to: ObstacleStatus }[] }> {
  const { actor, id, expectedVersion, input, uow, clock } = options;
  return uow.transaction(async ({ selectionRounds, obstacles, audit }) => {
    const round = await roundFor(actor, 'approve_selection', selectionRounds, id);
    requireVersion(round, expectedVersion);
    requireStatus(round, ['solved']);
    const solution = await selectionRounds.findSolution(round.id, input.solutionId);
    if (!solution) throw new AppError('selection_solution_not_found', { params: { id: input.solutionId } });
    if (!hasPortfolio(solution)) throw new AppError('selection_solution_status', { params: { status: solution.status } });
    const portfolio = amendedPortfolio(solution, await selectionRounds.amendments(round.id, solution.id));
    const candidates = await selectionRounds.candidates(round.id);
    const ids = new Set(candidates.map((c) => c.obstacleId));
    const errors: FieldError[] = [];
    const reason = input.reason.trim();
    if (reason.length === 0) errors.push({ name: 'reason', code: 'required' });
    else if (reason.length > REASON_LIMIT) errors.push({ name: 'reason', code: 'too_long', params: { max: REASON_LIMIT } });
    const monitoring = new Set<string>();
    input.monitoringList?.forEach((obstacleId, i) => {
      if (!ids.has(obstacleId))
        errors.push({ name: `monitoringList.${i}`, code: 'not_a_candidate', params: { value: obstacleId } });
      else if (portfolio.has(obstacleId))
        errors.push({ name: `monitoringList.${i}`, code: 'invalid_value', params: { allowed: 'not selected' } });
      else if (monitoring.has(obstacleId)) errors.push({ name: `monitoringList.${i}`, code: 'duplicate' });
      monitoring.add(obstacleId);
    });
    if (errors.length > 0) throw validationError(errors);

    const now = clock.now();
    const moves: { obstacleId: string; reference: string; to: ObstacleStatus }[] = [];
    for (const candidate of candidates) {
      const current = await obstacles.findById(candidate.obstacleId);
      if (!current) throw new Error(`candidate ${candidate.obstacleId} vanished inside its own transaction`);
      const to: ObstacleStatus = portfolio.has(current.id)
        ? 'selected'
        : monitoring.has(current.id)
          ? 'monitoring_list'
          : 'not_selected';
      const check = checkTransition({ from: current.status, to, actor, reason, present: new Set() });
      if (!check.ok) {
        if (check.problem === 'forbidden') throw denied(actor);
        throw new AppError('transition_not_allowed', {
          params: {
            from: `${current.reference}: ${current.status}`,
            to,
            allowed: 'proposed → selected, not_selected, monitoring_list',
          },
        });
      }
      const next: Obstacle = { ...current, status: to, statusReason: reason, version: current.version + 1, updatedAt: now };
      if (!(await obstacles.update(next, current.version, undefined))) {
        throw new AppError('version_conflict', { params: { current: (await obstacles.currentVersion(current.id)) ?? '?' } });
      }
      const after = await obstacles.findById(current.id);
      if (!after) throw new Error(`obstacle ${current.id} vanished inside its own transaction`);
      await auditObstacle({
        audit,
        actor,
        at: now,
        action: 'obstacle.transition',
        before: current,
        after,
        details: { transition: check.transition.name, reason, selectionRound: round.id, solution: solution.id },
      });
      moves.push({ obstacleId: current.id, reference: current.reference, to });
    }
    const saved = await saveRound(
      selectionRounds,
      round,
      { status: 'approved', approvedSolutionId: solution.id },
      userIdOf(actor),
      now,
    );
    await auditRound(audit, {
      actor,
      at: now,
      action: 'selection_round.approve',
      roundId: round.id,
      details: {
        solution: solution.id,
        reason,
        selected: moves.filter((m) => m.to === 'selected').map((m) => m.obstacleId),
        notSelected: moves.filter((m) => m.to === 'not_selected').map((m) => m.obstacleId),
        monitoringList: moves.filter((m) => m.to === 'monitoring_list').map((m) => m.obstacleId),
      },
    });
    return { round: saved, moves };
  });
}
