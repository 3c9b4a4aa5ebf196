import { LANGUAGES, type Language } from '../core/shared/language.js';
import { type DatabaseLocation, parseDatabaseUrl } from '../db/create-database.js';
import { DEFAULT_SOLVE_NICE } from './selection/solve-process.js';

export const OIDC_AUTH_METHODS = ['client_secret_basic', 'client_secret_post', 'none'] as const;

/** One OpenID Connect provider (an identity provider of a government), from OIDC_<KEY>_* variables. */
export interface OidcProviderConfig {
  /** Lower-case letters, digits, hyphens: in the sign-in URLs (`/api/v1/session/oidc/<key>`). */
  key: string;
  /** The issuer identifier; its discovery document is at `<issuer>/.well-known/openid-configuration`. */
  issuer: string;
  clientId: string;
  /** From the environment only; never in the repository. */
  clientSecret: string | undefined;
  /** How Schakel authenticates at the token endpoint. */
  authMethod: (typeof OIDC_AUTH_METHODS)[number];
  scope: string;
  /** The name shown on the sign-in page, with optional names per language. */
  name: string;
  names: Partial<Record<Language, string>>;
}

export interface Config {
  database: DatabaseLocation;
  port: number;
  host: string;
  production: boolean;
  logLevel: string;
  /** Worker threads that run full-text queries on SQLite, so a search never blocks other requests. */
  searchWorkers: number;
  /** Server processes `serve` runs on the one port (node:cluster); 1 serves from the main process. */
  workers: number;
  /** The niceness (0–19) of the process that solves selection rounds: higher leaves more CPU to requests. */
  solveNice: number;
  /** Bytes of serialised read answers kept in memory until the next write (0 keeps none). */
  responseCacheBytes: number;
  /** Sessions: idle timeout and absolute lifetime. */
  session: { idleMs: number; absoluteMs: number };
  /** The session cookie's Secure attribute: `auto` sets it when the request came over HTTPS. */
  cookieSecure: 'auto' | 'always' | 'never';
  /** Trust X-Forwarded-For/-Proto from a reverse proxy (for the client address and HTTPS). */
  trustProxy: boolean;
  /** The address people reach Schakel at (`https://schakel.example.eu`), without a trailing slash. */
  publicUrl: string | undefined;
  /** OpenID Connect providers, in the order of OIDC_PROVIDERS. */
  oidcProviders: OidcProviderConfig[];
  /** The SMTP server of mails (`smtp://host:25`); undefined: no mail, notifications in the inbox only. */
  smtpUrl: string | undefined;
  /** The From of mails (default `Schakel <noreply@host of PUBLIC_URL>`). */
  mailFrom: string | undefined;
}

function smtpUrl(value: string | undefined, publicUrl: string | undefined): string | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new Error(`SMTP_URL must be an smtp:// or smtps:// address such as smtp://127.0.0.1:2525, not "${value}"`);
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    throw new Error(`SMTP_URL must be an smtp:// or smtps:// address such as smtp://127.0.0.1:2525, not "${value}"`);
  }
  if (publicUrl === undefined) throw new Error('SMTP_URL needs PUBLIC_URL: the links in mails are absolute');
  return value.trim();
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

function publicUrl(value: string | undefined): string | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new Error(`PUBLIC_URL must be an http(s) address such as https://schakel.example.eu, not "${value}"`);
  }
  // Schakel serves its pages and API at the root of its address, so the address is an origin.
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.pathname !== '/' || url.search || url.hash || url.username) {
    throw new Error(`PUBLIC_URL must be an http(s) origin without path, query or credentials, not "${value}"`);
  }
  return url.origin;
}

/**
 * OIDC_PROVIDERS=key1,key2 and, per key (upper-cased, hyphens as underscores), OIDC_<KEY>_ISSUER,
 * _CLIENT_ID, _CLIENT_SECRET, _NAME (and _NAME_NL/_FR/_DE/_EN), _SCOPE, _AUTH_METHOD.
 */
export function loadOidcProviders(env: NodeJS.ProcessEnv): OidcProviderConfig[] {
  const list = env.OIDC_PROVIDERS?.trim();
  if (!list) return [];
  const keys = list.split(',').map((k) => k.trim());
  const providers: OidcProviderConfig[] = [];
  for (const key of keys) {
    if (!/^[a-z][a-z0-9-]{0,39}$/.test(key)) {
      throw new Error(`OIDC_PROVIDERS must list keys of lower-case letters, digits and hyphens, not "${key}"`);
    }
    if (providers.some((p) => p.key === key)) throw new Error(`OIDC_PROVIDERS names "${key}" twice`);
    const prefix = `OIDC_${key.toUpperCase().replaceAll('-', '_')}_`;
    const read = (name: string) => {
      const value = env[`${prefix}${name}`]?.trim();
      return value === '' ? undefined : value;
    };
    const required = (name: string) => {
      const value = read(name);
      if (value === undefined) throw new Error(`${prefix}${name} is required for the OpenID Connect provider "${key}"`);
      return value;
    };
    const issuer = required('ISSUER');
    let issuerUrl: URL;
    try {
      issuerUrl = new URL(issuer);
    } catch {
      throw new Error(`${prefix}ISSUER must be the provider's issuer URL, not "${issuer}"`);
    }
    // Plain http only to this machine (development and tests): tokens never cross a network unencrypted.
    if (issuerUrl.protocol !== 'https:' && !(issuerUrl.protocol === 'http:' && LOOPBACK.has(issuerUrl.hostname))) {
      throw new Error(`${prefix}ISSUER must be an https URL (http only for localhost), not "${issuer}"`);
    }
    const clientSecret = read('CLIENT_SECRET');
    const authMethod = choice(
      `${prefix}AUTH_METHOD`,
      read('AUTH_METHOD'),
      OIDC_AUTH_METHODS,
      clientSecret === undefined ? 'none' : 'client_secret_basic',
    );
    if (authMethod !== 'none' && clientSecret === undefined) {
      throw new Error(`${prefix}CLIENT_SECRET is required with ${prefix}AUTH_METHOD=${authMethod}`);
    }
    const scope = read('SCOPE') ?? 'openid email profile';
    if (!scope.split(/\s+/).includes('openid')) throw new Error(`${prefix}SCOPE must include openid, not "${scope}"`);
    const names: Partial<Record<Language, string>> = {};
    for (const language of LANGUAGES) {
      const name = read(`NAME_${language.toUpperCase()}`);
      if (name !== undefined) names[language] = name;
    }
    providers.push({
      key,
      issuer,
      clientId: required('CLIENT_ID'),
      clientSecret,
      authMethod,
      scope,
      name: read('NAME') ?? key,
      names,
    });
  }
  return providers;
}

function choice<T extends string>(name: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined || value.trim() === '') return fallback;
  const v = value.trim().toLowerCase();
  if (!(allowed as readonly string[]).includes(v))
    throw new Error(`${name} must be one of ${allowed.join(', ')}, not "${value}"`);
  return v as T;
}

function integer(name: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined || value.trim() === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < min || parsed > max) {
    throw new Error(`${name} must be a whole number from ${min} to ${max}, not "${value}"`);
  }
  return parsed;
}

/** Reads the configuration from the environment (the only place besides the CLI that does). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    database: parseDatabaseUrl(env.DATABASE_URL),
    port: integer('PORT', env.PORT, 3000, 0, 65_535),
    host: env.HOST?.trim() || '127.0.0.1',
    production: env.NODE_ENV === 'production',
    logLevel: env.LOG_LEVEL?.trim() || 'warn',
    searchWorkers: integer('SEARCH_WORKERS', env.SEARCH_WORKERS, 1, 0, 16),
    workers: integer('WORKERS', env.WORKERS, 1, 1, 64),
    solveNice: integer('SOLVE_NICE', env.SOLVE_NICE, DEFAULT_SOLVE_NICE, 0, 19),
    responseCacheBytes: integer('RESPONSE_CACHE_MB', env.RESPONSE_CACHE_MB, 64, 0, 16_384) * 1024 * 1024,
    session: {
      idleMs: integer('SESSION_IDLE_MINUTES', env.SESSION_IDLE_MINUTES, 30, 1, 24 * 60) * 60_000,
      absoluteMs: integer('SESSION_ABSOLUTE_HOURS', env.SESSION_ABSOLUTE_HOURS, 12, 1, 30 * 24) * 3_600_000,
    },
    cookieSecure: choice('COOKIE_SECURE', env.COOKIE_SECURE, ['auto', 'always', 'never'] as const, 'auto'),
    trustProxy: choice('TRUST_PROXY', env.TRUST_PROXY, ['true', 'false'] as const, 'false') === 'true',
    publicUrl: publicUrl(env.PUBLIC_URL),
    oidcProviders: loadOidcProviders(env),
    smtpUrl: smtpUrl(env.SMTP_URL, publicUrl(env.PUBLIC_URL)),
    mailFrom: env.MAIL_FROM?.trim() || undefined,
  };
}
