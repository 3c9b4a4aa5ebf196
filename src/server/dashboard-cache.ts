import type { Dashboard } from '../core/dashboard/dashboard.js';

/** At most this many dashboards are kept (audiences × filters × days); the oldest leaves first. */
export const DASHBOARD_CACHE_ENTRIES = 500;

/**
 * Keeps computed dashboards until the data change: the same few audiences ask for them again and
 * again between writes. On PostgreSQL a computation is `GROUP BY`s over every obstacle the caller
 * reads; on SQLite it is counted in memory in milliseconds (decision 0019), and a kept answer
 * saves that and the serialisation.
 *
 * Keyed by the persistence's change token (every committed write of this process or, through
 * `PRAGMA data_version` on SQLite and the change feed on PostgreSQL, of any other), the caller's
 * audience (core/access `audienceOf`: what it reads and its work depend only on its role and
 * organisation), the day (the overdue and stale lists move with it) and the filter. A dashboard is
 * kept only when the token was the same before it was computed and after; when the token changes,
 * every kept one is dropped. Without a token (a PostgreSQL server whose change feed is down)
 * nothing is kept. The core `Dashboard` is kept, and beside it the serialised answer of each
 * language that asked (titles are resolved per language), so a repeated ask costs its
 * authentication and a lookup, not a serialisation.
 */
export interface KeptDashboard {
  dashboard: Dashboard;
  generatedAt: Date;
  /** The serialised answer per language, made the first time a language asks (most asks are repeats). */
  answers: Map<string, Buffer>;
}

export class DashboardCache {
  private readonly entries = new Map<string, KeptDashboard>();
  private token: number | undefined;
  hits = 0;
  misses = 0;

  constructor(
    private readonly changeToken: () => number | undefined,
    private readonly maxEntries = DASHBOARD_CACHE_ENTRIES,
  ) {}

  async get(key: string, compute: () => Promise<Dashboard>, now: () => Date): Promise<KeptDashboard> {
    const token = this.changeToken();
    if (token !== undefined && this.maxEntries > 0) {
      if (token !== this.token) {
        this.entries.clear();
        this.token = token;
      }
      const kept = this.entries.get(key);
      if (kept) {
        this.hits += 1;
        return kept;
      }
    }
    this.misses += 1;
    const entry: KeptDashboard = { dashboard: await compute(), generatedAt: now(), answers: new Map() };
    if (token !== undefined && this.maxEntries > 0 && this.changeToken() === token && this.token === token) {
      if (this.entries.size >= this.maxEntries) {
        const oldest = this.entries.keys().next();
        if (!oldest.done) this.entries.delete(oldest.value);
      }
      this.entries.set(key, entry);
    }
    return entry;
  }
}
