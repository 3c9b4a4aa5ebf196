import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { createApiFetch } from './mount-web.js';
import { forwardedCookie, isCrossSite, newNonce, secureSessionCookies } from './page-request.js';

describe('forwardedCookie', () => {
  it('keeps the session cookie and nothing else', () => {
    expect(forwardedCookie('lang=de; schakel_session=abc_DEF-123; _ga=GA1.2.3')).toBe('schakel_session=abc_DEF-123');
    expect(forwardedCookie('schakel_session=abc')).toBe('schakel_session=abc');
  });

  it('forwards nothing without a session cookie, or with one that cannot be ours', () => {
    expect(forwardedCookie(undefined)).toBeUndefined();
    expect(forwardedCookie('lang=de; other=1')).toBeUndefined();
    expect(forwardedCookie('schakel_session=')).toBeUndefined();
    expect(forwardedCookie('schakel_session=a,b; x=1')).toBeUndefined();
    expect(forwardedCookie('not_schakel_session=abc')).toBeUndefined();
  });
});

describe('createApiFetch for a page request', () => {
  const echo = Fastify();
  echo.get('/echo', async (request) => ({
    cookie: request.headers.cookie ?? null,
    ip: request.ip,
    auth: request.headers.authorization ?? null,
  }));

  it('sends the forwarded session cookie and address, never a cookie or credentials of the loader', async () => {
    const apiFetch = createApiFetch(echo, { cookie: 'schakel_session=abc', remoteAddress: '203.0.113.7' });
    const answer = await apiFetch('/echo', { headers: { cookie: 'lang=de; schakel_session=forged', authorization: 'Bearer x' } });
    expect(await answer.json()).toEqual({ cookie: 'schakel_session=abc', ip: '203.0.113.7', auth: null });
  });

  it('forwards bytes as they are (an uploaded file) and refuses other bodies', async () => {
    const bytes = Fastify();
    bytes.addContentTypeParser('application/octet-stream', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
    bytes.put('/bytes', async (request) => ({ bytes: [...(request.body as Buffer)] }));
    const apiFetch = createApiFetch(bytes);
    const body = new Uint8Array([0, 80, 75, 3, 4, 255]).subarray(1, 5);
    const answer = await apiFetch('/bytes', { method: 'PUT', headers: { 'content-type': 'application/octet-stream' }, body });
    expect(await answer.json()).toEqual({ bytes: [80, 75, 3, 4] });
    await expect(apiFetch('/bytes', { method: 'PUT', body: new URLSearchParams({ a: '1' }) })).rejects.toThrow(/bytes/);
  });

  it('sends no cookie at all for the public', async () => {
    const apiFetch = createApiFetch(echo);
    const answer = await apiFetch('/echo', { headers: { cookie: 'schakel_session=forged' } });
    expect(await answer.json()).toEqual({ cookie: null, ip: '127.0.0.1', auth: null });
  });
});

describe('isCrossSite', () => {
  it('lets a form of this site through', () => {
    expect(isCrossSite({ origin: 'http://localhost:3000', 'sec-fetch-site': 'same-origin' }, 'localhost:3000')).toBe(false);
    expect(isCrossSite({ origin: 'https://schakel.eu' }, 'schakel.eu')).toBe(false);
    expect(isCrossSite({ 'sec-fetch-site': 'none' }, 'schakel.eu')).toBe(false);
    expect(isCrossSite({}, 'schakel.eu')).toBe(false);
  });

  it('refuses a form of another site, also a sibling subdomain, and an opaque origin', () => {
    expect(isCrossSite({ 'sec-fetch-site': 'cross-site' }, 'schakel.eu')).toBe(true);
    expect(isCrossSite({ 'sec-fetch-site': 'same-site' }, 'schakel.eu')).toBe(true);
    expect(isCrossSite({ origin: 'https://evil.example' }, 'schakel.eu')).toBe(true);
    expect(isCrossSite({ origin: 'https://schakel.eu.evil.example' }, 'schakel.eu')).toBe(true);
    expect(isCrossSite({ origin: 'null' }, 'schakel.eu')).toBe(true);
    expect(isCrossSite({ origin: 'not a url' }, 'schakel.eu')).toBe(true);
  });
});

describe('newNonce', () => {
  it('is 128 random bits in base64, new every time', () => {
    const nonces = new Set(Array.from({ length: 100 }, () => newNonce()));
    expect(nonces.size).toBe(100);
    for (const nonce of nonces) {
      expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
      expect(Buffer.from(nonce, 'base64')).toHaveLength(16);
    }
  });
});

describe('secureSessionCookies', () => {
  const session = 'schakel_session=abc; Path=/; Max-Age=43200; HttpOnly; SameSite=Lax';
  it('adds Secure to the session cookie over HTTPS when COOKIE_SECURE is auto', () => {
    expect(secureSessionCookies([session, 'lang=de; Path=/'], true, 'auto')).toEqual([`${session}; Secure`, 'lang=de; Path=/']);
    expect(secureSessionCookies([`${session}; Secure`], true, 'auto')).toEqual([`${session}; Secure`]);
  });
  it('leaves it as the API set it over HTTP, and when COOKIE_SECURE says never or always', () => {
    expect(secureSessionCookies([session], false, 'auto')).toEqual([session]);
    expect(secureSessionCookies([session], true, 'never')).toEqual([session]);
    expect(secureSessionCookies([`${session}; Secure`], false, 'always')).toEqual([`${session}; Secure`]);
  });
});
