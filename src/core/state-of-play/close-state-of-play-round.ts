import { type Actor, can, denied } from '../access/access.js';
import { auditRecord } from '../audit/audit-record.js';
import type { Clock, UnitOfWork } from '../obstacles/ports.js';
import { AppError } from '../shared/errors.js';
import { overviewOf, type StateOfPlayOverview, type StateOfPlayRound } from './state-of-play.js';

/**
 * Closes an open round (the secretariat, If-Match on the round's version; 409 when it is closed
 * already). From then on it is frozen: no answers, no reminders. Returns the overview: every
 * department's answered and unanswered items, and the departments that missed the round (did not
 * answer every item). One transaction with the audit event `state_of_play.close` (which names them).
 */
export async function closeStateOfPlayRound(options: {
  actor: Actor;
  id: string;
  expectedVersion: number | 'any';
  uow: UnitOfWork;
  clock: Clock;
}): Promise<{ round: StateOfPlayRound; overview: StateOfPlayOverview }> {
  const { actor, id, expectedVersion, uow, clock } = options;
  if (actor.kind === 'anonymous' || !can(actor, 'manage_state_of_play')) throw denied(actor);
  return uow.transaction(async ({ stateOfPlay, audit }) => {
    const current = await stateOfPlay.findRound(id);
    if (!current) throw new AppError('state_of_play_round_not_found', { params: { id } });
    if (current.status !== 'open') throw new AppError('state_of_play_round_closed', { params: { id } });
    if (expectedVersion !== 'any' && current.version !== expectedVersion) {
      throw new AppError('version_conflict', { params: { current: current.version } });
    }
    const now = clock.now();
    const round: StateOfPlayRound = {
      ...current,
      status: 'closed',
      closedAt: now,
      closedBy: actor.userId,
      version: current.version + 1,
    };
    if (!(await stateOfPlay.updateRound(round, current.version))) {
      throw new AppError('version_conflict', { params: { current: '?' } });
    }
    const overview = overviewOf(await stateOfPlay.itemsOf(id));
    await audit.append(
      auditRecord({
        actor,
        at: now,
        action: 'state_of_play.close',
        entityType: 'state_of_play_round',
        entityId: id,
        details: {
          fields: { status: { before: 'open', after: 'closed' } },
          answered: overview.departments.filter((d) => d.complete).map((d) => d.organisation),
          missed: overview.missed,
        },
      }),
    );
    return { round, overview };
  });
}
