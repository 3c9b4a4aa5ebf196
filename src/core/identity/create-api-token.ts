import { type AuditActor, auditRecord } from '../audit/audit-record.js';
import type { Clock, IdGenerator } from '../obstacles/ports.js';
import { AppError, type FieldError, validationError } from '../shared/errors.js';
import type { IdentityStore } from './ports.js';
import { hashSecret, newSecret } from './secrets.js';

export const TOKEN_PREFIX = 'skl_';
export const TOKEN_LABEL_MAX = 100;
export const TOKEN_MAX_DAYS = 3650;

/**
 * Creates an API token for a user: a random secret, returned once and stored only as its
 * SHA-256 hash, with a label and an expiry (`expiresInDays`; none means it does not expire). The
 * audit event (`api_token.create`) names the token's id, user, label and expiry, never the secret.
 */
export async function createApiToken(options: {
  email: string;
  label: string;
  expiresInDays?: number;
  store: IdentityStore;
  clock: Clock;
  ids: IdGenerator;
  actor: AuditActor;
}): Promise<{ token: string; id: string; expiresAt: Date | null }> {
  const { store, clock, ids, expiresInDays } = options;
  const label = options.label.trim();
  const errors: FieldError[] = [];
  if (label === '') errors.push({ name: 'name', code: 'required' });
  if (label.length > TOKEN_LABEL_MAX) errors.push({ name: 'name', code: 'too_long', params: { max: TOKEN_LABEL_MAX } });
  if (expiresInDays !== undefined && (!Number.isInteger(expiresInDays) || expiresInDays < 1 || expiresInDays > TOKEN_MAX_DAYS)) {
    errors.push({ name: 'expires', code: 'invalid_value', params: { allowed: `1–${TOKEN_MAX_DAYS}` } });
  }
  if (errors.length > 0) throw validationError(errors);
  return store.transaction(async (tx, audit) => {
    const user = await tx.findUserByEmail(options.email);
    if (!user) throw new AppError('user_not_found', { params: { user: options.email } });
    if (user.disabledAt) throw new AppError('user_disabled', { params: { email: options.email } });
    const now = clock.now();
    const token = newSecret(TOKEN_PREFIX);
    const id = ids.newId();
    const expiresAt = expiresInDays === undefined ? null : new Date(now.getTime() + expiresInDays * 86_400_000);
    await tx.insertApiToken({
      id,
      tokenHash: hashSecret(token),
      userId: user.id,
      label,
      createdAt: now,
      expiresAt,
      revokedAt: null,
      lastUsedAt: null,
    });
    await audit.append(
      auditRecord({
        actor: options.actor,
        at: now,
        action: 'api_token.create',
        entityType: 'api_token',
        entityId: id,
        details: {
          user: user.id,
          fields: {
            label: { before: null, after: label },
            expiresAt: { before: null, after: expiresAt ? expiresAt.toISOString() : null },
          },
        },
      }),
    );
    return { token, id, expiresAt };
  });
}

/**
 * Revokes one API token by its id (printed when it was created): it never opens again. One
 * transaction with its audit event (`api_token.revoke`).
 */
export async function revokeApiToken(options: {
  id: string;
  store: IdentityStore;
  clock: Clock;
  actor: AuditActor;
}): Promise<void> {
  const now = options.clock.now();
  await options.store.transaction(async (tx, audit) => {
    const token = await tx.findApiTokenById(options.id);
    if (!token || !(await tx.revokeApiToken(options.id, now))) {
      throw new AppError('token_not_found', { params: { id: options.id } });
    }
    await audit.append(
      auditRecord({
        actor: options.actor,
        at: now,
        action: 'api_token.revoke',
        entityType: 'api_token',
        entityId: options.id,
        details: { user: token.userId, fields: { revokedAt: { before: null, after: now.toISOString() } } },
      }),
    );
  });
}
