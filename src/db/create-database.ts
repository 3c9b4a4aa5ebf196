import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import {
  type DialectAdapter,
  Kysely,
  PostgresDialect,
  SqliteAdapter,
  type SqliteDatabase,
  SqliteDialect,
  type SqliteStatement,
} from 'kysely';
import pg from 'pg';
import type { DB } from './schema.js';
import { registerPackAggregate } from './search/sqlite-read-pool.js';

export type Dialect = 'sqlite' | 'postgres';

export type DatabaseLocation = { dialect: 'sqlite'; path: string } | { dialect: 'postgres'; connectionString: string };

export interface Database {
  db: Kysely<DB>;
  dialect: Dialect;
  location: DatabaseLocation;
  /** The open SQLite handle (SQLite only): used by the search workers' capability and by benchmarks. */
  sqlite?: SQLite.Database;
  close(): Promise<void>;
}

export const DEFAULT_SQLITE_PATH = './data/schakel.sqlite';

/**
 * Reads DATABASE_URL: unset → ./data/schakel.sqlite; `sqlite:<path>` → that file;
 * `postgres://…` or `postgresql://…` → PostgreSQL. Anything else is refused.
 */
export function parseDatabaseUrl(url: string | undefined): DatabaseLocation {
  if (url === undefined || url.trim() === '') return { dialect: 'sqlite', path: resolve(DEFAULT_SQLITE_PATH) };
  const value = url.trim();
  if (value.startsWith('sqlite:')) {
    const path = value.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (path === '') throw new Error('DATABASE_URL=sqlite: needs a file path, for example sqlite:./data/schakel.sqlite');
    return { dialect: 'sqlite', path: path === ':memory:' ? path : resolve(path) };
  }
  if (/^postgres(ql)?:\/\//.test(value)) return { dialect: 'postgres', connectionString: value };
  throw new Error('DATABASE_URL must start with sqlite: or postgres://');
}

/** Describes a location without its password, for logs and messages. */
export function describeLocation(location: DatabaseLocation): string {
  if (location.dialect === 'sqlite') return `SQLite ${location.path}`;
  try {
    const url = new URL(location.connectionString);
    if (url.password) url.password = '***';
    return `PostgreSQL ${url.toString()}`;
  } catch {
    return 'PostgreSQL';
  }
}

/** SQLITE_MAX_MMAP_SIZE's default on 64-bit builds (0x7fff0000): a larger value is cut to it. */
const MMAP_BYTES = 0x7fff0000;

/** Opens a SQLite file with the pragmas Schakel relies on (WAL, foreign keys, a busy timeout). */
export function openSqlite(path: string, options: { readonly?: boolean } = {}): SQLite.Database {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const handle = new SQLite(path, { readonly: options.readonly ?? false });
  // exec rather than pragma(), which prepares and drops a statement each time (see sqlite-read-pool.ts).
  if (!options.readonly) handle.exec('PRAGMA journal_mode = WAL');
  handle.exec(
    'PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000; PRAGMA cache_size = -65536; PRAGMA temp_store = MEMORY',
  );
  // Reads through memory-mapped I/O (up to SQLite's 2 GB limit of the file): a page the operating
  // system has cached costs no read() call and no copy. The history of an obstacle, ten rows
  // scattered over a large audit table, took a third less CPU this way (bench/RESULTS.md, History).
  if (path !== ':memory:') handle.exec(`PRAGMA mmap_size = ${MMAP_BYTES}`);
  registerPackAggregate(handle);
  return handle;
}

/**
 * Whether a better-sqlite3 12 statement may be left to the garbage collector in this process. On
 * Node 24 and later its finaliser can abort the process (`RemoveEnvironmentCleanupHook … (env) !=
 * nullptr`, docs/decisions/0007), so there a statement must stay referenced while its connection lives.
 */
export function statementsMayBeCollected(nodeVersion: string = process.versions.node): boolean {
  return Number.parseInt(nodeVersion.split('.')[0] ?? '', 10) < 24;
}

export interface StatementCacheOptions {
  /** How many statements are looked up by SQL string; beyond it the least recently used one is evicted. */
  max?: number;
  /**
   * Whether an evicted statement is dropped (left to the garbage collector) or kept for the
   * connection's life. Default: dropped only where that is safe (statementsMayBeCollected).
   */
  dropEvicted?: boolean;
}

/** The statement cache's SQLite handle, with counts for tests and diagnostics. */
export interface CachedSqliteDatabase extends SqliteDatabase {
  /** Statements looked up by SQL string. */
  readonly cached: number;
  /** Evicted statements kept so the garbage collector never finalises them. */
  readonly kept: number;
}

/**
 * Kysely prepares every query anew; better-sqlite3 statements can be reused. Keeping the
 * prepared statements of the queries the app repeats (a few hundred distinct SQL strings) saves
 * the parse and plan on every request. Statements are only run with all()/run() by Kysely, never
 * left half-iterated, so sharing one per SQL string is safe on the single connection.
 *
 * At `max` statements the least recently used one is evicted. Where a collected statement can
 * abort the process (Node 24 and later, decision 0007) the evicted statement is still kept
 * referenced for the connection's life; it is never dropped all at once as a cleared cache would.
 */
export function withStatementCache(sqlite: SQLite.Database, options: StatementCacheOptions = {}): CachedSqliteDatabase {
  const max = options.max ?? 2000;
  const dropEvicted = options.dropEvicted ?? statementsMayBeCollected();
  const statements = new Map<string, SQLite.Statement>();
  const kept: SQLite.Statement[] = [];
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      let statement = statements.get(sql);
      if (statement) {
        // Map keeps insertion order: moving the hit to the end keeps the first entry the least recently used.
        statements.delete(sql);
      } else {
        statement = sqlite.prepare(sql);
        if (statements.size >= max) {
          const [oldestSql, oldest] = statements.entries().next().value as [string, SQLite.Statement];
          statements.delete(oldestSql);
          if (!dropEvicted) kept.push(oldest);
        }
      }
      statements.set(sql, statement);
      return statement as unknown as SqliteStatement;
    },
    get cached() {
      return statements.size;
    },
    get kept() {
      return kept.length;
    },
  };
}

/**
 * SQLite runs DDL inside transactions, but Kysely's adapter says it does not, so its migrator would
 * run each statement on its own and a migration failing halfway would leave the schema half
 * changed (and the next run failing on what was done). This adapter says what SQLite can.
 */
class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

class SchakelSqliteDialect extends SqliteDialect {
  override createAdapter(): DialectAdapter {
    return new TransactionalDdlSqliteAdapter();
  }
}

/**
 * The one factory that chooses the dialect. Everything else receives a Database. `readonly`
 * (SQLite): a connection that cannot write, for a process that only reads beside the server's
 * (the solver process); on PostgreSQL the role's rights decide, and `poolSize` bounds the connections.
 */
export function createDatabase(location: DatabaseLocation, options: { poolSize?: number; readonly?: boolean } = {}): Database {
  if (location.dialect === 'sqlite') {
    const sqlite = openSqlite(location.path, { readonly: options.readonly });
    const db = new Kysely<DB>({ dialect: new SchakelSqliteDialect({ database: withStatementCache(sqlite) }) });
    return {
      db,
      dialect: 'sqlite',
      location,
      sqlite,
      close: async () => {
        await db.destroy();
      },
    };
  }
  const pool = new pg.Pool({ connectionString: location.connectionString, max: options.poolSize ?? 10 });
  // An idle client that loses its server must not crash the process; the next query reports it.
  pool.on('error', () => {});
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    dialect: 'postgres',
    location,
    close: async () => {
      await db.destroy();
    },
  };
}
