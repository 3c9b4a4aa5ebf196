/**
 * Migrations are all or nothing on both databases: a migration that fails halfway leaves the
 * schema as it was and is not recorded, so the next run starts clean. (On SQLite Kysely's own
 * adapter would have run each statement on its own; create-database.ts says SQLite has DDL in
 * transactions.)
 */
import type { Kysely } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS } from '../../test-support/databases.js';
import type { Database } from './create-database.js';
import { allMigrations, migrateToLatest } from './migrate.js';

// biome-ignore lint/suspicious/noExplicitAny: a test migration works on any schema, as the real ones do
type AnyDb = Kysely<any>;

async function columns(database: Database, table: string): Promise<string[]> {
  const tables = await database.db.introspection.getTables();
  return tables.find((t) => t.name === table)?.columns.map((c) => c.name) ?? [];
}

async function recorded(database: Database): Promise<string[]> {
  // Kysely's own table is not in the app's schema.
  const rows = await (database.db as AnyDb).selectFrom('kysely_migration').select('name').execute();
  return rows.map((r: { name: string }) => r.name);
}

describe.each(DIALECTS)('migrations [%s]', (dialect) => {
  let database: Database | undefined;
  afterEach(async () => {
    await database?.close();
    database = undefined;
  });

  it('leaves nothing of a migration that fails halfway, and applies it once it is fixed', async () => {
    database = await createTestDatabase(dialect);
    const before = await columns(database, 'obstacles');
    const names = await recorded(database);
    const broken = {
      async up(db: AnyDb) {
        await db.schema.alterTable('obstacles').addColumn('half_done', 'text').execute();
        await db.schema.createTable('also_half_done').addColumn('id', 'text').execute();
        throw new Error('the second half of this migration fails');
      },
    };
    await expect(migrateToLatest(database.db, { ...allMigrations(), '29991231000000-broken': broken })).rejects.toThrow(
      /migration 29991231000000-broken failed/,
    );
    expect(await columns(database, 'obstacles')).toEqual(before);
    expect((await database.db.introspection.getTables()).map((t) => t.name)).not.toContain('also_half_done');
    expect(await recorded(database)).toEqual(names);

    const fixed = {
      async up(db: AnyDb) {
        await db.schema.alterTable('obstacles').addColumn('half_done', 'text').execute();
      },
    };
    const report = await migrateToLatest(database.db, { ...allMigrations(), '29991231000000-broken': fixed });
    expect(report.applied).toEqual(['29991231000000-broken']);
    expect(await columns(database, 'obstacles')).toContain('half_done');
  });
});
