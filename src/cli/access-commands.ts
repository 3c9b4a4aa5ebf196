import { randomUUID } from 'node:crypto';
import { addUser, disableUser } from '../core/identity/add-user.js';
import { createApiToken, revokeApiToken } from '../core/identity/create-api-token.js';
import { issuePasswordLink } from '../core/identity/password-links.js';
import { AppError, errorMessage, fieldMessage } from '../core/shared/errors.js';
import { createDatabase, type Database } from '../db/create-database.js';
import { migrateToLatest } from '../db/migrate.js';
import { readCommonPasswords } from '../db/reference-data.js';
import { KyselyIdentityStore } from '../db/repositories/identity-store.js';
import { seedReferenceData } from '../db/seed-reference.js';
import type { Config } from '../server/config.js';
import { argon2idHasher } from '../server/password-hasher.js';

const clock = { now: () => new Date() };
const ids = { newId: () => randomUUID() };

async function withIdentity<T>(config: Config, work: (store: KyselyIdentityStore, database: Database) => Promise<T>): Promise<T> {
  const database = createDatabase(config.database);
  try {
    await migrateToLatest(database.db);
    await seedReferenceData(database.db);
    return await work(new KyselyIdentityStore(database.db), database);
  } finally {
    await database.close();
  }
}

/**
 * Prints what the caller did wrong (in English, naming each option) and gives the exit status:
 * 2 for input the command refuses, 1 for anything else the catalogue knows (an address that is
 * taken, a user that does not exist). Other errors go up to main.
 */
function reportError(command: string, error: unknown, options: Record<string, string> = {}): number {
  if (!(error instanceof AppError)) throw error;
  if (error.fields.length > 0) {
    for (const field of error.fields) {
      console.error(`schakel ${command}: --${options[field.name] ?? field.name}: ${fieldMessage(field, 'en')}`);
    }
    return 2;
  }
  console.error(`schakel ${command}: ${errorMessage(error.code, 'en', error.params)}`);
  return 1;
}

export async function userAddCommand(
  config: Config,
  input: { email: string; name: string; role: string; organisation: string; password?: string },
): Promise<number> {
  return withIdentity(config, async (store) => {
    try {
      const user = await addUser({
        actor: 'cli',
        input,
        store,
        hasher: argon2idHasher,
        commonPasswords: readCommonPasswords(),
        clock,
        ids,
      });
      console.log(
        `Added ${user.email} (${user.name}), ${user.role} of ${user.organisation}${user.hasPassword ? '' : ', without a password'}.`,
      );
      return 0;
    } catch (error) {
      return reportError('user add', error, { password: 'password-stdin' });
    }
  });
}

export async function userListCommand(config: Config): Promise<number> {
  return withIdentity(config, async (store) => {
    const users = await store.listUsers();
    if (users.length === 0) {
      console.log('No users yet. Add one with `schakel user add`.');
      return 0;
    }
    const rows = users.map((u) => [
      u.email,
      u.name,
      u.role,
      u.organisation,
      u.disabledAt ? `disabled ${u.disabledAt.toISOString().slice(0, 10)}` : 'active',
      u.hasPassword ? 'password' : 'no password',
    ]);
    const header = ['E-MAIL', 'NAME', 'ROLE', 'ORGANISATION', 'STATUS', 'SIGN-IN'];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
    for (const row of [header, ...rows]) console.log(row.map((cell, i) => (cell ?? '').padEnd(widths[i] ?? 0)).join('  '));
    return 0;
  });
}

export async function userDisableCommand(config: Config, email: string): Promise<number> {
  return withIdentity(config, async (store) => {
    try {
      const user = await disableUser({ actor: 'cli', email, store, clock });
      console.log(`Disabled ${user.email}: signed out everywhere, API tokens revoked.`);
      return 0;
    } catch (error) {
      return reportError('user disable', error);
    }
  });
}

export async function tokenCreateCommand(
  config: Config,
  input: { email: string; label: string; expiresInDays?: number },
): Promise<number> {
  return withIdentity(config, async (store) => {
    try {
      const made = await createApiToken({ actor: 'cli', ...input, store, clock, ids });
      // The token alone on standard output (for TOKEN=$(schakel token create …)); the rest on standard error.
      console.error(
        `API token "${input.label}" for ${input.email}, id ${made.id}, ${made.expiresAt ? `expires ${made.expiresAt.toISOString()}` : 'does not expire'}. It is shown only now; send it as Authorization: Bearer <token>.`,
      );
      console.log(made.token);
      return 0;
    } catch (error) {
      return reportError('token create', error, { name: 'name', expires: 'expires' });
    }
  });
}

export async function tokenRevokeCommand(config: Config, id: string): Promise<number> {
  return withIdentity(config, async (store) => {
    try {
      await revokeApiToken({ actor: 'cli', id, store, clock });
      console.log(`Revoked API token ${id}.`);
      return 0;
    } catch (error) {
      return reportError('token revoke', error);
    }
  });
}

export async function userPasswordLinkCommand(config: Config, email: string): Promise<number> {
  return withIdentity(config, async (store) => {
    try {
      const user = await store.findUserByEmail(email);
      if (!user) throw new AppError('user_not_found', { params: { user: email } });
      const link = await issuePasswordLink({ actor: 'cli', userId: user.id, store, clock });
      console.error(
        `One-time ${link.purpose} link for ${user.email}, valid until ${link.expiresAt.toISOString()}. Shown only now; the user sets a password with POST /api/v1/password { "token": …, "password": … }.`,
      );
      console.log(link.token);
      return 0;
    } catch (error) {
      return reportError('user password-link', error);
    }
  });
}
