import type { CompiledQuery, Kysely, Selectable, Transaction } from 'kysely';
import type { Action, ActionKind, ActionStatus, Rag } from '../../core/actions/action.js';
import type {
  ActionFactsRow,
  ActionRepository,
  AssessmentRow,
  Cursor,
  FlaggedAction,
  MonitoringFilter,
} from '../../core/actions/ports.js';
import type { EscalationLevel } from '../../core/monitoring/escalation.js';
import type { ObstacleProgress, RollUpInput } from '../../core/monitoring/rag.js';
import type { Language, LocalizedText } from '../../core/shared/language.js';
import type { ActionTable, DB, ObstacleProgressTable } from '../schema.js';

type Executor = Kysely<DB> | Transaction<DB>;

/** Rows per statement when many are written or read by key (well under both databases' limits). */
const CHUNK = 500;

function toAction(row: Selectable<ActionTable>): Action {
  return {
    id: row.id,
    obstacleId: row.obstacle_id,
    kind: row.kind as ActionKind,
    title: JSON.parse(row.title) as LocalizedText,
    sourceLanguage: row.source_language as Language,
    decisionId: row.decision_id,
    owner: { organisation: row.owner_organisation_key, userId: row.owner_user_id },
    dueOn: row.due_on,
    status: row.status as ActionStatus,
    progress: Number(row.progress),
    weight: Number(row.weight),
    evidence: JSON.parse(row.evidence) as Action['evidence'],
    notes: row.notes,
    version: Number(row.version),
    createdAt: new Date(row.created_at),
    createdBy: row.created_by,
    updatedAt: new Date(row.updated_at),
    updatedBy: row.updated_by,
    completedOn: row.completed_on,
    monitoring: {
      rag: row.rag as Rag,
      overdue: Number(row.overdue) === 1,
      stale: Number(row.stale) === 1,
      computedAt: row.computed_at === null ? null : new Date(row.computed_at),
    },
    escalation: { level: row.escalation_level as EscalationLevel, escalatedOn: row.escalated_on },
  };
}

function toRow(action: Action) {
  return {
    id: action.id,
    obstacle_id: action.obstacleId,
    kind: action.kind,
    title: JSON.stringify(action.title),
    source_language: action.sourceLanguage,
    decision_id: action.decisionId,
    owner_organisation_key: action.owner.organisation,
    owner_user_id: action.owner.userId,
    due_on: action.dueOn,
    status: action.status,
    progress: action.progress,
    weight: action.weight,
    evidence: JSON.stringify(action.evidence),
    notes: action.notes,
    version: action.version,
    created_at: action.createdAt.toISOString(),
    created_by: action.createdBy,
    updated_at: action.updatedAt.toISOString(),
    updated_by: action.updatedBy,
    completed_on: action.completedOn,
    rag: action.monitoring.rag,
    overdue: action.monitoring.overdue ? 1 : 0,
    stale: action.monitoring.stale ? 1 : 0,
    computed_at: action.monitoring.computedAt ? action.monitoring.computedAt.toISOString() : null,
  };
}

function chunks<T>(items: readonly T[]): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) result.push(items.slice(i, i + CHUNK));
  return result;
}

/** Actions, their computed statuses and the obstacles' roll-ups in Kysely, on SQLite and PostgreSQL alike. */
function toProgress(row: Selectable<ObstacleProgressTable>): ObstacleProgress {
  return {
    percent: row.percent === null ? null : Number(row.percent),
    rag: row.rag as Rag,
    actions: {
      total: Number(row.total),
      planned: Number(row.planned),
      inProgress: Number(row.in_progress),
      done: Number(row.done),
      cancelled: Number(row.cancelled),
      overdue: Number(row.overdue),
      stale: Number(row.stale),
    },
  };
}

export class KyselyActionRepository implements ActionRepository {
  /** The roll-up of one obstacle, compiled once: every GET of an obstacle reads it. */
  private progressQuery: CompiledQuery<Selectable<ObstacleProgressTable>> | undefined;

  constructor(private readonly db: Executor) {}

  async insert(action: Action): Promise<void> {
    await this.db.insertInto('actions').values(toRow(action)).execute();
  }

  async update(action: Action, expectedVersion: number): Promise<boolean> {
    const { id: _id, obstacle_id: _obstacle, created_at: _at, created_by: _by, ...values } = toRow(action);
    const result = await this.db
      .updateTable('actions')
      .set(values)
      .where('id', '=', action.id)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async findById(id: string): Promise<Action | undefined> {
    const row = await this.db.selectFrom('actions').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toAction(row) : undefined;
  }

  async ofObstacle(obstacleId: string): Promise<Action[]> {
    const rows = await this.db
      .selectFrom('actions')
      .selectAll()
      .where('obstacle_id', '=', obstacleId)
      .orderBy('due_on')
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(toAction);
  }

  async progressOf(obstacleId: string): Promise<ObstacleProgress | undefined> {
    // Building and compiling a Kysely query costs several times what SQLite needs to answer it.
    this.progressQuery ??= this.db.selectFrom('obstacle_progress').selectAll().where('obstacle_id', '=', '').compile();
    const { rows } = await this.db.executeQuery<Selectable<ObstacleProgressTable>>({
      ...this.progressQuery,
      parameters: [obstacleId],
    });
    const row = rows[0];
    return row === undefined ? undefined : toProgress(row);
  }

  async progressOfMany(obstacleIds: readonly string[]): Promise<Map<string, ObstacleProgress>> {
    const result = new Map<string, ObstacleProgress>();
    for (const ids of chunks(obstacleIds)) {
      if (ids.length === 0) continue;
      const rows = await this.db.selectFrom('obstacle_progress').selectAll().where('obstacle_id', 'in', ids).execute();
      for (const row of rows) result.set(row.obstacle_id, toProgress(row));
    }
    return result;
  }

  async saveProgress(progress: ReadonlyMap<string, ObstacleProgress>, at: Date): Promise<void> {
    const rows = [...progress].map(([obstacleId, p]) => ({
      obstacle_id: obstacleId,
      percent: p.percent,
      rag: p.rag,
      total: p.actions.total,
      planned: p.actions.planned,
      in_progress: p.actions.inProgress,
      done: p.actions.done,
      cancelled: p.actions.cancelled,
      overdue: p.actions.overdue,
      stale: p.actions.stale,
      computed_at: at.toISOString(),
    }));
    // 11 values a row: a chunk of 80 rows stays under SQLite's 999 parameters.
    for (let i = 0; i < rows.length; i += 80) {
      await this.db
        .insertInto('obstacle_progress')
        .values(rows.slice(i, i + 80))
        .onConflict((oc) =>
          oc.column('obstacle_id').doUpdateSet((eb) => ({
            percent: eb.ref('excluded.percent'),
            rag: eb.ref('excluded.rag'),
            total: eb.ref('excluded.total'),
            planned: eb.ref('excluded.planned'),
            in_progress: eb.ref('excluded.in_progress'),
            done: eb.ref('excluded.done'),
            cancelled: eb.ref('excluded.cancelled'),
            overdue: eb.ref('excluded.overdue'),
            stale: eb.ref('excluded.stale'),
            computed_at: eb.ref('excluded.computed_at'),
          })),
        )
        .execute();
    }
  }

  async organisationOfUser(userId: string): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('users')
      .select('organisation_key')
      .where('id', '=', userId)
      .where('disabled_at', 'is', null)
      .executeTakeFirst();
    return row?.organisation_key;
  }

  async openAfter(afterId: string, limit: number): Promise<ActionFactsRow[]> {
    const rows = await this.db
      .selectFrom('actions')
      .select([
        'id',
        'obstacle_id',
        'owner_organisation_key',
        'status',
        'progress',
        'due_on',
        'created_at',
        'updated_at',
        'rag',
        'overdue',
        'stale',
      ])
      .where('id', '>', afterId)
      .where('status', 'in', ['planned', 'in_progress'])
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map((row) => ({
      id: row.id,
      obstacleId: row.obstacle_id,
      ownerOrganisation: row.owner_organisation_key,
      status: row.status as ActionStatus,
      progress: Number(row.progress),
      dueOn: row.due_on,
      createdAt: new Date(row.created_at),
      updatedAt: new Date(row.updated_at),
      rag: row.rag as Rag,
      overdue: Number(row.overdue) === 1,
      stale: Number(row.stale) === 1,
    }));
  }

  async saveAssessments(rows: readonly AssessmentRow[], at: Date): Promise<void> {
    // One UPDATE per combination of flags (at most 16), not one per row: a night's changes are
    // many rows with few distinct outcomes.
    const computedAt = at.toISOString();
    const groups = new Map<string, { row: AssessmentRow; ids: string[] }>();
    for (const row of rows) {
      const key = `${row.rag}:${row.overdue}:${row.stale}`;
      const group = groups.get(key);
      if (group) group.ids.push(row.id);
      else groups.set(key, { row, ids: [row.id] });
    }
    for (const { row, ids } of groups.values()) {
      for (const chunk of chunks(ids)) {
        await this.db
          .updateTable('actions')
          .set({ rag: row.rag, overdue: row.overdue ? 1 : 0, stale: row.stale ? 1 : 0, computed_at: computedAt })
          .where('id', 'in', chunk)
          .execute();
      }
    }
  }

  async obstaclesAfter(afterId: string, limit: number): Promise<string[]> {
    const rows = await this.db
      .selectFrom('actions')
      .select('obstacle_id')
      .distinct()
      .where('obstacle_id', '>', afterId)
      .orderBy('obstacle_id')
      .limit(limit)
      .execute();
    return rows.map((r) => r.obstacle_id);
  }

  async rollUpInputs(obstacleIds: readonly string[]): Promise<Map<string, RollUpInput[]>> {
    const result = new Map<string, RollUpInput[]>();
    for (const ids of chunks(obstacleIds)) {
      if (ids.length === 0) continue;
      const rows = await this.db
        .selectFrom('actions')
        .select(['obstacle_id', 'status', 'progress', 'weight', 'rag', 'overdue', 'stale'])
        .where('obstacle_id', 'in', ids)
        .execute();
      for (const row of rows) {
        const list = result.get(row.obstacle_id) ?? [];
        list.push({
          status: row.status as ActionStatus,
          progress: Number(row.progress),
          weight: Number(row.weight),
          rag: row.rag as Rag,
          overdue: Number(row.overdue) === 1,
          stale: Number(row.stale) === 1,
        });
        result.set(row.obstacle_id, list);
      }
    }
    return result;
  }

  async listFlagged(filter: MonitoringFilter): Promise<{ items: FlaggedAction[]; nextCursor: Cursor | null }> {
    const flag = filter.flag === 'overdue' ? 'actions.overdue' : 'actions.stale';
    let query = this.db
      .selectFrom('actions')
      .innerJoin('obstacles', 'obstacles.id', 'actions.obstacle_id')
      .selectAll('actions')
      .select([
        'obstacles.reference as obstacle_reference',
        'obstacles.title as obstacle_title',
        'obstacles.source_language as obstacle_language',
      ])
      .where(flag, '=', 1);
    const { visibilities, routedTo } = filter;
    query = query.where((eb) => {
      const readable = eb('obstacles.visibility', 'in', [...visibilities]);
      if (!routedTo) return readable;
      return eb.or([
        readable,
        eb.exists(
          eb
            .selectFrom('obstacle_routings')
            .select('obstacle_routings.id')
            .whereRef('obstacle_routings.obstacle_id', '=', 'obstacles.id')
            .where('obstacle_routings.organisation_key', '=', routedTo)
            .where('obstacle_routings.ended_at', 'is', null),
        ),
      ]);
    });
    if (filter.organisation) query = query.where('actions.owner_organisation_key', '=', filter.organisation);
    if (filter.government) {
      const government = filter.government;
      query = query.where((eb) =>
        eb.exists(
          eb
            .selectFrom('obstacle_governments')
            .select('obstacle_governments.obstacle_seq')
            .whereRef('obstacle_governments.obstacle_seq', '=', 'obstacles.seq')
            .where('obstacle_governments.government_key', '=', government),
        ),
      );
    }
    if (filter.theme) {
      const theme = filter.theme;
      query = query.where((eb) =>
        eb.exists(
          eb
            .selectFrom('obstacle_themes')
            .select('obstacle_themes.obstacle_seq')
            .whereRef('obstacle_themes.obstacle_seq', '=', 'obstacles.seq')
            .where('obstacle_themes.theme_key', '=', theme),
        ),
      );
    }
    const cursor = filter.cursor;
    if (cursor) {
      query = query.where((eb) =>
        eb.or([
          eb('actions.due_on', '>', cursor.dueOn),
          eb.and([eb('actions.due_on', '=', cursor.dueOn), eb('actions.id', '>', cursor.id)]),
        ]),
      );
    }
    const rows = await query
      .orderBy('actions.due_on')
      .orderBy('actions.id')
      .limit(filter.limit + 1)
      .execute();
    const page = rows.slice(0, filter.limit);
    const last = page.at(-1);
    return {
      items: page.map((row) => ({
        action: toAction(row),
        obstacle: {
          id: row.obstacle_id,
          reference: row.obstacle_reference,
          title: JSON.parse(row.obstacle_title) as LocalizedText,
          sourceLanguage: row.obstacle_language as Language,
        },
      })),
      nextCursor: rows.length > filter.limit && last ? { dueOn: last.due_on, id: last.id } : null,
    };
  }
}
