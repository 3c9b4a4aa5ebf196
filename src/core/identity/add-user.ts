import { ROLES, type Role } from '../access/access.js';
import { type AuditActor, auditRecord, changedFields } from '../audit/audit-record.js';
import type { Clock, IdGenerator } from '../obstacles/ports.js';
import { AppError, type FieldError, validationError } from '../shared/errors.js';
import { checkPassword } from './password-policy.js';
import type { IdentityStore, PasswordHasher } from './ports.js';
import { EMAIL_MAX, isEmail, NAME_MAX, USER_AUDITED_FIELDS, type User, userSnapshot } from './user.js';

export interface NewUser {
  email: string;
  name: string;
  role: string;
  organisation: string;
  /** Optional: an account without a password signs in later through an invite or OpenID Connect. */
  password?: string;
}

/**
 * Adds a user: checks every field (collecting all errors), the password against the policy and
 * the common-password list, that the organisation exists and the address is not taken, then
 * stores the user with an argon2id hash of the password, in one transaction.
 */
export async function addUser(options: {
  input: NewUser;
  store: IdentityStore;
  hasher: PasswordHasher;
  commonPasswords: ReadonlySet<string>;
  clock: Clock;
  ids: IdGenerator;
  /** Who adds the user: an admin, `cli`, or `system` (demo users). */
  actor: AuditActor;
}): Promise<User> {
  const { input, store, hasher, commonPasswords, clock, ids } = options;
  const errors: FieldError[] = [];
  const email = input.email.trim();
  const name = input.name.trim();
  if (!isEmail(email)) errors.push({ name: 'email', code: 'invalid_format', params: { format: 'e-mail' } });
  if (email.length > EMAIL_MAX) errors.push({ name: 'email', code: 'too_long', params: { max: EMAIL_MAX } });
  if (name === '') errors.push({ name: 'name', code: 'required' });
  if (name.length > NAME_MAX) errors.push({ name: 'name', code: 'too_long', params: { max: NAME_MAX } });
  if (!(ROLES as readonly string[]).includes(input.role)) {
    errors.push({ name: 'role', code: 'invalid_value', params: { allowed: ROLES.join(', ') } });
  }
  if (input.password !== undefined) errors.push(...checkPassword(input.password, commonPasswords));
  if (!(await store.organisationExists(input.organisation))) {
    errors.push({ name: 'organisation', code: 'unknown_key', params: { value: input.organisation } });
  }
  if (errors.length > 0) throw validationError(errors);

  const passwordHash = input.password === undefined ? null : await hasher.hash(input.password);
  return store.transaction(async (tx, audit) => {
    if (await tx.findUserByEmail(email)) throw new AppError('user_exists', { params: { email } });
    const id = ids.newId();
    const now = clock.now();
    await tx.insertUser({
      id,
      email,
      name,
      role: input.role as Role,
      organisation: input.organisation,
      passwordHash,
      createdAt: now,
    });
    const user = await tx.findUserById(id);
    if (!user) throw new Error(`user ${id} vanished inside its own transaction`);
    await audit.append(
      auditRecord({
        actor: options.actor,
        at: now,
        action: 'user.create',
        entityType: 'user',
        entityId: id,
        details: { fields: changedFields(undefined, userSnapshot(user), USER_AUDITED_FIELDS) },
      }),
    );
    return user;
  });
}

/**
 * Disables a user: no new sign-in, and every session and API token of the user ends, at once.
 * One transaction with its audit event (`user.disable`); disabling a disabled user again changes
 * nothing and writes no event.
 */
export async function disableUser(options: {
  email: string;
  store: IdentityStore;
  clock: Clock;
  actor: AuditActor;
}): Promise<User> {
  const { store, clock } = options;
  return store.transaction(async (tx, audit) => {
    const user = await tx.findUserByEmail(options.email);
    if (!user) throw new AppError('user_not_found', { params: { user: options.email } });
    if (user.disabledAt) return user;
    const now = clock.now();
    await tx.disableUser(user.id, now);
    await tx.revokeSessionsOf(user.id, now);
    await tx.revokeApiTokensOf(user.id, now);
    const after = await tx.findUserById(user.id);
    if (!after) throw new Error(`user ${user.id} vanished inside its own transaction`);
    await audit.append(
      auditRecord({
        actor: options.actor,
        at: now,
        action: 'user.disable',
        entityType: 'user',
        entityId: user.id,
        details: { fields: changedFields(userSnapshot(user), userSnapshot(after), USER_AUDITED_FIELDS) },
      }),
    );
    return after;
  });
}
