import type { Role } from '../access/access.js';
import type { AuditLog } from '../audit/ports.js';
import type { ErrorCode } from '../shared/errors.js';
import type { Language } from '../shared/language.js';
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

export const SIGN_IN_METHODS = ['password', 'oidc'] as const;
export type SignInMethod = (typeof SIGN_IN_METHODS)[number];

export interface SignInEvent {
  at: Date;
  /**
   * SHA-256 of the account tried: the lower-cased e-mail address (password), or
   * `oidc <issuer> <subject>` (OpenID Connect; `oidc <provider key>` when the provider's answer was not read).
   */
  emailHash: string;
  userId: string | null;
  address: string;
  outcome: SignInOutcome;
  /** Default `password`. */
  method?: SignInMethod;
  /** The provider's key (OpenID Connect). */
  provider?: string | null;
  /** Why it failed: the error code the caller got. */
  reason?: ErrorCode | null;
}

/** A sign-in at an OpenID Connect provider that has started and not yet come back (at most 10 minutes). */
export interface StoredOidcLogin {
  /** SHA-256 of the `state` sent to the provider. */
  stateHash: string;
  provider: string;
  /** SHA-256 of the random value in the browser's binding cookie. */
  browserHash: string;
  codeVerifier: string;
  nonce: string;
  redirectUri: string;
  returnTo: string;
  createdAt: Date;
  expiresAt: Date;
}

/** A provider's subject linked to a user. */
export interface OidcIdentity {
  issuer: string;
  subject: string;
  userId: string;
  provider: string;
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
  /**
   * Runs work in one transaction, with a store and the audit trail bound to it: a change and its
   * audit event commit or roll back together. Inside a transaction, runs work in the same one.
   */
  transaction<T>(work: (store: IdentityStore, audit: AuditLog) => Promise<T>): Promise<T>;

  insertUser(user: NewUserRecord): Promise<void>;
  findUserById(id: string): Promise<User | undefined>;
  /** The users of these ids that exist (one query, for lists that name many users: the history of an obstacle). */
  findUsersByIds(ids: readonly string[]): Promise<User[]>;
  findUserByEmail(email: string): Promise<User | undefined>;
  /** The stored password hash of a user, when there is one. */
  passwordHash(userId: string): Promise<string | null>;
  listUsers(): Promise<User[]>;
  /** Marks the user disabled; returns false when there is no such user. */
  disableUser(userId: string, at: Date): Promise<boolean>;
  organisationExists(key: string): Promise<boolean>;
  /** Sets a user's preferences when the user is at `expectedVersion` (the version goes up); false when not. */
  setPreferences(
    userId: string,
    preferences: { language: Language; digestOnly: boolean },
    expectedVersion: number,
    at: Date,
  ): Promise<boolean>;

  insertSession(session: StoredSession): Promise<void>;
  findSession(idHash: string): Promise<StoredSession | undefined>;
  /** A session with its user (undefined when the user is gone): what every request with the session cookie looks up. */
  findSessionWithUser(idHash: string): Promise<{ session: StoredSession; user: User | undefined } | undefined>;
  touchSession(idHash: string, at: Date): Promise<void>;
  /** Ends an open session; returns false when it was not open (unknown or already revoked). */
  revokeSession(idHash: string, at: Date): Promise<boolean>;
  /** Revokes every open session of a user (when the user is disabled), but `except` (the hash of one to keep). */
  revokeSessionsOf(userId: string, at: Date, except?: string): Promise<void>;

  insertApiToken(token: StoredApiToken): Promise<void>;
  findApiToken(tokenHash: string): Promise<StoredApiToken | undefined>;
  /** An API token with its user (undefined when the user is gone): what every request with a Bearer token looks up. */
  findApiTokenWithUser(tokenHash: string): Promise<{ token: StoredApiToken; user: User | undefined } | undefined>;
  findApiTokenById(id: string): Promise<StoredApiToken | undefined>;
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
  /** Failures of password sign-ins (OpenID Connect failures do not throttle passwords). */
  recentFailures(key: { emailHash: string } | { address: string }, since: Date): Promise<RecentFailures>;

  insertOidcLogin(login: StoredOidcLogin): Promise<void>;
  /**
   * Uses a pending login once: returns it when it exists, belongs to this provider and browser, has
   * not expired and was not used before (it is marked used in the same statement); else undefined.
   */
  takeOidcLogin(
    key: { stateHash: string; provider: string; browserHash: string },
    at: Date,
  ): Promise<StoredOidcLogin | undefined>;
  /** Deletes pending logins that expired before `before`. */
  deleteExpiredOidcLogins(before: Date): Promise<void>;
  /** The user a provider's subject is linked to. */
  findUserByOidcIdentity(issuer: string, subject: string): Promise<User | undefined>;
  /** Whether the user has a link to some subject of this issuer. */
  hasOidcIdentity(userId: string, issuer: string): Promise<boolean>;
  linkOidcIdentity(identity: OidcIdentity, at: Date): Promise<void>;
  touchOidcIdentity(issuer: string, subject: string, at: Date): Promise<void>;
}

/** Password hashing (argon2id in production). */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(hash: string, password: string): Promise<boolean>;
}

/** What a provider vouched for, after the ID token was validated (issuer, audience, signature, nonce). */
export interface OidcClaims {
  issuer: string;
  subject: string;
  email: string | undefined;
  /** True only when the provider said `email_verified: true`. */
  emailVerified: boolean;
}

/** Why the provider's answer could not be used; `detail` is safe to log (no codes, tokens or claims). */
export class OidcExchangeError extends Error {
  constructor(readonly detail: string) {
    super(`OpenID Connect exchange failed: ${detail}`);
    this.name = 'OidcExchangeError';
  }
}

/** OpenID Connect relying party (openid-client in production): the protocol, not the decisions. */
export interface OpenIdConnect {
  has(provider: string): boolean;
  /** The provider's authorisation URL: response type code, PKCE S256 from the verifier, state and nonce. */
  authorizationUrl(request: {
    provider: string;
    redirectUri: string;
    state: string;
    nonce: string;
    codeVerifier: string;
  }): Promise<URL>;
  /**
   * Exchanges the code of a callback (its query as received) at the token endpoint with the PKCE
   * verifier and returns the validated claims; throws OidcExchangeError for a provider error, a
   * failed exchange or an ID token that does not validate.
   */
  exchange(request: {
    provider: string;
    redirectUri: string;
    query: URLSearchParams;
    state: string;
    nonce: string;
    codeVerifier: string;
  }): Promise<OidcClaims>;
}
