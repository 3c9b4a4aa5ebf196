/**
 * The caller as the pages know it: asked of the API by the root loader on every page load
 * (`GET /api/v1/session`, or `GET /api/v1/abilities` for the public), and again after every form
 * post (signing in or out changes it). The pages show only the actions in `abilities`; the API
 * decides anyway.
 */
import { data, redirect, useRouteLoaderData } from 'react-router';
import type { SessionResponse } from '../../contracts/session.contract.js';
import type { ApiClient } from './api-client';
import { cookieValue } from './language';
import { paths } from './paths';

export type PlatformAbility = SessionResponse['abilities'][number];

export interface WebSession {
  /** The signed-in user, or null for the public. */
  user: SessionResponse['user'] | null;
  abilities: PlatformAbility[];
  /** Goes into every form that changes something (hidden field `csrf`), and from there into X-CSRF-Token. */
  csrfToken: string | null;
  /** How many of the user's notifications are unread (the header shows it); null for the public. */
  unread: number | null;
}

/** The session cookie's name (the API's); the root loader asks "who am I" only when it is there. */
export const SESSION_COOKIE = 'schakel_session';

/** The name of the hidden form field that carries the CSRF token. */
export const CSRF_FIELD = 'csrf';

export async function loadSession(api: ApiClient, hasSessionCookie: boolean): Promise<WebSession> {
  const session = hasSessionCookie ? await api.session() : null;
  if (session) {
    const unread = await api.inbox({ unread: true, limit: 1 }).then(
      (inbox) => inbox.unread,
      () => null,
    );
    return { user: session.user, abilities: session.abilities, csrfToken: session.csrfToken, unread };
  }
  return { user: null, abilities: (await api.publicAbilities()).abilities, csrfToken: null, unread: null };
}

const PUBLIC: WebSession = { user: null, abilities: [], csrfToken: null, unread: null };

/** The session of the page (from the root loader's data). */
export function useSession(): WebSession {
  const root = useRouteLoaderData('root') as { session?: WebSession } | undefined;
  return root?.session ?? PUBLIC;
}

/** The CSRF token a form sent (the hidden field), for the X-CSRF-Token header of the API call. */
export function csrfOf(form: FormData): string | undefined {
  const value = form.get(CSRF_FIELD);
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Sends the public to sign in, coming back here afterwards. */
export function signInRedirect(request: Request): Response {
  const url = new URL(request.url);
  return redirect(paths.signIn(`${url.pathname}${url.search}`), 303);
}

/**
 * Whether a request to the server carries a session cookie (it is HttpOnly: only the server sees
 * it). In the browser, pass `undefined`: the browser sends the cookie with the API call itself.
 */
export function hasSessionCookie(request: Request | undefined): boolean {
  return request === undefined || cookieValue(request.headers.get('cookie'), SESSION_COOKIE) !== undefined;
}

/** For a page the caller may not use: the public is sent to sign in, a signed-in user gets 403. */
export function refuse(request: Request, session: Pick<WebSession, 'user'>): never {
  if (!session.user) throw signInRedirect(request);
  throw data({ code: 'forbidden' }, { status: 403 });
}
