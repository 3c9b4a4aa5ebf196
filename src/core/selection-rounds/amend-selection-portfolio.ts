import type { Actor } from '../access/access.js';
import type { Clock, IdGenerator, UnitOfWork } from '../obstacles/ports.js';
import { AppError, type FieldError, validationError } from '../shared/errors.js';
import { type AmendmentChange, amendedPortfolio, hasPortfolio, type SelectionAmendment } from './round.js';
import { auditRound, requireStatus, roundFor, userIdOf } from './round-access.js';

export const REASON_LIMIT = 2_000;

/**
 * Amends a proposed portfolio (the secretariat, for the regional body): includes a candidate it
 * left out, or excludes one it holds, each with its reason, while the round is solved. One
 * amendment per candidate and solution. Refusals: 401/403, 404 (round, solution), 409 (status; a
 * solution without a portfolio), 400 (a candidate of the round, a change that changes something,
 * a reason; all named). Audited as `selection_round.amend`.
 */
export async function amendSelectionPortfolio(options: {
  actor: Actor;
  id: string;
  input: { solutionId: string; obstacleId: string; change: AmendmentChange; reason: string };
  uow: UnitOfWork;
  clock: Clock;
  ids: IdGenerator;
}): Promise<SelectionAmendment> {
  const { actor, id, input, uow, clock, ids } = options;
  return uow.transaction(async ({ selectionRounds, audit }) => {
    const round = await roundFor(actor, 'manage_selection', selectionRounds, id);
    requireStatus(round, ['solved']);
    const solution = await selectionRounds.findSolution(round.id, input.solutionId);
    if (!solution) throw new AppError('selection_solution_not_found', { params: { id: input.solutionId } });
    if (!hasPortfolio(solution)) throw new AppError('selection_solution_status', { params: { status: solution.status } });
    const amendments = await selectionRounds.amendments(round.id, solution.id);
    const candidates = new Set((await selectionRounds.candidates(round.id)).map((c) => c.obstacleId));
    const errors: FieldError[] = [];
    const portfolio = amendedPortfolio(solution, amendments);
    if (!candidates.has(input.obstacleId)) {
      errors.push({ name: 'obstacleId', code: 'not_a_candidate', params: { value: input.obstacleId } });
    } else if (amendments.some((a) => a.obstacleId === input.obstacleId)) {
      errors.push({ name: 'obstacleId', code: 'duplicate' });
    } else if (input.change === 'include' ? portfolio.has(input.obstacleId) : !portfolio.has(input.obstacleId)) {
      errors.push({
        name: 'change',
        code: 'invalid_value',
        params: { allowed: input.change === 'include' ? 'exclude' : 'include' },
      });
    }
    const reason = input.reason.trim();
    if (reason.length === 0) errors.push({ name: 'reason', code: 'required' });
    else if (reason.length > REASON_LIMIT) errors.push({ name: 'reason', code: 'too_long', params: { max: REASON_LIMIT } });
    if (errors.length > 0) throw validationError(errors);
    const now = clock.now();
    const amendment: SelectionAmendment = {
      id: ids.newId(),
      roundId: round.id,
      solutionId: solution.id,
      obstacleId: input.obstacleId,
      change: input.change,
      reason,
      createdAt: now,
      createdBy: userIdOf(actor),
    };
    await selectionRounds.insertAmendment(amendment);
    await auditRound(audit, {
      actor,
      at: now,
      action: 'selection_round.amend',
      roundId: round.id,
      details: { solution: solution.id, obstacle: input.obstacleId, change: input.change, reason },
    });
    return amendment;
  });
}
