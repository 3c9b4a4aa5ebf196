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

/**
 * An IdentityStore that keeps, in this process, what every signed-in request looks up: its API token
 * by hash, its session by hash, and its user by id (about a quarter of the server's work for a
 * typical read, issue 5). Everything else goes to the store as it is.
 *
 * A kept answer is used only while the connection's write mark (`sqliteWriteMark`) is the one read
 * just before the answer was looked up: any write on this connection — a token revoked, a user
 * disabled, a password changed, a session touched or ended, but also any other write — and any commit
 * of another process makes every kept answer stale at once, so the very next request reads the
 * database again. What is checked per request (revoked, expired, idle, disabled) is still checked
 * by core/identity `authenticate*` on the kept rows with the request's clock. Only rows found are
 * kept (an unknown token is looked up every time), at most `max` of each kind, oldest out first, and
 * they are handed out as copies. PostgreSQL has no such mark (its change feed does not watch these
 * tables), so there the plain store is used (decision 0021).
 */
export class CachedIdentityStore implements IdentityStore {
  private readonly tokens: Bounded<StoredApiToken>;
  private readonly sessions: Bounded<StoredSession>;
  private readonly users: Bounded<User>;
  hits = 0;
  misses = 0;

  constructor(
    private readonly store: IdentityStore,
    private readonly writeMark: () => readonly [number, number],
    max = 1_000,
  ) {
    this.tokens = new Bounded(max);
    this.sessions = new Bounded(max);
    this.users = new Bounded(max);
  }

  /** Rows kept now (for tests). */
  get size(): { tokens: number; sessions: number; users: number } {
    return { tokens: this.tokens.size, sessions: this.sessions.size, users: this.users.size };
  }

  private async kept<T extends object>(
    cache: Bounded<T>,
    key: string,
    read: () => Promise<T | undefined>,
  ): Promise<T | undefined> {
    const [changes, version] = this.writeMark();
    const found = cache.get(key, changes, version);
    if (found !== undefined) {
      this.hits += 1;
      return { ...found };
    }
    this.misses += 1;
    const value = await read();
    // Kept under the mark read before the lookup: a write in between makes it stale at once.
    if (value !== undefined) cache.set(key, { value: { ...value }, changes, version });
    return value;
  }

  findApiToken(tokenHash: string): Promise<StoredApiToken | undefined> {
    return this.kept(this.tokens, tokenHash, () => this.store.findApiToken(tokenHash));
  }

  findSession(idHash: string): Promise<StoredSession | undefined> {
    return this.kept(this.sessions, idHash, () => this.store.findSession(idHash));
  }

  findUserById(id: string): Promise<User | undefined> {
    return this.kept(this.users, id, () => this.store.findUserById(id));
  }

  // Everything else as the store does it. A transaction's store is the plain one: reads inside a
  // transaction must see its own writes.
  transaction<T>(work: (store: IdentityStore, audit: AuditLog) => Promise<T>): Promise<T> {
    return this.store.transaction(work);
  }
  insertUser(user: NewUserRecord): Promise<void> {
    return this.store.insertUser(user);
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
