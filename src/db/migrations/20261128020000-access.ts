import { type Kysely, SqliteAdapter } from 'kysely';

// Frozen once landed: never edit, add a new migration instead. Runs unchanged on SQLite and PostgreSQL.
// Identity and access: users (who belong to the organisations of the reference data), sessions,
// API tokens and the record of sign-in attempts. Secrets are stored only as hashes.
// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against no app schema on purpose
type Db = Kysely<any>;

function isSqlite(db: Db): boolean {
  return db.getExecutor().adapter instanceof SqliteAdapter;
}

export async function up(db: Db): Promise<void> {
  const sqlite = isSqlite(db);

  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull())
    // The e-mail address lower-cased: unique, so one address is one account whatever its case.
    .addColumn('email_key', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('organisation_key', 'text', (c) => c.notNull().references('organisations.key'))
    .addColumn('password_hash', 'text')
    .addColumn('disabled_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('users_organisation').on('users').column('organisation_key').execute();

  await db.schema
    .createTable('sessions')
    // SHA-256 of the session id in the cookie: a copy of the table opens no session.
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    // The absolute end (created_at + the absolute lifetime); the idle end is last_seen_at + the idle timeout.
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

  await db.schema
    .createTable('api_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text')
    .addColumn('revoked_at', 'text')
    .addColumn('last_used_at', 'text')
    .execute();
  await db.schema.createIndex('api_tokens_user').on('api_tokens').column('user_id').execute();

  // One-time links to set a password: an invite (a new user) or a reset. Only the hash is stored.
  await db.schema
    .createTable('password_links')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();
  await db.schema.createIndex('password_links_user').on('password_links').column('user_id').execute();

  await db.schema
    .createTable('sign_in_events')
    .addColumn('seq', 'integer', (c) => (sqlite ? c.primaryKey().autoIncrement() : c.primaryKey().generatedByDefaultAsIdentity()))
    .addColumn('at', 'text', (c) => c.notNull())
    // SHA-256 of the lower-cased e-mail address tried (also for addresses that have no account).
    .addColumn('email_hash', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.references('users.id'))
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sign_in_events_email').on('sign_in_events').columns(['email_hash', 'at']).execute();
  await db.schema.createIndex('sign_in_events_address').on('sign_in_events').columns(['address', 'at']).execute();
}

export async function down(db: Db): Promise<void> {
  for (const table of ['sign_in_events', 'password_links', 'api_tokens', 'sessions', 'users']) {
    await db.schema.dropTable(table).execute();
  }
}
