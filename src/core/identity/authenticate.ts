import type { Actor } from '../access/access.js';
import { auditRecord } from '../audit/audit-record.js';
import type { Clock } from '../obstacles/ports.js';
import type { IdentityStore } from './ports.js';
import { hashSecret } from './secrets.js';
import { DEFAULT_SESSION_POLICY, type SessionPolicy } from './sign-in.js';
import type { User } from './user.js';

/** Last use is written at most this often, so reading pages does not turn into writing. */
export const TOUCH_INTERVAL_MS = 60_000;

export interface Authenticated {
  actor: Extract<Actor, { kind: 'user' }>;
  user: User;
}

export interface SessionAuthenticated extends Authenticated {
  csrfToken: string;
  idHash: string;
  expiresAt: Date;
}

function actorOf(user: User): Authenticated['actor'] {
  return { kind: 'user', userId: user.id, role: user.role, organisation: user.organisation };
}

/**
 * The user of a session id (from the cookie), when the session is open: not revoked, used
 * within the idle timeout, within its absolute lifetime, and its user not disabled.
 */
export async function authenticateSession(options: {
  sessionId: string;
  store: IdentityStore;
  clock: Clock;
  policy?: SessionPolicy;
}): Promise<SessionAuthenticated | undefined> {
  const { store } = options;
  const policy = options.policy ?? DEFAULT_SESSION_POLICY;
  const now = options.clock.now().getTime();
  const idHash = hashSecret(options.sessionId);
  const found = await store.findSessionWithUser(idHash);
  if (!found) return undefined;
  const { session, user } = found;
  if (session.revokedAt) return undefined;
  if (now >= session.expiresAt.getTime() || now >= session.lastSeenAt.getTime() + policy.idleMs) return undefined;
  if (!user || user.disabledAt) return undefined;
  if (now - session.lastSeenAt.getTime() >= TOUCH_INTERVAL_MS) await store.touchSession(idHash, new Date(now));
  return { actor: actorOf(user), user, csrfToken: session.csrfToken, idHash, expiresAt: session.expiresAt };
}

/** The user of an API token (Authorization: Bearer), when it is not revoked, not expired and its user not disabled. */
export async function authenticateToken(options: {
  token: string;
  store: IdentityStore;
  clock: Clock;
}): Promise<Authenticated | undefined> {
  const { store } = options;
  const now = options.clock.now();
  const found = await store.findApiTokenWithUser(hashSecret(options.token));
  if (!found) return undefined;
  const { token, user } = found;
  if (token.revokedAt) return undefined;
  if (token.expiresAt && now.getTime() >= token.expiresAt.getTime()) return undefined;
  if (!user || user.disabledAt) return undefined;
  if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() >= TOUCH_INTERVAL_MS)
    await store.touchApiToken(token.id, now);
  return { actor: actorOf(user), user };
}

/**
 * Ends a session: it is marked revoked and never opens again. One transaction with the audit event
 * `session.sign_out` (its `cause`: `sign_out`, or `signed_in_again` when a new sign-in replaced
 * it); a session that was not open changes nothing and writes nothing.
 */
export async function signOut(options: {
  idHash: string;
  store: IdentityStore;
  clock: Clock;
  cause?: 'sign_out' | 'signed_in_again';
}): Promise<void> {
  const now = options.clock.now();
  await options.store.transaction(async (tx, audit) => {
    const session = await tx.findSession(options.idHash);
    if (!session || !(await tx.revokeSession(options.idHash, now))) return;
    await audit.append(
      auditRecord({
        actor: session.userId,
        at: now,
        action: 'session.sign_out',
        entityType: 'user',
        entityId: session.userId,
        details: { cause: options.cause ?? 'sign_out' },
      }),
    );
  });
}
