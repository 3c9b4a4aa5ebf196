import { type Actor, can, denied } from '../access/access.js';
import { auditRecord } from '../audit/audit-record.js';
import { dueDate } from '../calendar/norms.js';
import { addCalendarDays } from '../calendar/working-days.js';
import type { Clock, IdGenerator, UnitOfWork } from '../obstacles/ports.js';
import { calendarDate } from '../obstacles/register-obstacle.js';
import { AppError, type FieldError, validationError } from '../shared/errors.js';
import { notifyDepartments } from './notify-departments.js';
import { horizonOf, STATE_OF_PLAY_LIMITS, type StateOfPlayItem, type StateOfPlayRound, selectItems } from './state-of-play.js';

export interface NewRound {
  title: string;
  /** YYYY-MM-DD, not after today; default today. */
  referenceDate?: string;
  /** YYYY-MM-DD, after today; default the norm `department_response` from today. */
  answerDueOn?: string;
}

/**
 * Opens a state-of-play round (the secretariat; one open round at a time, 409 otherwise). In one
 * transaction: the round; a snapshot of every department's open items (its actions not done or
 * cancelled that are overdue on the reference date or due within six calendar months of it); the
 * audit event `state_of_play.open`; and `state_of_play_request` notifications to the department
 * users of each department with items, one per obstacle of its items (the outbox: mailed after the
 * commit, in each recipient's language).
 */
export async function openStateOfPlayRound(options: {
  actor: Actor;
  input: NewRound;
  uow: UnitOfWork;
  clock: Clock;
  ids: IdGenerator;
}): Promise<{ round: StateOfPlayRound; items: StateOfPlayItem[] }> {
  const { actor, input, uow, clock, ids } = options;
  if (actor.kind === 'anonymous' || !can(actor, 'manage_state_of_play')) throw denied(actor);
  const now = clock.now();
  const today = calendarDate(now);
  const title = input.title.trim();
  const referenceDate = input.referenceDate ?? today;
  const errors: FieldError[] = [];
  if (title === '') errors.push({ name: 'title', code: 'required' });
  else if (title.length > STATE_OF_PLAY_LIMITS.title) {
    errors.push({ name: 'title', code: 'too_long', params: { max: STATE_OF_PLAY_LIMITS.title } });
  }
  if (referenceDate > today) errors.push({ name: 'referenceDate', code: 'too_big', params: { max: today } });
  const tomorrow = addCalendarDays(today, 1);
  if (input.answerDueOn !== undefined && input.answerDueOn < tomorrow) {
    errors.push({ name: 'answerDueOn', code: 'too_small', params: { min: tomorrow } });
  }
  if (errors.length > 0) throw validationError(errors);

  return uow.transaction(async (repositories) => {
    const { stateOfPlay, norms, audit } = repositories;
    const open = await stateOfPlay.openRound();
    if (open) throw new AppError('state_of_play_round_open', { params: { id: open.id } });
    const answerDueOn = input.answerDueOn ?? dueDate({ norm: await norms.get('department_response'), from: today }).date;
    const horizon = horizonOf(referenceDate);
    const round: StateOfPlayRound = {
      id: ids.newId(),
      title,
      referenceDate,
      horizon,
      answerDueOn,
      status: 'open',
      openedAt: now,
      openedBy: actor.userId,
      closedAt: null,
      closedBy: null,
      remindedAt: null,
      reminders: 0,
      version: 1,
    };
    const items: StateOfPlayItem[] = selectItems(await stateOfPlay.openActionsDueBy(horizon), referenceDate).map((c) => ({
      id: ids.newId(),
      roundId: round.id,
      organisation: c.organisation,
      actionId: c.id,
      obstacle: c.obstacle,
      title: c.title,
      sourceLanguage: c.sourceLanguage,
      dueOn: c.dueOn,
      status: c.status,
      progress: c.progress,
      overdue: c.overdue,
      answer: null,
      version: 1,
    }));
    if (!(await stateOfPlay.insertRound(round))) throw new AppError('state_of_play_round_open', { params: { id: '?' } });
    await stateOfPlay.insertItems(items);
    const departments = [...new Set(items.map((i) => i.organisation))];
    await audit.append(
      auditRecord({
        actor,
        at: now,
        action: 'state_of_play.open',
        entityType: 'state_of_play_round',
        entityId: round.id,
        details: { title, referenceDate, horizon, answerDueOn, items: items.length, departments },
      }),
    );
    await notifyDepartments(repositories, { ids, at: now }, { round, items, kind: 'state_of_play_request' });
    return { round, items };
  });
}
