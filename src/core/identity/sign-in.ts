import { auditRecord } from '../audit/audit-record.js';
import type { AuditRecord } from '../audit/ports.js';
import type { Clock } from '../obstacles/ports.js';
import { AppError, type ErrorCode } from '../shared/errors.js';
import type { IdentityStore, PasswordHasher, RecentFailures, SignInMethod } from './ports.js';
import { hashSecret, newSecret } from './secrets.js';
import { emailKey, type User } from './user.js';

export interface SessionPolicy {
  /** A session unused this long ends (default 30 minutes). */
  idleMs: number;
  /** A session ends this long after sign-in, used or not (default 12 hours). */
  absoluteMs: number;
}

export const DEFAULT_SESSION_POLICY: SessionPolicy = { idleMs: 30 * 60_000, absoluteMs: 12 * 3_600_000 };

/**
 * Throttling of sign-in attempts. Failures are counted per account (the e-mail address tried)
 * and per network address, since the last success and within the window. After a few free
 * failures each further one doubles the wait before the next attempt (1 s, 2 s, 4 s … at most
 * the window); at LOCKOUT_AFTER failures the account is locked until the window has passed
 * since the lockout (and since its last failure). An attempt made too early is refused without checking the password.
 */
export const THROTTLE = {
  windowMs: 15 * 60_000,
  freeAccountFailures: 3,
  freeAddressFailures: 10,
  lockoutAfter: 10,
} as const;

/** The wait after `failures` failures, when `free` of them cost nothing. */
export function throttleDelayMs(failures: number, free: number): number {
  if (failures < free) return 0;
  return Math.min(1000 * 2 ** (failures - free), THROTTLE.windowMs);
}

export interface SignedIn {
  user: User;
  /** The session id for the cookie: shown once, stored only as its hash. */
  sessionId: string;
  csrfToken: string;
  expiresAt: Date;
}

/**
 * A hash of a password nobody has, verified when the account does not exist or has no
 * password, so that a wrong address takes as long as a wrong password.
 */
let decoy: Promise<string> | undefined;

/**
 * Attempts on one account run one after the other in this process, so that parallel guesses
 * cannot all pass the throttle before any of their failures is recorded. (Several server
 * processes each keep their own queue; their attempts still meet in the database's counts.)
 */
const queues = new Map<string, Promise<unknown>>();

function oneAtATime<T>(key: string, work: () => Promise<T>): Promise<T> {
  const previous = queues.get(key) ?? Promise.resolve();
  const next = previous.then(work, work);
  const settled = next.catch(() => {});
  queues.set(key, settled);
  void settled.then(() => {
    if (queues.get(key) === settled) queues.delete(key);
  });
  return next;
}

/**
 * Signs a user in with e-mail and password: refuses early attempts (throttling), checks the
 * password, records the attempt (success, failure, lockout, throttled), and starts a new session
 * with a new random id (so an id planted before sign-in is never the signed-in one).
 */
export async function signIn(options: {
  email: string;
  password: string;
  /** The network address the attempt came from. */
  address: string;
  store: IdentityStore;
  hasher: PasswordHasher;
  clock: Clock;
  policy?: SessionPolicy;
}): Promise<SignedIn> {
  const emailHash = hashSecret(emailKey(options.email));
  return oneAtATime(emailHash, () => attempt(options, emailHash));
}

async function attempt(options: Parameters<typeof signIn>[0], emailHash: string): Promise<SignedIn> {
  const { store, hasher, clock, address } = options;
  const policy = options.policy ?? DEFAULT_SESSION_POLICY;
  const now = clock.now();
  const since = new Date(now.getTime() - THROTTLE.windowMs);
  const [account, fromAddress] = await Promise.all([
    store.recentFailures({ emailHash }, since),
    store.recentFailures({ address }, since),
  ]);
  /** Records an attempt that failed (sign-in events and the audit trail, one transaction). */
  const refuse = (outcome: 'failure' | 'throttled', user: User | undefined, reason: ErrorCode, lockout = false) =>
    store.transaction(async (tx, audit) => {
      const userId = user?.id ?? null;
      await tx.recordSignIn({ at: now, emailHash, userId, address, outcome });
      if (lockout) await tx.recordSignIn({ at: now, emailHash, userId, address, outcome: 'lockout' });
      await audit.append(signInAudit({ at: now, user, outcome, method: 'password', reason, lockout }));
    });

  const waitUntil = Math.max(
    account.count >= THROTTLE.lockoutAfter ? after(account, THROTTLE.windowMs) : 0,
    account.lockout ? account.lockout.getTime() + THROTTLE.windowMs : 0,
    after(account, throttleDelayMs(account.count, THROTTLE.freeAccountFailures)),
    after(fromAddress, throttleDelayMs(fromAddress.count, THROTTLE.freeAddressFailures)),
  );
  if (waitUntil > now.getTime()) {
    await refuse('throttled', await store.findUserByEmail(options.email), 'sign_in_throttled');
    throw new AppError('sign_in_throttled', { params: { seconds: Math.ceil((waitUntil - now.getTime()) / 1000) } });
  }

  const user = await store.findUserByEmail(options.email);
  const hash = user && !user.disabledAt ? await store.passwordHash(user.id) : null;
  decoy ??= hasher.hash(newSecret());
  const valid = await hasher.verify(hash ?? (await decoy), options.password);
  if (!user || !hash || !valid) {
    await refuse('failure', user, 'invalid_credentials', account.count + 1 === THROTTLE.lockoutAfter);
    throw new AppError('invalid_credentials');
  }

  return store.transaction(async (tx, audit) => {
    const session = await openSession({ user, store: tx, now, policy });
    await tx.recordSignIn({ at: now, emailHash, userId: user.id, address, outcome: 'success' });
    await audit.append(signInAudit({ at: now, user, outcome: 'success', method: 'password' }));
    return session;
  });
}

/**
 * The audit event of a sign-in attempt (`session.sign_in`). A known account is the event's entity
 * (`user`, its id); an attempt on an account that does not exist is entity `sign_in` with id
 * `unknown`, and the address typed is not stored, not even as a hash: the trail cannot be erased,
 * and the attempt's details for throttling (a hash of the address, the network address) are in
 * `sign_in_events`, which can be. The actor is the user on success, else `anonymous`. Never a
 * password, a session id, a token or a claim.
 */
export function signInAudit(event: {
  at: Date;
  user: Pick<User, 'id'> | undefined;
  outcome: 'success' | 'failure' | 'throttled';
  method: SignInMethod;
  /** OpenID Connect: the provider's key. */
  provider?: string;
  /** The error code the caller got. */
  reason?: ErrorCode;
  /** This failure locked the account. */
  lockout?: boolean;
  /** OpenID Connect: the provider's subject was linked to the user by this sign-in. */
  linked?: boolean;
}): AuditRecord {
  const { user, outcome } = event;
  return auditRecord({
    actor: outcome === 'success' && user ? user.id : 'anonymous',
    at: event.at,
    action: 'session.sign_in',
    entityType: user ? 'user' : 'sign_in',
    entityId: user ? user.id : 'unknown',
    details: {
      outcome,
      method: event.method,
      ...(event.provider ? { provider: event.provider } : {}),
      ...(event.reason ? { reason: event.reason } : {}),
      ...(event.lockout ? { lockout: true } : {}),
      ...(event.linked ? { linked: true } : {}),
    },
  });
}

/**
 * Starts a session for a user who has just proved who they are (by password or OpenID Connect):
 * a new random id (so an id planted before sign-in is never the signed-in one) and CSRF token.
 */
export async function openSession(options: {
  user: User;
  store: IdentityStore;
  now: Date;
  policy: SessionPolicy;
}): Promise<SignedIn> {
  const { user, now } = options;
  const sessionId = newSecret();
  const csrfToken = newSecret();
  const expiresAt = new Date(now.getTime() + options.policy.absoluteMs);
  await options.store.insertSession({
    idHash: hashSecret(sessionId),
    userId: user.id,
    csrfToken,
    createdAt: now,
    lastSeenAt: now,
    expiresAt,
    revokedAt: null,
  });
  return { user, sessionId, csrfToken, expiresAt };
}

function after(failures: RecentFailures, delayMs: number): number {
  return failures.last && delayMs > 0 ? failures.last.getTime() + delayMs : 0;
}
