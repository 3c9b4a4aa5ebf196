import { type Kysely, sql } from 'kysely';

// Frozen once landed: never edit, add a new migration instead. Runs unchanged on SQLite and PostgreSQL.
// Routing acknowledgements and the editable competence matrix:
// - every routing row says whether its department accepted or declined (with the reason), by
//   whom and when, the day it must answer by (norm `routing_acknowledgement`, in the calendar of
//   the department's government) and, once accepted, the day its response is due (norm
//   `department_response`); `round` counts the routings of one obstacle (a new `route` after a
//   return to analysis starts the next round; departments added later join the current one);
// - `competence_cells` carries a version per cell (theme × government) of the competence matrix,
//   for If-Match; a cell without a row is at version 1 (the seeded matrix).
// SQLite adds one column per statement, so each column is its own ALTER TABLE.
// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against no app schema on purpose
type Db = Kysely<any>;

export async function up(db: Db): Promise<void> {
  await db.schema
    .alterTable('obstacle_routings')
    .addColumn('acknowledgement', 'text', (c) =>
      c.notNull().defaultTo('pending').check(sql`acknowledgement IN ('pending', 'accepted', 'declined')`),
    )
    .execute();
  await db.schema
    .alterTable('obstacle_routings')
    .addColumn('round', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  for (const column of [
    'due_on',
    'due_calendar',
    'responded_at',
    'responded_by',
    'responded_as',
    'decline_reason',
    'response_due_on',
    'response_due_calendar',
  ]) {
    await db.schema.alterTable('obstacle_routings').addColumn(column, 'text').execute();
  }
  await db.schema
    .createTable('competence_cells')
    .addColumn('theme_key', 'text', (c) => c.notNull().references('themes.key'))
    .addColumn('government_key', 'text', (c) => c.notNull().references('governments.key'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addPrimaryKeyConstraint('competence_cells_pk', ['theme_key', 'government_key'])
    .execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('competence_cells').execute();
  for (const column of [
    'response_due_calendar',
    'response_due_on',
    'decline_reason',
    'responded_as',
    'responded_by',
    'responded_at',
    'due_calendar',
    'due_on',
    'round',
    'acknowledgement',
  ]) {
    await db.schema.alterTable('obstacle_routings').dropColumn(column).execute();
  }
}
