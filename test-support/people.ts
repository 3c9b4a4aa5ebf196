/**
 * Users for notification tests: an account (with its id and address), an API token, and its
 * notification preferences, made through the real use cases.
 */
import { randomUUID } from 'node:crypto';
import type { Role } from '../src/core/access/access.js';
import { addUser } from '../src/core/identity/add-user.js';
import { createApiToken } from '../src/core/identity/create-api-token.js';
import type { Language } from '../src/core/shared/language.js';
import type { Database } from '../src/db/create-database.js';
import { KyselyIdentityStore } from '../src/db/repositories/identity-store.js';
import { argon2idHasher } from '../src/server/password-hasher.js';
import { ORGANISATION_OF } from './access.js';

export interface Person {
  id: string;
  email: string;
  headers: { authorization: string };
}

export async function person(
  database: Database,
  options: { role?: Role; organisation?: string; language?: Language; digestOnly?: boolean; password?: string } = {},
): Promise<Person> {
  const role = options.role ?? 'department';
  const store = new KyselyIdentityStore(database.db);
  const clock = { now: () => new Date() };
  const ids = { newId: () => randomUUID() };
  const email = `${role}-${randomUUID().slice(0, 8)}@example.test`;
  const user = await addUser({
    actor: 'system',
    input: {
      email,
      name: `Test ${role}`,
      role,
      organisation: options.organisation ?? ORGANISATION_OF[role],
      ...(options.password ? { password: options.password } : {}),
    },
    store,
    hasher: argon2idHasher,
    commonPasswords: new Set(),
    clock,
    ids,
  });
  if (options.language !== undefined || options.digestOnly !== undefined) {
    await store.setPreferences(
      user.id,
      { language: options.language ?? 'nl', digestOnly: options.digestOnly ?? false },
      user.version,
      clock.now(),
    );
  }
  const { token } = await createApiToken({ actor: 'system', email, label: 'test', store, clock, ids });
  return { id: user.id, email, headers: { authorization: `Bearer ${token}` } };
}
