import type SQLite from 'better-sqlite3';
import type { AuditLog } from '../../core/audit/ports.js';
import type {
  IdentityStore,
  NewUserRecord,
  OidcIdentity,
  RecentFailures,
  SignInEvent,
  StoredApiToken,
  StoredOidcLogin,
  StoredPasswordLink,
  StoredSession,
} from '../../core/identity/ports.js';
import type { User } from '../../core/identity/user.js';
import type { Language } from '../../core/shared/language.js';

/**
 * Where a SQLite connection's data stands: `total_changes()` counts every row this connection
 * inserted, updated or deleted since it opened (any code, any table, in a transaction or not, rolled
 * back or not), and `data_version` moves with every commit of any other connection (another server
 * process, the CLI, an operator's SQL). While both are the same, nothing this connection can read
 * has changed. Returned as one function over a statement prepared once (kept for the connection's
 * life, decision 0007).
 */
export function sqliteWriteMark(sqlite: SQLite.Database): () => readonly [number, number] {
  const statement = sqlite.prepare('SELECT total_changes(), data_version FROM pragma_data_version').raw(true);
  return () => {
    const row = statement.get() as [number | bigint, number | bigint];
    return [Number(row[0]), Number(row[1])];
  };
}

interface Entry<T> {
  value: T;
  changes: number;
  version: number;
}

/** A map of at most `max` entries; the oldest go first. */
class Bounded<T> {
  private readonly entries = new Map<string, Entry<T>>();
  constructor(private readonly max: number) {}

  get(key: string, changes: number, version: number): T | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.changes === changes && entry.version === version) return entry.value;
    this.entries.delete(key);
    return undefined;
  }

  set(key: string, entry: Entry<T>): void {
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (this.entries.size > this.max) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
  }

  get size(): number {
    return this.entries.size;
  }
}

/** A token or session with its user, as the lookups of signed-in requests return them. */
type WithUser<K extends string, T> = { [key in K]: T } & { user: User | undefined };

/**
 * An IdentityStore that keeps, in this process, what every signed-in request looks up: its API token
 * with its user, or its session with its user (issue 5: one lookup of two queries on every
 * signed-in read). Everything else goes to the store as it is.
 *
 * A kept answer is used only while the connection's write mark (`sqliteWriteMark`) is the one read
 * just before the answer was looked up: any write on this connection — a token revoked, a user
 * disabled, a password changed, a session touched or ended, but also any other write — and any commit
 * of another process makes every kept answer stale at once, so the very next request reads the
 * database again. What is checked per request (revoked, expired, idle, disabled) is still checked
 * by core/identity `authenticate*` on the kept rows with the request's clock. Only tokens and
 * sessions found are kept (an unknown one is looked up every time), at most `max` of each, oldest out
 * first, handed out as copies. PostgreSQL has no such mark (its change feed does not watch these
 * tables), so there the plain store is used (decision 0021).
 */
export class CachedIdentityStore implements IdentityStore {
  private readonly tokens: Bounded<WithUser<'token', StoredApiToken>>;
  private readonly sessions: Bounded<WithUser<'session', StoredSession>>;
  hits = 0;
  misses = 0;

  constructor(
    private readonly store: IdentityStore,
    private readonly writeMark: () => readonly [number, number],
    max = 1_000,
  ) {
    this.tokens = new Bounded(max);
    this.sessions = new Bounded(max);
  }

  /** Lookups kept now (for tests). */
  get size(): { tokens: number; sessions: number } {
    return { tokens: this.tokens.size, sessions: this.sessions.size };
  }

  findApiTokenWithUser(tokenHash: string): Promise<WithUser<'token', StoredApiToken> | undefined> {
    return this.kept(
      this.tokens,
      tokenHash,
      () => this.store.findApiTokenWithUser(tokenHash),
      (found) => ({ token: { ...found.token }, user: found.user && { ...found.user } }),
    );
  }

  findSessionWithUser(idHash: string): Promise<WithUser<'session', StoredSession> | undefined> {
    return this.kept(
      this.sessions,
      idHash,
      () => this.store.findSessionWithUser(idHash),
      (found) => ({ session: { ...found.session }, user: found.user && { ...found.user } }),
    );
  }

  private async kept<T>(
    cache: Bounded<T>,
    key: string,
    read: () => Promise<T | undefined>,
    copy: (value: T) => T,
  ): Promise<T | undefined> {
    const [changes, version] = this.writeMark();
    const found = cache.get(key, changes, version);
    if (found !== undefined) {
      this.hits += 1;
      return copy(found);
    }
    this.misses += 1;
    const value = await read();
    // Kept under the mark read before the lookup: a write in between makes it stale at once.
    if (value !== undefined) cache.set(key, { value: copy(value), changes, version });
    return value;
  }

  // Everything else as the store does it. A transaction's store is the plain one: reads inside a
  // transaction must see its own writes.
  transaction<T>(work: (store: IdentityStore, audit: AuditLog) => Promise<T>): Promise<T> {
    return this.store.transaction(work);
  }
  insertUser(user: NewUserRecord): Promise<void> {
    return this.store.insertUser(user);
  }
  findApiToken(tokenHash: string): Promise<StoredApiToken | undefined> {
    return this.store.findApiToken(tokenHash);
  }
  findSession(idHash: string): Promise<StoredSession | undefined> {
    return this.store.findSession(idHash);
  }
  findUserById(id: string): Promise<User | undefined> {
    return this.store.findUserById(id);
  }
  findUsersByIds(ids: readonly string[]): Promise<User[]> {
    return this.store.findUsersByIds(ids);
  }
  findUserByEmail(email: string): Promise<User | undefined> {
    return this.store.findUserByEmail(email);
  }
  passwordHash(userId: string): Promise<string | null> {
    return this.store.passwordHash(userId);
  }
  listUsers(): Promise<User[]> {
    return this.store.listUsers();
  }
  disableUser(userId: string, at: Date): Promise<boolean> {
    return this.store.disableUser(userId, at);
  }
  organisationExists(key: string): Promise<boolean> {
    return this.store.organisationExists(key);
  }
  setPreferences(
    userId: string,
    preferences: { language: Language; digestOnly: boolean },
    expectedVersion: number,
    at: Date,
  ): Promise<boolean> {
    return this.store.setPreferences(userId, preferences, expectedVersion, at);
  }
  insertSession(session: StoredSession): Promise<void> {
    return this.store.insertSession(session);
  }
  touchSession(idHash: string, at: Date): Promise<void> {
    return this.store.touchSession(idHash, at);
  }
  revokeSession(idHash: string, at: Date): Promise<boolean> {
    return this.store.revokeSession(idHash, at);
  }
  revokeSessionsOf(userId: string, at: Date, except?: string): Promise<void> {
    return this.store.revokeSessionsOf(userId, at, except);
  }
  insertApiToken(token: StoredApiToken): Promise<void> {
    return this.store.insertApiToken(token);
  }
  findApiTokenById(id: string): Promise<StoredApiToken | undefined> {
    return this.store.findApiTokenById(id);
  }
  touchApiToken(id: string, at: Date): Promise<void> {
    return this.store.touchApiToken(id, at);
  }
  revokeApiToken(id: string, at: Date): Promise<boolean> {
    return this.store.revokeApiToken(id, at);
  }
  revokeApiTokensOf(userId: string, at: Date): Promise<void> {
    return this.store.revokeApiTokensOf(userId, at);
  }
  insertPasswordLink(link: StoredPasswordLink): Promise<void> {
    return this.store.insertPasswordLink(link);
  }
  findPasswordLink(tokenHash: string): Promise<StoredPasswordLink | undefined> {
    return this.store.findPasswordLink(tokenHash);
  }
  usePasswordLink(tokenHash: string, at: Date): Promise<boolean> {
    return this.store.usePasswordLink(tokenHash, at);
  }
  retirePasswordLinksOf(userId: string, at: Date): Promise<void> {
    return this.store.retirePasswordLinksOf(userId, at);
  }
  setPasswordHash(userId: string, hash: string, at: Date): Promise<void> {
    return this.store.setPasswordHash(userId, hash, at);
  }
  recordSignIn(event: SignInEvent): Promise<void> {
    return this.store.recordSignIn(event);
  }
  recentFailures(key: { emailHash: string } | { address: string }, since: Date): Promise<RecentFailures> {
    return this.store.recentFailures(key, since);
  }
  insertOidcLogin(login: StoredOidcLogin): Promise<void> {
    return this.store.insertOidcLogin(login);
  }
  takeOidcLogin(...args: Parameters<IdentityStore['takeOidcLogin']>): ReturnType<IdentityStore['takeOidcLogin']> {
    return this.store.takeOidcLogin(...args);
  }
  deleteExpiredOidcLogins(before: Date): Promise<void> {
    return this.store.deleteExpiredOidcLogins(before);
  }
  findUserByOidcIdentity(issuer: string, subject: string): Promise<User | undefined> {
    return this.store.findUserByOidcIdentity(issuer, subject);
  }
  hasOidcIdentity(userId: string, issuer: string): Promise<boolean> {
    return this.store.hasOidcIdentity(userId, issuer);
  }
  linkOidcIdentity(identity: OidcIdentity, at: Date): Promise<void> {
    return this.store.linkOidcIdentity(identity, at);
  }
  touchOidcIdentity(issuer: string, subject: string, at: Date): Promise<void> {
    return this.store.touchOidcIdentity(issuer, subject, at);
  }
}
