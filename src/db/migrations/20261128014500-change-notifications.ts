import { type Kysely, SqliteAdapter, sql } from 'kysely';

// Frozen once landed: never edit, add a new migration instead. Runs unchanged on SQLite and PostgreSQL.
// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against no app schema on purpose
type Db = Kysely<any>;

/** The channel every committed change of the register is announced on (PostgreSQL). */
export const CHANGES_CHANNEL = 'schakel_changes';

/**
 * The tables whose rows make up the answers that servers keep in memory (the obstacles, their
 * themes, governments and links, and the facet counts).
 */
const WATCHED = [
  'obstacles',
  'obstacle_themes',
  'obstacle_governments',
  'obstacle_links',
  'obstacle_counts',
  'obstacle_theme_counts',
];

/**
 * PostgreSQL: a statement trigger on each watched table sends a notification on `schakel_changes`,
 * delivered at commit (and once per transaction: PostgreSQL folds identical notifications), so
 * every server process learns of every write — the API's, the CLI's, or an operator's SQL — and
 * drops the answers it kept. SQLite needs nothing: `PRAGMA data_version` tells the same.
 */
export async function up(db: Db): Promise<void> {
  if (db.getExecutor().adapter instanceof SqliteAdapter) return;
  await sql`
    CREATE FUNCTION schakel_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM pg_notify(${sql.lit(CHANGES_CHANNEL)}, '');
      RETURN NULL;
    END
    $$`.execute(db);
  for (const table of WATCHED) {
    await sql`
      CREATE TRIGGER ${sql.id(`${table}_notify_change`)}
      AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${sql.table(table)}
      FOR EACH STATEMENT EXECUTE FUNCTION schakel_notify_change()`.execute(db);
  }
}

export async function down(db: Db): Promise<void> {
  if (db.getExecutor().adapter instanceof SqliteAdapter) return;
  for (const table of WATCHED) {
    await sql`DROP TRIGGER IF EXISTS ${sql.id(`${table}_notify_change`)} ON ${sql.table(table)}`.execute(db);
  }
  await sql`DROP FUNCTION IF EXISTS schakel_notify_change()`.execute(db);
}
