import type { Kysely } from 'kysely';

// Frozen once landed: never edit, add a new migration instead. Runs unchanged on SQLite and PostgreSQL.
// Notifications: the users' language and digest-only choice, the outbox of notifications (inbox and
// mails; `claimed_at`/`claim_token` make one process win each mail), and the digests sent per user
// and day (the primary key makes a second digest of a day impossible, whatever the process).
// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against no app schema on purpose
type Db = Kysely<any>;

export async function up(db: Db): Promise<void> {
  await db.schema
    .alterTable('users')
    .addColumn('language', 'text', (c) => c.notNull().defaultTo('nl'))
    .execute();
  await db.schema
    .alterTable('users')
    .addColumn('digest_only', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createTable('notifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('params', 'text', (c) => c.notNull())
    .addColumn('link', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .addColumn('emailed_at', 'text')
    .addColumn('claimed_at', 'text')
    .addColumn('claim_token', 'text')
    .execute();
  await db.schema.createIndex('notifications_inbox').on('notifications').columns(['user_id', 'created_at', 'id']).execute();
  await db.schema.createIndex('notifications_undelivered').on('notifications').columns(['emailed_at', 'created_at']).execute();
  await db.schema
    .createTable('notification_digests')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('notification_digests_pk', ['user_id', 'day'])
    .execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('notification_digests').execute();
  await db.schema.dropTable('notifications').execute();
  await db.schema.alterTable('users').dropColumn('digest_only').execute();
  await db.schema.alterTable('users').dropColumn('language').execute();
}
