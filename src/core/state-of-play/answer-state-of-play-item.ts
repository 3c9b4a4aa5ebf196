import { type Actor, can, denied } from '../access/access.js';
import type { ActionChanges, ActionStatus } from '../actions/action.js';
import { changeAction } from '../actions/manage-actions.js';
import { auditRecord, changedFields } from '../audit/audit-record.js';
import type { MonitoringSettings } from '../monitoring/settings.js';
import type { Clock, UnitOfWork } from '../obstacles/ports.js';
import { calendarDate } from '../obstacles/register-obstacle.js';
import { AppError, type FieldError, validationError } from '../shared/errors.js';
import { isOpenActionStatus, STATE_OF_PLAY_LIMITS, type StateOfPlayItem } from './state-of-play.js';

export interface AnswerInput {
  status: ActionStatus;
  /** 0–100; 100 when done. */
  progress: number;
  /** YYYY-MM-DD, not before today; required while the status is open (planned, in progress). */
  forecastOn?: string | null;
  note?: string | null;
}

/** The answer's rules no schema knows, every broken one named. */
function checkAnswer(input: AnswerInput, today: string): FieldError[] {
  const errors: FieldError[] = [];
  if (input.status === 'done' && input.progress !== 100) {
    errors.push({ name: 'progress', code: 'invalid_value', params: { allowed: '100' } });
  }
  if (isOpenActionStatus(input.status)) {
    if (!input.forecastOn) errors.push({ name: 'forecastOn', code: 'required' });
    else if (input.forecastOn < today) errors.push({ name: 'forecastOn', code: 'too_small', params: { min: today } });
  }
  if (input.note && input.note.trim().length > STATE_OF_PLAY_LIMITS.note) {
    errors.push({ name: 'note', code: 'too_long', params: { max: STATE_OF_PLAY_LIMITS.note } });
  }
  return errors;
}

/**
 * A department answers on one of its items (If-Match on the item's version): status, progress,
 * forecast date and note. Only the department that owns the item (403 for others, the
 * secretariat included), only while the round is open (409). In one transaction: the answer, the
 * audit event `state_of_play.answer`, and the reported status and progress on the underlying
 * action through the actions use case (its own audit event `action.update`, RAG and roll-up), when
 * they differ from the action's and the department may report on it (`report_action`; otherwise
 * the action is left as it is and the event says `actionUpdated: false`). An answer may be changed
 * until the round closes.
 */
export async function answerStateOfPlayItem(options: {
  actor: Actor;
  roundId: string;
  itemId: string;
  expectedVersion: number | 'any';
  input: AnswerInput;
  uow: UnitOfWork;
  clock: Clock;
  settings: MonitoringSettings;
}): Promise<StateOfPlayItem> {
  const { actor, roundId, itemId, expectedVersion, input, uow, clock, settings } = options;
  if (actor.kind === 'anonymous' || !can(actor, 'answer_state_of_play')) throw denied(actor);
  return uow.transaction(async (repositories) => {
    const { stateOfPlay, audit, actions } = repositories;
    const round = await stateOfPlay.findRound(roundId);
    if (!round) throw new AppError('state_of_play_round_not_found', { params: { id: roundId } });
    const current = await stateOfPlay.findItem(roundId, itemId);
    if (!current) throw new AppError('state_of_play_item_not_found', { params: { id: itemId } });
    if (current.organisation !== actor.organisation) throw denied(actor);
    if (round.status !== 'open') throw new AppError('state_of_play_round_closed', { params: { id: round.id } });
    if (expectedVersion !== 'any' && current.version !== expectedVersion) {
      throw new AppError('version_conflict', { params: { current: current.version } });
    }
    const now = clock.now();
    const today = calendarDate(now);
    const errors = checkAnswer(input, today);
    if (errors.length > 0) throw validationError(errors);

    const note = input.note?.trim() ? input.note.trim() : null;
    const answer = {
      status: input.status,
      progress: input.progress,
      forecastOn: isOpenActionStatus(input.status) ? (input.forecastOn ?? null) : null,
      note,
      answeredAt: now,
      answeredBy: actor.userId,
    };
    const item: StateOfPlayItem = { ...current, answer, version: current.version + 1 };
    if (!(await stateOfPlay.updateItem(item, current.version))) {
      const stored = await stateOfPlay.findItem(roundId, itemId);
      throw new AppError('version_conflict', { params: { current: stored?.version ?? '?' } });
    }
    // The answer is the department's report on its action: the action follows it (status and
    // progress, when they differ). Where the department may not report on the action (an obstacle
    // it cannot read), the answer stands and the action is left as it is; the audit event says so.
    const action = await actions.findById(item.actionId);
    let actionUpdated = false;
    if (action) {
      const changes: ActionChanges = {
        ...(action.status !== input.status ? { status: input.status } : {}),
        ...(action.progress !== input.progress ? { progress: input.progress } : {}),
      };
      if (Object.keys(changes).length > 0) {
        try {
          await changeAction({ actor, id: action.id, expectedVersion: 'any', changes, repositories, now, settings });
          actionUpdated = true;
        } catch (error) {
          // Refused before anything is written (changeAction checks access first).
          if (!(error instanceof AppError && (error.code === 'action_not_found' || error.code === 'forbidden'))) throw error;
        }
      }
    }
    const fields = changedFields(current.answer ?? undefined, answer, ['status', 'progress', 'forecastOn', 'note']);
    await audit.append(
      auditRecord({
        actor,
        at: now,
        action: 'state_of_play.answer',
        entityType: 'state_of_play_item',
        entityId: item.id,
        details: { round: round.id, action: item.actionId, organisation: item.organisation, fields, actionUpdated },
      }),
    );
    return item;
  });
}
