import type { Kysely } from 'kysely';
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
import { INTAKE_STATUSES, type ObstacleStatus } from '../../core/obstacles/obstacle.js';
import type { Language, LocalizedText } from '../../core/shared/language.js';
import {
  ITEM_COLUMNS,
  type ItemRow,
  type KyselyDashboardReader,
  OWNED_ACTION_COLUMNS,
  toItem,
  toOwnedAction,
} from '../repositories/dashboard-reader.js';
import type { DB } from '../schema.js';
import type { DashboardIndex } from './dashboard-index.js';
import { dayNumber } from './days.js';
import { FacetIndex } from './facet-index.js';
import type { SqliteReadModel } from './sqlite-read-model.js';

type Model = { facets: FacetIndex; extra: DashboardIndex };

/**
 * The first `limit` set bits of `bits` that `accept`s, in the order `before` gives, and how many
 * it accepts. One pass over the set bits with a sorted window of `limit` seqs.
 */
function top(
  bits: Uint32Array,
  accept: (seq: number) => boolean,
  before: (a: number, b: number) => boolean,
  limit: number,
): { total: number; seqs: number[] } {
  const seqs: number[] = [];
  let total = 0;
  for (let w = 0; w < bits.length; w++) {
    let word = bits[w] as number;
    while (word !== 0) {
      const seq = (w << 5) | (31 - Math.clz32(word & -word));
      word &= word - 1;
      if (!accept(seq)) continue;
      total += 1;
      if (limit <= 0) continue;
      if (seqs.length === limit && !before(seq, seqs[limit - 1] as number)) continue;
      let at = seqs.length === limit ? limit - 1 : seqs.length;
      while (at > 0 && before(seq, seqs[at - 1] as number)) {
        seqs[at] = seqs[at - 1] as number;
        at -= 1;
      }
      seqs[at] = seq;
    }
  }
  return { total, seqs };
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The dashboard on SQLite, counted in memory (docs/decisions/0019-dashboard-index.md): the
 * caller's scope is a bitset of the FacetIndex (visibility, or routed to the department, AND the
 * filter), counted per facet by walking its bits; the routings that hold and the open actions come
 * from the DashboardIndex beside it; only the rows a list shows (ten per list) are read from the
 * table. When the read model cannot vouch for being current (inside a transaction of this
 * connection with writes not applied yet), it answers with the SQL of `KyselyDashboardReader`,
 * which gives the same figures.
 */
export class SqliteDashboardReader implements DashboardReader {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly readModel: SqliteReadModel,
    private readonly sql: KyselyDashboardReader,
  ) {}

  /** The obstacles of a scope as a bitset over seq. */
  private scopeBits(model: Model, scope: DashboardScope): Uint32Array {
    const { facets, extra } = model;
    const readable =
      scope.visibility.length > 0 ? facets.match({ visibility: [...scope.visibility] }) : new Uint32Array(facets.wordCount);
    if (scope.routedTo !== undefined) {
      for (const routing of extra.routingsTo(scope.routedTo)) {
        const word = routing.seq >>> 5;
        if (word < readable.length) readable[word] = (readable[word] as number) | (1 << (routing.seq & 31));
      }
    }
    const narrowed = facets.match({
      ...(scope.segment?.length ? { segment: scope.segment } : {}),
      ...(scope.theme?.length ? { theme: scope.theme } : {}),
      ...(scope.government?.length ? { government: scope.government } : {}),
    });
    for (let w = 0; w < readable.length; w++) readable[w] = (readable[w] as number) & (narrowed[w] as number);
    return readable;
  }

  /** The list rows of these obstacles, in the order given (one query). */
  private async rows(seqs: readonly number[]): Promise<Map<number, ItemRow>> {
    if (seqs.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('obstacles as o')
      .select([...ITEM_COLUMNS, 'o.seq as seq'])
      .where('o.seq', 'in', [...seqs])
      .execute();
    return new Map(rows.map((row) => [Number(row.seq), row]));
  }

  private async list(seqs: readonly number[], total: number, due: boolean): Promise<DashboardList> {
    const rows = await this.rows(seqs);
    const items: DashboardItem[] = [];
    for (const seq of seqs) {
      const row = rows.get(seq);
      if (row) items.push(toItem(row, due));
    }
    return { total, items };
  }

  async counts(scope: DashboardScope): Promise<DashboardCounts> {
    const model = this.readModel.dashboard();
    if (!model) return this.sql.counts(scope);
    const bits = this.scopeBits(model, scope);
    const { total, status, segment, theme, government } = model.facets.countDashboard(bits);
    const department: Record<string, number> = {};
    for (const routings of model.extra.routingLists()) {
      const seq = (routings[0] as { seq: number }).seq;
      if (!FacetIndex.contains(bits, seq)) continue;
      const seen = new Set<string>();
      for (const routing of routings) {
        if (seen.has(routing.organisation)) continue;
        seen.add(routing.organisation);
        department[routing.organisation] = (department[routing.organisation] ?? 0) + 1;
      }
    }
    return { total, counts: { status, segment, theme, government, department } };
  }

  async actionRag(scope: DashboardScope): Promise<Record<string, number>> {
    const model = this.readModel.dashboard();
    if (!model) return this.sql.actionRag(scope);
    return model.extra.countRag(this.scopeBits(model, scope));
  }

  async routedTo(scope: DashboardScope, organisation: string, limit: number): Promise<DashboardList> {
    const model = this.readModel.dashboard();
    if (!model) return this.sql.routedTo(scope, organisation, limit);
    const bits = this.scopeBits(model, scope);
    const open = model.facets.statusCodes(OPEN_STATUSES);
    const routings = [...model.extra.routingsTo(organisation)]
      .filter((r) => FacetIndex.contains(bits, r.seq) && open[model.facets.statusCode(r.seq)] === 1)
      .sort((a, b) => compare(a.routedAt, b.routedAt) || a.seq - b.seq);
    const shown = routings.slice(0, Math.max(0, limit));
    const rows = await this.rows(shown.map((r) => r.seq));
    const items: DashboardItem[] = [];
    for (const routing of shown) {
      const row = rows.get(routing.seq);
      if (row) items.push(toItem(row, false, { role: routing.role, routed_at: routing.routedAt }));
    }
    return { total: routings.length, items };
  }

  async inStatuses(scope: DashboardScope, statuses: readonly ObstacleStatus[], limit: number): Promise<DashboardList> {
    const model = this.readModel.dashboard();
    if (!model) return this.sql.inStatuses(scope, statuses, limit);
    if (statuses.length === 0) return { total: 0, items: [] };
    const { facets } = model;
    const wanted = facets.statusCodes(statuses);
    const updated = (seq: number) => facets.sortKey(seq, 'updated');
    const found = top(
      this.scopeBits(model, scope),
      (seq) => wanted[facets.statusCode(seq)] === 1,
      (a, b) => updated(a) < updated(b) || (updated(a) === updated(b) && a < b),
      limit,
    );
    return this.list(found.seqs, found.total, false);
  }

  async clarificationOverdue(scope: DashboardScope, today: string, limit: number): Promise<DashboardList> {
    const model = this.readModel.dashboard();
    if (!model) return this.sql.clarificationOverdue(scope, today, limit);
    const { facets } = model;
    const wanted = facets.statusCodes(INTAKE_STATUSES);
    const day = dayNumber(today);
    const due = (seq: number) => facets.clarificationDue(seq);
    const found = top(
      this.scopeBits(model, scope),
      (seq) => wanted[facets.statusCode(seq)] === 1 && due(seq) < day,
      (a, b) => due(a) < due(b) || (due(a) === due(b) && a < b),
      limit,
    );
    return this.list(found.seqs, found.total, true);
  }

  async unchangedSince(scope: DashboardScope, before: string, limit: number): Promise<DashboardList> {
    const model = this.readModel.dashboard();
    if (!model) return this.sql.unchangedSince(scope, before, limit);
    const { facets } = model;
    const wanted = facets.statusCodes(OPEN_STATUSES);
    // `updated_at < 'YYYY-MM-DD'` on ISO text in UTC: changed last before that day's midnight, UTC.
    const limitMs = Date.parse(`${before}T00:00:00.000Z`);
    const updated = (seq: number) => facets.sortKey(seq, 'updated');
    const found = top(
      this.scopeBits(model, scope),
      (seq) => wanted[facets.statusCode(seq)] === 1 && updated(seq) < limitMs,
      (a, b) => updated(a) < updated(b) || (updated(a) === updated(b) && a < b),
      limit,
    );
    return this.list(found.seqs, found.total, false);
  }

  async awaitingAcknowledgement(scope: DashboardScope, organisation: string, limit: number): Promise<Page<AwaitingRouting>> {
    const model = this.readModel.dashboard();
    if (!model) return this.sql.awaitingAcknowledgement(scope, organisation, limit);
    const bits = this.scopeBits(model, scope);
    const pending = [...model.extra.routingsTo(organisation)]
      .filter((r) => r.acknowledgement === 'pending' && FacetIndex.contains(bits, r.seq))
      .sort(
        (a, b) =>
          (a.dueOn === null ? 1 : 0) - (b.dueOn === null ? 1 : 0) || compare(a.dueOn ?? '', b.dueOn ?? '') || a.seq - b.seq,
      );
    const shown = pending.slice(0, Math.max(0, limit));
    const rows = await this.rows(shown.map((r) => r.seq));
    const items: AwaitingRouting[] = [];
    for (const routing of shown) {
      const row = rows.get(routing.seq);
      if (!row) continue;
      items.push({
        obstacle: {
          id: row.id,
          reference: row.reference,
          status: row.status as ObstacleStatus,
          title: JSON.parse(row.title) as LocalizedText,
          sourceLanguage: row.source_language as Language,
        },
        role: routing.role as AwaitingRouting['role'],
        routedAt: new Date(routing.routedAt),
        dueOn: routing.dueOn,
        dueCalendar: routing.dueCalendar,
      });
    }
    return { total: pending.length, items };
  }

  async ownedActions(scope: DashboardScope, organisation: string, limit: number): Promise<Page<OwnedAction>> {
    const model = this.readModel.dashboard();
    if (!model) return this.sql.ownedActions(scope, organisation, limit);
    const bits = this.scopeBits(model, scope);
    const ids: string[] = [];
    let total = 0;
    for (const action of model.extra.actionsOwnedBy(organisation)) {
      if (!FacetIndex.contains(bits, action.seq)) continue;
      total += 1;
      if (ids.length < limit) ids.push(action.id);
    }
    if (ids.length === 0) return { total, items: [] };
    const rows = await this.db
      .selectFrom('actions as a')
      .innerJoin('obstacles as o', 'o.id', 'a.obstacle_id')
      .where('a.id', 'in', ids)
      .select([...OWNED_ACTION_COLUMNS])
      .execute();
    const byId = new Map(rows.map((row) => [row.id, row]));
    const items: OwnedAction[] = [];
    for (const id of ids) {
      const row = byId.get(id);
      if (!row) continue;
      items.push(toOwnedAction(row));
    }
    return { total, items };
  }

  async inScope(scope: DashboardScope, obstacleIds: readonly string[]): Promise<Set<string>> {
    const model = this.readModel.dashboard();
    if (!model) return this.sql.inScope(scope, obstacleIds);
    if (obstacleIds.length === 0) return new Set();
    const bits = this.scopeBits(model, scope);
    const rows = await this.db
      .selectFrom('obstacles as o')
      .select(['o.id', 'o.seq'])
      .where('o.id', 'in', [...obstacleIds])
      .execute();
    return new Set(rows.filter((row) => FacetIndex.contains(bits, Number(row.seq))).map((row) => row.id));
  }
}
