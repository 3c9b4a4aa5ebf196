import type { Actor } from '../access/access.js';
import type { Clock, UnitOfWork } from '../obstacles/ports.js';
import { findObstacle } from '../obstacles/update-obstacle.js';
import { AppError } from '../shared/errors.js';
import type { SelectionRound } from './round.js';
import { auditRound, requireStatus, roundFor, saveRound, userIdOf } from './round-access.js';

/**
 * Takes a candidate out of a round (the secretariat), with the scores it had, while the round is
 * a draft or being scored. 404 when the obstacle is not a candidate. Raises the round's version;
 * audited as `selection_round.candidates`.
 */
export async function removeSelectionCandidate(options: {
  actor: Actor;
  id: string;
  obstacle: string;
  uow: UnitOfWork;
  clock: Clock;
}): Promise<SelectionRound> {
  const { actor, id, obstacle: idOrReference, uow, clock } = options;
  return uow.transaction(async ({ selectionRounds, obstacles, audit }) => {
    const round = await roundFor(actor, 'manage_selection', selectionRounds, id);
    requireStatus(round, ['draft', 'scoring']);
    const obstacle = await findObstacle(obstacles, idOrReference);
    if (!(await selectionRounds.removeCandidate(round.id, obstacle.id))) {
      throw new AppError('obstacle_not_found', { params: { id: idOrReference } });
    }
    const now = clock.now();
    const saved = await saveRound(selectionRounds, round, {}, userIdOf(actor), now);
    await auditRound(audit, {
      actor,
      at: now,
      action: 'selection_round.candidates',
      roundId: round.id,
      details: { removed: [obstacle.id] },
    });
    return saved;
  });
}
