import type { Kysely, Selectable, Transaction } from 'kysely';
import type { ActionStatus } from '../../core/actions/action.js';
import type { Language, LocalizedText } from '../../core/shared/language.js';
import type { StateOfPlayRepository } from '../../core/state-of-play/ports.js';
import type { ActionCandidate, RoundStatus, StateOfPlayItem, StateOfPlayRound } from '../../core/state-of-play/state-of-play.js';
import type { DB, StateOfPlayItemTable, StateOfPlayRoundTable } from '../schema.js';

type Executor = Kysely<DB> | Transaction<DB>;

/** Rows per insert statement (well under both databases' parameter limits). */
const CHUNK = 200;

function toRound(row: Selectable<StateOfPlayRoundTable>): StateOfPlayRound {
  return {
    id: row.id,
    title: row.title,
    referenceDate: row.reference_date,
    horizon: row.horizon,
    answerDueOn: row.answer_due_on,
    status: row.status as RoundStatus,
    openedAt: new Date(row.opened_at),
    openedBy: row.opened_by,
    closedAt: row.closed_at === null ? null : new Date(row.closed_at),
    closedBy: row.closed_by,
    remindedAt: row.reminded_at === null ? null : new Date(row.reminded_at),
    reminders: Number(row.reminders),
    version: Number(row.version),
  };
}

function roundRow(round: StateOfPlayRound) {
  return {
    id: round.id,
    title: round.title,
    reference_date: round.referenceDate,
    horizon: round.horizon,
    answer_due_on: round.answerDueOn,
    status: round.status,
    opened_at: round.openedAt.toISOString(),
    opened_by: round.openedBy,
    closed_at: round.closedAt ? round.closedAt.toISOString() : null,
    closed_by: round.closedBy,
    reminded_at: round.remindedAt ? round.remindedAt.toISOString() : null,
    reminders: round.reminders,
    version: round.version,
  };
}

function toItem(row: Selectable<StateOfPlayItemTable>): StateOfPlayItem {
  return {
    id: row.id,
    roundId: row.round_id,
    organisation: row.organisation_key,
    actionId: row.action_id,
    obstacle: {
      id: row.obstacle_id,
      reference: row.obstacle_reference,
      title: JSON.parse(row.obstacle_title) as LocalizedText,
      sourceLanguage: row.obstacle_source_language as Language,
    },
    title: JSON.parse(row.title) as LocalizedText,
    sourceLanguage: row.source_language as Language,
    dueOn: row.due_on,
    status: row.status as ActionStatus,
    progress: Number(row.progress),
    overdue: Number(row.overdue) === 1,
    answer:
      row.answer_status === null || row.answered_at === null || row.answered_by === null
        ? null
        : {
            status: row.answer_status as ActionStatus,
            progress: Number(row.answer_progress ?? 0),
            forecastOn: row.forecast_on,
            note: row.note,
            answeredAt: new Date(row.answered_at),
            answeredBy: row.answered_by,
          },
    version: Number(row.version),
  };
}

function answerColumns(item: StateOfPlayItem) {
  const answer = item.answer;
  return {
    answer_status: answer?.status ?? null,
    answer_progress: answer?.progress ?? null,
    forecast_on: answer?.forecastOn ?? null,
    note: answer?.note ?? null,
    answered_at: answer ? answer.answeredAt.toISOString() : null,
    answered_by: answer?.answeredBy ?? null,
    version: item.version,
  };
}

function itemRow(item: StateOfPlayItem) {
  return {
    id: item.id,
    round_id: item.roundId,
    organisation_key: item.organisation,
    action_id: item.actionId,
    obstacle_id: item.obstacle.id,
    obstacle_reference: item.obstacle.reference,
    obstacle_title: JSON.stringify(item.obstacle.title),
    obstacle_source_language: item.obstacle.sourceLanguage,
    title: JSON.stringify(item.title),
    source_language: item.sourceLanguage,
    due_on: item.dueOn,
    status: item.status,
    progress: item.progress,
    overdue: item.overdue ? 1 : 0,
    ...answerColumns(item),
  };
}

/** A unique index refused a row: PostgreSQL 23505, SQLite SQLITE_CONSTRAINT_UNIQUE. */
function isUniqueViolation(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/** State-of-play rounds and items in Kysely, on SQLite and PostgreSQL alike. */
export class KyselyStateOfPlayRepository implements StateOfPlayRepository {
  constructor(private readonly db: Executor) {}

  async insertRound(round: StateOfPlayRound): Promise<boolean> {
    try {
      await this.db.insertInto('state_of_play_rounds').values(roundRow(round)).execute();
      return true;
    } catch (error) {
      // The partial unique index on the open round: another opening committed in the meantime.
      if (round.status === 'open' && isUniqueViolation(error)) return false;
      throw error;
    }
  }

  async updateRound(round: StateOfPlayRound, expectedVersion: number): Promise<boolean> {
    const { id: _id, ...values } = roundRow(round);
    const result = await this.db
      .updateTable('state_of_play_rounds')
      .set(values)
      .where('id', '=', round.id)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async markReminded(id: string, at: Date, previous: Date | null): Promise<boolean> {
    const result = await this.db
      .updateTable('state_of_play_rounds')
      .set((eb) => ({ reminded_at: at.toISOString(), reminders: eb('reminders', '+', 1) }))
      .where('id', '=', id)
      .where((eb) => (previous === null ? eb('reminded_at', 'is', null) : eb('reminded_at', '=', previous.toISOString())))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async findRound(id: string): Promise<StateOfPlayRound | undefined> {
    const row = await this.db.selectFrom('state_of_play_rounds').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toRound(row) : undefined;
  }

  async openRound(): Promise<StateOfPlayRound | undefined> {
    const row = await this.db.selectFrom('state_of_play_rounds').selectAll().where('status', '=', 'open').executeTakeFirst();
    return row ? toRound(row) : undefined;
  }

  async listRounds(filter: { organisation?: string }): Promise<StateOfPlayRound[]> {
    let query = this.db.selectFrom('state_of_play_rounds as r').selectAll('r').orderBy('r.opened_at', 'desc').orderBy('r.id');
    const organisation = filter.organisation;
    if (organisation !== undefined) {
      query = query.where((eb) =>
        eb.exists(
          eb
            .selectFrom('state_of_play_items as i')
            .select('i.id')
            .whereRef('i.round_id', '=', 'r.id')
            .where('i.organisation_key', '=', organisation),
        ),
      );
    }
    return (await query.execute()).map(toRound);
  }

  async insertItems(items: readonly StateOfPlayItem[]): Promise<void> {
    for (let i = 0; i < items.length; i += CHUNK) {
      await this.db
        .insertInto('state_of_play_items')
        .values(items.slice(i, i + CHUNK).map(itemRow))
        .execute();
    }
  }

  async itemsOf(roundId: string, organisation?: string): Promise<StateOfPlayItem[]> {
    let query = this.db.selectFrom('state_of_play_items').selectAll().where('round_id', '=', roundId);
    if (organisation !== undefined) query = query.where('organisation_key', '=', organisation);
    const rows = await query.orderBy('organisation_key').orderBy('due_on').orderBy('id').execute();
    return rows.map(toItem);
  }

  async findItem(roundId: string, itemId: string): Promise<StateOfPlayItem | undefined> {
    const row = await this.db
      .selectFrom('state_of_play_items')
      .selectAll()
      .where('round_id', '=', roundId)
      .where('id', '=', itemId)
      .executeTakeFirst();
    return row ? toItem(row) : undefined;
  }

  async updateItem(item: StateOfPlayItem, expectedVersion: number): Promise<boolean> {
    const result = await this.db
      .updateTable('state_of_play_items')
      .set(answerColumns(item))
      .where('id', '=', item.id)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async openActionsDueBy(dueBy: string): Promise<ActionCandidate[]> {
    const rows = await this.db
      .selectFrom('actions as a')
      .innerJoin('obstacles as o', 'o.id', 'a.obstacle_id')
      .select([
        'a.id',
        'a.owner_organisation_key',
        'a.title',
        'a.source_language',
        'a.due_on',
        'a.status',
        'a.progress',
        'o.id as obstacle_id',
        'o.reference',
        'o.title as obstacle_title',
        'o.source_language as obstacle_source_language',
      ])
      .where('a.status', 'in', ['planned', 'in_progress'])
      .where('a.due_on', '<=', dueBy)
      .orderBy('a.owner_organisation_key')
      .orderBy('a.due_on')
      .orderBy('a.id')
      .execute();
    return rows.map((row) => ({
      id: row.id,
      organisation: row.owner_organisation_key,
      obstacle: {
        id: row.obstacle_id,
        reference: row.reference,
        title: JSON.parse(row.obstacle_title) as LocalizedText,
        sourceLanguage: row.obstacle_source_language as Language,
      },
      title: JSON.parse(row.title) as LocalizedText,
      sourceLanguage: row.source_language as Language,
      dueOn: row.due_on,
      status: row.status as ActionStatus,
      progress: Number(row.progress),
    }));
  }
}
