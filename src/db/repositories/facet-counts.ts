import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from '../schema.js';

type Executor = Kysely<DB> | Transaction<DB>;

/** The facet values of one obstacle. */
export interface FacetKey {
  status: string;
  segment: string;
  type: string;
  visibility: string;
  themes: string[];
}

/**
 * Keeps the facet count tables in step with a write, in the write's transaction.
 *
 * Counting facets with GROUP BY over 100,000 rows costs milliseconds per facet; these tables
 * make the common lists (no text, at most one theme) cost a lookup over the matching cells.
 * `obstacle_counts` has one row per (status, segment, type, visibility); `obstacle_theme_counts`
 * one row per (filter theme, theme, …) where filter theme `*` counts every obstacle and a theme
 * key counts only obstacles that also have that theme (the theme facet within a theme filter).
 *
 * All changes of one write (an update subtracts the old cell and adds the new) are merged and
 * applied as one statement per table with rows sorted by key, so concurrent writers on
 * PostgreSQL lock the rows they share in the same order and cannot deadlock.
 */
export async function adjustFacetCounts(db: Executor, changes: { key: FacetKey; delta: 1 | -1 }[]): Promise<void> {
  const base = new Map<string, { status: string; segment_key: string; type: string; visibility: string; n: number }>();
  const themed = new Map<
    string,
    { filter_theme: string; theme_key: string; status: string; segment_key: string; type: string; visibility: string; n: number }
  >();
  for (const { key, delta } of changes) {
    const cell = { status: key.status, segment_key: key.segment, type: key.type, visibility: key.visibility };
    const baseId = JSON.stringify(cell);
    base.set(baseId, { ...cell, n: (base.get(baseId)?.n ?? 0) + delta });
    const themes = [...new Set(key.themes)].sort();
    for (const filter_theme of themes.length ? ['*', ...themes] : []) {
      for (const theme_key of themes) {
        const id = JSON.stringify([filter_theme, theme_key, cell]);
        themed.set(id, { filter_theme, theme_key, ...cell, n: (themed.get(id)?.n ?? 0) + delta });
      }
    }
  }
  const sorted = <T extends { n: number }>(map: Map<string, T>) =>
    [...map.entries()]
      .filter(([, row]) => row.n !== 0)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, row]) => row);
  const baseRows = sorted(base);
  if (baseRows.length > 0) {
    await db
      .insertInto('obstacle_counts')
      .values(baseRows)
      .onConflict((oc) =>
        oc.columns(['status', 'segment_key', 'type', 'visibility']).doUpdateSet({ n: sql`obstacle_counts.n + excluded.n` }),
      )
      .execute();
  }
  const themedRows = sorted(themed);
  if (themedRows.length > 0) {
    await db
      .insertInto('obstacle_theme_counts')
      .values(themedRows)
      .onConflict((oc) =>
        oc
          .columns(['filter_theme', 'theme_key', 'status', 'segment_key', 'type', 'visibility'])
          .doUpdateSet({ n: sql`obstacle_theme_counts.n + excluded.n` }),
      )
      .execute();
  }
}

/**
 * Rebuilds both count tables from the obstacles themselves (after a bulk load, or to repair).
 * Returns the number of obstacles counted.
 */
export async function rebuildFacetCounts(db: Executor): Promise<number> {
  await db.deleteFrom('obstacle_counts').execute();
  await db.deleteFrom('obstacle_theme_counts').execute();
  await sql`INSERT INTO obstacle_counts (status, segment_key, type, visibility, n)
    SELECT status, segment_key, type, visibility, count(*) FROM obstacles
    GROUP BY status, segment_key, type, visibility`.execute(db);
  await sql`INSERT INTO obstacle_theme_counts (filter_theme, theme_key, status, segment_key, type, visibility, n)
    SELECT '*', t.theme_key, o.status, o.segment_key, o.type, o.visibility, count(*)
    FROM obstacles o JOIN obstacle_themes t ON t.obstacle_seq = o.seq
    GROUP BY t.theme_key, o.status, o.segment_key, o.type, o.visibility`.execute(db);
  await sql`INSERT INTO obstacle_theme_counts (filter_theme, theme_key, status, segment_key, type, visibility, n)
    SELECT f.theme_key, t.theme_key, o.status, o.segment_key, o.type, o.visibility, count(*)
    FROM obstacles o
    JOIN obstacle_themes f ON f.obstacle_seq = o.seq
    JOIN obstacle_themes t ON t.obstacle_seq = o.seq
    GROUP BY f.theme_key, t.theme_key, o.status, o.segment_key, o.type, o.visibility`.execute(db);
  const row = await db
    .selectFrom('obstacles')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
