/**
 * Test databases on both dialects Schakel supports. Every database is new, migrated and seeded
 * with the reference data; `close()` throws it away (SQLite file deleted, PostgreSQL database
 * dropped).
 *
 *   describeEachDialect('obstacle repository', (getDb, dialect) => {
 *     it('stores an obstacle', async () => { const { db } = getDb(); … });
 *   });
 */
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, inject } from 'vitest';
import { createDatabase, type Database, type Dialect } from '../src/db/create-database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { seedReferenceData } from '../src/db/seed-reference.js';

export const DIALECTS = ['sqlite', 'postgres'] as const satisfies readonly Dialect[];

export type TestDialect = (typeof DIALECTS)[number];

export interface TestDatabaseOptions {
  /** Run the migrations (default true). */
  migrate?: boolean;
  /** Load the reference data (default true; needs `migrate`). */
  seed?: boolean;
}

/** A fresh, migrated and seeded database; its `close()` also deletes it. */
export async function createTestDatabase(dialect: TestDialect, options: TestDatabaseOptions = {}): Promise<Database> {
  const database = dialect === 'sqlite' ? await createSqlite() : await createPostgres();
  try {
    if (options.migrate ?? true) {
      await migrateToLatest(database.db);
      if (options.seed ?? true) await seedReferenceData(database.db);
    }
  } catch (error) {
    await database.close().catch(() => {});
    throw error;
  }
  return database;
}

/**
 * `describe.each` over DIALECTS: one database per dialect, created in beforeAll and thrown away
 * in afterAll. Tests in the block share that database: keep them independent of each other's rows.
 */
export function describeEachDialect(name: string, fn: (getDb: () => Database, dialect: TestDialect) => void): void {
  describe.each(DIALECTS)(`${name} [%s]`, (dialect) => {
    let database: Database | undefined;
    beforeAll(async () => {
      database = await createTestDatabase(dialect);
    });
    afterAll(async () => {
      await database?.close();
      database = undefined;
    });
    fn(() => {
      if (!database) throw new Error(`the ${dialect} test database is not open (use getDb() inside a test or hook)`);
      return database;
    }, dialect);
  });
}

/** The admin URL the global setup provided (embedded PostgreSQL, or TEST_DATABASE_URL). */
export function postgresAdminUrl(): string {
  const url = inject('postgresAdminUrl');
  if (!url) {
    throw new Error('no PostgreSQL for the tests: run vitest with vitest.config.ts (its globalSetup provides postgresAdminUrl)');
  }
  return url;
}

function uniqueSuffix(): string {
  return `${Date.now().toString(36)}_${randomBytes(5).toString('hex')}`;
}

async function createSqlite(): Promise<Database> {
  // The run's own temporary folder when the global setup made one (removed even if the run is killed).
  const dir = inject('testTempDir') || tmpdir();
  const path = join(dir, `schakel-test-${uniqueSuffix()}.sqlite`);
  const database = createDatabase({ dialect: 'sqlite', path });
  return withCleanup(database, async () => {
    await Promise.all([path, `${path}-wal`, `${path}-shm`, `${path}-journal`].map((p) => rm(p, { force: true })));
  });
}

async function createPostgres(): Promise<Database> {
  const adminUrl = postgresAdminUrl();
  const name = `schakel_test_${uniqueSuffix()}`;
  await adminQuery(adminUrl, `CREATE DATABASE "${name}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = createDatabase({ dialect: 'postgres', connectionString: url.toString() }, { poolSize: 5 });
  return withCleanup(database, async () => {
    await adminQuery(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  });
}

/** Wraps close(): first the connection, then the cleanup; a second close() does nothing. */
function withCleanup(database: Database, cleanup: () => Promise<void>): Database {
  const close = database.close.bind(database);
  let closing: Promise<void> | undefined;
  database.close = () => {
    closing ??= (async () => {
      try {
        await close();
      } finally {
        await cleanup();
      }
    })();
    return closing;
  };
  return database;
}

async function adminQuery(adminUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  client.on('error', () => {});
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end().catch(() => {});
  }
}
