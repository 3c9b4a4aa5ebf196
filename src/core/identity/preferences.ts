import { type Actor, can, denied } from '../access/access.js';
import { auditRecord, changedFields } from '../audit/audit-record.js';
import type { Clock } from '../obstacles/ports.js';
import { AppError } from '../shared/errors.js';
import type { Language } from '../shared/language.js';
import type { IdentityStore } from './ports.js';
import type { User } from './user.js';

export interface Preferences {
  /** The language of the user's mails (and of the web app when the browser does not say). */
  language: Language;
  /** Only the daily digest, no mail per notification. */
  digestOnly: boolean;
}

/**
 * Changes the caller's own preferences: the fields given, when the user is still at
 * `expectedVersion` (412 otherwise). One transaction with its audit event (`user.preferences`,
 * the fields that changed); no change writes nothing.
 */
export async function setPreferences(options: {
  actor: Actor;
  changes: Partial<Preferences>;
  expectedVersion: number | 'any';
  store: IdentityStore;
  clock: Clock;
}): Promise<User> {
  const { actor, store, clock } = options;
  if (actor.kind !== 'user' || !can(actor, 'set_own_preferences')) throw denied(actor);
  return store.transaction(async (tx, audit) => {
    const user = await tx.findUserById(actor.userId);
    if (!user) throw new AppError('unauthenticated');
    if (options.expectedVersion !== 'any' && user.version !== options.expectedVersion) {
      throw new AppError('version_conflict', { params: { current: user.version } });
    }
    const next: Preferences = {
      language: options.changes.language ?? user.language,
      digestOnly: options.changes.digestOnly ?? user.digestOnly,
    };
    const fields = changedFields<Preferences>({ language: user.language, digestOnly: user.digestOnly }, next, [
      'language',
      'digestOnly',
    ]);
    if (Object.keys(fields).length === 0) return user;
    const now = clock.now();
    if (!(await tx.setPreferences(user.id, next, user.version, now))) {
      const current = await tx.findUserById(user.id);
      throw new AppError('version_conflict', { params: { current: current?.version ?? '?' } });
    }
    await audit.append(
      auditRecord({ actor, at: now, action: 'user.preferences', entityType: 'user', entityId: user.id, details: { fields } }),
    );
    const after = await tx.findUserById(user.id);
    if (!after) throw new Error(`user ${user.id} vanished inside its own transaction`);
    return after;
  });
}
