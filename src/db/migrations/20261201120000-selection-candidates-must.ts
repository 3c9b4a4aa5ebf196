import { type Kysely, sql } from 'kysely';

// Frozen once landed: never edit, add a new migration instead. Runs unchanged on SQLite and PostgreSQL.
// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against no app schema on purpose
type Db = Kysely<any>;

/**
 * The candidates a round must keep or leave out, found without reading every candidate: starting a
 * solve reads them, and at 20,000 candidates scanning the round for the few with `must` set took
 * about 7 ms of the request (SQLite). A partial index holds only those rows, in position order.
 */
export async function up(db: Db): Promise<void> {
  await db.schema
    .createIndex('selection_candidates_must')
    .on('selection_candidates')
    .columns(['round_id', 'position'])
    .where(sql.ref('must'), 'is not', null)
    .execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropIndex('selection_candidates_must').execute();
}
