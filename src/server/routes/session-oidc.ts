import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ProblemSchema } from '../../contracts/common.contract.js';
import {
  OidcProviderParams,
  OidcStartQuery,
  type SignInProvidersResponse,
  SignInProvidersSchema,
} from '../../contracts/session.contract.js';
import { signOut } from '../../core/identity/authenticate.js';
import { completeOidcSignIn, OIDC_LOGIN_MS, startOidcSignIn } from '../../core/identity/oidc-sign-in.js';
import { OidcExchangeError } from '../../core/identity/ports.js';
import { AppError } from '../../core/shared/errors.js';
import type { AppContext } from '../context.js';
import { cookie, readCookie, sessionCookie } from '../plugins/authentication.js';

const tags = ['session'];

/** The browser's binding cookie: a pending login's callback must come from the browser that started it. */
export const OIDC_COOKIE = 'schakel_oidc';
const OIDC_PATH = '/api/v1/session/oidc';

/** Where the browser goes when a sign-in at a provider fails: the web's sign-in page shows the code's message. */
export const SIGN_IN_PAGE = '/sign-in';

function private_(reply: FastifyReply): FastifyReply {
  return reply.header('cache-control', 'no-store');
}

/** The redirect URI registered at the provider: PUBLIC_URL when set, else the request's own protocol and host. */
function redirectUri(request: FastifyRequest, context: AppContext, key: string): string {
  const base = context.publicUrl ?? `${request.protocol}://${request.host}`;
  return `${base}${OIDC_PATH}/${encodeURIComponent(key)}/callback`;
}

/**
 * OpenID Connect sign-in (authorisation code with PKCE) at the identity providers of the
 * governments: the list of providers, the start (a redirect to the provider) and the callback
 * (a new session, then a redirect back into the site).
 */
export function oidcSessionRoutes(app: FastifyInstance, context: AppContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { identity: store, oidc, clock, sessionPolicy } = context;

  api.get(
    '/api/v1/session/providers',
    {
      schema: {
        tags,
        summary: 'The identity providers one can sign in with (OpenID Connect)',
        description: 'Empty when none is configured. Names are in the requested language when one is configured for it.',
        response: { 200: SignInProvidersSchema },
      },
    },
    async (request): Promise<SignInProvidersResponse> => ({
      items: context.oidcProviders.map((p) => ({ key: p.key, name: p.names[request.language] ?? p.name })),
    }),
  );

  api.get(
    `${OIDC_PATH}/:key`,
    {
      schema: {
        tags,
        summary: 'Sign in at an identity provider: redirects (302) to it',
        description:
          'A browser navigation. Redirects to the provider with an authorisation code request using PKCE (S256), `state` and `nonce`, and sets a short-lived HttpOnly cookie that binds the sign-in to this browser. The sign-in must come back within 10 minutes. Unknown provider → 404 `oidc_provider_unknown`; a `returnTo` that is not a path of this site → 400; the provider cannot be reached → 502 `oidc_failed`.',
        params: OidcProviderParams,
        querystring: OidcStartQuery,
        response: {
          302: z.null().meta({ description: 'To the provider (Location)' }),
          400: ProblemSchema,
          404: ProblemSchema,
          502: ProblemSchema,
        },
      },
    },
    async (request, reply) => {
      const key = request.params.key;
      let started: Awaited<ReturnType<typeof startOidcSignIn>>;
      try {
        started = await startOidcSignIn({
          provider: key,
          returnTo: request.query.returnTo,
          redirectUri: redirectUri(request, context, key),
          browserBinding: readCookie(request.headers.cookie, OIDC_COOKIE),
          store,
          oidc,
          clock,
        });
      } catch (error) {
        if (error instanceof AppError && error.cause instanceof OidcExchangeError) {
          request.log.warn({ provider: key, failure: error.cause.detail }, 'OpenID Connect provider not usable');
        }
        throw error;
      }
      reply.header(
        'set-cookie',
        cookie(request, context, {
          name: OIDC_COOKIE,
          value: started.browserBinding,
          maxAgeSeconds: OIDC_LOGIN_MS / 1000,
          path: OIDC_PATH,
        }),
      );
      return private_(reply).redirect(started.url.href, 302);
    },
  );

  api.get(
    `${OIDC_PATH}/:key/callback`,
    {
      schema: {
        tags,
        summary: 'Where the identity provider sends the browser back: signs in and redirects (303)',
        description: `A browser navigation, with the provider's \`code\`, \`state\` and \`iss\` (or \`error\`) in the query. On success: a new session (the session cookie, as \`POST /api/v1/session\` sets it; a session the browser had before ends) and 303 to the \`returnTo\` of the start. On failure: 303 to \`${SIGN_IN_PAGE}?error=<code>\` with \`oidc_state_invalid\`, \`oidc_failed\`, \`oidc_unknown_user\`, \`oidc_email_unverified\`, \`oidc_user_disabled\` or \`oidc_provider_unknown\`. Every attempt is recorded.`,
        params: OidcProviderParams,
        response: {
          303: z.null().meta({ description: 'To `returnTo` when signed in, else to the sign-in page with `error`' }),
        },
      },
    },
    async (request, reply) => {
      const key = request.params.key;
      // The query as the provider sent it (repeated or unknown parameters included): openid-client checks it.
      const query = new URLSearchParams(request.url.split('?')[1] ?? '');
      try {
        const signedIn = await completeOidcSignIn({
          provider: key,
          query,
          browserBinding: readCookie(request.headers.cookie, OIDC_COOKIE),
          address: request.ip,
          store,
          oidc,
          clock,
          policy: sessionPolicy,
        });
        // A session the browser had before ends: the signed-in session is always a new one.
        const previous = request.authentication;
        if (previous.via === 'session') {
          await signOut({ idHash: previous.session.idHash, store, clock, cause: 'signed_in_again' });
        }
        reply.removeHeader('set-cookie');
        reply.header(
          'set-cookie',
          sessionCookie(request, context, signedIn.sessionId, (signedIn.expiresAt.getTime() - clock.now().getTime()) / 1000),
        );
        return private_(reply).redirect(signedIn.returnTo, 303);
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        if (error.cause instanceof OidcExchangeError) {
          request.log.warn({ provider: key, failure: error.cause.detail }, 'OpenID Connect sign-in failed');
        }
        return private_(reply).redirect(`${SIGN_IN_PAGE}?error=${error.code}`, 303);
      }
    },
  );
}
