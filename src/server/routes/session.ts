import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ProblemSchema } from '../../contracts/common.contract.js';
import { AbilitiesSchema, type SessionResponse, SessionSchema, SignInRequest } from '../../contracts/session.contract.js';
import { ChangePasswordRequest } from '../../contracts/users.contract.js';
import { platformAbilities } from '../../core/access/access.js';
import { signOut } from '../../core/identity/authenticate.js';
import { changePassword } from '../../core/identity/password-links.js';
import { signIn } from '../../core/identity/sign-in.js';
import type { User } from '../../core/identity/user.js';
import { AppError } from '../../core/shared/errors.js';
import type { AppContext } from '../context.js';
import { requireUser, sessionCookie } from '../plugins/authentication.js';

const tags = ['session'];

function presentSession(user: User, csrfToken: string | null, expiresAt: Date | null): SessionResponse {
  return {
    user: { id: user.id, email: user.email, name: user.name, role: user.role, organisation: user.organisation },
    abilities: platformAbilities({ kind: 'user', userId: user.id, role: user.role, organisation: user.organisation }),
    csrfToken,
    expiresAt: expiresAt ? expiresAt.toISOString() : null,
  };
}

function private_(reply: FastifyReply): FastifyReply {
  return reply.header('cache-control', 'no-store');
}

/** Sign in (POST), who am I (GET), sign out (DELETE): the session of the web app. */
export function sessionRoutes(app: FastifyInstance, context: AppContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { identity: store, hasher, clock, sessionPolicy, commonPasswords } = context;

  api.post(
    '/api/v1/session',
    {
      schema: {
        tags,
        summary: 'Sign in with e-mail and password',
        description:
          'Sets the session cookie (HttpOnly, SameSite=Lax, Secure over HTTPS) with a new session id, and answers the session with its CSRF token. Failed attempts are throttled per account and per address (429 with Retry-After).',
        body: SignInRequest,
        response: { 200: SessionSchema, 400: ProblemSchema, 401: ProblemSchema, 429: ProblemSchema },
      },
    },
    async (request: FastifyRequest<{ Body: { email: string; password: string } }>, reply) => {
      const signedIn = await signIn({
        email: request.body.email,
        password: request.body.password,
        address: request.ip,
        store,
        hasher,
        clock,
        policy: sessionPolicy,
      });
      // A session the caller had before signing in ends: the signed-in session is always a new one.
      const previous = request.authentication;
      if (previous.via === 'session') {
        await signOut({ idHash: previous.session.idHash, store, clock, cause: 'signed_in_again' });
      }
      // The new cookie replaces the clearing of a stale one the authentication hook may have set.
      reply.removeHeader('set-cookie');
      reply.header(
        'set-cookie',
        sessionCookie(request, context, signedIn.sessionId, (signedIn.expiresAt.getTime() - clock.now().getTime()) / 1000),
      );
      return private_(reply).send(presentSession(signedIn.user, signedIn.csrfToken, signedIn.expiresAt));
    },
  );

  api.get(
    '/api/v1/session',
    {
      preValidation: requireUser,
      schema: {
        tags,
        summary: 'Who am I: the signed-in user, what they may do, and the CSRF token',
        description: 'With an API token, `csrfToken` and `expiresAt` are null (a token needs no CSRF token).',
        response: { 200: SessionSchema, 401: ProblemSchema },
      },
    },
    async (request, reply) => {
      const auth = request.authentication;
      if (auth.via === 'none') throw new AppError('unauthenticated');
      const session = auth.via === 'session' ? auth.session : undefined;
      return private_(reply).send(presentSession(auth.user, session?.csrfToken ?? null, session?.expiresAt ?? null));
    },
  );

  api.get(
    '/api/v1/abilities',
    {
      schema: {
        tags,
        summary: 'What the caller may do on the platform as a whole (the public too)',
        description:
          'The same `abilities` as in the session, for any caller: the public gets what the public may do (report an obstacle), so a client shows only the actions the server allows without signing in.',
        response: { 200: AbilitiesSchema },
      },
    },
    async (request, reply) => private_(reply).send({ abilities: platformAbilities(request.actor) }),
  );

  api.delete(
    '/api/v1/session',
    {
      preValidation: requireUser,
      schema: {
        tags,
        summary: 'Sign out: the session ends and the cookie is cleared',
        description: 'Needs the X-CSRF-Token header. An API token is not a session: revoke it with `schakel token revoke`.',
        response: { 204: z.null().meta({ description: 'Signed out' }), 401: ProblemSchema, 403: ProblemSchema },
      },
    },
    async (request, reply) => {
      const auth = request.authentication;
      if (auth.via !== 'session') throw new AppError('unauthenticated');
      await signOut({ idHash: auth.session.idHash, store, clock });
      return private_(reply)
        .header('set-cookie', sessionCookie(request, context, '', 0))
        .code(204)
        .send();
    },
  );

  api.put(
    '/api/v1/session/password',
    {
      preValidation: requireUser,
      schema: {
        tags,
        summary: 'Change my password',
        description:
          'The current password and a new one (at least 12 characters, not a commonly used one). Every other session of the user ends; this one stays. With the session cookie, send X-CSRF-Token.',
        body: ChangePasswordRequest,
        response: {
          204: z.null().meta({ description: 'Password changed' }),
          400: ProblemSchema,
          401: ProblemSchema,
          403: ProblemSchema,
        },
      },
    },
    async (request, reply) => {
      const auth = request.authentication;
      if (auth.via === 'none') throw new AppError('unauthenticated');
      await changePassword({
        userId: auth.user.id,
        currentPassword: request.body.currentPassword,
        newPassword: request.body.newPassword,
        keepSession: auth.via === 'session' ? auth.session.idHash : undefined,
        store,
        hasher,
        commonPasswords,
        clock,
      });
      return private_(reply).code(204).send();
    },
  );
}
