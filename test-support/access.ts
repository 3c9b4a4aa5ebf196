/**
 * Signed-in callers for HTTP tests: a user of a role and organisation, and an API token for it,
 * made through the real use cases on the test database.
 *
 *   const secretariat = await bearer(database, 'secretariat');
 *   await app.inject({ method: 'POST', url: '/api/v1/obstacles', payload, headers: secretariat });
 */
import { randomUUID } from 'node:crypto';
import type { Role } from '../src/core/access/access.js';
import { addUser } from '../src/core/identity/add-user.js';
import { createApiToken } from '../src/core/identity/create-api-token.js';
import type { Database } from '../src/db/create-database.js';
import { KyselyIdentityStore } from '../src/db/repositories/identity-store.js';
import { argon2idHasher } from '../src/server/password-hasher.js';

const clock = { now: () => new Date() };
const ids = { newId: () => randomUUID() };

/** The default organisation of each role in tests (the reference data's keys). */
export const ORGANISATION_OF: Record<Role, string> = {
  admin: 'secretariat',
  secretariat: 'secretariat',
  partner: 'nl-li',
  department: 'nl-szw',
  decision_maker: 'nl-bzk',
  observer: 'item',
};

/** Adds a user (without a password) and returns the headers of an API token of theirs. */
export async function bearer(
  database: Database,
  role: Role,
  organisation: string = ORGANISATION_OF[role],
): Promise<{ authorization: string }> {
  const store = new KyselyIdentityStore(database.db);
  const email = `${role}-${randomUUID().slice(0, 8)}@example.test`;
  await addUser({
    actor: 'system',
    input: { email, name: `Test ${role}`, role, organisation },
    store,
    hasher: argon2idHasher,
    commonPasswords: new Set(),
    clock,
    ids,
  });
  const { token } = await createApiToken({ actor: 'system', email, label: 'test', store, clock, ids });
  return { authorization: `Bearer ${token}` };
}
