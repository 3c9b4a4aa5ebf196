/**
 * What the web adapter decides about a page request: which cookie its API calls carry, whether a
 * form post came from this site, the CSP nonce, and the session cookie's Secure attribute.
 * Pure functions, tested in page-request.test.ts.
 */
import { randomBytes } from 'node:crypto';
import { readCookie, SESSION_COOKIE } from '../plugins/authentication.js';

/**
 * The Cookie header for the API calls of a page request: the session cookie and nothing else
 * (the language cookie, analytics or anything a browser sends stays out of the API), or
 * undefined when the request has none.
 */
export function forwardedCookie(header: string | undefined): string | undefined {
  const value = readCookie(header, SESSION_COOKIE);
  // A cookie value is a token of ours (base64url); anything else cannot be a session.
  if (value === undefined || !/^[A-Za-z0-9_\-.~+/=]+$/.test(value)) return undefined;
  return `${SESSION_COOKIE}=${value}`;
}

/** A fresh CSP nonce: 128 random bits, base64 (a new one for every page response, never reused). */
export function newNonce(): string {
  return randomBytes(16).toString('base64');
}

/**
 * True when a form post to a page was sent by another site: the browser says so in
 * `Sec-Fetch-Site`, or the `Origin` is not this host. Such posts are refused before any action
 * runs (the CSRF token protects the API's writes; this also covers signing in and setting a
 * password, which need none). A request without either header (curl, old browsers) passes: it
 * cannot carry a victim's cookies by a cross-site form.
 */
export function isCrossSite(
  headers: { origin?: string | undefined; 'sec-fetch-site'?: string | undefined },
  host: string,
): boolean {
  const site = headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return true;
  const origin = headers.origin;
  if (origin === undefined) return false;
  if (origin === 'null') return true;
  try {
    return new URL(origin).host !== host;
  } catch {
    return true;
  }
}

/**
 * The session cookie set through a page answer over HTTPS gets `Secure`: the API call behind it
 * was made in-process (over plain `inject`), so the API could not see that the browser used HTTPS.
 * `cookieSecure` is the app's COOKIE_SECURE setting; other cookies are left as they are.
 */
export function secureSessionCookies(cookies: string[], https: boolean, cookieSecure: 'auto' | 'always' | 'never'): string[] {
  if (!(cookieSecure === 'auto' && https)) return cookies;
  return cookies.map((cookie) =>
    cookie.startsWith(`${SESSION_COOKIE}=`) && !/;\s*Secure(\s*;|$)/i.test(cookie) ? `${cookie}; Secure` : cookie,
  );
}
