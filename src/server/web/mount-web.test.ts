/**
 * The Fastify adapter of the web app, through inject (the browser journeys are in e2e/). Needs the
 * web build, which vitest's global setup makes (test-support/build-web.ts).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test-support/databases.js';
import { addUser } from '../../core/identity/add-user.js';
import type { Database } from '../../db/create-database.js';
import { KyselyIdentityStore } from '../../db/repositories/identity-store.js';
import { buildApp } from '../build-app.js';
import { argon2idHasher } from '../password-hasher.js';
import { defaultWebBuildDir, UPLOAD_BODY_BYTES } from './mount-web.js';

describe('the web app in the Fastify process', () => {
  let database: Database;
  let app: FastifyInstance;

  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    app = await buildApp({ database, searchWorkers: 0, web: {} });
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('renders the register in the language of Accept-Language, with the data of the API', async () => {
    await app.inject({
      method: 'POST',
      url: '/api/v1/obstacles',
      payload: {
        title: { fr: 'Reconnaissance des diplômes' },
        summary: { fr: 'Résumé' },
        sourceLanguage: 'fr',
        visibility: 'public',
        reporter: { type: 'citizen' },
        segment: 'nl-vl',
        themes: ['cross_border_work'],
        type: 'legal',
      },
    });
    const response = await app.inject({ method: 'GET', url: '/obstacles', headers: { 'accept-language': 'fr-BE,fr;q=0.9' } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers['content-language']).toBe('fr');
    expect(response.body).toContain('<html lang="fr">');
    expect(response.body).toContain('Registre des obstacles transfrontaliers');
    expect(response.body).toContain('Reconnaissance des diplômes');
  });

  it('shows an obstacle with its related obstacles’ titles and an empty history', async () => {
    const base = {
      summary: { nl: 'Samenvatting' },
      sourceLanguage: 'nl',
      visibility: 'public',
      reporter: { type: 'citizen' },
      segment: 'nl-vl',
      themes: ['cross_border_work'],
      type: 'legal',
    };
    const first = await app.inject({
      method: 'POST',
      url: '/api/v1/obstacles',
      payload: { ...base, title: { nl: 'Eerste belemmering' } },
    });
    const second = await app.inject({
      method: 'POST',
      url: '/api/v1/obstacles',
      payload: { ...base, title: { nl: 'Tweede belemmering' }, related: [first.json().reference] },
    });
    expect(second.statusCode).toBe(201);
    const page = await app.inject({ method: 'GET', url: `/obstacles/${second.json().reference}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Tweede belemmering');
    expect(page.body).toContain(`${first.json().reference}</a>: <span>Eerste belemmering</span>`);
    expect(page.body).toContain('Geschiedenis');
  });

  it('prefers the lang cookie to Accept-Language', async () => {
    const response = await app.inject({ method: 'GET', url: '/', headers: { 'accept-language': 'fr', cookie: 'lang=de' } });
    expect(response.body).toContain('<html lang="de">');
  });

  it('sets the cookie and goes back from the language switcher, only to a local path', async () => {
    const response = await app.inject({ method: 'GET', url: '/language?to=en&back=%2Fobstacles%3Fq%3Dx' });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/obstacles?q=x');
    expect(String(response.headers['set-cookie'])).toMatch(/^lang=en; Path=\//);
    const away = await app.inject({ method: 'GET', url: '/language?to=en&back=%2F%2Fevil.example' });
    expect(away.headers.location).toBe('/');
  });

  it('answers an unknown page with a 404 page in the reader’s language', async () => {
    const response = await app.inject({ method: 'GET', url: '/nothing-here', headers: { 'accept-language': 'de' } });
    expect(response.statusCode).toBe(404);
    expect(response.body).toContain('Seite nicht gefunden');
  });

  it('lets form posts reach the pages, while the API still refuses them with 415', async () => {
    const page = await app.inject({
      method: 'POST',
      url: '/obstacles/new',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'title.nl=&sourceLanguage=nl',
    });
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('schakel-error-summary');
    const api = await app.inject({
      method: 'POST',
      url: '/api/v1/obstacles',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'title.nl=x',
    });
    expect(api.statusCode).toBe(415);
    expect(api.json().code).toBe('unsupported_media_type');
  });

  it('takes multipart posts (file uploads) up to the upload limit, other posts up to the body limit; the API refuses multipart', async () => {
    const boundary = 'schakel-test-boundary';
    const multipart = (bytes: number) =>
      Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\n`,
        ),
        Buffer.alloc(bytes, 1),
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
    const headers = { 'content-type': `multipart/form-data; boundary=${boundary}` };
    // 2 MiB: over the body limit of other posts, within the upload limit: it reaches the page (sign-in first).
    const upload = await app.inject({
      method: 'POST',
      url: '/selection-rounds/x/scores',
      headers,
      payload: multipart(2 * 1024 * 1024),
    });
    expect(upload.statusCode).not.toBe(413);
    expect(upload.statusCode).toBeLessThan(500);
    const tooBig = await app.inject({
      method: 'POST',
      url: '/selection-rounds/x/scores',
      headers,
      payload: multipart(UPLOAD_BODY_BYTES),
    });
    expect(tooBig.statusCode).toBe(413);
    const form = await app.inject({
      method: 'POST',
      url: '/obstacles/new',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `title.nl=${'x'.repeat(2 * 1024 * 1024)}`,
    });
    expect(form.statusCode).toBe(413);
    const api = await app.inject({
      method: 'PUT',
      url: '/api/v1/selection-rounds/x/scores.xlsx',
      headers,
      payload: multipart(10),
    });
    expect(api.statusCode).toBe(415);
  });

  it('leaves unknown API paths to the API: problem+json, not a page', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/nothing' });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toContain('application/problem+json');
  });

  it('redirects a page address with a trailing slash, to this site only', async () => {
    const response = await app.inject({ method: 'GET', url: '/obstacles/?q=x' });
    expect(response.statusCode).toBe(301);
    expect(response.headers.location).toBe('/obstacles?q=x');
    const twice = await app.inject({ method: 'GET', url: '//evil.example/' });
    expect(twice.headers.location).toBe('/evil.example');
  });

  it('serves the hashed assets for a year and nothing outside the assets folder', async () => {
    const asset = readdirSync(join(defaultWebBuildDir(), 'client', 'assets')).find((name) => name.endsWith('.js'));
    const response = await app.inject({ method: 'GET', url: `/assets/${asset}` });
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(response.headers['content-type']).toBe('text/javascript; charset=utf-8');
    const outside = await app.inject({ method: 'GET', url: '/assets/..%2F..%2Fserver%2Findex.js' });
    expect(outside.statusCode).toBe(404);
  });

  describe('CSP nonces', () => {
    function nonceOfHeader(header: string | string[] | number | undefined): string {
      const match = /script-src 'self' 'nonce-([A-Za-z0-9+/=]+)'/.exec(String(header));
      if (!match?.[1]) throw new Error(`no nonce in ${String(header)}`);
      return match[1];
    }

    it('gives every inline script the nonce of the header, a new one per page, never kept', async () => {
      const first = await app.inject({ method: 'GET', url: '/obstacles' });
      const second = await app.inject({ method: 'GET', url: '/obstacles' });
      const nonce = nonceOfHeader(first.headers['content-security-policy']);
      expect(nonce).not.toBe(nonceOfHeader(second.headers['content-security-policy']));
      expect(Buffer.from(nonce, 'base64')).toHaveLength(16);
      expect(first.headers['content-security-policy']).not.toContain('unsafe-inline');
      expect(first.headers['content-security-policy']).toContain("style-src 'self';");
      expect(first.headers['cache-control']).toBe('no-store');
      // So that a browser names this site as the Origin of a form post (not `null`), and no other site learns the page.
      expect(first.headers['referrer-policy']).toBe('same-origin');

      const scripts = first.body.match(/<script\b[^>]*>/g) ?? [];
      const inline = scripts.filter((tag) => !/\ssrc=/.test(tag));
      expect(inline.length).toBeGreaterThan(0);
      for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
      const nonces = new Set([...first.body.matchAll(/nonce="([^"]*)"/g)].map((m) => m[1]));
      expect(nonces).toEqual(new Set([nonce]));
      expect(second.body).not.toContain(nonce);
    });

    it('gives the API and the assets no nonce', async () => {
      const api = await app.inject({ method: 'GET', url: '/api/v1/themes' });
      expect(api.headers['content-security-policy']).not.toContain('nonce-');
    });
  });

  describe('signed in through the pages', () => {
    const password = 'een lange zin als wachtwoord';
    const form = { 'content-type': 'application/x-www-form-urlencoded' };

    beforeAll(async () => {
      const store = new KyselyIdentityStore(database.db);
      await addUser({
        actor: 'system',
        input: {
          email: 'secretariaat@example.org',
          name: 'Sanne Secretariaat',
          role: 'secretariat',
          organisation: 'secretariat',
          password,
        },
        store,
        hasher: argon2idHasher,
        commonPasswords: new Set(),
        clock: { now: () => new Date() },
        ids: { newId: () => crypto.randomUUID() },
      });
    });

    async function signIn(returnTo: string) {
      return app.inject({
        method: 'POST',
        url: '/sign-in',
        headers: form,
        payload: new URLSearchParams({ email: 'secretariaat@example.org', password, returnTo }).toString(),
      });
    }
    function sessionCookie(response: { headers: Record<string, unknown> }): string {
      const match = /schakel_session=([^;]+)/.exec(String(response.headers['set-cookie']));
      if (!match?.[1]) throw new Error('no session cookie');
      return `schakel_session=${match[1]}`;
    }
    async function csrfOfPage(cookie: string, url: string): Promise<string> {
      const page = await app.inject({ method: 'GET', url, headers: { cookie } });
      const match = /name="csrf" value="([^"]+)"/.exec(page.body);
      if (!match?.[1]) throw new Error(`no CSRF field on ${url}`);
      return match[1];
    }
    async function total(): Promise<number> {
      return (await app.inject({ method: 'GET', url: '/api/v1/obstacles?limit=1' })).json().total;
    }

    it('signs in with a form post: the API’s cookie goes to the browser, back to a path of this site', async () => {
      const response = await signIn('/obstacles?q=x');
      expect(response.statusCode).toBe(303);
      expect(response.headers.location).toBe('/obstacles?q=x');
      expect(String(response.headers['set-cookie'])).toMatch(
        /^schakel_session=[^;]+; Path=\/; Max-Age=\d+; HttpOnly; SameSite=Lax$/,
      );
      const page = await app.inject({ method: 'GET', url: '/', headers: { cookie: `lang=nl; ${sessionCookie(response)}` } });
      expect(page.body).toContain('Sanne Secretariaat');
      expect(page.body).toContain('action="/sign-out"');
      const publicPage = await app.inject({ method: 'GET', url: '/' });
      expect(publicPage.body).not.toContain('Sanne Secretariaat');
      expect(publicPage.body).toContain('href="/sign-in"');
    });

    it.each(['//evil.example/x', 'https://evil.example/x', '/\\evil.example', '/\t/evil.example', 'javascript:alert(1)'])(
      'never sends the browser to another site after signing in (returnTo %j)',
      async (returnTo) => {
        const response = await signIn(returnTo);
        expect(response.statusCode).toBe(303);
        expect(response.headers.location).toBe('/');
      },
    );

    it('refuses a form post without the CSRF token (403, nothing changed), takes it with the token', async () => {
      const cookie = sessionCookie(await signIn('/'));
      const csrf = await csrfOfPage(cookie, '/obstacles/new');
      const fields = {
        'title.nl': 'Via de pagina',
        'summary.nl': 'Met het CSRF-token van de sessie.',
        sourceLanguage: 'nl',
        segment: 'nl-vl',
        themes: 'taxation',
        type: 'legal',
        visibility: 'internal',
        'reporter.type': 'citizen',
      };
      const before = await total();
      for (const token of [undefined, 'geraden', `${csrf}x`]) {
        const payload = new URLSearchParams(token === undefined ? fields : { ...fields, csrf: token }).toString();
        const refused = await app.inject({ method: 'POST', url: '/obstacles/new', headers: { ...form, cookie }, payload });
        expect(refused.statusCode).toBe(403);
        expect(refused.body).toContain('schakel-error-summary');
        expect(refused.body).toContain('beveiligingscode');
      }
      expect(await total()).toBe(before);

      const payload = new URLSearchParams({ ...fields, csrf }).toString();
      const saved = await app.inject({ method: 'POST', url: '/obstacles/new', headers: { ...form, cookie }, payload });
      expect(saved.statusCode).toBe(303);
      expect(saved.headers.location).toMatch(/^\/obstacles\/GB-\d{4}-\d{4}\?saved=created$/);
      // Internal: only the secretariat's session could have made it.
      const made = await app.inject({
        method: 'GET',
        url: `/api/v1/obstacles/${saved.headers.location?.split(/[/?]/)[2]}`,
        headers: { cookie },
      });
      expect(made.json().visibility).toBe('internal');
    });

    it('signs out only with the token: the session ends and the cookie is cleared', async () => {
      const cookie = sessionCookie(await signIn('/'));
      const refused = await app.inject({
        method: 'POST',
        url: '/sign-out',
        headers: { ...form, cookie },
        payload: 'csrf=geraden',
      });
      expect(refused.statusCode).toBe(403);
      expect((await app.inject({ method: 'GET', url: '/api/v1/session', headers: { cookie } })).statusCode).toBe(200);

      const csrf = await csrfOfPage(cookie, '/account');
      const out = await app.inject({ method: 'POST', url: '/sign-out', headers: { ...form, cookie }, payload: `csrf=${csrf}` });
      expect(out.statusCode).toBe(303);
      expect(out.headers.location).toBe('/sign-in?done=signed-out');
      expect(String(out.headers['set-cookie'])).toMatch(/^schakel_session=; Path=\/; Max-Age=0/);
      expect((await app.inject({ method: 'GET', url: '/api/v1/session', headers: { cookie } })).statusCode).toBe(401);
    });

    it('refuses form posts from another site before any action runs', async () => {
      const response = await app.inject({
        method: 'POST',
        url: '/sign-in',
        headers: { ...form, origin: 'https://evil.example' },
        payload: new URLSearchParams({ email: 'secretariaat@example.org', password }).toString(),
      });
      expect(response.statusCode).toBe(403);
      expect(response.headers['set-cookie']).toBeUndefined();
      const fetchSite = await app.inject({
        method: 'POST',
        url: '/sign-in',
        headers: { ...form, 'sec-fetch-site': 'cross-site' },
        payload: 'email=x&password=y',
      });
      expect(fetchSite.statusCode).toBe(403);
    });

    it('sends the public to sign in from pages that need it, and shows other roles a 403 page', async () => {
      const account = await app.inject({ method: 'GET', url: '/account' });
      expect(account.statusCode).toBe(303);
      expect(account.headers.location).toBe('/sign-in?returnTo=%2Faccount');
      const cookie = sessionCookie(await signIn('/'));
      const users = await app.inject({ method: 'GET', url: '/admin/users', headers: { cookie, 'accept-language': 'en' } });
      expect(users.statusCode).toBe(403);
      expect(users.body).toContain('No access');
    });
  });
});
