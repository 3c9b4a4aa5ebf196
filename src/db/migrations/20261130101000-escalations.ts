import { type Kysely, sql } from 'kysely';

// Frozen once landed: never edit, add a new migration instead. Runs unchanged on SQLite and PostgreSQL.
// The escalation ladder and the due-date reminders (docs/MONITORING.md):
// - every action carries its level on the ladder (`official` → `administrative` → `political`)
//   and the day it last climbed (the next climb counts from it);
// - `escalations` records each climb: from and to level, when, why, the working days overdue and
//   the calendar counted in; at the political level the body that decided and its next meeting.
//   One row per action and level reached (unique): a rerun cannot climb twice;
// - `action_reminders` records each reminder occasion sent (before the due date, and each week
//   overdue), so a rerun does not send it again.
// SQLite adds one column per statement, so each column is its own ALTER TABLE.
// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against no app schema on purpose
type Db = Kysely<any>;

export async function up(db: Db): Promise<void> {
  await db.schema
    .alterTable('actions')
    .addColumn('escalation_level', 'text', (c) =>
      c.notNull().defaultTo('official').check(sql`escalation_level IN ('official', 'administrative', 'political')`),
    )
    .execute();
  await db.schema.alterTable('actions').addColumn('escalated_on', 'text').execute();
  await db.schema.createIndex('actions_escalation').on('actions').columns(['escalation_level', 'due_on', 'id']).execute();

  await db.schema
    .createTable('escalations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('action_id', 'text', (c) => c.notNull().references('actions.id'))
    .addColumn('obstacle_id', 'text', (c) => c.notNull().references('obstacles.id'))
    .addColumn('owner_organisation_key', 'text', (c) => c.notNull().references('organisations.key'))
    .addColumn('from_level', 'text', (c) => c.notNull().check(sql`from_level IN ('official', 'administrative')`))
    .addColumn('to_level', 'text', (c) => c.notNull().check(sql`to_level IN ('administrative', 'political')`))
    .addColumn('escalated_on', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('since', 'text', (c) => c.notNull())
    .addColumn('working_days_overdue', 'integer', (c) => c.notNull())
    .addColumn('calendar', 'text', (c) => c.notNull())
    .addColumn('norm_amount', 'integer', (c) => c.notNull())
    .addColumn('norm_unit', 'text', (c) => c.notNull())
    .addColumn('body_key', 'text', (c) => c.references('governing_bodies.key'))
    .addColumn('meeting_id', 'text', (c) => c.references('meetings.id'))
    .execute();
  await db.schema.createIndex('escalations_action_level').on('escalations').columns(['action_id', 'to_level']).unique().execute();
  await db.schema.createIndex('escalations_obstacle').on('escalations').columns(['obstacle_id', 'at']).execute();
  await db.schema.createIndex('escalations_body').on('escalations').columns(['body_key', 'to_level']).execute();

  await db.schema
    .createTable('action_reminders')
    .addColumn('action_id', 'text', (c) => c.notNull().references('actions.id'))
    .addColumn('occasion', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind IN ('reminder_before_due', 'reminder_overdue')`))
    .addColumn('sent_on', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('action_reminders_pk', ['action_id', 'occasion'])
    .execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('action_reminders').execute();
  await db.schema.dropTable('escalations').execute();
  await db.schema.dropIndex('actions_escalation').execute();
  await db.schema.alterTable('actions').dropColumn('escalated_on').execute();
  await db.schema.alterTable('actions').dropColumn('escalation_level').execute();
}
