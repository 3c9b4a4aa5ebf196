import { type DatabaseLocation, parseDatabaseUrl } from '../db/create-database.js';

export interface Config {
  database: DatabaseLocation;
  port: number;
  host: string;
  production: boolean;
  logLevel: string;
  /** Worker threads that run full-text queries on SQLite, so a search never blocks other requests. */
  searchWorkers: number;
  /** Bytes of serialised read answers kept in memory until the next write (0 keeps none). */
  responseCacheBytes: number;
  /** Sessions: idle timeout and absolute lifetime. */
  session: { idleMs: number; absoluteMs: number };
  /** The session cookie's Secure attribute: `auto` sets it when the request came over HTTPS. */
  cookieSecure: 'auto' | 'always' | 'never';
  /** Trust X-Forwarded-For/-Proto from a reverse proxy (for the client address and HTTPS). */
  trustProxy: boolean;
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
    responseCacheBytes: integer('RESPONSE_CACHE_MB', env.RESPONSE_CACHE_MB, 64, 0, 16_384) * 1024 * 1024,
    session: {
      idleMs: integer('SESSION_IDLE_MINUTES', env.SESSION_IDLE_MINUTES, 30, 1, 24 * 60) * 60_000,
      absoluteMs: integer('SESSION_ABSOLUTE_HOURS', env.SESSION_ABSOLUTE_HOURS, 12, 1, 30 * 24) * 3_600_000,
    },
    cookieSecure: choice('COOKIE_SECURE', env.COOKIE_SECURE, ['auto', 'always', 'never'] as const, 'auto'),
    trustProxy: choice('TRUST_PROXY', env.TRUST_PROXY, ['true', 'false'] as const, 'false') === 'true',
  };
}
