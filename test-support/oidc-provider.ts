/**
 * A real OpenID Connect provider for tests (`oidc-provider`), on 127.0.0.1 at a free port, with
 * one confidential client, an account store the test changes at will, PKCE required, and the
 * package's development login and consent pages (any password is accepted: the account store
 * decides who exists). Plus a browser for the tests: fetch with manual redirects and a cookie jar.
 *
 *   const idp = await startOidcProvider();
 *   idp.accounts.set('anna', { email: 'anna@example.org', emailVerified: true });
 *   idp.allowRedirect('http://127.0.0.1:4321/api/v1/session/oidc/test/callback');
 *   const browser = new Browser();
 *   const callback = await browser.signInAtProvider(authorisationUrl, 'anna');
 */
import { generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type Configuration } from 'oidc-provider';

export interface TestAccount {
  email?: string;
  emailVerified?: boolean;
}

export interface TestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Accounts by subject (`sub`), read at every sign-in. */
  accounts: Map<string, TestAccount>;
  /** Registers the client's redirect URI (known once the app listens). */
  allowRedirect(uri: string): void;
  close(): Promise<void>;
}

export async function startOidcProvider(): Promise<TestProvider> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const issuer = `http://127.0.0.1:${port}`;
  const accounts = new Map<string, TestAccount>();
  const clientId = 'schakel-test';
  const clientSecret = `secret-${port}-${Math.random().toString(36).slice(2)}`;
  const redirectUris: string[] = [];
  let provider: Provider | undefined;

  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = privateKey.export({ format: 'jwk' });

  const configure = (): Provider => {
    const configuration: Configuration = {
      clients: [
        {
          client_id: clientId,
          client_secret: clientSecret,
          redirect_uris: [...redirectUris],
          grant_types: ['authorization_code'],
          response_types: ['code'],
          token_endpoint_auth_method: 'client_secret_basic',
        },
      ],
      jwks: { keys: [{ ...jwk, kid: 'test-key', use: 'sig', alg: 'RS256' } as never] },
      cookies: { keys: [`cookie-key-${port}`] },
      claims: { openid: ['sub'], email: ['email', 'email_verified'] },
      pkce: { required: () => true },
      ttl: { AccessToken: 600, AuthorizationCode: 60, Grant: 3600, IdToken: 600, Interaction: 600, Session: 3600 },
      features: { devInteractions: { enabled: true } },
      findAccount: async (_ctx, sub) => {
        const account = accounts.get(sub);
        if (!account) return undefined;
        return {
          accountId: sub,
          claims: async () => ({
            sub,
            ...(account.email !== undefined ? { email: account.email } : {}),
            ...(account.emailVerified !== undefined ? { email_verified: account.emailVerified } : {}),
          }),
        };
      },
    };
    const made = new Provider(issuer, configuration);
    return made;
  };

  server.on('request', (req, res) => {
    if (!provider) {
      res.statusCode = 503;
      res.end('provider not configured yet');
      return;
    }
    provider.callback()(req, res);
  });

  return {
    issuer,
    clientId,
    clientSecret,
    accounts,
    allowRedirect(uri: string) {
      redirectUris.push(uri);
      provider = configure();
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** A browser for HTTP tests: follows no redirect by itself, keeps cookies like a browser (per host, by path). */
export class Browser {
  /** name → { value, path } (one host: 127.0.0.1; cookies do not depend on the port). */
  readonly cookies = new Map<string, { value: string; path: string }>();

  cookieHeader(url: URL): string | undefined {
    const sent = [...this.cookies.entries()]
      .filter(([, c]) => url.pathname === c.path || url.pathname.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`))
      .map(([name, c]) => `${name}=${c.value}`);
    return sent.length > 0 ? sent.join('; ') : undefined;
  }

  async fetch(input: string | URL, init: { method?: string; body?: URLSearchParams } = {}): Promise<Response> {
    const url = new URL(input);
    const headers: Record<string, string> = { accept: 'text/html,application/json' };
    const cookie = this.cookieHeader(url);
    if (cookie) headers.cookie = cookie;
    const response = await fetch(url, { method: init.method ?? 'GET', headers, body: init.body, redirect: 'manual' });
    for (const line of response.headers.getSetCookie()) this.store(line);
    return response;
  }

  private store(line: string): void {
    const [pair = '', ...attributes] = line.split(';').map((p) => p.trim());
    const eq = pair.indexOf('=');
    const name = pair.slice(0, eq);
    const value = pair.slice(eq + 1);
    let path = '/';
    let expired = value === '';
    for (const attribute of attributes) {
      const [key = '', v = ''] = attribute.split('=');
      if (key.toLowerCase() === 'path') path = v;
      if (key.toLowerCase() === 'max-age' && Number(v) <= 0) expired = true;
      if (key.toLowerCase() === 'expires' && new Date(v).getTime() < Date.now()) expired = true;
    }
    if (expired) this.cookies.delete(name);
    else this.cookies.set(name, { value, path });
  }

  /**
   * Goes from the provider's authorisation URL through its login and consent pages as `account`
   * (or aborts at the login page) and returns the URL the provider sends the browser back to,
   * without visiting it.
   */
  async signInAtProvider(authorisationUrl: URL, account: string | { abort: true }): Promise<URL> {
    let url = authorisationUrl;
    for (let step = 0; step < 12; step++) {
      const response = await this.fetch(url);
      if (response.status >= 300 && response.status < 400) {
        const location = new URL(response.headers.get('location') ?? '', url);
        if (location.origin !== authorisationUrl.origin) return location;
        url = location;
        continue;
      }
      const html = await response.text();
      if (response.status !== 200) throw new Error(`provider answered ${response.status}: ${html.slice(0, 300)}`);
      const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1];
      if (prompt === undefined) throw new Error(`no login or consent form at ${url.pathname}: ${html.slice(0, 300)}`);
      if (typeof account !== 'string') {
        url = new URL(`${url.pathname}/abort`, url);
        continue;
      }
      const form = new URLSearchParams({ prompt });
      if (prompt === 'login') {
        form.set('login', account);
        form.set('password', 'any password');
      }
      const submitted = await this.fetch(url, { method: 'POST', body: form });
      const next = submitted.headers.get('location');
      if (!next) throw new Error(`the ${prompt} form answered ${submitted.status}: ${(await submitted.text()).slice(0, 300)}`);
      url = new URL(next, url);
      if (url.origin !== authorisationUrl.origin) return url;
    }
    throw new Error('the provider did not send the browser back');
  }
}
