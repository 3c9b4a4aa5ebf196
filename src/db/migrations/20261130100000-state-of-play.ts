import { type Kysely, sql } from 'kysely';

// Frozen once landed: never edit, add a new migration instead. Runs unchanged on SQLite and PostgreSQL.
// The half-yearly state of play (docs/MONITORING.md): a round the secretariat opens, and per
// department the snapshot of its open items (actions overdue or due within six months) with the
// department's answer on each. At most one round is open at a time (a partial unique index).
// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against no app schema on purpose
type Db = Kysely<any>;

export async function up(db: Db): Promise<void> {
  await db.schema
    .createTable('state_of_play_rounds')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('reference_date', 'text', (c) => c.notNull())
    .addColumn('horizon', 'text', (c) => c.notNull())
    .addColumn('answer_due_on', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status IN ('open', 'closed')`))
    .addColumn('opened_at', 'text', (c) => c.notNull())
    .addColumn('opened_by', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .addColumn('closed_by', 'text')
    .addColumn('reminded_at', 'text')
    .addColumn('reminders', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('state_of_play_rounds_one_open')
    .on('state_of_play_rounds')
    .column('status')
    .unique()
    .where(sql.ref('status'), '=', 'open')
    .execute();
  await db.schema.createIndex('state_of_play_rounds_opened').on('state_of_play_rounds').columns(['opened_at']).execute();

  await db.schema
    .createTable('state_of_play_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('round_id', 'text', (c) => c.notNull().references('state_of_play_rounds.id'))
    .addColumn('organisation_key', 'text', (c) => c.notNull().references('organisations.key'))
    .addColumn('action_id', 'text', (c) => c.notNull().references('actions.id'))
    .addColumn('obstacle_id', 'text', (c) => c.notNull().references('obstacles.id'))
    // The snapshot of the day the round opened: what the department was asked about.
    .addColumn('obstacle_reference', 'text', (c) => c.notNull())
    .addColumn('obstacle_title', 'text', (c) => c.notNull())
    .addColumn('obstacle_source_language', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('source_language', 'text', (c) => c.notNull())
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('progress', 'integer', (c) => c.notNull())
    .addColumn('overdue', 'integer', (c) => c.notNull())
    // The answer (all null until the department answers).
    .addColumn('answer_status', 'text', (c) =>
      c.check(sql`answer_status IS NULL OR answer_status IN ('planned', 'in_progress', 'done', 'cancelled')`),
    )
    .addColumn('answer_progress', 'integer', (c) => c.check(sql`answer_progress IS NULL OR answer_progress BETWEEN 0 AND 100`))
    .addColumn('forecast_on', 'text')
    .addColumn('note', 'text')
    .addColumn('answered_at', 'text')
    .addColumn('answered_by', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addUniqueConstraint('state_of_play_items_round_action', ['round_id', 'action_id'])
    .execute();
  await db.schema
    .createIndex('state_of_play_items_department')
    .on('state_of_play_items')
    .columns(['round_id', 'organisation_key', 'due_on'])
    .execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('state_of_play_items').execute();
  await db.schema.dropTable('state_of_play_rounds').execute();
}
