import type { FastifyInstance, FastifyReply, FastifyRequest, preValidationAsyncHookHandler } from 'fastify';
import { type Actor, ANONYMOUS } from '../../core/access/access.js';
import { authenticateSession, authenticateToken, type SessionAuthenticated } from '../../core/identity/authenticate.js';
import { sameSecret } from '../../core/identity/secrets.js';
import type { User } from '../../core/identity/user.js';
import { AppError } from '../../core/shared/errors.js';
import type { AppContext } from '../context.js';
import { sendProblem } from './problem.js';

export const SESSION_COOKIE = 'schakel_session';
export const CSRF_HEADER = 'x-csrf-token';

/** How the caller of a request proved who it is. */
export type Authentication =
  | { via: 'none' }
  | { via: 'session'; user: User; session: SessionAuthenticated }
  | { via: 'token'; user: User };

declare module 'fastify' {
  interface FastifyRequest {
    /** Who asks: the public, or a signed-in user (by session cookie or API token). */
    actor: Actor;
    authentication: Authentication;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/**
 * Requests that the session cookie does not authorise, so a forged one gains nothing: signing in
 * (it starts a new session) and setting a password with a one-time link (the link is the proof).
 */
const CSRF_EXEMPT = new Set(['POST /api/v1/session', 'POST /api/v1/password']);

/** The value of one cookie in a Cookie header (RFC 6265 §5.4), or undefined. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) {
      const value = part.slice(eq + 1).trim();
      return value === '' ? undefined : value;
    }
  }
  return undefined;
}

/** The Set-Cookie value of the session cookie (`maxAgeSeconds` 0 clears it). */
export function sessionCookie(request: FastifyRequest, context: AppContext, value: string, maxAgeSeconds: number): string {
  return cookie(request, context, { name: SESSION_COOKIE, value, maxAgeSeconds, path: '/' });
}

/** A Set-Cookie value: HttpOnly, SameSite=Lax, Secure as configured. */
export function cookie(
  request: FastifyRequest,
  context: AppContext,
  options: { name: string; value: string; maxAgeSeconds: number; path: string },
): string {
  const { value, maxAgeSeconds } = options;
  const secure = context.cookieSecure === 'always' || (context.cookieSecure === 'auto' && request.protocol === 'https');
  return [
    `${options.name}=${value}`,
    `Path=${options.path}`,
    `Max-Age=${Math.max(0, Math.round(maxAgeSeconds))}`,
    'HttpOnly',
    'SameSite=Lax',
    ...(secure ? ['Secure'] : []),
  ].join('; ');
}

/**
 * Authenticates every API request before anything else runs (so the kept answers of the
 * response cache, keyed by audience, are looked up for the right caller):
 *
 * - `Authorization: Bearer <token>`: an API token; a wrong, expired or revoked one is 401.
 * - the session cookie: an open session makes the caller its user; a closed or unknown one makes
 *   the caller the public (the cookie is cleared). A state-changing request (POST, PATCH, PUT,
 *   DELETE) made with a session must carry the session's CSRF token in `X-CSRF-Token`, except
 *   those in CSRF_EXEMPT.
 * - neither: the public.
 */
export function installAuthentication(app: FastifyInstance, context: AppContext): void {
  // Set on every request by the hook below (a reference type is never shared between requests).
  app.decorateRequest('actor', null, []);
  app.decorateRequest('authentication', null, []);
  app.addHook('onRequest', async (request, reply) => {
    request.actor = ANONYMOUS;
    request.authentication = { via: 'none' };
    if (!request.url.startsWith('/api/')) return;
    const { identity: store, clock } = context;

    const authorization = request.headers.authorization;
    if (authorization !== undefined) {
      const match = /^Bearer[ ]+([A-Za-z0-9_\-.~+/]+=*)$/i.exec(authorization.trim());
      const found = match?.[1] ? await authenticateToken({ token: match[1], store, clock }) : undefined;
      if (!found) {
        reply.header('www-authenticate', 'Bearer realm="schakel"');
        return sendProblem(reply, request, new AppError('unauthenticated'));
      }
      request.actor = found.actor;
      request.authentication = { via: 'token', user: found.user };
      return;
    }

    const sessionId = readCookie(request.headers.cookie, SESSION_COOKIE);
    if (sessionId === undefined) return;
    const session = await authenticateSession({ sessionId, store, clock, policy: context.sessionPolicy });
    if (!session) {
      reply.header('set-cookie', sessionCookie(request, context, '', 0));
      return;
    }
    request.actor = session.actor;
    request.authentication = { via: 'session', user: session.user, session };
    if (!SAFE_METHODS.has(request.method) && !CSRF_EXEMPT.has(`${request.method} ${request.url.split('?')[0]}`)) {
      const sent = request.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !sameSecret(sent, session.csrfToken)) {
        return sendProblem(reply, request, new AppError('csrf_failed'));
      }
    }
  });
}

/** Route hook: the public gets 401 before its request is even validated. */
export const requireUser: preValidationAsyncHookHandler = async (request: FastifyRequest, reply: FastifyReply) => {
  if (request.actor.kind === 'anonymous') return sendProblem(reply, request, new AppError('unauthenticated'));
};
