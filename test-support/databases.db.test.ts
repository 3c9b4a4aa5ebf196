import { existsSync } from 'node:fs';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import type { Database } from '../src/db/create-database.js';
import { type OrganisationsFile, readReferenceFile, type ThemesFile } from '../src/db/reference-data.js';
import { seedReferenceData } from '../src/db/seed-reference.js';
import { createTestDatabase, DIALECTS, describeEachDialect, postgresAdminUrl } from './databases.js';

const REFERENCE_TABLES = ['themes', 'governments', 'segments', 'organisations', 'competences'] as const;

async function countRows(database: Database, table: (typeof REFERENCE_TABLES)[number]): Promise<number> {
  const row = await database.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe('DIALECTS', () => {
  it('covers SQLite and PostgreSQL', () => {
    expect([...DIALECTS]).toEqual(['sqlite', 'postgres']);
  });
});

describeEachDialect('test database', (getDb, dialect) => {
  it('is of the dialect asked for', () => {
    expect(getDb().dialect).toBe(dialect);
  });

  it('has run the migrations', async () => {
    const tables = (await getDb().db.introspection.getTables()).map((t) => t.name);
    expect(tables).toEqual(expect.arrayContaining(['obstacles', 'themes', 'governments', 'organisations']));
  });

  it('holds the reference data', async () => {
    const database = getDb();
    expect(await countRows(database, 'themes')).toBe(13);
    expect(readReferenceFile<ThemesFile>('themes.json').themes).toHaveLength(13);
    const { governments } = readReferenceFile<OrganisationsFile>('organisations.json');
    expect(await countRows(database, 'governments')).toBe(governments.length);
  });

  it('seeds idempotently', async () => {
    const database = getDb();
    const before = await Promise.all(REFERENCE_TABLES.map((t) => countRows(database, t)));
    await seedReferenceData(database.db);
    await seedReferenceData(database.db);
    const after = await Promise.all(REFERENCE_TABLES.map((t) => countRows(database, t)));
    expect(after).toEqual(before);
    expect(before.every((n) => n > 0)).toBe(true);
  });
});

describe('createTestDatabase close()', () => {
  it('deletes the SQLite file', async () => {
    const database = await createTestDatabase('sqlite');
    if (database.location.dialect !== 'sqlite') throw new Error('expected a SQLite location');
    const { path } = database.location;
    expect(existsSync(path)).toBe(true);
    await database.close();
    await database.close(); // a second close is harmless
    expect(existsSync(path)).toBe(false);
  });

  it('drops the PostgreSQL database', async () => {
    const database = await createTestDatabase('postgres');
    if (database.location.dialect !== 'postgres') throw new Error('expected a PostgreSQL location');
    const name = new URL(database.location.connectionString).pathname.slice(1);
    expect(name).toMatch(/^schakel_test_/);
    const exists = async (): Promise<boolean> => {
      const client = new pg.Client({ connectionString: postgresAdminUrl() });
      await client.connect();
      try {
        const result = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
        return result.rowCount === 1;
      } finally {
        await client.end();
      }
    };
    expect(await exists()).toBe(true);
    await database.close();
    await database.close();
    expect(await exists()).toBe(false);
  });
});
