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
 * make the common lists (no text, at most one theme) cost a lookup over a few hundred rows.
 * `obstacle_counts` has one row per (status, segment, type, visibility); `obstacle_theme_counts`
 * one row per (filter theme, theme, …) where filter theme `*` counts every obstacle and a theme
 * key counts only obstacles that also have that theme (the theme facet within a theme filter).
 * Rows are written in a fixed order so concurrent writers on PostgreSQL cannot deadlock.
 */
export async function adjustFacetCounts(db: Executor, key: FacetKey, delta: 1 | -1): Promise<void> {
  const base = { status: key.status, segment_key: key.segment, type: key.type, visibility: key.visibility };
  await db
    .insertInto('obstacle_counts')
    .values({ ...base, n: delta })
    .onConflict((oc) =>
      oc.columns(['status', 'segment_key', 'type', 'visibility']).doUpdateSet({ n: sql`obstacle_counts.n + ${delta}` }),
    )
    .execute();
  const themes = [...new Set(key.themes)].sort();
  if (themes.length === 0) return;
  const rows = ['*', ...themes].flatMap((filter_theme) =>
    themes.map((theme_key) => ({ filter_theme, theme_key, ...base, n: delta })),
  );
  await db
    .insertInto('obstacle_theme_counts')
    .values(rows)
    .onConflict((oc) =>
      oc
        .columns(['filter_theme', 'theme_key', 'status', 'segment_key', 'type', 'visibility'])
        .doUpdateSet({ n: sql`obstacle_theme_counts.n + ${delta}` }),
    )
    .execute();
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
