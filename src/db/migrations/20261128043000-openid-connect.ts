import type { Kysely } from 'kysely';

// Frozen once landed: never edit, add a new migration instead. Runs unchanged on SQLite and PostgreSQL.
// OpenID Connect sign-in: the pending logins between the redirect to a provider and its callback,
// the links of a provider's subject to a user, and how each sign-in attempt was made.
// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against no app schema on purpose
type Db = Kysely<any>;

export async function up(db: Db): Promise<void> {
  await db.schema
    .createTable('oidc_logins')
    // SHA-256 of the `state` sent to the provider (the state itself travels in URLs only).
    .addColumn('state_hash', 'text', (c) => c.primaryKey())
    .addColumn('provider', 'text', (c) => c.notNull())
    // SHA-256 of the random value in the browser's short-lived cookie: the callback must come from that browser.
    .addColumn('browser_hash', 'text', (c) => c.notNull())
    .addColumn('code_verifier', 'text', (c) => c.notNull())
    .addColumn('nonce', 'text', (c) => c.notNull())
    .addColumn('redirect_uri', 'text', (c) => c.notNull())
    .addColumn('return_to', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();
  await db.schema.createIndex('oidc_logins_expires').on('oidc_logins').column('expires_at').execute();

  await db.schema
    .createTable('user_identities')
    // The provider's issuer identifier and the subject (`sub`) it gave: together they name one person for good.
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_used_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('user_identities_pk', ['issuer', 'subject'])
    .execute();
  // One subject per user per issuer: a second subject never takes over an account by e-mail.
  await db.schema
    .createIndex('user_identities_user_issuer')
    .on('user_identities')
    .columns(['user_id', 'issuer'])
    .unique()
    .execute();

  // How an attempt was made (`password` for every earlier row), with which provider, and why it failed (an error code).
  await db.schema
    .alterTable('sign_in_events')
    .addColumn('method', 'text', (c) => c.notNull().defaultTo('password'))
    .execute();
  await db.schema.alterTable('sign_in_events').addColumn('provider', 'text').execute();
  await db.schema.alterTable('sign_in_events').addColumn('reason', 'text').execute();
}

export async function down(db: Db): Promise<void> {
  for (const column of ['reason', 'provider', 'method']) {
    await db.schema.alterTable('sign_in_events').dropColumn(column).execute();
  }
  await db.schema.dropTable('user_identities').execute();
  await db.schema.dropTable('oidc_logins').execute();
}
