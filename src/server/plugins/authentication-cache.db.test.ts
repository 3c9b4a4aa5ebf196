import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDialect } from '../../../test-support/databases.js';
import { addUser, disableUser } from '../../core/identity/add-user.js';
import { createApiToken, revokeApiToken } from '../../core/identity/create-api-token.js';
import { hashSecret } from '../../core/identity/secrets.js';
import { createDatabase, type Database } from '../../db/create-database.js';
import { CachedIdentityStore } from '../../db/repositories/cached-identity-store.js';
import { KyselyIdentityStore } from '../../db/repositories/identity-store.js';
import { buildApp } from '../build-app.js';
import { argon2idHasher } from '../password-hasher.js';
import { SESSION_COOKIE } from './authentication.js';

const PASSWORD = 'een lange zin als wachtwoord';
const clock = { now: () => new Date() };
const ids = { newId: () => randomUUID() };

/**
 * The lookups of signed-in requests are kept on SQLite (decision 0021): every change that affects
 * a caller must be refused or shown on the very next request, whether this process made it or
 * another connection (another server process, the CLI, an operator's SQL). Every case first uses
 * the credentials twice, so a kept answer exists when the change is made.
 */
describeEachDialect('authentication after a change (kept lookups)', (getDb, dialect) => {
  let app: FastifyInstance;
  let store: KyselyIdentityStore;
  /** A second connection to the same database, as another process has. */
  let other: Database;

  beforeAll(async () => {
    app = await buildApp({ database: getDb(), clock, searchWorkers: 0 });
    store = new KyselyIdentityStore(getDb().db);
    other = createDatabase(getDb().location);
  });
  afterAll(async () => {
    await app.close();
    await other.close();
  });

  async function user(role: 'secretariat' | 'partner' = 'secretariat', organisation = 'secretariat') {
    const email = `kept.${randomUUID().slice(0, 8)}@example.test`;
    await addUser({
      actor: 'system',
      input: { email, name: 'Iemand', role, organisation, password: PASSWORD },
      store,
      hasher: argon2idHasher,
      commonPasswords: new Set(),
      clock,
      ids,
    });
    return email;
  }

  async function token(email: string) {
    const made = await createApiToken({ actor: 'system', email, label: 'koppeling', store, clock, ids });
    return { id: made.id, headers: { authorization: `Bearer ${made.token}` } };
  }

  async function session(email: string) {
    const response = await app.inject({ method: 'POST', url: '/api/v1/session', payload: { email, password: PASSWORD } });
    expect(response.statusCode, response.body).toBe(200);
    const header = String(response.headers['set-cookie']);
    const id = new RegExp(`${SESSION_COOKIE}=([^;]*)`).exec(header)?.[1];
    if (!id) throw new Error('no session cookie');
    return { id, headers: { cookie: `${SESSION_COOKIE}=${id}` } };
  }

  async function me(headers: Record<string, string>) {
    return app.inject({ url: '/api/v1/session', headers });
  }

  /** The first use touches the token or session (a write), the second keeps the rows read after it. */
  async function usedTwice(headers: Record<string, string>) {
    expect((await me(headers)).statusCode).toBe(200);
    expect((await me(headers)).statusCode).toBe(200);
  }

  it('keeps the lookups on SQLite only (PostgreSQL: no write mark for these tables)', async () => {
    const email = await user();
    const { headers } = await token(email);
    const kept = app.identityStore instanceof CachedIdentityStore ? app.identityStore : undefined;
    await usedTwice(headers);
    const before = kept?.hits ?? 0;
    for (let i = 0; i < 3; i += 1) expect((await me(headers)).statusCode).toBe(200);
    if (dialect === 'sqlite') {
      expect(kept).toBeInstanceOf(CachedIdentityStore);
      // Three requests, each its token and its user from the kept lookup.
      expect((kept?.hits ?? 0) - before).toBe(3);
    } else {
      expect(kept).toBeUndefined();
    }
  });

  describe('API token', () => {
    it('is refused on the next request once revoked in this process', async () => {
      const email = await user();
      const made = await token(email);
      await usedTwice(made.headers);
      await revokeApiToken({ actor: 'system', id: made.id, store, clock });
      expect((await me(made.headers)).statusCode).toBe(401);
    });

    it('is refused on the next request once revoked by another connection', async () => {
      const email = await user();
      const made = await token(email);
      await usedTwice(made.headers);
      await revokeApiToken({ actor: 'cli', id: made.id, store: new KyselyIdentityStore(other.db), clock });
      expect((await me(made.headers)).statusCode).toBe(401);
    });

    it('is refused on the next request once its user is disabled (here, or by SQL of another connection)', async () => {
      const here = await user();
      const mine = await token(here);
      await usedTwice(mine.headers);
      await disableUser({ actor: 'system', email: here, store, clock });
      expect((await me(mine.headers)).statusCode).toBe(401);

      // Only the user's row changes (its token stays open): the user is read again.
      const elsewhere = await user();
      const theirs = await token(elsewhere);
      await usedTwice(theirs.headers);
      await other.db
        .updateTable('users')
        .set({ disabled_at: new Date().toISOString() })
        .where('email_key', '=', elsewhere.toLowerCase())
        .execute();
      expect((await me(theirs.headers)).statusCode).toBe(401);
    });

    it('is refused on the next request once it expires by SQL of another connection', async () => {
      const email = await user();
      const made = await token(email);
      await usedTwice(made.headers);
      await other.db
        .updateTable('api_tokens')
        .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
        .where('id', '=', made.id)
        .execute();
      expect((await me(made.headers)).statusCode).toBe(401);
    });

    it('shows a new role and organisation on the next request', async () => {
      const email = await user('partner', 'nl-li');
      const made = await token(email);
      await usedTwice(made.headers);
      await other.db
        .updateTable('users')
        .set({ role: 'department', organisation_key: 'nl-szw' })
        .where('email_key', '=', email.toLowerCase())
        .execute();
      const after = await me(made.headers);
      expect(after.statusCode).toBe(200);
      expect(after.json()).toMatchObject({ user: { role: 'department', organisation: 'nl-szw' } });
    });
  });

  describe('session', () => {
    it('is closed on the next request once signed out, or revoked by another connection', async () => {
      const email = await user();
      const mine = await session(email);
      await usedTwice(mine.headers);
      const csrf = (await me(mine.headers)).json().csrfToken as string;
      const out = await app.inject({
        method: 'DELETE',
        url: '/api/v1/session',
        headers: { ...mine.headers, 'x-csrf-token': csrf },
      });
      expect(out.statusCode).toBe(204);
      expect((await me(mine.headers)).statusCode).toBe(401);

      const theirs = await session(email);
      await usedTwice(theirs.headers);
      await other.db
        .updateTable('sessions')
        .set({ revoked_at: new Date().toISOString() })
        .where('id_hash', '=', hashSecret(theirs.id))
        .execute();
      expect((await me(theirs.headers)).statusCode).toBe(401);
    });

    it('is closed on the next request once its user is disabled by another connection', async () => {
      const email = await user();
      const mine = await session(email);
      await usedTwice(mine.headers);
      await disableUser({ actor: 'cli', email, store: new KyselyIdentityStore(other.db), clock });
      expect((await me(mine.headers)).statusCode).toBe(401);
    });
  });
});
