import type { Role } from '../access/access.js';
import type { User } from './user.js';

export const SIGN_IN_OUTCOMES = ['success', 'failure', 'lockout', 'throttled'] as const;
export type SignInOutcome = (typeof SIGN_IN_OUTCOMES)[number];

export interface NewUserRecord {
  id: string;
  email: string;
  name: string;
  role: Role;
  organisation: string;
  passwordHash: string | null;
  createdAt: Date;
}

export interface StoredSession {
  idHash: string;
  userId: string;
  csrfToken: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
}

export interface StoredApiToken {
  id: string;
  tokenHash: string;
  userId: string;
  label: string;
  createdAt: Date;
  expiresAt: Date | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
}

export const PASSWORD_LINK_PURPOSES = ['invite', 'reset'] as const;
export type PasswordLinkPurpose = (typeof PASSWORD_LINK_PURPOSES)[number];

export interface StoredPasswordLink {
  tokenHash: string;
  userId: string;
  purpose: PasswordLinkPurpose;
  createdAt: Date;
  expiresAt: Date;
  usedAt: Date | null;
}

export interface SignInEvent {
  at: Date;
  emailHash: string;
  userId: string | null;
  address: string;
  outcome: SignInOutcome;
}

/** Failures since the last success (of the same account or address) within a window. */
export interface RecentFailures {
  count: number;
  last: Date | undefined;
  /** The latest lockout since the last success, within the window. */
  lockout: Date | undefined;
}

/** Storage of users, sessions, API tokens and sign-in events. Implemented in db/ on both databases. */
export interface IdentityStore {
  /** Runs work in one transaction, with a store bound to it. */
  transaction<T>(work: (store: IdentityStore) => Promise<T>): Promise<T>;

  insertUser(user: NewUserRecord): Promise<void>;
  findUserById(id: string): Promise<User | undefined>;
  findUserByEmail(email: string): Promise<User | undefined>;
  /** The stored password hash of a user, when there is one. */
  passwordHash(userId: string): Promise<string | null>;
  listUsers(): Promise<User[]>;
  /** Marks the user disabled; returns false when there is no such user. */
  disableUser(userId: string, at: Date): Promise<boolean>;
  organisationExists(key: string): Promise<boolean>;

  insertSession(session: StoredSession): Promise<void>;
  findSession(idHash: string): Promise<StoredSession | undefined>;
  touchSession(idHash: string, at: Date): Promise<void>;
  revokeSession(idHash: string, at: Date): Promise<void>;
  /** Revokes every open session of a user (when the user is disabled), but `except` (the hash of one to keep). */
  revokeSessionsOf(userId: string, at: Date, except?: string): Promise<void>;

  insertApiToken(token: StoredApiToken): Promise<void>;
  findApiToken(tokenHash: string): Promise<StoredApiToken | undefined>;
  touchApiToken(id: string, at: Date): Promise<void>;
  /** Revokes one token; returns false when there is no open token with this id. */
  revokeApiToken(id: string, at: Date): Promise<boolean>;
  revokeApiTokensOf(userId: string, at: Date): Promise<void>;

  insertPasswordLink(link: StoredPasswordLink): Promise<void>;
  findPasswordLink(tokenHash: string): Promise<StoredPasswordLink | undefined>;
  /** Marks a link used, when it was not yet; returns false when it was (another request won). */
  usePasswordLink(tokenHash: string, at: Date): Promise<boolean>;
  /** Marks every open link of a user used (a new link replaces the old ones). */
  retirePasswordLinksOf(userId: string, at: Date): Promise<void>;
  setPasswordHash(userId: string, hash: string, at: Date): Promise<void>;

  recordSignIn(event: SignInEvent): Promise<void>;
  recentFailures(key: { emailHash: string } | { address: string }, since: Date): Promise<RecentFailures>;
}

/** Password hashing (argon2id in production). */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(hash: string, password: string): Promise<boolean>;
}
