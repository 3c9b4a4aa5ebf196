import { type AuditActor, auditRecord } from '../audit/audit-record.js';
import type { Clock } from '../obstacles/ports.js';
import { AppError, validationError } from '../shared/errors.js';
import { checkPassword } from './password-policy.js';
import type { IdentityStore, PasswordHasher, PasswordLinkPurpose } from './ports.js';
import { hashSecret, newSecret } from './secrets.js';
import type { User } from './user.js';

/** How long a link opens: an invite a week, a reset an hour (NIST SP 800-63B asks for short-lived recovery). */
export const PASSWORD_LINK_TTL_MS: Record<PasswordLinkPurpose, number> = {
  invite: 7 * 24 * 3_600_000,
  reset: 3_600_000,
};

export const PASSWORD_LINK_PREFIX = 'skl_link_';

/**
 * Makes a one-time link for a user to set a password: an invite when the user has none yet, a
 * reset otherwise. Instead of mailing passwords, an admin hands over the link. The secret is
 * returned once and stored as its hash; a new link retires the user's earlier ones.
 */
export async function issuePasswordLink(options: {
  userId: string;
  store: IdentityStore;
  clock: Clock;
  /** An admin or `cli`. */
  actor: AuditActor;
}): Promise<{ token: string; purpose: PasswordLinkPurpose; expiresAt: Date; user: User }> {
  const { store, clock } = options;
  return store.transaction(async (tx, audit) => {
    const user = await tx.findUserById(options.userId);
    if (!user) throw new AppError('user_not_found', { params: { user: options.userId } });
    if (user.disabledAt) throw new AppError('user_disabled', { params: { email: user.email } });
    const now = clock.now();
    const purpose: PasswordLinkPurpose = user.hasPassword ? 'reset' : 'invite';
    const token = newSecret(PASSWORD_LINK_PREFIX);
    const expiresAt = new Date(now.getTime() + PASSWORD_LINK_TTL_MS[purpose]);
    await tx.retirePasswordLinksOf(user.id, now);
    await tx.insertPasswordLink({
      tokenHash: hashSecret(token),
      userId: user.id,
      purpose,
      createdAt: now,
      expiresAt,
      usedAt: null,
    });
    // The link's secret is the proof of whoever holds it: the trail says only that there is one.
    await audit.append(
      auditRecord({
        actor: options.actor,
        at: now,
        action: 'user.password_link',
        entityType: 'user',
        entityId: user.id,
        details: { purpose, expiresAt: expiresAt.toISOString() },
      }),
    );
    return { token, purpose, expiresAt, user };
  });
}

/**
 * Sets a password through a one-time link: the link must be unused and unexpired, its user
 * enabled, the password within the policy. The link is then used up, and every session of the
 * user ends (whoever knew the old password is signed out). All in one transaction, with the audit
 * event `user.password_set` (the actor is the user: the link proved who they are).
 */
export async function setPasswordWithLink(options: {
  token: string;
  password: string;
  store: IdentityStore;
  hasher: PasswordHasher;
  commonPasswords: ReadonlySet<string>;
  clock: Clock;
}): Promise<User> {
  const { store, hasher, clock } = options;
  const errors = checkPassword(options.password, options.commonPasswords);
  if (errors.length > 0) throw validationError(errors);
  const tokenHash = hashSecret(options.token);
  const now = clock.now();
  const link = await store.findPasswordLink(tokenHash);
  if (!link || link.usedAt || now.getTime() >= link.expiresAt.getTime()) throw new AppError('link_invalid');
  const hash = await hasher.hash(options.password);
  return store.transaction(async (tx, audit) => {
    const user = await tx.findUserById(link.userId);
    if (!user || user.disabledAt) throw new AppError('link_invalid');
    if (!(await tx.usePasswordLink(tokenHash, now))) throw new AppError('link_invalid');
    await tx.setPasswordHash(user.id, hash, now);
    await tx.revokeSessionsOf(user.id, now);
    const after = await tx.findUserById(user.id);
    if (!after) throw new Error(`user ${user.id} vanished inside its own transaction`);
    await audit.append(
      auditRecord({
        actor: user.id,
        at: now,
        action: 'user.password_set',
        entityType: 'user',
        entityId: user.id,
        details: {
          via: link.purpose,
          fields: { hasPassword: { before: user.hasPassword, after: true } },
        },
      }),
    );
    return after;
  });
}

/**
 * Changes a signed-in user's own password: the current one must be right (else 400 naming
 * `currentPassword`), the new one within the policy. Every other session of the user ends; the
 * one making the change stays open. The audit event `user.password_set` (`via: change`) goes with it.
 */
export async function changePassword(options: {
  userId: string;
  currentPassword: string;
  newPassword: string;
  /** The session making the change (it stays open), when the change is made through a session. */
  keepSession?: string;
  store: IdentityStore;
  hasher: PasswordHasher;
  commonPasswords: ReadonlySet<string>;
  clock: Clock;
}): Promise<void> {
  const { store, hasher, clock } = options;
  const stored = await store.passwordHash(options.userId);
  if (!stored || !(await hasher.verify(stored, options.currentPassword))) {
    throw validationError([{ name: 'currentPassword', code: 'wrong_password' }]);
  }
  const errors = checkPassword(options.newPassword, options.commonPasswords, 'newPassword');
  if (errors.length > 0) throw validationError(errors);
  const hash = await hasher.hash(options.newPassword);
  const now = clock.now();
  await store.transaction(async (tx, audit) => {
    await tx.setPasswordHash(options.userId, hash, now);
    await tx.revokeSessionsOf(options.userId, now, options.keepSession);
    await tx.retirePasswordLinksOf(options.userId, now);
    await audit.append(
      auditRecord({
        actor: options.userId,
        at: now,
        action: 'user.password_set',
        entityType: 'user',
        entityId: options.userId,
        details: { via: 'change' },
      }),
    );
  });
}
