import type SQLite from 'better-sqlite3';
import type { FacetCounts, ObstacleFilter } from '../../core/obstacles/ports.js';
import { DashboardIndex } from './dashboard-index.js';
import { dayNumber } from './days.js';
import { FacetIndex } from './facet-index.js';

type Row = [number, string, string, string, string, string, string, string, string, number, number, string];

const COLUMNS =
  'seq, status, segment_key, type, visibility, themes, governments, updated_at, created_at, ref_year, ref_number, clarification_due';

function entry(row: Row) {
  const [seq, status, segment, type, visibility, themes, governments, updated, created, year, number, due] = row;
  return {
    seq,
    status,
    segment,
    type,
    visibility,
    themes: JSON.parse(themes) as string[],
    governments: JSON.parse(governments) as string[],
    updatedAt: Date.parse(updated),
    createdAt: Date.parse(created),
    ref: year * 10_000_000 + number,
    clarificationDue: dayNumber(due),
  };
}

/**
 * The in-memory read model of a SQLite database: a FacetIndex over every obstacle, kept in step
 * with the file. This process's own writes refresh the entries they touched right after their
 * commit; a write by any other connection (the CLI, another process) changes SQLite's
 * `data_version`, and the next read rebuilds the index from the table.
 */
export class SqliteReadModel {
  private current = new FacetIndex();
  private loadedVersion: number | undefined;
  private revision = 0;
  /** Counts the other connections' commits seen by `externalChanges` (SQLite's `data_version`). */
  private changes = 0;
  private seenVersion: number | undefined;
  private unfiltered: { revision: number; result: { counts: FacetCounts; total: number } } | undefined;
  private dashboardIndex: DashboardIndex | undefined;
  private dashboardVersion: number | undefined;
  private readonly selectAll: SQLite.Statement;
  private readonly selectOne: SQLite.Statement;
  private readonly version: SQLite.Statement;

  constructor(private readonly sqlite: SQLite.Database) {
    this.selectAll = sqlite.prepare(`SELECT ${COLUMNS} FROM obstacles`).raw(true);
    this.selectOne = sqlite.prepare(`SELECT ${COLUMNS} FROM obstacles WHERE seq = ?`).raw(true);
    this.version = sqlite.prepare('PRAGMA data_version').pluck(true);
  }

  /** The index, current with the file. Builds it on first use (about a second per 500,000 obstacles). */
  get index(): FacetIndex {
    const version = this.version.get() as number;
    if (version !== this.loadedVersion) {
      const index = new FacetIndex();
      // all(), not iterate(): a StatementIterator freed by GC aborts Node 24 (decision 0007).
      for (const row of this.selectAll.all() as Row[]) index.upsert(entry(row));
      this.current = index;
      this.loadedVersion = version;
      this.revision += 1;
    }
    return this.current;
  }

  /**
   * A number that differs after every commit of another connection (SQLite's `data_version`;
   * this process's own commits are counted per kind of data by the unit of work). Cheap (one
   * pragma); it does not build the index.
   */
  externalChanges(): number {
    const version = this.version.get() as number;
    if (version !== this.seenVersion) {
      this.seenVersion = version;
      this.changes += 1;
    }
    return this.changes;
  }

  /** Builds the index now if it is not current (see `index`). */
  warm(): void {
    void this.index;
    this.dashboard();
  }

  /**
   * The obstacles' facets and the dashboard's routings and open actions, both current with the
   * file, or undefined when that cannot be vouched for now: inside a transaction of this
   * connection, when it has written what is not applied yet or another connection wrote (what
   * would be read may not be committed). The caller then asks the database.
   */
  dashboard(): { facets: FacetIndex; extra: DashboardIndex } | undefined {
    if (this.sqlite.inTransaction) {
      const version = this.version.get() as number;
      if (version !== this.loadedVersion || version !== this.dashboardVersion || this.dashboardIndex?.pending() !== false) {
        return undefined;
      }
      return { facets: this.current, extra: this.dashboardIndex };
    }
    const facets = this.index;
    if (this.dashboardIndex === undefined || this.dashboardVersion !== this.loadedVersion) {
      this.dashboardIndex = DashboardIndex.load(this.sqlite);
      this.dashboardVersion = this.loadedVersion;
    } else {
      this.dashboardIndex.applyTouched();
    }
    return { facets, extra: this.dashboardIndex };
  }

  /** Re-reads the obstacles a committed write of this process touched (and the dashboard's routings and actions). */
  refresh(seqs: Iterable<number>): void {
    if (this.dashboardIndex !== undefined && !this.sqlite.inTransaction) this.dashboardIndex.applyTouched();
    if (this.loadedVersion === undefined) return;
    for (const seq of seqs) {
      const row = this.selectOne.get(seq) as Row | undefined;
      if (row) this.current.upsert(entry(row));
      else this.current.remove(seq);
    }
    this.revision += 1;
  }

  /** Counts per facet of the obstacles that match the filter (the unfiltered counts are kept until the next write). */
  facets(filter: ObstacleFilter): { counts: FacetCounts; total: number } {
    const index = this.index;
    const filtered = Boolean(
      filter.status?.length ||
        filter.segment?.length ||
        filter.type?.length ||
        filter.visibility?.length ||
        filter.theme?.length ||
        filter.government?.length,
    );
    if (!filtered && this.unfiltered?.revision === this.revision) return this.unfiltered.result;
    const result = index.countBits(index.match(filter));
    if (!filtered) this.unfiltered = { revision: this.revision, result };
    return result;
  }
}
