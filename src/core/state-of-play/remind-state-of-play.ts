import { type Actor, can, denied } from '../access/access.js';
import { auditRecord } from '../audit/audit-record.js';
import type { Clock, IdGenerator, UnitOfWork } from '../obstacles/ports.js';
import { calendarDate } from '../obstacles/register-obstacle.js';
import { AppError } from '../shared/errors.js';
import { notifyDepartments } from './notify-departments.js';

export interface ReminderRun {
  roundId: string | null;
  /** The departments reminded (those with at least one item not answered). */
  departments: string[];
  notifications: number;
}

/**
 * Reminds the departments that have not answered every item of an open round: a
 * `state_of_play_reminder` to their department users, one per obstacle of their unanswered items;
 * departments that answered everything get nothing. Once per call (the secretariat's
 * `POST …/reminders`), or for the job (`actor: 'system'`, no `roundId`): the open round, at most
 * once a day (a second run on the same day in Brussels reminds nobody). In one transaction with
 * the audit event `state_of_play.remind`. A closed round: 409.
 */
export async function remindStateOfPlay(options: {
  actor: Actor | 'system';
  /** The round; the job leaves it out (the open round, if any). */
  roundId?: string;
  uow: UnitOfWork;
  clock: Clock;
  ids: IdGenerator;
}): Promise<ReminderRun> {
  const { actor, roundId, uow, clock, ids } = options;
  if (actor !== 'system' && (actor.kind === 'anonymous' || !can(actor, 'manage_state_of_play'))) throw denied(actor);
  return uow.transaction(async (repositories) => {
    const { stateOfPlay, audit } = repositories;
    const now = clock.now();
    const round = roundId === undefined ? await stateOfPlay.openRound() : await stateOfPlay.findRound(roundId);
    if (!round) {
      if (roundId === undefined) return { roundId: null, departments: [], notifications: 0 };
      throw new AppError('state_of_play_round_not_found', { params: { id: roundId } });
    }
    if (round.status !== 'open') throw new AppError('state_of_play_round_closed', { params: { id: round.id } });
    if (actor === 'system' && round.remindedAt && calendarDate(round.remindedAt) === calendarDate(now)) {
      return { roundId: round.id, departments: [], notifications: 0 };
    }
    // Claim the run: a concurrent run (another server's job) that read the same round loses.
    const claimed = await stateOfPlay.markReminded(round.id, now, round.remindedAt);
    if (!claimed) return { roundId: round.id, departments: [], notifications: 0 };
    const unanswered = (await stateOfPlay.itemsOf(round.id)).filter((item) => item.answer === null);
    const told = await notifyDepartments(
      repositories,
      { ids, at: now },
      { round, items: unanswered, kind: 'state_of_play_reminder' },
    );
    await audit.append(
      auditRecord({
        actor,
        at: now,
        action: 'state_of_play.remind',
        entityType: 'state_of_play_round',
        entityId: round.id,
        details: { departments: told.departments, notifications: told.notifications },
      }),
    );
    return { roundId: round.id, ...told };
  });
}
