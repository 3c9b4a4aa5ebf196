/**
 * The audit trail of identity and access: every change of users, sessions, API tokens, password
 * links and organisations writes its event in the change's transaction — through the API and the
 * `schakel` command line — a refused change writes none, no secret ever reaches the trail, and
 * the chain stays whole.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { describeEachDialect } from '../../../test-support/databases.js';
import {
  tokenCreateCommand,
  tokenRevokeCommand,
  userAddCommand,
  userDisableCommand,
  userPasswordLinkCommand,
} from '../../cli/access-commands.js';
import type { AuditLog } from '../../core/audit/ports.js';
import { addUser } from '../../core/identity/add-user.js';
import { createApiToken } from '../../core/identity/create-api-token.js';
import type { IdentityStore } from '../../core/identity/ports.js';
import { hashSecret } from '../../core/identity/secrets.js';
import { THROTTLE } from '../../core/identity/sign-in.js';
import { emailKey } from '../../core/identity/user.js';
import { addOrganisation, type OrganisationStore } from '../../core/organisations/manage-organisations.js';
import { verifyAuditTrail } from '../../db/audit-verify.js';
import { KyselyIdentityStore } from '../../db/repositories/identity-store.js';
import { KyselyOrganisationStore } from '../../db/repositories/organisation-store.js';
import { buildApp } from '../build-app.js';
import { loadConfig } from '../config.js';
import { argon2idHasher } from '../password-hasher.js';
import { SESSION_COOKIE } from '../plugins/authentication.js';

const PASSWORD = 'een lange zin als wachtwoord';
const NEW_PASSWORD = 'nog een veel langere zin als wachtwoord';

interface Event {
  actor: string;
  action: string;
  entityType: string;
  entityId: string;
  changes: Record<string, unknown>;
}

/** An audit log that refuses every event: the change it goes with must not stay either. */
const brokenAudit: AuditLog = {
  append: () => Promise.reject(new Error('the audit trail is unavailable')),
  history: () => Promise.resolve({ events: [], more: false }),
};

describeEachDialect('the audit trail of identity and access', (getDb) => {
  let app: FastifyInstance;
  let store: KyselyIdentityStore;
  let startSeq = 0;
  let mark = 0;
  let now = Date.parse('2026-11-28T09:00:00Z');
  const clock = { now: () => new Date(now) };
  const ids = { newId: () => randomUUID() };
  /** Every secret the flows used: none may be in any event's entity id or details. */
  const secrets = new Set<string>();
  let admin: { id: string; headers: { authorization: string } };

  function secret(value: string | undefined): void {
    if (!value) throw new Error('expected a secret');
    secrets.add(value);
    secrets.add(hashSecret(value));
  }

  async function rows(after: number) {
    return getDb()
      .db.selectFrom('audit_events')
      .select(['seq', 'actor', 'action', 'entity_type', 'entity_id', 'changes'])
      .where('seq', '>', after)
      .orderBy('seq')
      .execute();
  }

  /** The events written since the last call. */
  async function newEvents(): Promise<Event[]> {
    const found = await rows(mark);
    if (found.length > 0) mark = Number(found.at(-1)?.seq);
    return found.map((r) => ({
      actor: r.actor,
      action: r.action,
      entityType: r.entity_type,
      entityId: r.entity_id,
      changes: JSON.parse(r.changes) as Record<string, unknown>,
    }));
  }

  async function headSeq(): Promise<number> {
    const head = await getDb().db.selectFrom('audit_head').select('seq').executeTakeFirstOrThrow();
    return Number(head.seq);
  }

  function inject(options: InjectOptions, address = '10.0.0.1') {
    return app.inject({ remoteAddress: address, ...options });
  }

  async function signIn(email: string, password: string, address = '10.0.0.1') {
    secret(password);
    return inject({ method: 'POST', url: '/api/v1/session', payload: { email, password } }, address);
  }

  async function userId(email: string): Promise<string> {
    const user = await store.findUserByEmail(email);
    if (!user) throw new Error(`no user ${email}`);
    return user.id;
  }

  const config = () => ({ ...loadConfig({}), database: getDb().location });

  beforeAll(async () => {
    app = await buildApp({ database: getDb(), clock, ids, searchWorkers: 0 });
    store = new KyselyIdentityStore(getDb().db);
    const email = `admin-${randomUUID().slice(0, 8)}@example.test`;
    const user = await addUser({
      actor: 'system',
      input: { email, name: 'Beheerder', role: 'admin', organisation: 'secretariat' },
      store,
      hasher: argon2idHasher,
      commonPasswords: new Set(),
      clock,
      ids,
    });
    const { token } = await createApiToken({ actor: 'system', email, label: 'test', store, clock, ids });
    secret(token);
    admin = { id: user.id, headers: { authorization: `Bearer ${token}` } };
    startSeq = await headSeq();
    mark = startSeq;
    vi.spyOn(console, 'log').mockImplementation(() => {});
    vi.spyOn(console, 'error').mockImplementation(() => {});
  });

  afterAll(async () => {
    vi.restoreAllMocks();
    await app.close();
  });

  it('was set up with its own events: a user and a token made by the system', async () => {
    const setUp = await rows(0);
    expect(setUp.slice(-2).map((r) => [r.actor, r.action])).toEqual([
      ['system', 'user.create'],
      ['system', 'api_token.create'],
    ]);
  });

  const email = `iemand.${randomUUID().slice(0, 8)}@Example.org`;

  it('adds a user (user.create, by the admin, the fields after); a refused add writes nothing', async () => {
    const added = await inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: admin.headers,
      payload: { email, name: 'Iemand', role: 'partner', organisation: 'nl-li' },
    });
    expect(added.statusCode, added.body).toBe(201);
    const id = added.json().id as string;
    expect(await newEvents()).toEqual([
      {
        actor: admin.id,
        action: 'user.create',
        entityType: 'user',
        entityId: id,
        changes: {
          fields: {
            email: { before: null, after: email },
            name: { before: null, after: 'Iemand' },
            role: { before: null, after: 'partner' },
            organisation: { before: null, after: 'nl-li' },
            hasPassword: { before: null, after: false },
          },
        },
      },
    ]);
    const taken = await inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: admin.headers,
      payload: { email: email.toLowerCase(), name: 'Dubbel', role: 'partner', organisation: 'nl-li' },
    });
    expect(taken.statusCode).toBe(409);
    const invalid = await inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: admin.headers,
      payload: { email: 'x@example.org', name: 'X', role: 'partner', organisation: 'nowhere' },
    });
    expect(invalid.statusCode).toBe(400);
    expect(await newEvents()).toEqual([]);
  });

  it('makes a password link (user.password_link: purpose and expiry, not the link) and sets a password with it (user.password_set by the user)', async () => {
    const id = await userId(email);
    const link = await inject({ method: 'POST', url: `/api/v1/users/${id}/password-link`, headers: admin.headers });
    expect(link.statusCode).toBe(201);
    const token = link.json().token as string;
    secret(token);
    expect(await newEvents()).toEqual([
      {
        actor: admin.id,
        action: 'user.password_link',
        entityType: 'user',
        entityId: id,
        changes: { purpose: 'invite', expiresAt: new Date(now + 7 * 86_400_000).toISOString() },
      },
    ]);
    secret(PASSWORD);
    const set = await inject({ method: 'POST', url: '/api/v1/password', payload: { token, password: PASSWORD } });
    expect(set.statusCode).toBe(204);
    expect(await newEvents()).toEqual([
      {
        actor: id,
        action: 'user.password_set',
        entityType: 'user',
        entityId: id,
        changes: { via: 'invite', fields: { hasPassword: { before: false, after: true } } },
      },
    ]);
    // Used up: a second use is refused and writes nothing.
    const again = await inject({ method: 'POST', url: '/api/v1/password', payload: { token, password: NEW_PASSWORD } });
    expect(again.statusCode).toBe(410);
    expect(await newEvents()).toEqual([]);
  });

  it('records sign-ins: success by the user, a wrong password and an unknown account by anonymous, without the address typed', async () => {
    const id = await userId(email);
    const wrong = await signIn(email, 'helemaal het verkeerde wachtwoord');
    expect(wrong.statusCode).toBe(401);
    const unknown = `niemand.${randomUUID().slice(0, 8)}@example.org`;
    secret(unknown);
    secrets.add(hashSecret(emailKey(unknown)));
    const nobody = await signIn(unknown, PASSWORD);
    expect(nobody.statusCode).toBe(401);
    const ok = await signIn(email, PASSWORD);
    expect(ok.statusCode).toBe(200);
    secret(/schakel_session=([^;]+)/.exec(String(ok.headers['set-cookie']))?.[1]);
    secret(ok.json().csrfToken);
    const signInEvent = (actor: string, entityType: string, entityId: string, details: Record<string, unknown>) => ({
      actor,
      action: 'session.sign_in',
      entityType,
      entityId,
      changes: { method: 'password', ...details },
    });
    expect(await newEvents()).toEqual([
      signInEvent('anonymous', 'user', id, { outcome: 'failure', reason: 'invalid_credentials' }),
      signInEvent('anonymous', 'sign_in', 'unknown', { outcome: 'failure', reason: 'invalid_credentials' }),
      signInEvent(id, 'user', id, { outcome: 'success' }),
    ]);
  });

  it('records a lockout as a detail of the failure that caused it, and a throttled attempt', async () => {
    const lockEmail = `slot.${randomUUID().slice(0, 8)}@example.org`;
    const user = await addUser({
      actor: 'system',
      input: { email: lockEmail, name: 'Slot', role: 'partner', organisation: 'nl-li', password: PASSWORD },
      store,
      hasher: argon2idHasher,
      commonPasswords: new Set(),
      clock,
      ids,
    });
    await newEvents();
    for (let i = 0; i < THROTTLE.lockoutAfter; i++) {
      // Long enough for the growing delay, short enough to stay in the window; one address each.
      now += 70_000;
      expect((await signIn(lockEmail, `fout wachtwoord nummer ${i}`, `10.0.1.${i}`)).statusCode).toBe(401);
    }
    const throttled = await signIn(lockEmail, PASSWORD, '10.0.2.1');
    expect(throttled.statusCode).toBe(429);
    const events = await newEvents();
    expect(events).toHaveLength(THROTTLE.lockoutAfter + 1);
    expect(events.slice(0, -2).every((e) => e.changes.outcome === 'failure' && !('lockout' in e.changes))).toBe(true);
    expect(events.at(-2)).toEqual({
      actor: 'anonymous',
      action: 'session.sign_in',
      entityType: 'user',
      entityId: user.id,
      changes: { outcome: 'failure', method: 'password', reason: 'invalid_credentials', lockout: true },
    });
    expect(events.at(-1)).toEqual({
      actor: 'anonymous',
      action: 'session.sign_in',
      entityType: 'user',
      entityId: user.id,
      changes: { outcome: 'throttled', method: 'password', reason: 'sign_in_throttled' },
    });
    now += THROTTLE.windowMs * 2;
  });

  it('changes a password (user.password_set, via change) and signs out (session.sign_out); refused ones write nothing', async () => {
    const id = await userId(email);
    const ok = await signIn(email, PASSWORD, '10.0.3.1');
    const cookie = /schakel_session=([^;]+)/.exec(String(ok.headers['set-cookie']))?.[1];
    secret(cookie);
    const csrf = ok.json().csrfToken as string;
    secret(csrf);
    await newEvents();
    const headers = { cookie: `${SESSION_COOKIE}=${cookie}`, 'x-csrf-token': csrf };
    const wrongCurrent = await inject({
      method: 'PUT',
      url: '/api/v1/session/password',
      headers,
      payload: { currentPassword: 'niet het huidige wachtwoord', newPassword: NEW_PASSWORD },
    });
    expect(wrongCurrent.statusCode).toBe(400);
    const noCsrf = await inject({ method: 'DELETE', url: '/api/v1/session', headers: { cookie: headers.cookie } });
    expect(noCsrf.statusCode).toBe(403);
    expect(await newEvents()).toEqual([]);
    secret(NEW_PASSWORD);
    const changed = await inject({
      method: 'PUT',
      url: '/api/v1/session/password',
      headers,
      payload: { currentPassword: PASSWORD, newPassword: NEW_PASSWORD },
    });
    expect(changed.statusCode).toBe(204);
    const out = await inject({ method: 'DELETE', url: '/api/v1/session', headers });
    expect(out.statusCode).toBe(204);
    expect(await newEvents()).toEqual([
      { actor: id, action: 'user.password_set', entityType: 'user', entityId: id, changes: { via: 'change' } },
      { actor: id, action: 'session.sign_out', entityType: 'user', entityId: id, changes: { cause: 'sign_out' } },
    ]);
  });

  it('ends the earlier session when signing in again (session.sign_out, signed_in_again)', async () => {
    const id = await userId(email);
    const first = await signIn(email, NEW_PASSWORD, '10.0.4.1');
    const cookie = /schakel_session=([^;]+)/.exec(String(first.headers['set-cookie']))?.[1];
    secret(cookie);
    secret(first.json().csrfToken);
    const second = await inject(
      {
        method: 'POST',
        url: '/api/v1/session',
        headers: { cookie: `${SESSION_COOKIE}=${cookie}` },
        payload: { email, password: NEW_PASSWORD },
      },
      '10.0.4.1',
    );
    expect(second.statusCode).toBe(200);
    secret(/schakel_session=([^;]+)/.exec(String(second.headers['set-cookie']))?.[1]);
    secret(second.json().csrfToken);
    expect((await newEvents()).map((e) => [e.actor, e.action, e.entityId, e.changes.outcome ?? e.changes.cause])).toEqual([
      [id, 'session.sign_in', id, 'success'],
      [id, 'session.sign_in', id, 'success'],
      [id, 'session.sign_out', id, 'signed_in_again'],
    ]);
  });

  it('disables a user (user.disable: disabledAt before and after); again, or an unknown user, writes nothing', async () => {
    const id = await userId(email);
    const disabled = await inject({ method: 'POST', url: `/api/v1/users/${id}/disable`, headers: admin.headers });
    expect(disabled.statusCode).toBe(200);
    expect(await newEvents()).toEqual([
      {
        actor: admin.id,
        action: 'user.disable',
        entityType: 'user',
        entityId: id,
        changes: { fields: { disabledAt: { before: null, after: new Date(now).toISOString() } } },
      },
    ]);
    expect((await inject({ method: 'POST', url: `/api/v1/users/${id}/disable`, headers: admin.headers })).statusCode).toBe(200);
    const missing = await inject({ method: 'POST', url: `/api/v1/users/${randomUUID()}/disable`, headers: admin.headers });
    expect(missing.statusCode).toBe(404);
    expect(await newEvents()).toEqual([]);
  });

  it('adds and changes organisations (organisation.create, organisation.update with the fields that differ)', async () => {
    const key = `dep-${randomUUID().slice(0, 8)}`;
    const added = await inject({
      method: 'POST',
      url: '/api/v1/organisations',
      headers: admin.headers,
      payload: { key, name: 'Nieuw departement', kind: 'department', government: 'nl' },
    });
    expect(added.statusCode, added.body).toBe(201);
    const changed = await inject({
      method: 'PATCH',
      url: `/api/v1/organisations/${key}`,
      headers: admin.headers,
      payload: { name: 'Hernoemd departement', kind: 'department' },
    });
    expect(changed.statusCode).toBe(200);
    const same = await inject({
      method: 'PATCH',
      url: `/api/v1/organisations/${key}`,
      headers: admin.headers,
      payload: { name: 'Hernoemd departement' },
    });
    expect(same.statusCode).toBe(200);
    const invalid = await inject({
      method: 'PATCH',
      url: `/api/v1/organisations/${key}`,
      headers: admin.headers,
      payload: { kind: 'nothing' },
    });
    expect(invalid.statusCode).toBe(400);
    const exists = await inject({
      method: 'POST',
      url: '/api/v1/organisations',
      headers: admin.headers,
      payload: { key, name: 'Dubbel', kind: 'department' },
    });
    expect(exists.statusCode).toBe(409);
    expect(await newEvents()).toEqual([
      {
        actor: admin.id,
        action: 'organisation.create',
        entityType: 'organisation',
        entityId: key,
        changes: {
          fields: {
            name: { before: null, after: 'Nieuw departement' },
            government: { before: null, after: 'nl' },
            kind: { before: null, after: 'department' },
          },
        },
      },
      {
        actor: admin.id,
        action: 'organisation.update',
        entityType: 'organisation',
        entityId: key,
        changes: { fields: { name: { before: 'Nieuw departement', after: 'Hernoemd departement' } } },
      },
    ]);
  });

  it('writes the events of the command line with actor `cli`; a refused command writes nothing', async () => {
    const log = vi.mocked(console.log);
    const cliEmail = `cli.${randomUUID().slice(0, 8)}@example.org`;
    expect(await userAddCommand(config(), { email: cliEmail, name: 'Via CLI', role: 'observer', organisation: 'item' })).toBe(0);
    const id = await userId(cliEmail);
    log.mockClear();
    expect(await userPasswordLinkCommand(config(), cliEmail)).toBe(0);
    secret(String(log.mock.calls.at(-1)?.[0]));
    log.mockClear();
    expect(await tokenCreateCommand(config(), { email: cliEmail, label: 'script', expiresInDays: 30 })).toBe(0);
    const token = String(log.mock.calls.at(-1)?.[0]);
    secret(token);
    const tokenRow = await getDb()
      .db.selectFrom('api_tokens')
      .select('id')
      .where('token_hash', '=', hashSecret(token))
      .executeTakeFirstOrThrow();
    expect(await tokenRevokeCommand(config(), tokenRow.id)).toBe(0);
    expect(await tokenRevokeCommand(config(), tokenRow.id)).toBe(1);
    expect(await tokenRevokeCommand(config(), randomUUID())).toBe(1);
    expect(await userAddCommand(config(), { email: cliEmail, name: 'Dubbel', role: 'observer', organisation: 'item' })).toBe(1);
    expect(await userDisableCommand(config(), cliEmail)).toBe(0);
    expect(await userDisableCommand(config(), `niemand.${randomUUID().slice(0, 8)}@example.org`)).toBe(1);
    const events = await newEvents();
    expect(events.map((e) => [e.actor, e.action, e.entityType, e.entityId])).toEqual([
      ['cli', 'user.create', 'user', id],
      ['cli', 'user.password_link', 'user', id],
      ['cli', 'api_token.create', 'api_token', tokenRow.id],
      ['cli', 'api_token.revoke', 'api_token', tokenRow.id],
      ['cli', 'user.disable', 'user', id],
    ]);
    expect(events[2]?.changes).toMatchObject({ user: id, fields: { label: { before: null, after: 'script' } } });
    expect(events[3]?.changes).toMatchObject({ user: id });
  });

  it('keeps a change and its event together: when the event cannot be written, the change does not stay', async () => {
    const failing = new (class extends KyselyIdentityStore {
      override transaction<T>(work: (s: IdentityStore, a: AuditLog) => Promise<T>): Promise<T> {
        return super.transaction((tx) => work(tx, brokenAudit));
      }
    })(getDb().db);
    const lostEmail = `verloren.${randomUUID().slice(0, 8)}@example.org`;
    await expect(
      addUser({
        actor: 'system',
        input: { email: lostEmail, name: 'Verloren', role: 'partner', organisation: 'nl-li' },
        store: failing,
        hasher: argon2idHasher,
        commonPasswords: new Set(),
        clock,
        ids,
      }),
    ).rejects.toThrow(/audit trail is unavailable/);
    expect(await store.findUserByEmail(lostEmail)).toBeUndefined();
    const before = await getDb()
      .db.selectFrom('sign_in_events')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    await expect(
      failing.transaction(async (tx, audit) => {
        await tx.recordSignIn({ at: clock.now(), emailHash: 'x', userId: null, address: '10.9.9.9', outcome: 'failure' });
        await audit.append({ at: '', actor: '', action: '', entityType: '', entityId: '', changes: '' });
      }),
    ).rejects.toThrow();
    const after = await getDb()
      .db.selectFrom('sign_in_events')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));

    const organisations = new (class extends KyselyOrganisationStore {
      override transaction<T>(work: (s: OrganisationStore, a: AuditLog) => Promise<T>): Promise<T> {
        return super.transaction((tx) => work(tx, brokenAudit));
      }
    })(getDb().db);
    const key = `lost-${randomUUID().slice(0, 8)}`;
    await expect(
      addOrganisation({
        input: { key, name: 'Verloren', kind: 'department', government: null },
        store: organisations,
        actor: 'system',
        clock,
      }),
    ).rejects.toThrow(/audit trail is unavailable/);
    expect(await new KyselyOrganisationStore(getDb().db).find(key)).toBeUndefined();
    expect(await newEvents()).toEqual([]);
  });

  it('never stores a password, token, token hash, session id, CSRF token, link or unknown address; the chain is whole', async () => {
    const written = await rows(startSeq);
    expect(written.length).toBeGreaterThan(30);
    expect(secrets.size).toBeGreaterThan(30);
    for (const row of written) {
      for (const value of secrets) {
        expect(row.changes, `event ${row.seq} (${row.action})`).not.toContain(value);
        expect(row.entity_id, `event ${row.seq} (${row.action})`).not.toContain(value);
      }
    }
    const report = await verifyAuditTrail(getDb().location, { workers: 1 });
    expect(report).toMatchObject({ ok: true, checked: await headSeq() });
  });
});
