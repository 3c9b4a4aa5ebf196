import { type Kysely, SqliteAdapter, sql } from 'kysely';

// Frozen once landed: never edit, add a new migration instead. Runs unchanged on SQLite and PostgreSQL.
// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against no app schema on purpose
type Db = Kysely<any>;

/** The channel of migration 20261128014500 (repeated: a migration imports nothing that may change). */
const CHANNEL = 'schakel_changes';

/** The tables migration 20261128014500 watches (the obstacles and their facets). */
const WATCHED_BEFORE = [
  'obstacles',
  'obstacle_themes',
  'obstacle_governments',
  'obstacle_links',
  'obstacle_counts',
  'obstacle_theme_counts',
];

/**
 * The other tables kept answers are made of (decision 0020): the routings (what a department
 * reads, an obstacle's abilities, the dashboard), the obstacles' roll-ups (one obstacle's
 * `progress`), the actions (the dashboard) and the catalogue.
 */
const WATCHED_NOW = ['obstacle_routings', 'obstacle_progress', 'actions', 'themes', 'governments', 'segments', 'organisations'];

/**
 * PostgreSQL: every watched table's statement trigger now sends its table's name as the payload of
 * the `schakel_changes` notification (one per table and transaction: PostgreSQL folds identical
 * ones), so a server moves only the change tokens of the kinds of data another process wrote; and
 * the tables whose changes other processes could not announce before are watched too. SQLite
 * needs nothing: `PRAGMA data_version` tells of every other connection's commit.
 */
export async function up(db: Db): Promise<void> {
  if (db.getExecutor().adapter instanceof SqliteAdapter) return;
  await sql`
    CREATE FUNCTION schakel_notify_table_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM pg_notify(${sql.lit(CHANNEL)}, TG_TABLE_NAME);
      RETURN NULL;
    END
    $$`.execute(db);
  for (const table of WATCHED_BEFORE) {
    await sql`DROP TRIGGER ${sql.id(`${table}_notify_change`)} ON ${sql.table(table)}`.execute(db);
  }
  for (const table of [...WATCHED_BEFORE, ...WATCHED_NOW]) {
    await sql`
      CREATE TRIGGER ${sql.id(`${table}_notify_change`)}
      AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${sql.table(table)}
      FOR EACH STATEMENT EXECUTE FUNCTION schakel_notify_table_change()`.execute(db);
  }
}

export async function down(db: Db): Promise<void> {
  if (db.getExecutor().adapter instanceof SqliteAdapter) return;
  for (const table of [...WATCHED_BEFORE, ...WATCHED_NOW]) {
    await sql`DROP TRIGGER IF EXISTS ${sql.id(`${table}_notify_change`)} ON ${sql.table(table)}`.execute(db);
  }
  await sql`DROP FUNCTION IF EXISTS schakel_notify_table_change()`.execute(db);
  for (const table of WATCHED_BEFORE) {
    await sql`
      CREATE TRIGGER ${sql.id(`${table}_notify_change`)}
      AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${sql.table(table)}
      FOR EACH STATEMENT EXECUTE FUNCTION schakel_notify_change()`.execute(db);
  }
}
