import { type Kysely, sql } from 'kysely';

// Frozen once landed: never edit, add a new migration instead. Runs unchanged on SQLite and PostgreSQL.
// Actions and milestones of obstacles (docs/MONITORING.md): who does what by when, how far it is,
// and the status the monitoring computed for it (rag, overdue, stale; written on every write and by
// the nightly run), indexed for the overdue and stale lists. `obstacle_progress` keeps each
// obstacle's roll-up (percent and RAG of its actions), so reading an obstacle reads one row.
// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against no app schema on purpose
type Db = Kysely<any>;

export async function up(db: Db): Promise<void> {
  await db.schema
    .createTable('actions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('obstacle_id', 'text', (c) => c.notNull().references('obstacles.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind IN ('action', 'milestone')`))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('source_language', 'text', (c) => c.notNull())
    .addColumn('decision_id', 'text', (c) => c.references('decisions.id'))
    .addColumn('owner_organisation_key', 'text', (c) => c.notNull().references('organisations.key'))
    .addColumn('owner_user_id', 'text', (c) => c.references('users.id'))
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status IN ('planned', 'in_progress', 'done', 'cancelled')`))
    .addColumn('progress', 'integer', (c) => c.notNull().check(sql`progress BETWEEN 0 AND 100`))
    .addColumn('weight', 'integer', (c) => c.notNull().defaultTo(1).check(sql`weight BETWEEN 1 AND 100`))
    .addColumn('evidence', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('notes', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('completed_on', 'text')
    .addColumn('rag', 'text', (c) => c.notNull().defaultTo('none').check(sql`rag IN ('green', 'amber', 'red', 'none')`))
    .addColumn('overdue', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('stale', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('computed_at', 'text')
    .execute();
  await db.schema.createIndex('actions_obstacle').on('actions').columns(['obstacle_id', 'due_on']).execute();
  // The overdue and stale lists: only flagged rows, in due-date order (the cursor is due_on, id).
  await db.schema.createIndex('actions_overdue').on('actions').columns(['overdue', 'due_on', 'id']).execute();
  await db.schema.createIndex('actions_stale').on('actions').columns(['stale', 'due_on', 'id']).execute();
  await db.schema.createIndex('actions_owner').on('actions').columns(['owner_organisation_key', 'status', 'due_on']).execute();
  await db.schema.createIndex('actions_rag').on('actions').columns(['rag', 'due_on']).execute();
  await db.schema.createIndex('actions_decision').on('actions').columns(['decision_id']).execute();

  await db.schema
    .createTable('obstacle_progress')
    .addColumn('obstacle_id', 'text', (c) => c.primaryKey().references('obstacles.id'))
    .addColumn('percent', 'integer')
    .addColumn('rag', 'text', (c) => c.notNull().check(sql`rag IN ('green', 'amber', 'red', 'none')`))
    .addColumn('total', 'integer', (c) => c.notNull())
    .addColumn('planned', 'integer', (c) => c.notNull())
    .addColumn('in_progress', 'integer', (c) => c.notNull())
    .addColumn('done', 'integer', (c) => c.notNull())
    .addColumn('cancelled', 'integer', (c) => c.notNull())
    .addColumn('overdue', 'integer', (c) => c.notNull())
    .addColumn('stale', 'integer', (c) => c.notNull())
    .addColumn('computed_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('obstacle_progress_rag').on('obstacle_progress').columns(['rag']).execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('obstacle_progress').execute();
  await db.schema.dropTable('actions').execute();
}
