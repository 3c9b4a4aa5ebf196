/**
 * OpenID Connect sign-in against a real provider (`oidc-provider` on 127.0.0.1), with Schakel
 * listening on its own port, driven like a browser: plain HTTP, manual redirects, a cookie jar.
 * No part of openid-client is replaced.
 */
import { createHash, randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDialect } from '../../../test-support/databases.js';
import { Browser, startOidcProvider, type TestProvider } from '../../../test-support/oidc-provider.js';
import { addUser } from '../../core/identity/add-user.js';
import { hashSecret } from '../../core/identity/secrets.js';
import { verifyAuditTrail } from '../../db/audit-verify.js';
import { KyselyIdentityStore } from '../../db/repositories/identity-store.js';
import { buildApp, REDACTED_PATHS } from '../build-app.js';
import { argon2idHasher } from '../password-hasher.js';

const PASSWORD = 'een lang wachtwoord voor de test';

describeEachDialect('OpenID Connect sign-in', (getDb) => {
  let idp: TestProvider;
  let app: FastifyInstance;
  let base = '';
  const logLines: string[] = [];
  /** Values that must never reach a log line: codes, states, session ids, e-mail addresses. */
  const secrets = new Set<string>();
  /** Values that must never reach the audit trail: codes, states, session ids (and their hashes). */
  const auditSecrets = new Set<string>();

  const store = () => new KyselyIdentityStore(getDb().db);

  async function user(email: string, options: { password?: string } = {}): Promise<string> {
    const added = await addUser({
      actor: 'system',
      input: { email, name: `Test ${email}`, role: 'partner', organisation: 'nl-li', password: options.password },
      store: store(),
      hasher: argon2idHasher,
      commonPasswords: new Set(),
      clock: { now: () => new Date() },
      ids: { newId: () => randomUUID() },
    });
    secrets.add(email);
    return added.id;
  }

  /** A subject at the provider with an e-mail address. */
  function account(email: string | undefined, emailVerified = true): string {
    const sub = `sub-${randomUUID()}`;
    idp.accounts.set(sub, { email, emailVerified });
    return sub;
  }

  /** Starts a sign-in at Schakel; returns the provider's authorisation URL. */
  async function start(browser: Browser, returnTo?: string): Promise<URL> {
    const query = returnTo === undefined ? '' : `?returnTo=${encodeURIComponent(returnTo)}`;
    const response = await browser.fetch(`${base}/api/v1/session/oidc/test${query}`);
    expect(response.status, await response.clone().text()).toBe(302);
    expect(response.headers.get('cache-control')).toBe('no-store');
    return new URL(response.headers.get('location') ?? '');
  }

  /** Visits the callback URL; returns the status and where it redirects. */
  async function callback(browser: Browser, url: URL): Promise<{ status: number; location: string }> {
    for (const name of ['code', 'state']) {
      const value = url.searchParams.get(name);
      if (value) secrets.add(value);
      if (value) auditSecrets.add(value).add(hashSecret(value));
    }
    const response = await browser.fetch(url);
    const sessionCookie = browser.cookies.get('schakel_session')?.value;
    if (sessionCookie) secrets.add(sessionCookie);
    if (sessionCookie) auditSecrets.add(sessionCookie).add(hashSecret(sessionCookie));
    return { status: response.status, location: response.headers.get('location') ?? '' };
  }

  /** The whole journey: start, the provider's pages as `sub`, the callback. */
  async function signIn(browser: Browser, sub: string, returnTo?: string) {
    const authorisation = await start(browser, returnTo);
    const back = await browser.signInAtProvider(authorisation, sub);
    return callback(browser, back);
  }

  async function whoAmI(browser: Browser): Promise<{ status: number; email?: string }> {
    const response = await browser.fetch(`${base}/api/v1/session`);
    const body = (await response.json()) as { user?: { email: string } };
    return { status: response.status, email: body.user?.email };
  }

  async function events(): Promise<
    { outcome: string; method: string; provider: string | null; reason: string | null; user_id: string | null }[]
  > {
    return getDb()
      .db.selectFrom('sign_in_events')
      .select(['outcome', 'method', 'provider', 'reason', 'user_id'])
      .orderBy('seq')
      .execute();
  }

  async function lastEvent() {
    const all = await events();
    return all.at(-1);
  }

  beforeAll(async () => {
    idp = await startOidcProvider();
    const stream = new Writable({
      write(chunk, _encoding, done) {
        logLines.push(String(chunk));
        done();
      },
    });
    app = await buildApp({
      database: getDb(),
      searchWorkers: 0,
      oidcProviders: [
        {
          key: 'test',
          issuer: idp.issuer,
          clientId: idp.clientId,
          clientSecret: idp.clientSecret,
          authMethod: 'client_secret_basic',
          scope: 'openid email',
          name: 'Testdienst',
          names: { fr: 'Service de test' },
        },
      ],
      logger: { level: 'trace', stream, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } },
    });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
    idp.allowRedirect(`${base}/api/v1/session/oidc/test/callback`);
  });

  afterAll(async () => {
    await app?.close();
    await idp?.close();
  });

  it('lists the providers, with the name in the requested language when there is one', async () => {
    const nl = await app.inject({ url: '/api/v1/session/providers' });
    expect(nl.statusCode).toBe(200);
    expect(nl.json()).toEqual({ items: [{ key: 'test', name: 'Testdienst' }] });
    const fr = await app.inject({ url: '/api/v1/session/providers', headers: { 'accept-language': 'fr' } });
    expect(fr.json()).toEqual({ items: [{ key: 'test', name: 'Service de test' }] });
  });

  it('sends the browser to the provider with a code request, PKCE S256, state and nonce, and keeps the verifier server-side', async () => {
    const browser = new Browser();
    const url = await start(browser, '/obstacles');
    expect(url.origin).toBe(idp.issuer);
    const params = url.searchParams;
    expect(params.get('response_type')).toBe('code');
    expect(params.get('client_id')).toBe(idp.clientId);
    expect(params.get('redirect_uri')).toBe(`${base}/api/v1/session/oidc/test/callback`);
    expect(params.get('code_challenge_method')).toBe('S256');
    expect(params.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(params.get('state')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(params.get('nonce')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(params.has('code_verifier')).toBe(false);

    const state = params.get('state') ?? '';
    const stored = await getDb()
      .db.selectFrom('oidc_logins')
      .selectAll()
      .where('state_hash', '=', createHash('sha256').update(state).digest('hex'))
      .executeTakeFirstOrThrow();
    // The challenge is the S256 of the stored verifier; the state itself is not stored.
    expect(createHash('sha256').update(stored.code_verifier).digest('base64url')).toBe(params.get('code_challenge'));
    expect(stored).toMatchObject({ provider: 'test', return_to: '/obstacles', nonce: params.get('nonce'), used_at: null });
    expect(JSON.stringify(stored)).not.toContain(state);
    expect(new Date(stored.expires_at).getTime() - new Date(stored.created_at).getTime()).toBe(10 * 60_000);
    // The binding cookie: HttpOnly, only for the sign-in paths, short-lived.
    expect(browser.cookies.get('schakel_oidc')?.path).toBe('/api/v1/session/oidc');
    // A second tab's sign-in keeps the browser's binding, so the first one still completes.
    const binding = browser.cookies.get('schakel_oidc')?.value;
    await start(browser);
    expect(browser.cookies.get('schakel_oidc')?.value).toBe(binding);
  });

  it('signs in an existing user by verified e-mail, stores the link, and returns to returnTo with a new session', async () => {
    const userId = await user('anna.oidc@example.org');
    const sub = account('Anna.OIDC@example.org');
    const browser = new Browser();
    const result = await signIn(browser, sub, '/obstacles?theme=taxation#list');
    expect(result).toEqual({ status: 303, location: '/obstacles?theme=taxation#list' });
    expect(await whoAmI(browser)).toEqual({ status: 200, email: 'anna.oidc@example.org' });
    const link = await getDb().db.selectFrom('user_identities').selectAll().where('subject', '=', sub).executeTakeFirstOrThrow();
    expect(link).toMatchObject({ issuer: idp.issuer, user_id: userId, provider: 'test' });
    expect(await lastEvent()).toEqual({ outcome: 'success', method: 'oidc', provider: 'test', reason: null, user_id: userId });
  });

  it('signs in by the stored subject after the e-mail address changed at the provider (even unverified)', async () => {
    await user('bart.oidc@example.org');
    const sub = account('bart.oidc@example.org');
    expect((await signIn(new Browser(), sub)).location).toBe('/');
    idp.accounts.set(sub, { email: 'bart.elders@example.org', emailVerified: false });
    const browser = new Browser();
    expect(await signIn(browser, sub)).toEqual({ status: 303, location: '/' });
    expect(await whoAmI(browser)).toEqual({ status: 200, email: 'bart.oidc@example.org' });
  });

  it('refuses a subject with no account (no user is made) and records the failure', async () => {
    const before = await getDb()
      .db.selectFrom('users')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    const browser = new Browser();
    const result = await signIn(browser, account('nobody@example.org'));
    secrets.add('nobody@example.org');
    expect(result).toEqual({ status: 303, location: '/sign-in?error=oidc_unknown_user' });
    expect(browser.cookies.has('schakel_session')).toBe(false);
    expect((await whoAmI(browser)).status).toBe(401);
    const after = await getDb()
      .db.selectFrom('users')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    expect(await lastEvent()).toMatchObject({ outcome: 'failure', method: 'oidc', reason: 'oidc_unknown_user', user_id: null });
  });

  it('refuses an unverified e-mail address, and one that is missing', async () => {
    await user('carla.oidc@example.org');
    const unverified = await signIn(new Browser(), account('carla.oidc@example.org', false));
    expect(unverified.location).toBe('/sign-in?error=oidc_email_unverified');
    expect(await lastEvent()).toMatchObject({ outcome: 'failure', reason: 'oidc_email_unverified' });
    const missing = await signIn(new Browser(), account(undefined));
    expect(missing.location).toBe('/sign-in?error=oidc_unknown_user');
    const links = await getDb().db.selectFrom('user_identities').select('subject').execute();
    expect(links.length).toBeGreaterThan(0);
  });

  it('refuses a disabled user, matched by e-mail or by a stored link', async () => {
    const linkedId = await user('dirk.oidc@example.org');
    const linked = account('dirk.oidc@example.org');
    expect((await signIn(new Browser(), linked)).location).toBe('/');
    const unlinkedId = await user('eva.oidc@example.org');
    await store().disableUser(linkedId, new Date());
    await store().disableUser(unlinkedId, new Date());

    const browser = new Browser();
    expect(await signIn(browser, linked)).toEqual({ status: 303, location: '/sign-in?error=oidc_user_disabled' });
    expect(await lastEvent()).toMatchObject({ outcome: 'failure', reason: 'oidc_user_disabled', user_id: linkedId });
    // A fresh browser: this one is still signed in at the provider as the first subject.
    const another = new Browser();
    expect(await signIn(another, account('eva.oidc@example.org'))).toEqual({
      status: 303,
      location: '/sign-in?error=oidc_user_disabled',
    });
    expect(await lastEvent()).toMatchObject({ outcome: 'failure', reason: 'oidc_user_disabled', user_id: unlinkedId });
    expect(browser.cookies.has('schakel_session')).toBe(false);
    expect(another.cookies.has('schakel_session')).toBe(false);
  });

  it('does not let a second subject take over a linked account by its e-mail address', async () => {
    await user('femke.oidc@example.org');
    expect((await signIn(new Browser(), account('femke.oidc@example.org'))).location).toBe('/');
    const newcomer = await signIn(new Browser(), account('femke.oidc@example.org'));
    expect(newcomer.location).toBe('/sign-in?error=oidc_unknown_user');
  });

  it('refuses a wrong or missing state, a callback in another browser, and a replayed callback', async () => {
    await user('gert.oidc@example.org');
    const sub = account('gert.oidc@example.org');

    const browser = new Browser();
    const back = await browser.signInAtProvider(await start(browser), sub);
    const wrong = new URL(back);
    wrong.searchParams.set('state', 'x'.repeat(43));
    expect(await callback(browser, wrong)).toEqual({ status: 303, location: '/sign-in?error=oidc_state_invalid' });
    const missing = new URL(back);
    missing.searchParams.delete('state');
    expect(await callback(browser, missing)).toEqual({ status: 303, location: '/sign-in?error=oidc_state_invalid' });
    expect(await lastEvent()).toMatchObject({ outcome: 'failure', method: 'oidc', reason: 'oidc_state_invalid' });

    // The same callback in a browser without the binding cookie (sent to a victim, say).
    const other = new Browser();
    expect(await callback(other, back)).toEqual({ status: 303, location: '/sign-in?error=oidc_state_invalid' });
    expect(other.cookies.has('schakel_session')).toBe(false);

    // The real callback works once; played again it is refused.
    expect(await callback(browser, back)).toEqual({ status: 303, location: '/' });
    expect((await whoAmI(browser)).status).toBe(200);
    const replay = new Browser();
    for (const [name, value] of browser.cookies) replay.cookies.set(name, value);
    replay.cookies.delete('schakel_session');
    expect(await callback(replay, back)).toEqual({ status: 303, location: '/sign-in?error=oidc_state_invalid' });
    expect(replay.cookies.has('schakel_session')).toBe(false);
  });

  it('passes on a refusal by the provider (the user cancels) as oidc_failed', async () => {
    const browser = new Browser();
    const back = await browser.signInAtProvider(await start(browser), { abort: true });
    expect(back.searchParams.get('error')).toBe('access_denied');
    expect(await callback(browser, back)).toEqual({ status: 303, location: '/sign-in?error=oidc_failed' });
    expect(await lastEvent()).toMatchObject({ outcome: 'failure', reason: 'oidc_failed' });
  });

  it.each([
    '//evil.example/steal',
    'https://evil.example/',
    '/\\evil.example',
    'javascript:alert(1)',
    'obstacles',
    '/%0d%0aSet-Cookie:x=y',
  ])('refuses returnTo=%s (no open redirect), storing nothing', async (returnTo) => {
    const count = async () =>
      Number(
        (
          await getDb()
            .db.selectFrom('oidc_logins')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    const response = await app.inject({ url: `/api/v1/session/oidc/test?returnTo=${encodeURIComponent(returnTo)}` });
    if (returnTo === '/%0d%0aSet-Cookie:x=y') {
      // Percent-encoded text stays text in a path: allowed, and it stays on this site.
      expect(response.statusCode).toBe(302);
      return;
    }
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      code: 'validation_failed',
      invalidParams: [expect.objectContaining({ name: 'returnTo', code: 'invalid_format' })],
    });
    expect(await count()).toBe(before);
  });

  it('answers 404 for an unknown provider, and sends a callback for one to the sign-in page', async () => {
    const started = await app.inject({ url: '/api/v1/session/oidc/elsewhere', headers: { 'accept-language': 'de' } });
    expect(started.statusCode).toBe(404);
    expect(started.json()).toMatchObject({ code: 'oidc_provider_unknown', detail: 'Es gibt keinen Anmeldedienst elsewhere.' });
    const back = await app.inject({ url: '/api/v1/session/oidc/elsewhere/callback?code=x&state=y' });
    expect(back.statusCode).toBe(303);
    expect(back.headers.location).toBe('/sign-in?error=oidc_provider_unknown');
  });

  it('never reuses a session the browser had: a planted or earlier session id is not the signed-in one, and ends', async () => {
    await user('hanna.oidc@example.org');
    const sub = account('hanna.oidc@example.org');

    // An id an attacker planted in the browser.
    const planted = new Browser();
    planted.cookies.set('schakel_session', { value: 'planted-by-an-attacker', path: '/' });
    expect((await signIn(planted, sub)).status).toBe(303);
    expect(planted.cookies.get('schakel_session')?.value).not.toBe('planted-by-an-attacker');
    expect(await whoAmI(planted)).toEqual({ status: 200, email: 'hanna.oidc@example.org' });

    // A real session from a password sign-in before: after the OIDC sign-in it is a new id, and the old one is closed.
    await user('ivo.oidc@example.org', { password: PASSWORD });
    const browser = new Browser();
    const password = await fetch(`${base}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'ivo.oidc@example.org', password: PASSWORD }),
    });
    expect(password.status).toBe(200);
    const before = /schakel_session=([^;]+)/.exec(password.headers.get('set-cookie') ?? '')?.[1] ?? '';
    secrets.add(before);
    browser.cookies.set('schakel_session', { value: before, path: '/' });
    expect((await whoAmI(browser)).email).toBe('ivo.oidc@example.org');

    expect((await signIn(browser, sub)).status).toBe(303);
    const after = browser.cookies.get('schakel_session')?.value;
    expect(after).toBeDefined();
    expect(after).not.toBe(before);
    expect(await whoAmI(browser)).toEqual({ status: 200, email: 'hanna.oidc@example.org' });
    const old = await fetch(`${base}/api/v1/session`, { headers: { cookie: `schakel_session=${before}` } });
    expect(old.status).toBe(401);
  });

  it('does not let OpenID Connect failures throttle password sign-ins from the same address', async () => {
    await user('jan.oidc@example.org', { password: PASSWORD });
    for (let i = 0; i < 12; i++) {
      await app.inject({ url: '/api/v1/session/oidc/test/callback?state=nope', remoteAddress: '10.9.8.7' });
    }
    const signedIn = await app.inject({
      method: 'POST',
      url: '/api/v1/session',
      payload: { email: 'jan.oidc@example.org', password: PASSWORD },
      remoteAddress: '10.9.8.7',
    });
    expect(signedIn.statusCode).toBe(200);
  });

  it('records every OpenID Connect sign-in in the audit trail with the provider key, and no code, state, session or unknown subject', async () => {
    const head = async () => Number((await getDb().db.selectFrom('audit_head').select('seq').executeTakeFirstOrThrow()).seq);
    const since = await head();
    const userId = await user('kees.oidc@example.org');
    const sub = account('kees.oidc@example.org');
    expect((await signIn(new Browser(), sub)).location).toBe('/');
    expect((await signIn(new Browser(), sub)).location).toBe('/');
    const strangerSub = account('vreemde@example.org');
    auditSecrets
      .add(strangerSub)
      .add('vreemde@example.org')
      .add(hashSecret(`oidc ${idp.issuer} ${strangerSub}`));
    expect((await signIn(new Browser(), strangerSub)).location).toBe('/sign-in?error=oidc_unknown_user');
    const unknownProvider = await app.inject({ url: '/api/v1/session/oidc/elders/callback?state=x' });
    expect(unknownProvider.statusCode).toBe(303);
    const noSuchSignIn = await app.inject({ url: '/api/v1/session/oidc/test/callback?code=guessed&state=guessed' });
    expect(noSuchSignIn.headers.location).toBe('/sign-in?error=oidc_state_invalid');
    const rows = await getDb()
      .db.selectFrom('audit_events')
      .select(['actor', 'action', 'entity_type', 'entity_id', 'changes'])
      .where('seq', '>', since)
      .orderBy('seq')
      .execute();
    expect(rows.map((r) => ({ ...r, changes: JSON.parse(r.changes) }))).toEqual([
      { actor: 'system', action: 'user.create', entity_type: 'user', entity_id: userId, changes: expect.any(Object) },
      {
        actor: userId,
        action: 'session.sign_in',
        entity_type: 'user',
        entity_id: userId,
        changes: { outcome: 'success', method: 'oidc', provider: 'test', linked: true },
      },
      {
        actor: userId,
        action: 'session.sign_in',
        entity_type: 'user',
        entity_id: userId,
        changes: { outcome: 'success', method: 'oidc', provider: 'test' },
      },
      {
        actor: 'anonymous',
        action: 'session.sign_in',
        entity_type: 'sign_in',
        entity_id: 'unknown',
        changes: { outcome: 'failure', method: 'oidc', provider: 'test', reason: 'oidc_unknown_user' },
      },
      // The callbacks for no provider and for no sign-in begun are nobody's attempt: anyone can send
      // them without end, so they stay out of the trail (sign_in_events has them).
    ]);
    const stray = await getDb()
      .db.selectFrom('sign_in_events')
      .select('reason')
      .where('reason', '=', 'oidc_provider_unknown')
      .execute();
    expect(stray.length).toBeGreaterThan(0);
    const all = await getDb().db.selectFrom('audit_events').select(['seq', 'entity_id', 'changes']).execute();
    expect(auditSecrets.size).toBeGreaterThan(20);
    for (const row of all) {
      for (const value of auditSecrets) {
        expect(row.changes, `event ${row.seq}`).not.toContain(value);
        expect(row.entity_id, `event ${row.seq}`).not.toContain(value);
      }
    }
    expect((await verifyAuditTrail(getDb().location, { workers: 1 })).ok).toBe(true);
  });

  describe('logs', () => {
    it('hold no codes, states, session ids or e-mail addresses, and say why a provider failed', () => {
      expect(secrets.size).toBeGreaterThan(10);
      const text = logLines.join('');
      expect(text).toContain('/api/v1/session/oidc/test/callback');
      for (const secret of secrets) expect(text, secret).not.toContain(secret);
      expect(text).toContain('authorization response: access_denied');
    });
  });
});
