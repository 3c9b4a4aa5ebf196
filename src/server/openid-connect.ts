import * as client from 'openid-client';
import { type OidcClaims, OidcExchangeError, type OpenIdConnect } from '../core/identity/ports.js';
import type { OidcProviderConfig } from './config.js';

/** The discovery document and keys of a provider are fetched again after this long. */
const DISCOVERY_MAX_AGE_MS = 60 * 60_000;
/** Seconds to wait for the provider (discovery, token endpoint, userinfo, keys). */
const TIMEOUT_SECONDS = 10;

interface Discovered {
  at: number;
  configuration: Promise<client.Configuration>;
}

function clientAuthentication(provider: OidcProviderConfig): client.ClientAuth {
  switch (provider.authMethod) {
    case 'client_secret_basic':
      return client.ClientSecretBasic(provider.clientSecret);
    case 'client_secret_post':
      return client.ClientSecretPost(provider.clientSecret);
    case 'none':
      return client.None();
  }
}

/**
 * What may be logged of a failure: the kind of error and the OAuth error code, never the
 * message of a token or claims validation (which can quote claims) nor anything of the request.
 */
function describe(error: unknown): string {
  if (error instanceof client.AuthorizationResponseError) return `authorization response: ${error.error}`;
  if (error instanceof client.ResponseBodyError) return `${error.name}: ${error.error} (HTTP ${error.status})`;
  if (error instanceof client.ClientError) return `${error.name}: ${error.code ?? 'no code'}`;
  if (error instanceof Error) return `${error.name}${'code' in error ? `: ${String(error.code)}` : ''}`;
  return 'unknown error';
}

/**
 * The OpenID Connect relying party on `openid-client` (v6): discovery from the issuer (cached for
 * an hour; a failed discovery is tried again on the next sign-in), authorisation URLs with PKCE
 * S256, and the authorisation code grant, which checks the state, the issuer of the response, the
 * ID token's signature, issuer, audience, expiry and nonce. The e-mail claims come from the ID
 * token, else from the userinfo endpoint (whose `sub` must be the ID token's).
 */
export class OpenIdClient implements OpenIdConnect {
  private readonly providers: ReadonlyMap<string, OidcProviderConfig>;
  private readonly discovered = new Map<string, Discovered>();

  constructor(providers: readonly OidcProviderConfig[]) {
    this.providers = new Map(providers.map((p) => [p.key, p]));
  }

  has(provider: string): boolean {
    return this.providers.has(provider);
  }

  private configuration(key: string): Promise<client.Configuration> {
    const provider = this.providers.get(key);
    if (!provider) return Promise.reject(new Error(`no OpenID Connect provider ${key}`));
    const cached = this.discovered.get(key);
    if (cached && Date.now() - cached.at < DISCOVERY_MAX_AGE_MS) return cached.configuration;
    const issuer = new URL(provider.issuer);
    const configuration = client.discovery(
      issuer,
      provider.clientId,
      { client_secret: provider.clientSecret },
      clientAuthentication(provider),
      {
        timeout: TIMEOUT_SECONDS,
        // Allowed by the configuration only for an issuer on this machine (development, tests).
        execute: issuer.protocol === 'http:' ? [client.allowInsecureRequests] : [],
      },
    );
    const entry = { at: Date.now(), configuration };
    this.discovered.set(key, entry);
    configuration.catch(() => {
      if (this.discovered.get(key) === entry) this.discovered.delete(key);
    });
    return configuration;
  }

  async authorizationUrl(request: {
    provider: string;
    redirectUri: string;
    state: string;
    nonce: string;
    codeVerifier: string;
  }): Promise<URL> {
    const provider = this.providers.get(request.provider);
    if (!provider) throw new Error(`no OpenID Connect provider ${request.provider}`);
    let configuration: client.Configuration;
    try {
      configuration = await this.configuration(request.provider);
    } catch (error) {
      throw new OidcExchangeError(`discovery: ${describe(error)}`);
    }
    return client.buildAuthorizationUrl(configuration, {
      response_type: 'code',
      redirect_uri: request.redirectUri,
      scope: provider.scope,
      state: request.state,
      nonce: request.nonce,
      code_challenge: await client.calculatePKCECodeChallenge(request.codeVerifier),
      code_challenge_method: 'S256',
    });
  }

  async exchange(request: {
    provider: string;
    redirectUri: string;
    query: URLSearchParams;
    state: string;
    nonce: string;
    codeVerifier: string;
  }): Promise<OidcClaims> {
    try {
      const configuration = await this.configuration(request.provider);
      // The URL the provider sent the browser to: openid-client takes the redirect_uri for the
      // token request from it (without the query), so it is exactly the one of the authorisation request.
      const current = new URL(request.redirectUri);
      for (const [name, value] of request.query) current.searchParams.append(name, value);
      const tokens = await client.authorizationCodeGrant(configuration, current, {
        pkceCodeVerifier: request.codeVerifier,
        expectedState: request.state,
        expectedNonce: request.nonce,
        idTokenExpected: true,
      });
      const claims = tokens.claims();
      if (!claims) throw new OidcExchangeError('no ID token');
      let email = claims.email;
      let verified = claims.email_verified;
      if (typeof email !== 'string') {
        const info = await client.fetchUserInfo(configuration, tokens.access_token, claims.sub);
        email = info.email;
        verified = info.email_verified;
      }
      return {
        issuer: claims.iss,
        subject: claims.sub,
        email: typeof email === 'string' && email !== '' ? email : undefined,
        emailVerified: verified === true,
      };
    } catch (error) {
      if (error instanceof OidcExchangeError) throw error;
      throw new OidcExchangeError(describe(error));
    }
  }
}
