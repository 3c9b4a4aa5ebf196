import type SQLite from 'better-sqlite3';
import { OPEN_ACTION_STATUSES } from '../../core/monitoring/rag.js';
import { dayNumber } from './days.js';

/** A routing that holds (not ended), as the dashboard needs it. */
export interface HeldRouting {
  seq: number;
  obstacleId: string;
  organisation: string;
  role: string;
  routedAt: string;
  acknowledgement: string;
  dueOn: string | null;
  dueCalendar: string | null;
}

/** An open action (planned, in progress), as the dashboard needs it. */
export interface OpenAction {
  seq: number;
  obstacleId: string;
  id: string;
  organisation: string;
  rag: string;
  overdue: number;
  /** YYYYMMDD. */
  dueOn: number;
}

type RoutingRow = [number, string, string, string, string, string, string | null, string | null];
type ActionRow = [number, string, string, string, string, number, string];

const TOUCHED = 'temp.schakel_dashboard_touched';
const OPEN = OPEN_ACTION_STATUSES.map((status) => `'${status}'`).join(', ');

const ROUTINGS = `SELECT o.seq, r.obstacle_id, r.organisation_key, r.role, r.routed_at, r.acknowledgement, r.due_on, r.due_calendar
  FROM obstacle_routings r JOIN obstacles o ON o.id = r.obstacle_id WHERE r.ended_at IS NULL`;
const ACTIONS = `SELECT o.seq, a.obstacle_id, a.id, a.owner_organisation_key, a.rag, a.overdue, a.due_on
  FROM actions a JOIN obstacles o ON o.id = a.obstacle_id WHERE a.status IN (${OPEN})`;

/**
 * The temporary triggers that note, on this connection only, every obstacle whose routings or
 * actions a write changed (only the columns the dashboard reads). Temporary objects live with the
 * connection and fire for its writes alone; another connection's write changes `data_version`
 * instead, and the index is rebuilt.
 */
const TRIGGERS = [
  `CREATE TEMP TABLE IF NOT EXISTS schakel_dashboard_touched (obstacle_id TEXT NOT NULL)`,
  ...(
    [
      ['actions', 'obstacle_id, status, owner_organisation_key, rag, overdue, due_on, id'],
      ['obstacle_routings', 'obstacle_id, organisation_key, role, routed_at, ended_at, acknowledgement, due_on, due_calendar'],
    ] as const
  ).flatMap(([table, columns]) => [
    `CREATE TEMP TRIGGER IF NOT EXISTS schakel_dashboard_${table}_insert AFTER INSERT ON main.${table}
       BEGIN INSERT INTO ${TOUCHED} VALUES (NEW.obstacle_id); END`,
    `CREATE TEMP TRIGGER IF NOT EXISTS schakel_dashboard_${table}_update AFTER UPDATE OF ${columns} ON main.${table}
       BEGIN INSERT INTO ${TOUCHED} VALUES (NEW.obstacle_id); INSERT INTO ${TOUCHED} SELECT OLD.obstacle_id WHERE OLD.obstacle_id <> NEW.obstacle_id; END`,
    `CREATE TEMP TRIGGER IF NOT EXISTS schakel_dashboard_${table}_delete AFTER DELETE ON main.${table}
       BEGIN INSERT INTO ${TOUCHED} VALUES (OLD.obstacle_id); END`,
  ]),
];

function grown(array: Uint32Array, seq: number): Uint32Array {
  if (seq < array.length) return array;
  let length = Math.max(1024, array.length);
  while (length <= seq) length *= 2;
  const next = new Uint32Array(length);
  next.set(array);
  return next;
}

/**
 * What the dashboard counts beyond the obstacles' own facets (those are in the FacetIndex): the
 * routings that hold, and the open actions with their RAG, owner, overdue flag and due date, per
 * obstacle, for SQLite (docs/decisions/0019-dashboard-index.md).
 *
 * It is a cache of the file, never the truth. Loaded in one pass (two queries); this
 * connection's writes to `actions` and `obstacle_routings` are noted by temporary triggers and
 * applied per obstacle (`applyTouched`), so the nightly job's small commits each cost a re-read
 * of the obstacles they touched, not a rebuild.
 */
export class DashboardIndex {
  private readonly routingsOf = new Map<string, HeldRouting[]>();
  private readonly routingsByOrganisation = new Map<string, Set<HeldRouting>>();
  private readonly actionsOf = new Map<string, OpenAction[]>();
  private readonly actionsByOrganisation = new Map<string, Set<OpenAction>>();
  /** Per organisation its open actions in the dashboard's order, made on first ask after a change. */
  private readonly sortedActions = new Map<string, OpenAction[]>();
  /** Per RAG value, the open actions of each obstacle (by seq). */
  private readonly ragCounts = new Map<string, Uint32Array>();

  /** One copy of each organisation key, RAG value and obstacle id (the rows bring a new string each). */
  private readonly strings = new Map<string, string>();

  private readonly anyTouched: SQLite.Statement;
  private readonly touchedIds: SQLite.Statement;
  private readonly routingsTouched: SQLite.Statement;
  private readonly actionsTouched: SQLite.Statement;
  private readonly clearTouched: SQLite.Statement;

  private constructor(private readonly sqlite: SQLite.Database) {
    ({
      anyTouched: this.anyTouched,
      touchedIds: this.touchedIds,
      routingsTouched: this.routingsTouched,
      actionsTouched: this.actionsTouched,
      clearTouched: this.clearTouched,
    } = statementsOf(sqlite));
  }

  private intern(value: string): string {
    const known = this.strings.get(value);
    if (known !== undefined) return known;
    this.strings.set(value, value);
    return value;
  }

  /** Creates the triggers (once per connection), then loads every routing that holds and every open action. */
  static load(sqlite: SQLite.Database): DashboardIndex {
    // exec, not prepare: a statement dropped here would be collected later (see statementsOf).
    for (const statement of TRIGGERS) sqlite.exec(statement);
    const index = new DashboardIndex(sqlite);
    index.clearTouched.run();
    const { routings, actions } = statementsOf(sqlite);
    for (const row of routings.all() as RoutingRow[]) index.addRouting(row);
    for (const row of actions.all() as ActionRow[]) index.addAction(row);
    return index;
  }

  /** Whether writes of this connection wait to be applied (`applyTouched`). */
  pending(): boolean {
    return this.anyTouched.get() === 1;
  }

  /**
   * Re-reads the routings and open actions of every obstacle this connection's writes touched
   * since the last call. Only outside a transaction (what it reads must be committed).
   */
  applyTouched(): void {
    if (this.sqlite.inTransaction) throw new Error('dashboard index: cannot apply writes inside a transaction');
    const ids = this.touchedIds.all() as string[];
    if (ids.length === 0) return;
    for (const id of ids) {
      for (const routing of this.routingsOf.get(id) ?? []) this.routingsByOrganisation.get(routing.organisation)?.delete(routing);
      this.routingsOf.delete(id);
      for (const action of this.actionsOf.get(id) ?? []) this.removeAction(action);
      this.actionsOf.delete(id);
    }
    for (const row of this.routingsTouched.all() as RoutingRow[]) this.addRouting(row);
    for (const row of this.actionsTouched.all() as ActionRow[]) this.addAction(row);
    this.clearTouched.run();
  }

  private addRouting(row: RoutingRow): void {
    const [seq, obstacleId, organisation, role, routedAt, acknowledgement, dueOn, dueCalendar] = row;
    const routing: HeldRouting = {
      seq,
      obstacleId,
      organisation: this.intern(organisation),
      role: this.intern(role),
      routedAt,
      acknowledgement: this.intern(acknowledgement),
      dueOn,
      dueCalendar: dueCalendar === null ? null : this.intern(dueCalendar),
    };
    const list = this.routingsOf.get(obstacleId);
    if (list) list.push(routing);
    else this.routingsOf.set(obstacleId, [routing]);
    let set = this.routingsByOrganisation.get(organisation);
    if (!set) {
      set = new Set();
      this.routingsByOrganisation.set(organisation, set);
    }
    set.add(routing);
  }

  private addAction(row: ActionRow): void {
    const [seq, obstacleIdRow, id, organisationRow, ragRow, overdue, dueOn] = row;
    const list = this.actionsOf.get(obstacleIdRow);
    // The obstacle id of the map's key, so all its actions share one string.
    const obstacleId = list ? (list[0] as OpenAction).obstacleId : obstacleIdRow;
    const organisation = this.intern(organisationRow);
    const rag = this.intern(ragRow);
    const action: OpenAction = { seq, obstacleId, id, organisation, rag, overdue: Number(overdue), dueOn: dayNumber(dueOn) };
    if (list) list.push(action);
    else this.actionsOf.set(obstacleId, [action]);
    let set = this.actionsByOrganisation.get(organisation);
    if (!set) {
      set = new Set();
      this.actionsByOrganisation.set(organisation, set);
    }
    set.add(action);
    this.sortedActions.delete(organisation);
    const counts = grown(this.ragCounts.get(rag) ?? new Uint32Array(0), seq);
    counts[seq] = (counts[seq] as number) + 1;
    this.ragCounts.set(rag, counts);
  }

  private removeAction(action: OpenAction): void {
    this.actionsByOrganisation.get(action.organisation)?.delete(action);
    this.sortedActions.delete(action.organisation);
    const counts = this.ragCounts.get(action.rag);
    if (counts && action.seq < counts.length) counts[action.seq] = (counts[action.seq] as number) - 1;
  }

  /** The routings that hold, per obstacle (each list one obstacle's, never empty). */
  routingLists(): IterableIterator<HeldRouting[]> {
    return this.routingsOf.values();
  }

  /** The routings of one organisation that hold. */
  routingsTo(organisation: string): Iterable<HeldRouting> {
    return this.routingsByOrganisation.get(organisation) ?? [];
  }

  /** The open actions per RAG of the obstacles in a bitset over seq (only RAG values that occur). */
  countRag(bits: Uint32Array): Record<string, number> {
    const result: Record<string, number> = {};
    for (const [rag, counts] of this.ragCounts) {
      let n = 0;
      const words = Math.min(bits.length, counts.length >>> 5);
      for (let w = 0; w < words; w++) {
        let word = bits[w] as number;
        while (word !== 0) {
          n += counts[(w << 5) | (31 - Math.clz32(word & -word))] as number;
          word &= word - 1;
        }
      }
      if (n > 0) result[rag] = n;
    }
    return result;
  }

  /** The open actions an organisation owns: overdue first, then by due date, then by id (as the SQL orders them). */
  actionsOwnedBy(organisation: string): readonly OpenAction[] {
    let sorted = this.sortedActions.get(organisation);
    if (!sorted) {
      sorted = [...(this.actionsByOrganisation.get(organisation) ?? [])].sort(
        (a, b) => b.overdue - a.overdue || a.dueOn - b.dueOn || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
      );
      this.sortedActions.set(organisation, sorted);
    }
    return sorted;
  }
}

interface Statements {
  anyTouched: SQLite.Statement;
  touchedIds: SQLite.Statement;
  routingsTouched: SQLite.Statement;
  actionsTouched: SQLite.Statement;
  clearTouched: SQLite.Statement;
  routings: SQLite.Statement;
  actions: SQLite.Statement;
}

const prepared = new WeakMap<SQLite.Database, Statements>();

/**
 * The index's statements, prepared once per connection and kept as long as it: every rebuild makes
 * a new index, and a better-sqlite3 12 statement collected by the garbage collector can abort the
 * process on Node 24 (`RemoveEnvironmentCleanupHook … (env) != nullptr`, docs/decisions/0007).
 */
function statementsOf(sqlite: SQLite.Database): Statements {
  let statements = prepared.get(sqlite);
  if (!statements) {
    const touched = `obstacle_id IN (SELECT obstacle_id FROM ${TOUCHED})`;
    statements = {
      anyTouched: sqlite.prepare(`SELECT EXISTS (SELECT 1 FROM ${TOUCHED})`).pluck(true),
      touchedIds: sqlite.prepare(`SELECT DISTINCT obstacle_id FROM ${TOUCHED}`).pluck(true),
      routingsTouched: sqlite.prepare(`${ROUTINGS} AND r.${touched}`).raw(true),
      actionsTouched: sqlite.prepare(`${ACTIONS} AND a.${touched}`).raw(true),
      clearTouched: sqlite.prepare(`DELETE FROM ${TOUCHED}`),
      routings: sqlite.prepare(ROUTINGS).raw(true),
      actions: sqlite.prepare(ACTIONS).raw(true),
    };
    prepared.set(sqlite, statements);
  }
  return statements;
}
