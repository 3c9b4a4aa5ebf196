import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { bearer } from '../../../test-support/access.js';
import { describeEachDialect } from '../../../test-support/databases.js';
import { hashSecret } from '../../core/identity/secrets.js';
import { buildApp } from '../build-app.js';

describeEachDialect('one-time links to set a password (invite, reset)', (getDb) => {
  let app: FastifyInstance;
  let now = Date.parse('2026-11-28T09:00:00Z');
  const clock = { now: () => new Date(now) };
  let admin: { authorization: string };

  beforeAll(async () => {
    app = await buildApp({ database: getDb(), clock, searchWorkers: 0 });
    admin = await bearer(getDb(), 'admin');
  });
  afterAll(async () => {
    await app.close();
  });

  async function newUser(): Promise<{ id: string; email: string }> {
    const email = `nieuw.${randomUUID().slice(0, 8)}@example.org`;
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/users',
      payload: { email, name: 'Nieuwe Collega', role: 'partner', organisation: 'nl-li' },
      headers: admin,
    });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json().hasPassword).toBe(false);
    return { id: response.json().id, email };
  }

  const link = (id: string, headers: Record<string, string> = admin) =>
    app.inject({ method: 'POST', url: `/api/v1/users/${id}/password-link`, headers });
  const setPassword = (token: string, password: string, headers: Record<string, string> = {}) =>
    app.inject({ method: 'POST', url: '/api/v1/password', payload: { token, password }, headers });
  const signIn = (email: string, password: string) =>
    app.inject({ method: 'POST', url: '/api/v1/session', payload: { email, password } });

  it('invites: an admin makes a link, the user sets a password with it once, then signs in', async () => {
    const user = await newUser();
    expect((await link(user.id, {})).statusCode).toBe(401);
    expect((await link(user.id, await bearer(getDb(), 'secretariat'))).statusCode).toBe(403);
    const invite = await link(user.id);
    expect(invite.statusCode).toBe(201);
    expect(invite.json()).toMatchObject({ purpose: 'invite', expiresAt: new Date(now + 7 * 86_400_000).toISOString() });
    const token = invite.json().token as string;
    // Stored as a hash only.
    const rows = await getDb().db.selectFrom('password_links').select('token_hash').execute();
    expect(rows.map((r) => r.token_hash)).toContain(hashSecret(token));
    expect(JSON.stringify(rows)).not.toContain(token);

    const weak = await setPassword(token, 'password1234', { 'accept-language': 'en' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().invalidParams).toEqual([expect.objectContaining({ name: 'password', code: 'common_password' })]);
    expect((await setPassword(token, 'kort')).json().invalidParams[0]).toMatchObject({ name: 'password', code: 'too_short' });

    expect((await setPassword(token, 'mijn eigen lange zin')).statusCode).toBe(204);
    expect((await signIn(user.email, 'mijn eigen lange zin')).statusCode).toBe(200);
    const again = await setPassword(token, 'een andere lange zin');
    expect(again.statusCode).toBe(410);
    expect(again.json().code).toBe('link_invalid');
  });

  it('resets: a link of an hour, retiring earlier links, ending the user’s sessions', async () => {
    const user = await newUser();
    await setPassword((await link(user.id)).json().token, 'het eerste wachtwoord');
    const session = await signIn(user.email, 'het eerste wachtwoord');
    const cookie = String(session.headers['set-cookie']).split(';')[0] ?? '';

    const first = await link(user.id);
    expect(first.json().purpose).toBe('reset');
    const second = await link(user.id);
    expect((await setPassword(first.json().token, 'het tweede wachtwoord')).statusCode).toBe(410);

    now += 3_600_000;
    expect((await setPassword(second.json().token, 'het tweede wachtwoord')).statusCode).toBe(410);
    const third = await link(user.id);
    expect((await setPassword(third.json().token, 'het tweede wachtwoord')).statusCode).toBe(204);
    expect((await app.inject({ url: '/api/v1/session', headers: { cookie } })).statusCode).toBe(401);
    expect((await signIn(user.email, 'het eerste wachtwoord')).statusCode).toBe(401);
    expect((await signIn(user.email, 'het tweede wachtwoord')).statusCode).toBe(200);
  });

  it('refuses an unknown link (410) and an invalid body (400), writing nothing', async () => {
    expect((await setPassword('skl_link_unknown', 'een lange zin hier')).statusCode).toBe(410);
    const invalid = await app.inject({ method: 'POST', url: '/api/v1/password', payload: { password: 'een lange zin hier' } });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().invalidParams).toEqual([expect.objectContaining({ name: 'token', code: 'required' })]);
    expect((await link('nobody')).statusCode).toBe(404);
  });
});
