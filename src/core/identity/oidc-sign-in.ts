import type { Clock } from '../obstacles/ports.js';
import { AppError, type ErrorCode, validationError } from '../shared/errors.js';
import { type IdentityStore, type OidcClaims, OidcExchangeError, type OpenIdConnect, type SignInEvent } from './ports.js';
import { hashSecret, newSecret } from './secrets.js';
import { DEFAULT_SESSION_POLICY, openSession, type SessionPolicy, type SignedIn, signInAudit } from './sign-in.js';
import type { User } from './user.js';

/** How long a started sign-in at a provider may take before its callback is refused. */
export const OIDC_LOGIN_MS = 10 * 60_000;

export const RETURN_TO_MAX = 2000;

/**
 * The path to return to after sign-in, when it is a path of this site: it starts with one `/`
 * (not `//` or `/\`, which browsers read as another host), has no control characters and
 * stays on the same origin once resolved. Returns the normalised path (with query and fragment),
 * or undefined for anything else.
 */
export function safeReturnPath(value: string): string | undefined {
  if (value.length === 0 || value.length > RETURN_TO_MAX) return undefined;
  if (!value.startsWith('/') || value.startsWith('//') || value.includes('\\')) return undefined;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
  if (/[\u0000-\u001f\u007f]/.test(value)) return undefined;
  const base = 'https://schakel.invalid';
  let url: URL;
  try {
    url = new URL(value, base);
  } catch {
    return undefined;
  }
  if (url.origin !== base) return undefined;
  return `${url.pathname}${url.search}${url.hash}`;
}

export interface StartedOidcSignIn {
  /** The provider's authorisation URL to send the browser to. */
  url: URL;
  /** The value for the browser's binding cookie (the same one when the browser already had one). */
  browserBinding: string;
}

/**
 * Starts a sign-in at an OpenID Connect provider: new random `state`, `nonce` and PKCE verifier,
 * a pending login stored for 10 minutes (state as a hash, bound to the browser), and the
 * provider's authorisation URL. Refuses an unknown provider (404) and a `returnTo` that is not a
 * path of this site (400, no open redirect).
 */
export async function startOidcSignIn(options: {
  provider: string;
  returnTo: string | undefined;
  redirectUri: string;
  /** The browser's binding cookie, when it has one (several tabs may sign in at once). */
  browserBinding: string | undefined;
  store: IdentityStore;
  oidc: OpenIdConnect;
  clock: Clock;
}): Promise<StartedOidcSignIn> {
  const { provider, store, oidc } = options;
  if (!oidc.has(provider)) throw new AppError('oidc_provider_unknown', { params: { provider } });
  const returnTo = options.returnTo === undefined ? '/' : safeReturnPath(options.returnTo);
  if (returnTo === undefined) {
    throw validationError([{ name: 'returnTo', code: 'invalid_format', params: { format: '/path' } }]);
  }
  const now = options.clock.now();
  const state = newSecret();
  const nonce = newSecret();
  // 43 base64url characters: within RFC 7636's 43–128 unreserved characters.
  const codeVerifier = newSecret();
  const browserBinding =
    options.browserBinding && /^[A-Za-z0-9_-]{43}$/.test(options.browserBinding) ? options.browserBinding : newSecret();
  let url: URL;
  try {
    url = await oidc.authorizationUrl({ provider, redirectUri: options.redirectUri, state, nonce, codeVerifier });
  } catch (error) {
    throw new AppError('oidc_failed', { cause: error });
  }
  await store.deleteExpiredOidcLogins(now);
  await store.insertOidcLogin({
    stateHash: hashSecret(state),
    provider,
    browserHash: hashSecret(browserBinding),
    codeVerifier,
    nonce,
    redirectUri: options.redirectUri,
    returnTo,
    createdAt: now,
    expiresAt: new Date(now.getTime() + OIDC_LOGIN_MS),
  });
  return { url, browserBinding };
}

export interface CompletedOidcSignIn extends SignedIn {
  returnTo: string;
}

/**
 * Finishes a sign-in at an OpenID Connect provider, from its callback: the pending login of this
 * `state` and browser is used up (once), the code is exchanged with the PKCE verifier and the ID
 * token validated (by the OpenIdConnect port), and the claims are mapped to an existing, enabled
 * user — first by a stored link of the provider's issuer and subject, else by a verified e-mail
 * address, after which the link is stored. Nobody is created. Every outcome is recorded in the
 * sign-in events and in the audit trail (`session.sign_in`, method `oidc`, the provider's key;
 * never the code, tokens or claims); a failure throws an AppError with the code the caller sees (`oidc_state_invalid`,
 * `oidc_failed`, `oidc_unknown_user`, `oidc_email_unverified`, `oidc_user_disabled`).
 */
export async function completeOidcSignIn(options: {
  provider: string;
  /** The callback's query as received (code, state, iss; or error). */
  query: URLSearchParams;
  browserBinding: string | undefined;
  address: string;
  store: IdentityStore;
  oidc: OpenIdConnect;
  clock: Clock;
  policy?: SessionPolicy;
}): Promise<CompletedOidcSignIn> {
  const { provider, query, store, oidc, address } = options;
  const policy = options.policy ?? DEFAULT_SESSION_POLICY;
  const now = options.clock.now();
  let claims: OidcClaims | undefined;
  const record = (event: Pick<SignInEvent, 'outcome' | 'userId' | 'reason'>, tx: IdentityStore = store) =>
    tx.recordSignIn({
      at: now,
      emailHash: hashSecret(claims ? `oidc ${claims.issuer} ${claims.subject}` : `oidc ${provider}`),
      address,
      method: 'oidc',
      provider,
      ...event,
    });
  const fail = async (code: ErrorCode, user?: User, cause?: unknown): Promise<never> => {
    await store.transaction(async (tx, audit) => {
      await record({ outcome: 'failure', userId: user?.id ?? null, reason: code }, tx);
      // A callback for no provider, or for no sign-in begun in this browser, is no attempt of anyone's
      // to sign in: anyone can send one, as often as they like, and the audit trail (which can never
      // be pruned) would grow with each. It stays in the sign-in events, which can be.
      if (code === 'oidc_provider_unknown' || code === 'oidc_state_invalid') return;
      await audit.append(signInAudit({ at: now, user, outcome: 'failure', method: 'oidc', provider, reason: code }));
    });
    throw new AppError(code, { cause });
  };

  if (!oidc.has(provider)) return fail('oidc_provider_unknown');
  const state = query.get('state');
  const browserBinding = options.browserBinding;
  if (!state || !browserBinding) return fail('oidc_state_invalid');
  const login = await store.takeOidcLogin(
    { stateHash: hashSecret(state), provider, browserHash: hashSecret(browserBinding) },
    now,
  );
  if (!login) return fail('oidc_state_invalid');

  try {
    claims = await oidc.exchange({
      provider,
      redirectUri: login.redirectUri,
      query,
      state,
      nonce: login.nonce,
      codeVerifier: login.codeVerifier,
    });
  } catch (error) {
    if (error instanceof OidcExchangeError) return fail('oidc_failed', undefined, error);
    throw error;
  }
  const { issuer, subject } = claims;

  const linked = await store.findUserByOidcIdentity(issuer, subject);
  let user: User;
  let link = false;
  if (linked) {
    user = linked;
  } else {
    if (!claims.email) return fail('oidc_unknown_user');
    if (!claims.emailVerified) return fail('oidc_email_unverified');
    const byEmail = await store.findUserByEmail(claims.email);
    if (!byEmail) return fail('oidc_unknown_user');
    // A user already linked to another subject of this issuer is not taken over by a new one with the same address.
    if (await store.hasOidcIdentity(byEmail.id, issuer)) return fail('oidc_unknown_user', byEmail);
    user = byEmail;
    link = true;
  }
  if (user.disabledAt) return fail('oidc_user_disabled', user);

  const session = await store.transaction(async (tx, audit) => {
    if (link) await tx.linkOidcIdentity({ issuer, subject, userId: user.id, provider }, now);
    else await tx.touchOidcIdentity(issuer, subject, now);
    const opened = await openSession({ user, store: tx, now, policy });
    await record({ outcome: 'success', userId: user.id, reason: null }, tx);
    await audit.append(signInAudit({ at: now, user, outcome: 'success', method: 'oidc', provider, linked: link }));
    return opened;
  });
  return { ...session, returnTo: login.returnTo };
}
