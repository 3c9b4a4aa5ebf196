import { type ExpressionBuilder, type Kysely, type SelectQueryBuilder, sql } from 'kysely';
import type {
  AwaitingRouting,
  DashboardCounts,
  DashboardItem,
  DashboardList,
  DashboardReader,
  DashboardScope,
  OwnedAction,
  Page,
} from '../../core/dashboard/dashboard.js';
import { OPEN_STATUSES } from '../../core/lifecycle/lifecycle.js';
import { type ActionStatus, OPEN_ACTION_STATUSES, type Rag } from '../../core/monitoring/rag.js';
import { INTAKE_STATUSES, type ObstacleStatus } from '../../core/obstacles/obstacle.js';
import type { RoutingRole } from '../../core/routing/ports.js';
import type { Language, LocalizedText } from '../../core/shared/language.js';
import type { DB } from '../schema.js';

type Eb = ExpressionBuilder<DB & { o: DB['obstacles'] }, 'o'>;
type Base = SelectQueryBuilder<DB & { o: DB['obstacles'] }, 'o', object>;

/** The obstacles of a scope: readable by the caller (core/access), then the filter. */
function inScope(eb: Eb, scope: DashboardScope) {
  const byVisibility = eb('o.visibility', 'in', [...scope.visibility]);
  const organisation = scope.routedTo;
  const readable =
    organisation === undefined
      ? byVisibility
      : eb.or([
          byVisibility,
          eb.exists(
            eb
              .selectFrom('obstacle_routings as sr')
              .select(sql`1`.as('one'))
              .whereRef('sr.obstacle_id', '=', 'o.id')
              .where('sr.organisation_key', '=', organisation)
              .where('sr.ended_at', 'is', null),
          ),
        ]);
  const conditions = [readable];
  if (scope.segment?.length) conditions.push(eb('o.segment_key', 'in', scope.segment));
  if (scope.theme?.length) {
    conditions.push(
      eb.exists(
        eb
          .selectFrom('obstacle_themes as ft')
          .select(sql`1`.as('one'))
          .whereRef('ft.obstacle_seq', '=', 'o.seq')
          .where('ft.theme_key', 'in', scope.theme),
      ),
    );
  }
  if (scope.government?.length) {
    conditions.push(
      eb.exists(
        eb
          .selectFrom('obstacle_governments as fg')
          .select(sql`1`.as('one'))
          .whereRef('fg.obstacle_seq', '=', 'o.seq')
          .where('fg.government_key', 'in', scope.government),
      ),
    );
  }
  return eb.and(conditions);
}

export interface ItemRow {
  id: string;
  reference: string;
  status: string;
  title: string;
  source_language: string;
  updated_at: string;
  clarification_due: string;
}

export function toItem(row: ItemRow, due: boolean, routing?: { role: string; routed_at: string }): DashboardItem {
  return {
    id: row.id,
    reference: row.reference,
    status: row.status as ObstacleStatus,
    title: JSON.parse(row.title) as LocalizedText,
    sourceLanguage: row.source_language as Language,
    updatedAt: new Date(row.updated_at),
    due: due ? row.clarification_due : null,
    routing: routing ? { role: routing.role as RoutingRole, routedAt: new Date(routing.routed_at) } : null,
  };
}

/** The columns of an open action in "owned actions", with its obstacle's (actions `a` joined to obstacles `o`). */
export const OWNED_ACTION_COLUMNS = [
  'a.id as id',
  'a.title as title',
  'a.source_language as source_language',
  'a.status as status',
  'a.progress as progress',
  'a.due_on as due_on',
  'a.rag as rag',
  'a.overdue as overdue',
  'o.id as obstacle_id',
  'o.reference as reference',
  'o.title as obstacle_title',
  'o.source_language as obstacle_language',
] as const;

export interface OwnedActionRow {
  id: string;
  title: string;
  source_language: string;
  status: string;
  progress: number;
  due_on: string;
  rag: string;
  overdue: number;
  obstacle_id: string;
  reference: string;
  obstacle_title: string;
  obstacle_language: string;
}

export function toOwnedAction(row: OwnedActionRow): OwnedAction {
  return {
    id: row.id,
    title: JSON.parse(row.title) as LocalizedText,
    sourceLanguage: row.source_language as Language,
    obstacle: {
      id: row.obstacle_id,
      reference: row.reference,
      title: JSON.parse(row.obstacle_title) as LocalizedText,
      sourceLanguage: row.obstacle_language as Language,
    },
    status: row.status as ActionStatus,
    progress: Number(row.progress),
    dueOn: row.due_on,
    rag: row.rag as Rag,
    overdue: Number(row.overdue) === 1,
  };
}

export const ITEM_COLUMNS = [
  'o.id',
  'o.reference',
  'o.status',
  'o.title',
  'o.source_language',
  'o.updated_at',
  'o.clarification_due',
] as const;

/**
 * The dashboard's counts and lists in SQL that runs on SQLite and PostgreSQL alike: one
 * `GROUP BY` per facet over the caller's scope (status and segment in one). PostgreSQL's reader;
 * on SQLite `SqliteDashboardReader` counts in memory and falls back to this one (decision 0019).
 * The answers are kept per change of the data by the server (`DashboardCache`).
 */
export class KyselyDashboardReader implements DashboardReader {
  constructor(private readonly db: Kysely<DB>) {}

  private base(scope: DashboardScope): Base {
    return (this.db.selectFrom('obstacles as o') as unknown as Base).where((eb) => inScope(eb, scope));
  }

  async counts(scope: DashboardScope): Promise<DashboardCounts> {
    const base = this.base(scope);
    const [statusSegment, theme, government, department] = await Promise.all([
      base
        .select(['o.status as status', 'o.segment_key as segment', (eb) => eb.fn.countAll().as('n')])
        .groupBy(['o.status', 'o.segment_key'])
        .execute(),
      base
        .innerJoin('obstacle_themes as t', 't.obstacle_seq', 'o.seq')
        .select(['t.theme_key as key', (eb) => eb.fn.countAll().as('n')])
        .groupBy('t.theme_key')
        .execute(),
      base
        .innerJoin('obstacle_governments as g', 'g.obstacle_seq', 'o.seq')
        .select(['g.government_key as key', (eb) => eb.fn.countAll().as('n')])
        .groupBy('g.government_key')
        .execute(),
      base
        .innerJoin('obstacle_routings as r', 'r.obstacle_id', 'o.id')
        .where('r.ended_at', 'is', null)
        .select(['r.organisation_key as key', (eb) => eb.fn.count('o.seq').distinct().as('n')])
        .groupBy('r.organisation_key')
        .execute(),
    ]);
    const result: DashboardCounts = {
      total: 0,
      counts: { status: {}, theme: {}, segment: {}, government: {}, department: {} },
    };
    const add = (counts: Record<string, number>, key: string, n: number) => {
      counts[key] = (counts[key] ?? 0) + n;
    };
    for (const row of statusSegment) {
      const n = Number(row.n);
      result.total += n;
      add(result.counts.status, row.status, n);
      add(result.counts.segment, row.segment, n);
    }
    for (const row of theme) add(result.counts.theme, row.key, Number(row.n));
    for (const row of government) add(result.counts.government, row.key, Number(row.n));
    for (const row of department) add(result.counts.department, row.key, Number(row.n));
    return result;
  }

  async actionRag(scope: DashboardScope): Promise<Record<string, number>> {
    const rows = await this.db
      .selectFrom('actions as a')
      .innerJoin('obstacles as o', 'o.id', 'a.obstacle_id')
      .where((eb) => inScope(eb as unknown as Eb, scope))
      .where('a.status', 'in', [...OPEN_ACTION_STATUSES])
      .select(['a.rag as key', (eb) => eb.fn.countAll().as('n')])
      .groupBy('a.rag')
      .execute();
    return Object.fromEntries(rows.map((row) => [row.key, Number(row.n)]));
  }

  private async list(
    base: Base,
    order: (q: SelectQueryBuilder<DB & { o: DB['obstacles'] }, 'o', ItemRow>) => typeof q,
    limit: number,
    due: boolean,
  ): Promise<DashboardList> {
    const [rows, total] = await Promise.all([
      order(base.select([...ITEM_COLUMNS]))
        .limit(limit)
        .execute(),
      base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { total: Number(total.n), items: rows.map((row) => toItem(row, due)) };
  }

  async routedTo(scope: DashboardScope, organisation: string, limit: number): Promise<DashboardList> {
    const routed = this.db
      .selectFrom('obstacles as o')
      .innerJoin('obstacle_routings as r', 'r.obstacle_id', 'o.id')
      .where((eb) => inScope(eb as unknown as Eb, scope))
      .where('r.organisation_key', '=', organisation)
      .where('r.ended_at', 'is', null)
      .where('o.status', 'in', [...OPEN_STATUSES]);
    const [rows, total] = await Promise.all([
      routed
        .select([...ITEM_COLUMNS, 'r.role as role', 'r.routed_at as routed_at'])
        .orderBy('r.routed_at')
        .orderBy('o.seq')
        .limit(limit)
        .execute(),
      routed.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
    ]);
    return {
      total: Number(total.n),
      items: rows.map((row) => toItem(row, false, { role: row.role, routed_at: row.routed_at })),
    };
  }

  async inStatuses(scope: DashboardScope, statuses: readonly ObstacleStatus[], limit: number): Promise<DashboardList> {
    if (statuses.length === 0) return { total: 0, items: [] };
    return this.list(
      this.base(scope).where('o.status', 'in', [...statuses]),
      (q) => q.orderBy('o.updated_at').orderBy('o.seq'),
      limit,
      false,
    );
  }

  async clarificationOverdue(scope: DashboardScope, today: string, limit: number): Promise<DashboardList> {
    return this.list(
      this.base(scope)
        .where('o.status', 'in', [...INTAKE_STATUSES])
        .where('o.clarification_due', '<', today),
      (q) => q.orderBy('o.clarification_due').orderBy('o.seq'),
      limit,
      true,
    );
  }

  async unchangedSince(scope: DashboardScope, before: string, limit: number): Promise<DashboardList> {
    return this.list(
      this.base(scope)
        .where('o.status', 'in', [...OPEN_STATUSES])
        .where('o.updated_at', '<', before),
      (q) => q.orderBy('o.updated_at').orderBy('o.seq'),
      limit,
      false,
    );
  }
  async awaitingAcknowledgement(scope: DashboardScope, organisation: string, limit: number): Promise<Page<AwaitingRouting>> {
    const pending = this.db
      .selectFrom('obstacles as o')
      .innerJoin('obstacle_routings as r', 'r.obstacle_id', 'o.id')
      .where((eb) => inScope(eb as unknown as Eb, scope))
      .where('r.organisation_key', '=', organisation)
      .where('r.ended_at', 'is', null)
      .where('r.acknowledgement', '=', 'pending');
    const [rows, total] = await Promise.all([
      pending
        .select([
          'o.id',
          'o.reference',
          'o.status',
          'o.title',
          'o.source_language',
          'r.role',
          'r.routed_at',
          'r.due_on',
          'r.due_calendar',
          // Undated (routed before the norms existed) last, on both databases.
          (eb) => eb.case().when('r.due_on', 'is', null).then(1).else(0).end().as('undated'),
        ])
        .orderBy('undated')
        .orderBy('r.due_on')
        .orderBy('o.seq')
        .limit(limit)
        .execute(),
      pending.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
    ]);
    return {
      total: Number(total.n),
      items: rows.map((row) => ({
        obstacle: {
          id: row.id,
          reference: row.reference,
          status: row.status as ObstacleStatus,
          title: JSON.parse(row.title) as LocalizedText,
          sourceLanguage: row.source_language as Language,
        },
        role: row.role as RoutingRole,
        routedAt: new Date(row.routed_at),
        dueOn: row.due_on,
        dueCalendar: row.due_calendar,
      })),
    };
  }

  async ownedActions(scope: DashboardScope, organisation: string, limit: number): Promise<Page<OwnedAction>> {
    const owned = this.db
      .selectFrom('actions as a')
      .innerJoin('obstacles as o', 'o.id', 'a.obstacle_id')
      .where((eb) => inScope(eb as unknown as Eb, scope))
      .where('a.owner_organisation_key', '=', organisation)
      .where('a.status', 'in', [...OPEN_ACTION_STATUSES]);
    const [rows, total] = await Promise.all([
      owned
        .select([...OWNED_ACTION_COLUMNS])
        .orderBy('a.overdue', 'desc')
        .orderBy('a.due_on')
        .orderBy('a.id')
        .limit(limit)
        .execute(),
      owned.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
    ]);
    return {
      total: Number(total.n),
      items: rows.map(toOwnedAction),
    };
  }

  async inScope(scope: DashboardScope, obstacleIds: readonly string[]): Promise<Set<string>> {
    if (obstacleIds.length === 0) return new Set();
    const rows = await this.base(scope)
      .where('o.id', 'in', [...obstacleIds])
      .select('o.id')
      .execute();
    return new Set(rows.map((row) => row.id));
  }
}
