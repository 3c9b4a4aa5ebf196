import { type Kysely, sql } from 'kysely';

// Frozen once landed: never edit, add a new migration instead. Runs unchanged on SQLite and PostgreSQL.
// The routing of an obstacle: the departments it is routed to (one lead at least, others involved),
// when and by whom. Ending a routing (back to analysis) sets `ended_at`; rows are kept for history.
// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against no app schema on purpose
type Db = Kysely<any>;

export async function up(db: Db): Promise<void> {
  await db.schema
    .createTable('obstacle_routings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('obstacle_id', 'text', (c) => c.notNull().references('obstacles.id'))
    .addColumn('organisation_key', 'text', (c) => c.notNull().references('organisations.key'))
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role IN ('lead', 'involved')`))
    .addColumn('routed_at', 'text', (c) => c.notNull())
    .addColumn('routed_by', 'text', (c) => c.notNull())
    .addColumn('ended_at', 'text')
    .execute();
  await db.schema
    .createIndex('obstacle_routings_obstacle')
    .on('obstacle_routings')
    .columns(['obstacle_id', 'ended_at'])
    .execute();
  await db.schema
    .createIndex('obstacle_routings_organisation')
    .on('obstacle_routings')
    .columns(['organisation_key', 'ended_at', 'obstacle_id'])
    .execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('obstacle_routings').execute();
}
