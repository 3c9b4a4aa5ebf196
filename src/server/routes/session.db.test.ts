import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer } from '../../../test-support/access.js';
import { describeEachDialect } from '../../../test-support/databases.js';
import { addUser } from '../../core/identity/add-user.js';
import { createApiToken, revokeApiToken } from '../../core/identity/create-api-token.js';
import { hashSecret } from '../../core/identity/secrets.js';
import { THROTTLE } from '../../core/identity/sign-in.js';
import { KyselyIdentityStore } from '../../db/repositories/identity-store.js';
import { buildApp } from '../build-app.js';
import { argon2idHasher } from '../password-hasher.js';
import { SESSION_COOKIE } from '../plugins/authentication.js';

const PASSWORD = 'een lange zin als wachtwoord';

/** A clock the tests move. */
function movableClock() {
  let now = Date.parse('2026-11-28T09:00:00Z');
  return {
    now: () => new Date(now),
    advance: (ms: number) => {
      now += ms;
    },
  };
}

function cookieOf(setCookie: string | string[] | undefined): string | undefined {
  const header = Array.isArray(setCookie) ? setCookie[0] : setCookie;
  const match = header ? new RegExp(`${SESSION_COOKIE}=([^;]*)`).exec(header) : null;
  return match?.[1] || undefined;
}

describeEachDialect('session API', (getDb) => {
  let app: FastifyInstance;
  const clock = movableClock();
  const ids = { newId: () => randomUUID() };
  let store: KyselyIdentityStore;

  beforeAll(async () => {
    app = await buildApp({ database: getDb(), clock, searchWorkers: 0 });
    store = new KyselyIdentityStore(getDb().db);
  });
  afterAll(async () => {
    await app.close();
  });

  async function user(role: 'partner' | 'secretariat' | 'admin' = 'partner', organisation = 'nl-li') {
    const email = `${role}.${randomUUID().slice(0, 8)}@Example.org`;
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

  async function signIn(email: string, password = PASSWORD, headers: Record<string, string> = {}) {
    return app.inject({ method: 'POST', url: '/api/v1/session', payload: { email, password }, headers });
  }

  async function session(email: string) {
    const response = await signIn(email);
    expect(response.statusCode, response.body).toBe(200);
    const id = cookieOf(response.headers['set-cookie']);
    if (!id) throw new Error('no session cookie');
    return { cookie: `${SESSION_COOKIE}=${id}`, id, csrf: response.json().csrfToken as string };
  }

  describe('POST /api/v1/session', () => {
    it('signs in: a cookie that is HttpOnly, SameSite=Lax, for the whole site, and the session with its CSRF token', async () => {
      const email = await user();
      const response = await signIn(email.toUpperCase());
      expect(response.statusCode).toBe(200);
      const setCookie = String(response.headers['set-cookie']);
      expect(setCookie).toMatch(
        new RegExp(`^${SESSION_COOKIE}=[A-Za-z0-9_-]{43}; Path=/; Max-Age=43200; HttpOnly; SameSite=Lax$`),
      );
      expect(response.headers['cache-control']).toBe('no-store');
      const body = response.json();
      expect(body.user).toMatchObject({ email, role: 'partner', organisation: 'nl-li' });
      expect(body.abilities).toEqual(['create_obstacle', 'score_selection']);
      expect(body.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(body.expiresAt).toBe(new Date(clock.now().getTime() + 12 * 3_600_000).toISOString());
      // Only the hash of the id is stored.
      const id = cookieOf(response.headers['set-cookie']) ?? '';
      const rows = await getDb().db.selectFrom('sessions').select('id_hash').execute();
      expect(rows.map((r) => r.id_hash)).toContain(hashSecret(id));
      expect(rows.map((r) => r.id_hash)).not.toContain(id);
    });

    it('sets Secure behind HTTPS (X-Forwarded-Proto from a trusted proxy) and when configured', async () => {
      const email = await user();
      const proxied = await buildApp({ database: getDb(), clock, searchWorkers: 0, trustProxy: true });
      const always = await buildApp({ database: getDb(), clock, searchWorkers: 0, cookieSecure: 'always' });
      try {
        const https = await proxied.inject({
          method: 'POST',
          url: '/api/v1/session',
          payload: { email, password: PASSWORD },
          headers: { 'x-forwarded-proto': 'https' },
        });
        expect(String(https.headers['set-cookie'])).toMatch(/; Secure$/);
        const configured = await always.inject({
          method: 'POST',
          url: '/api/v1/session',
          payload: { email, password: PASSWORD },
        });
        expect(String(configured.headers['set-cookie'])).toMatch(/; Secure$/);
        // Without a trusted proxy, the header is not believed.
        const plain = await signIn(email, PASSWORD, { 'x-forwarded-proto': 'https' });
        expect(String(plain.headers['set-cookie'])).not.toContain('Secure');
      } finally {
        await proxied.close();
        await always.close();
      }
    });

    it('refuses a wrong password and an unknown address alike, 401 in the caller’s language', async () => {
      const email = await user();
      const wrong = await signIn(email, 'niet het goede wachtwoord', { 'accept-language': 'fr' });
      const unknown = await signIn('niemand@example.org', PASSWORD, { 'accept-language': 'fr' });
      for (const response of [wrong, unknown]) {
        expect(response.statusCode).toBe(401);
        expect(response.headers['content-type']).toContain('application/problem+json');
        expect(response.json()).toMatchObject({ code: 'invalid_credentials', title: 'Échec de la connexion' });
        expect(response.headers['set-cookie']).toBeUndefined();
      }
    });

    it.each([
      ['no e-mail', { password: PASSWORD }, 'email', 'required'],
      ['an empty password', { email: 'a@example.org', password: '' }, 'password', 'required'],
      [
        'a role in the body (mass assignment)',
        { email: 'a@example.org', password: PASSWORD, role: 'admin' },
        'role',
        'unknown_field',
      ],
    ])('refuses %s with 400 naming the field', async (_label, payload, field, code) => {
      const response = await app.inject({ method: 'POST', url: '/api/v1/session', payload });
      expect(response.statusCode).toBe(400);
      expect(response.json().invalidParams).toEqual(expect.arrayContaining([expect.objectContaining({ name: field, code })]));
    });

    it('gives a new session id at sign-in: a planted id never becomes a session, and the earlier session ends (fixation)', async () => {
      const email = await user();
      const planted = await signIn(email, PASSWORD, { cookie: `${SESSION_COOKIE}=chosen-by-the-attacker` });
      const id = cookieOf(planted.headers['set-cookie']);
      expect(id).toBeDefined();
      expect(id).not.toBe('chosen-by-the-attacker');
      const stale = await app.inject({ url: '/api/v1/session', headers: { cookie: `${SESSION_COOKIE}=chosen-by-the-attacker` } });
      expect(stale.statusCode).toBe(401);

      const first = await session(email);
      const again = await signIn(email, PASSWORD, { cookie: first.cookie });
      const second = cookieOf(again.headers['set-cookie']);
      expect(second).not.toBe(first.id);
      expect((await app.inject({ url: '/api/v1/session', headers: { cookie: first.cookie } })).statusCode).toBe(401);
      expect((await app.inject({ url: '/api/v1/session', headers: { cookie: `${SESSION_COOKIE}=${second}` } })).statusCode).toBe(
        200,
      );
    });
  });

  describe('GET /api/v1/session', () => {
    it('answers 401 to the public, and who I am to a session or a token', async () => {
      const anonymous = await app.inject({ url: '/api/v1/session' });
      expect(anonymous.statusCode).toBe(401);
      expect(anonymous.json().code).toBe('unauthenticated');

      const email = await user('admin', 'secretariat');
      const { cookie, csrf } = await session(email);
      const me = await app.inject({ url: '/api/v1/session', headers: { cookie } });
      expect(me.statusCode).toBe(200);
      expect(me.json()).toMatchObject({
        user: { email, role: 'admin', organisation: 'secretariat' },
        abilities: ['manage_users', 'manage_organisations'],
        csrfToken: csrf,
      });

      const token = await bearer(getDb(), 'observer');
      const viaToken = await app.inject({ url: '/api/v1/session', headers: token });
      expect(viaToken.statusCode).toBe(200);
      expect(viaToken.json()).toMatchObject({ user: { role: 'observer' }, abilities: [], csrfToken: null, expiresAt: null });
    });

    it('ends a session after 30 idle minutes, and after 12 hours however busy', async () => {
      const email = await user();
      const idle = await session(email);
      clock.advance(29 * 60_000);
      expect((await app.inject({ url: '/api/v1/session', headers: { cookie: idle.cookie } })).statusCode).toBe(200);
      clock.advance(29 * 60_000);
      expect((await app.inject({ url: '/api/v1/session', headers: { cookie: idle.cookie } })).statusCode).toBe(200);
      clock.advance(31 * 60_000);
      const expired = await app.inject({ url: '/api/v1/session', headers: { cookie: idle.cookie } });
      expect(expired.statusCode).toBe(401);
      // The stale cookie is cleared.
      expect(String(expired.headers['set-cookie'])).toMatch(new RegExp(`^${SESSION_COOKIE}=; Path=/; Max-Age=0`));

      const busy = await session(email);
      for (let minutes = 20; minutes < 12 * 60; minutes += 20) {
        clock.advance(20 * 60_000);
        expect((await app.inject({ url: '/api/v1/session', headers: { cookie: busy.cookie } })).statusCode).toBe(200);
      }
      clock.advance(20 * 60_000);
      expect((await app.inject({ url: '/api/v1/session', headers: { cookie: busy.cookie } })).statusCode).toBe(401);
    });
  });

  describe('GET /api/v1/abilities', () => {
    it('answers every caller what it may do: the public reports, an admin manages, an observer nothing', async () => {
      const anonymous = await app.inject({ url: '/api/v1/abilities' });
      expect(anonymous.statusCode).toBe(200);
      expect(anonymous.headers['cache-control']).toBe('no-store');
      expect(anonymous.json()).toEqual({ abilities: ['create_obstacle'] });

      const { cookie } = await session(await user('admin', 'secretariat'));
      const admin = await app.inject({ url: '/api/v1/abilities', headers: { cookie } });
      expect(admin.json()).toEqual({ abilities: ['manage_users', 'manage_organisations'] });

      const partner = await app.inject({ url: '/api/v1/abilities', headers: await bearer(getDb(), 'partner') });
      expect(partner.json()).toEqual({ abilities: ['create_obstacle', 'score_selection'] });
      const observer = await app.inject({ url: '/api/v1/abilities', headers: await bearer(getDb(), 'observer') });
      expect(observer.json()).toEqual({ abilities: [] });
      // The secretariat takes reports into intake: it works the intake queue.
      const secretariat = await app.inject({ url: '/api/v1/abilities', headers: await bearer(getDb(), 'secretariat') });
      expect(secretariat.json()).toEqual({
        abilities: [
          'create_obstacle',
          'manage_governance',
          'record_decision',
          'work_intake',
          'manage_norms',
          'manage_competences',
          'read_routing_alerts',
          'manage_selection',
          'score_selection',
          'read_state_of_play',
          'manage_state_of_play',
          'read_escalations',
        ],
      });

      const wrongToken = await app.inject({ url: '/api/v1/abilities', headers: { authorization: 'Bearer skl_geraden' } });
      expect(wrongToken.statusCode).toBe(401);
    });
  });

  describe('DELETE /api/v1/session', () => {
    it('needs the CSRF token (403), then ends the session and clears the cookie (204)', async () => {
      expect((await app.inject({ method: 'DELETE', url: '/api/v1/session' })).statusCode).toBe(401);
      const email = await user();
      const { cookie, csrf } = await session(email);
      const without = await app.inject({ method: 'DELETE', url: '/api/v1/session', headers: { cookie } });
      expect(without.statusCode).toBe(403);
      expect(without.json().code).toBe('csrf_failed');
      const wrong = await app.inject({
        method: 'DELETE',
        url: '/api/v1/session',
        headers: { cookie, 'x-csrf-token': `${csrf.slice(0, -1)}x` },
      });
      expect(wrong.statusCode).toBe(403);
      expect((await app.inject({ url: '/api/v1/session', headers: { cookie } })).statusCode).toBe(200);

      const out = await app.inject({ method: 'DELETE', url: '/api/v1/session', headers: { cookie, 'x-csrf-token': csrf } });
      expect(out.statusCode).toBe(204);
      expect(String(out.headers['set-cookie'])).toContain('Max-Age=0');
      expect((await app.inject({ url: '/api/v1/session', headers: { cookie } })).statusCode).toBe(401);
    });
  });

  describe('PUT /api/v1/session/password', () => {
    it('changes my password: 401 for the public, 403 without the CSRF token, 400 naming the field, then 204; other sessions end', async () => {
      const email = await user();
      const mine = await session(email);
      const other = await session(email);
      const change = (payload: object, headers: Record<string, string>) =>
        app.inject({ method: 'PUT', url: '/api/v1/session/password', payload, headers });
      const body = { currentPassword: PASSWORD, newPassword: 'een nieuwe lange zin' };

      expect((await change(body, {})).statusCode).toBe(401);
      expect((await change(body, { cookie: mine.cookie })).statusCode).toBe(403);
      const headers = { cookie: mine.cookie, 'x-csrf-token': mine.csrf };
      const wrong = await change({ ...body, currentPassword: 'niet mijn wachtwoord' }, headers);
      expect(wrong.statusCode).toBe(400);
      expect(wrong.json().invalidParams).toEqual([expect.objectContaining({ name: 'currentPassword', code: 'wrong_password' })]);
      const weak = await change({ ...body, newPassword: 'qwerty123456' }, headers);
      expect(weak.json().invalidParams).toEqual([expect.objectContaining({ name: 'newPassword', code: 'common_password' })]);

      expect((await change(body, headers)).statusCode).toBe(204);
      expect((await app.inject({ url: '/api/v1/session', headers: { cookie: mine.cookie } })).statusCode).toBe(200);
      expect((await app.inject({ url: '/api/v1/session', headers: { cookie: other.cookie } })).statusCode).toBe(401);
      expect((await signIn(email, PASSWORD)).statusCode).toBe(401);
      expect((await signIn(email, 'een nieuwe lange zin')).statusCode).toBe(200);
    });
  });

  describe('CSRF on the obstacle routes', () => {
    it('refuses a state-changing request with the session cookie and no token; a Bearer token needs none', async () => {
      const email = await user('secretariat', 'secretariat');
      const { cookie, csrf } = await session(email);
      const payload = {
        title: { nl: 'CSRF-proef' },
        summary: { nl: 'Samenvatting' },
        sourceLanguage: 'nl',
        segment: 'nl-vl',
        themes: ['taxation'],
        type: 'legal',
        visibility: 'internal',
        reporter: { type: 'other' },
      };
      const before = await getDb()
        .db.selectFrom('obstacles')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      const forged = await app.inject({ method: 'POST', url: '/api/v1/obstacles', payload, headers: { cookie } });
      expect(forged.statusCode).toBe(403);
      expect(forged.json().code).toBe('csrf_failed');
      const after = await getDb()
        .db.selectFrom('obstacles')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(after.n)).toBe(Number(before.n));

      const real = await app.inject({
        method: 'POST',
        url: '/api/v1/obstacles',
        payload,
        headers: { cookie, 'x-csrf-token': csrf },
      });
      expect(real.statusCode).toBe(201);
      const patched = await app.inject({
        method: 'PATCH',
        url: `/api/v1/obstacles/${real.json().id}`,
        payload: { summary: { nl: 'Anders' } },
        headers: { cookie, 'if-match': '"1"' },
      });
      expect(patched.statusCode).toBe(403);
      const token = await bearer(getDb(), 'secretariat');
      const viaToken = await app.inject({
        method: 'PATCH',
        url: `/api/v1/obstacles/${real.json().id}`,
        payload: { summary: { nl: 'Anders' } },
        headers: { ...token, 'if-match': '"1"' },
      });
      expect(viaToken.statusCode).toBe(200);
    });
  });

  describe('throttling', () => {
    it('delays after a few failures, growing, refuses even the right password while waiting, locks out, and records it all', async () => {
      const email = await user();
      const emailHash = hashSecret(email.toLowerCase());
      for (let i = 0; i < THROTTLE.freeAccountFailures; i++) expect((await signIn(email, 'fout fout fout')).statusCode).toBe(401);
      const throttled = await signIn(email);
      expect(throttled.statusCode).toBe(429);
      expect(throttled.json().code).toBe('sign_in_throttled');
      expect(throttled.headers['retry-after']).toBe('1');

      // The waits grow: 1 s, 2 s, 4 s …
      let wait = 1000;
      for (let failures = THROTTLE.freeAccountFailures; failures < THROTTLE.lockoutAfter; failures++) {
        clock.advance(wait);
        expect((await signIn(email, 'fout fout fout')).statusCode).toBe(401);
        wait *= 2;
        const early = await signIn(email);
        expect(early.statusCode).toBe(429);
        expect(Number(early.headers['retry-after'])).toBe(
          failures + 1 >= THROTTLE.lockoutAfter ? THROTTLE.windowMs / 1000 : wait / 1000,
        );
      }
      // Locked: the right password is refused until the window has passed since the last failure.
      clock.advance(THROTTLE.windowMs - 1000);
      expect((await signIn(email)).statusCode).toBe(429);
      clock.advance(1000);
      expect((await signIn(email)).statusCode).toBe(200);

      const events = await getDb()
        .db.selectFrom('sign_in_events')
        .select(['outcome', 'email_hash', 'address'])
        .where('email_hash', '=', emailHash)
        .orderBy('seq')
        .execute();
      const outcomes = events.map((e) => e.outcome);
      expect(outcomes.filter((o) => o === 'failure')).toHaveLength(THROTTLE.lockoutAfter);
      expect(outcomes.filter((o) => o === 'lockout')).toHaveLength(1);
      expect(outcomes.filter((o) => o === 'throttled').length).toBeGreaterThan(5);
      expect(outcomes.at(-1)).toBe('success');
      // No e-mail address in the record, only its hash.
      expect(JSON.stringify(events)).not.toContain('@');
    });

    it('throttles parallel guesses too: they are checked one after the other', async () => {
      const email = await user();
      const responses = await Promise.all(Array.from({ length: 8 }, () => signIn(email, 'fout fout fout')));
      const codes = responses.map((r) => r.statusCode).sort();
      expect(codes.filter((c) => c === 401)).toHaveLength(THROTTLE.freeAccountFailures);
      expect(codes.filter((c) => c === 429)).toHaveLength(8 - THROTTLE.freeAccountFailures);
    });

    it('throttles an address that tries many accounts', async () => {
      const headers = { 'x-forwarded-for': '203.0.113.9' };
      const proxied = await buildApp({ database: getDb(), clock, searchWorkers: 0, trustProxy: true });
      try {
        const attempt = (email: string) =>
          proxied.inject({ method: 'POST', url: '/api/v1/session', payload: { email, password: 'fout fout fout' }, headers });
        for (let i = 0; i < THROTTLE.freeAddressFailures; i++) {
          expect((await attempt(`raden${i}@example.org`)).statusCode).toBe(401);
        }
        expect((await attempt('nog-een@example.org')).statusCode).toBe(429);
        // Another address is not held up.
        const other = await proxied.inject({
          method: 'POST',
          url: '/api/v1/session',
          payload: { email: 'nog-een@example.org', password: 'fout fout fout' },
          headers: { 'x-forwarded-for': '198.51.100.7' },
        });
        expect(other.statusCode).toBe(401);
      } finally {
        await proxied.close();
      }
    });
  });

  describe('API tokens', () => {
    it('opens with a valid token; not with an unknown, expired or revoked one, nor for a disabled user', async () => {
      const email = await user('secretariat', 'secretariat');
      const made = await createApiToken({ actor: 'system', email, label: 'koppeling', expiresInDays: 1, store, clock, ids });
      const headers = { authorization: `Bearer ${made.token}` };
      expect((await app.inject({ url: '/api/v1/session', headers })).statusCode).toBe(200);
      // Only the hash is stored.
      const stored = await getDb()
        .db.selectFrom('api_tokens')
        .select('token_hash')
        .where('id', '=', made.id)
        .executeTakeFirstOrThrow();
      expect(stored.token_hash).toBe(hashSecret(made.token));

      for (const authorization of ['Bearer skl_unknown', 'Basic abc', 'Bearer']) {
        const response = await app.inject({ url: '/api/v1/obstacles', headers: { authorization } });
        expect(response.statusCode).toBe(401);
        expect(response.headers['www-authenticate']).toBe('Bearer realm="schakel"');
      }

      clock.advance(86_400_000);
      expect((await app.inject({ url: '/api/v1/session', headers })).statusCode).toBe(401);

      const revoked = await createApiToken({ actor: 'system', email, label: 'koppeling 2', store, clock, ids });
      const revokedHeaders = { authorization: `Bearer ${revoked.token}` };
      expect((await app.inject({ url: '/api/v1/session', headers: revokedHeaders })).statusCode).toBe(200);
      await revokeApiToken({ actor: 'system', id: revoked.id, store, clock });
      expect((await app.inject({ url: '/api/v1/obstacles', headers: revokedHeaders })).statusCode).toBe(401);
    });
  });
});
