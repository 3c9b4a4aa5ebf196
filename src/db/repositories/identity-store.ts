import type { CompiledQuery, Kysely, Selectable } from 'kysely';
import type { Role } from '../../core/access/access.js';
import type { AuditLog } from '../../core/audit/ports.js';
import type {
  IdentityStore,
  NewUserRecord,
  OidcIdentity,
  PasswordLinkPurpose,
  RecentFailures,
  SignInEvent,
  StoredApiToken,
  StoredOidcLogin,
  StoredPasswordLink,
  StoredSession,
} from '../../core/identity/ports.js';
import { emailKey, type User } from '../../core/identity/user.js';
import { DEFAULT_LANGUAGE, isLanguage, type Language } from '../../core/shared/language.js';
import type { ApiTokenTable, DB, UserTable } from '../schema.js';
import { KyselyAuditLog } from './audit-log.js';

const USER_COLUMNS = [
  'id',
  'email',
  'name',
  'role',
  'organisation_key',
  'disabled_at',
  'created_at',
  'updated_at',
  'version',
  'password_hash',
  'language',
  'digest_only',
] as const;

type UserRow = Pick<Selectable<UserTable>, (typeof USER_COLUMNS)[number]>;

function toUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role as Role,
    organisation: row.organisation_key,
    hasPassword: row.password_hash !== null,
    disabledAt: row.disabled_at ? new Date(row.disabled_at) : null,
    language: isLanguage(row.language) ? row.language : DEFAULT_LANGUAGE,
    digestOnly: Number(row.digest_only) === 1,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
    version: Number(row.version),
  };
}

const iso = (d: Date) => d.toISOString();
const date = (s: string | null) => (s === null ? null : new Date(s));

function toApiToken(row: Selectable<ApiTokenTable>): StoredApiToken {
  return {
    id: row.id,
    tokenHash: row.token_hash,
    userId: row.user_id,
    label: row.label,
    createdAt: new Date(row.created_at),
    expiresAt: date(row.expires_at),
    revokedAt: date(row.revoked_at),
    lastUsedAt: date(row.last_used_at),
  };
}

/** Users, sessions, API tokens and sign-in events in Kysely, on SQLite and PostgreSQL alike. */
export class KyselyIdentityStore implements IdentityStore {
  /**
   * The lookups every signed-in request makes (its token or session, then its user), compiled
   * once per store: building and compiling a Kysely query costs more than SQLite's answer.
   */
  private compiled:
    | {
        userById: CompiledQuery<UserRow>;
        session: CompiledQuery<Selectable<DB['sessions']>>;
        apiToken: CompiledQuery<Selectable<ApiTokenTable>>;
      }
    | undefined;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly inTransaction = false,
  ) {}

  private lookups() {
    this.compiled ??= {
      userById: this.db.selectFrom('users').select(USER_COLUMNS).where('id', '=', '').compile(),
      session: this.db.selectFrom('sessions').selectAll().where('id_hash', '=', '').compile(),
      apiToken: this.db.selectFrom('api_tokens').selectAll().where('token_hash', '=', '').compile(),
    };
    return this.compiled;
  }

  /** The first row of a compiled one-parameter lookup, run with `value`. */
  private async first<R>(query: CompiledQuery<R>, value: string): Promise<R | undefined> {
    return (await this.db.executeQuery<R>({ ...query, parameters: [value] })).rows[0];
  }

  async transaction<T>(work: (store: IdentityStore, audit: AuditLog) => Promise<T>): Promise<T> {
    if (this.inTransaction) return work(this, new KyselyAuditLog(this.db));
    return this.db.transaction().execute((tx) => work(new KyselyIdentityStore(tx, true), new KyselyAuditLog(tx)));
  }

  async insertUser(user: NewUserRecord): Promise<void> {
    await this.db
      .insertInto('users')
      .values({
        id: user.id,
        email: user.email,
        email_key: emailKey(user.email),
        name: user.name,
        role: user.role,
        organisation_key: user.organisation,
        password_hash: user.passwordHash,
        disabled_at: null,
        created_at: iso(user.createdAt),
        updated_at: iso(user.createdAt),
        version: 1,
      })
      .execute();
  }

  async findUserById(id: string): Promise<User | undefined> {
    const row = await this.first(this.lookups().userById, id);
    return row && toUser(row);
  }

  async findUsersByIds(ids: readonly string[]): Promise<User[]> {
    const users: User[] = [];
    // In slices, under SQLite's and PostgreSQL's limits on bound parameters.
    for (let i = 0; i < ids.length; i += 500) {
      const rows = await this.db
        .selectFrom('users')
        .select(USER_COLUMNS)
        .where('id', 'in', ids.slice(i, i + 500))
        .execute();
      for (const row of rows) users.push(toUser(row));
    }
    return users;
  }

  async findUserByEmail(email: string): Promise<User | undefined> {
    const row = await this.db
      .selectFrom('users')
      .select(USER_COLUMNS)
      .where('email_key', '=', emailKey(email))
      .executeTakeFirst();
    return row && toUser(row);
  }

  async passwordHash(userId: string): Promise<string | null> {
    const row = await this.db.selectFrom('users').select('password_hash').where('id', '=', userId).executeTakeFirst();
    return row?.password_hash ?? null;
  }

  async listUsers(): Promise<User[]> {
    const rows = await this.db.selectFrom('users').select(USER_COLUMNS).orderBy('email_key').execute();
    return rows.map(toUser);
  }

  async disableUser(userId: string, at: Date): Promise<boolean> {
    const result = await this.db
      .updateTable('users')
      .set((eb) => ({ disabled_at: iso(at), updated_at: iso(at), version: eb('version', '+', 1) }))
      .where('id', '=', userId)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async organisationExists(key: string): Promise<boolean> {
    const row = await this.db.selectFrom('organisations').select('key').where('key', '=', key).executeTakeFirst();
    return row !== undefined;
  }

  async setPreferences(
    userId: string,
    preferences: { language: Language; digestOnly: boolean },
    expectedVersion: number,
    at: Date,
  ): Promise<boolean> {
    const result = await this.db
      .updateTable('users')
      .set((eb) => ({
        language: preferences.language,
        digest_only: preferences.digestOnly ? 1 : 0,
        updated_at: iso(at),
        version: eb('version', '+', 1),
      }))
      .where('id', '=', userId)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async insertSession(session: StoredSession): Promise<void> {
    await this.db
      .insertInto('sessions')
      .values({
        id_hash: session.idHash,
        user_id: session.userId,
        csrf_token: session.csrfToken,
        created_at: iso(session.createdAt),
        last_seen_at: iso(session.lastSeenAt),
        expires_at: iso(session.expiresAt),
        revoked_at: session.revokedAt ? iso(session.revokedAt) : null,
      })
      .execute();
  }

  async findSession(idHash: string): Promise<StoredSession | undefined> {
    const row = await this.first(this.lookups().session, idHash);
    if (!row) return undefined;
    return {
      idHash: row.id_hash,
      userId: row.user_id,
      csrfToken: row.csrf_token,
      createdAt: new Date(row.created_at),
      lastSeenAt: new Date(row.last_seen_at),
      expiresAt: new Date(row.expires_at),
      revokedAt: date(row.revoked_at),
    };
  }

  async findSessionWithUser(idHash: string): Promise<{ session: StoredSession; user: User | undefined } | undefined> {
    const session = await this.findSession(idHash);
    return session && { session, user: await this.findUserById(session.userId) };
  }

  async touchSession(idHash: string, at: Date): Promise<void> {
    await this.db
      .updateTable('sessions')
      .set({ last_seen_at: iso(at) })
      .where('id_hash', '=', idHash)
      .execute();
  }

  async revokeSession(idHash: string, at: Date): Promise<boolean> {
    const result = await this.db
      .updateTable('sessions')
      .set({ revoked_at: iso(at) })
      .where('id_hash', '=', idHash)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async revokeSessionsOf(userId: string, at: Date, except?: string): Promise<void> {
    let update = this.db
      .updateTable('sessions')
      .set({ revoked_at: iso(at) })
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null);
    if (except !== undefined) update = update.where('id_hash', '!=', except);
    await update.execute();
  }

  async insertApiToken(token: StoredApiToken): Promise<void> {
    await this.db
      .insertInto('api_tokens')
      .values({
        id: token.id,
        token_hash: token.tokenHash,
        user_id: token.userId,
        label: token.label,
        created_at: iso(token.createdAt),
        expires_at: token.expiresAt ? iso(token.expiresAt) : null,
        revoked_at: token.revokedAt ? iso(token.revokedAt) : null,
        last_used_at: token.lastUsedAt ? iso(token.lastUsedAt) : null,
      })
      .execute();
  }

  async findApiToken(tokenHash: string): Promise<StoredApiToken | undefined> {
    const row = await this.first(this.lookups().apiToken, tokenHash);
    return row && toApiToken(row);
  }

  async findApiTokenWithUser(tokenHash: string): Promise<{ token: StoredApiToken; user: User | undefined } | undefined> {
    const token = await this.findApiToken(tokenHash);
    return token && { token, user: await this.findUserById(token.userId) };
  }

  async findApiTokenById(id: string): Promise<StoredApiToken | undefined> {
    const row = await this.db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toApiToken(row);
  }

  async touchApiToken(id: string, at: Date): Promise<void> {
    await this.db
      .updateTable('api_tokens')
      .set({ last_used_at: iso(at) })
      .where('id', '=', id)
      .execute();
  }

  async revokeApiToken(id: string, at: Date): Promise<boolean> {
    const result = await this.db
      .updateTable('api_tokens')
      .set({ revoked_at: iso(at) })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async revokeApiTokensOf(userId: string, at: Date): Promise<void> {
    await this.db
      .updateTable('api_tokens')
      .set({ revoked_at: iso(at) })
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .execute();
  }

  async insertPasswordLink(link: StoredPasswordLink): Promise<void> {
    await this.db
      .insertInto('password_links')
      .values({
        token_hash: link.tokenHash,
        user_id: link.userId,
        purpose: link.purpose,
        created_at: iso(link.createdAt),
        expires_at: iso(link.expiresAt),
        used_at: link.usedAt ? iso(link.usedAt) : null,
      })
      .execute();
  }

  async findPasswordLink(tokenHash: string): Promise<StoredPasswordLink | undefined> {
    const row = await this.db.selectFrom('password_links').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
    if (!row) return undefined;
    return {
      tokenHash: row.token_hash,
      userId: row.user_id,
      purpose: row.purpose as PasswordLinkPurpose,
      createdAt: new Date(row.created_at),
      expiresAt: new Date(row.expires_at),
      usedAt: date(row.used_at),
    };
  }

  async usePasswordLink(tokenHash: string, at: Date): Promise<boolean> {
    const result = await this.db
      .updateTable('password_links')
      .set({ used_at: iso(at) })
      .where('token_hash', '=', tokenHash)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async retirePasswordLinksOf(userId: string, at: Date): Promise<void> {
    await this.db
      .updateTable('password_links')
      .set({ used_at: iso(at) })
      .where('user_id', '=', userId)
      .where('used_at', 'is', null)
      .execute();
  }

  async setPasswordHash(userId: string, hash: string, at: Date): Promise<void> {
    await this.db
      .updateTable('users')
      .set((eb) => ({ password_hash: hash, updated_at: iso(at), version: eb('version', '+', 1) }))
      .where('id', '=', userId)
      .execute();
  }

  async recordSignIn(event: SignInEvent): Promise<void> {
    await this.db
      .insertInto('sign_in_events')
      .values({
        at: iso(event.at),
        email_hash: event.emailHash,
        user_id: event.userId,
        address: event.address,
        outcome: event.outcome,
        method: event.method ?? 'password',
        provider: event.provider ?? null,
        reason: event.reason ?? null,
      })
      .execute();
  }

  async recentFailures(key: { emailHash: string } | { address: string }, since: Date): Promise<RecentFailures> {
    const [column, value] = 'emailHash' in key ? (['email_hash', key.emailHash] as const) : (['address', key.address] as const);
    const success = await this.db
      .selectFrom('sign_in_events')
      .select((eb) => eb.fn.max('at').as('at'))
      .where(column, '=', value)
      .where('outcome', '=', 'success')
      .where('method', '=', 'password')
      .executeTakeFirst();
    const from = success?.at && success.at > iso(since) ? success.at : iso(since);
    const [row, lockout] = await Promise.all([
      this.db
        .selectFrom('sign_in_events')
        .select((eb) => [eb.fn.countAll().as('n'), eb.fn.max('at').as('last')])
        .where(column, '=', value)
        .where('outcome', '=', 'failure')
        .where('method', '=', 'password')
        .where('at', '>', from)
        .executeTakeFirst(),
      this.db
        .selectFrom('sign_in_events')
        .select((eb) => eb.fn.max('at').as('at'))
        .where(column, '=', value)
        .where('outcome', '=', 'lockout')
        .where('method', '=', 'password')
        .where('at', '>', from)
        .executeTakeFirst(),
    ]);
    const last = row?.last ? String(row.last) : undefined;
    return {
      count: Number(row?.n ?? 0),
      last: last ? new Date(last) : undefined,
      lockout: lockout?.at ? new Date(String(lockout.at)) : undefined,
    };
  }

  async insertOidcLogin(login: StoredOidcLogin): Promise<void> {
    await this.db
      .insertInto('oidc_logins')
      .values({
        state_hash: login.stateHash,
        provider: login.provider,
        browser_hash: login.browserHash,
        code_verifier: login.codeVerifier,
        nonce: login.nonce,
        redirect_uri: login.redirectUri,
        return_to: login.returnTo,
        created_at: iso(login.createdAt),
        expires_at: iso(login.expiresAt),
        used_at: null,
      })
      .execute();
  }

  async takeOidcLogin(
    key: { stateHash: string; provider: string; browserHash: string },
    at: Date,
  ): Promise<StoredOidcLogin | undefined> {
    // One statement, so two callbacks with the same state cannot both use it.
    const row = await this.db
      .updateTable('oidc_logins')
      .set({ used_at: iso(at) })
      .where('state_hash', '=', key.stateHash)
      .where('provider', '=', key.provider)
      .where('browser_hash', '=', key.browserHash)
      .where('used_at', 'is', null)
      .where('expires_at', '>', iso(at))
      .returningAll()
      .executeTakeFirst();
    if (!row) return undefined;
    return {
      stateHash: row.state_hash,
      provider: row.provider,
      browserHash: row.browser_hash,
      codeVerifier: row.code_verifier,
      nonce: row.nonce,
      redirectUri: row.redirect_uri,
      returnTo: row.return_to,
      createdAt: new Date(row.created_at),
      expiresAt: new Date(row.expires_at),
    };
  }

  async deleteExpiredOidcLogins(before: Date): Promise<void> {
    await this.db.deleteFrom('oidc_logins').where('expires_at', '<', iso(before)).execute();
  }

  async findUserByOidcIdentity(issuer: string, subject: string): Promise<User | undefined> {
    const row = await this.db
      .selectFrom('user_identities as i')
      .innerJoin('users', 'users.id', 'i.user_id')
      .select(USER_COLUMNS.map((c) => `users.${c}` as const))
      .where('i.issuer', '=', issuer)
      .where('i.subject', '=', subject)
      .executeTakeFirst();
    return row && toUser(row);
  }

  async hasOidcIdentity(userId: string, issuer: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('user_identities')
      .select('subject')
      .where('user_id', '=', userId)
      .where('issuer', '=', issuer)
      .executeTakeFirst();
    return row !== undefined;
  }

  async linkOidcIdentity(identity: OidcIdentity, at: Date): Promise<void> {
    await this.db
      .insertInto('user_identities')
      .values({
        issuer: identity.issuer,
        subject: identity.subject,
        user_id: identity.userId,
        provider: identity.provider,
        created_at: iso(at),
        last_used_at: iso(at),
      })
      .execute();
  }

  async touchOidcIdentity(issuer: string, subject: string, at: Date): Promise<void> {
    await this.db
      .updateTable('user_identities')
      .set({ last_used_at: iso(at) })
      .where('issuer', '=', issuer)
      .where('subject', '=', subject)
      .execute();
  }
}
