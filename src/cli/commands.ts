import { randomUUID } from 'node:crypto';
import { importPublishedObstacles } from '../core/obstacles/import-obstacles.js';
import { createDatabase, type Database, describeLocation } from '../db/create-database.js';
import { migrateToLatest } from '../db/migrate.js';
import { readReferenceFile, type SampleObstaclesFile } from '../db/reference-data.js';
import { seedReferenceData } from '../db/seed-reference.js';
import { createPersistence } from '../db/unit-of-work.js';
import { buildApp, REDACTED_PATHS } from '../server/build-app.js';
import type { Config } from '../server/config.js';

async function prepare(config: Config): Promise<Database> {
  const database = createDatabase(config.database);
  await migrateToLatest(database.db);
  await seedReferenceData(database.db);
  return database;
}

async function countObstacles(database: Database): Promise<number> {
  const row = await database.db
    .selectFrom('obstacles')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function loadDemo(database: Database): Promise<{ imported: number; skipped: string[] }> {
  const persistence = createPersistence(database, { searchWorkers: 0 });
  try {
    return await importPublishedObstacles({
      obstacles: readReferenceFile<SampleObstaclesFile>('sample-obstacles.json').obstacles,
      catalogue: await persistence.catalogue.get(),
      uow: persistence,
      clock: { now: () => new Date() },
      ids: { newId: () => randomUUID() },
    });
  } finally {
    await persistence.close();
  }
}

export async function migrateCommand(config: Config): Promise<number> {
  const database = createDatabase(config.database);
  try {
    const { applied } = await migrateToLatest(database.db);
    const seeded = await seedReferenceData(database.db);
    console.log(
      `${describeLocation(config.database)}: ${applied.length === 0 ? 'schema up to date' : `applied ${applied.join(', ')}`}; reference data: ${seeded.themes} themes, ${seeded.governments} governments, ${seeded.segments} segments, ${seeded.organisations} organisations, ${seeded.competences} competences.`,
    );
    return 0;
  } finally {
    await database.close();
  }
}

export async function seedCommand(config: Config, options: { force: boolean }): Promise<number> {
  const database = await prepare(config);
  try {
    const existing = await countObstacles(database);
    if (existing > 0 && !options.force) {
      console.error(`The register already holds ${existing} obstacles; not loading demo data (use --force to load it anyway).`);
      return 1;
    }
    const { imported, skipped } = await loadDemo(database);
    console.log(
      `Loaded ${imported} demo obstacles${skipped.length ? `; skipped ${skipped.length} with no matching border segment: ${skipped.join(', ')}` : ''}.`,
    );
    return 0;
  } finally {
    await database.close();
  }
}

export async function serveCommand(config: Config, options: { demoIfEmpty: boolean }): Promise<number> {
  const database = await prepare(config);
  if (options.demoIfEmpty && (await countObstacles(database)) === 0) {
    const { imported } = await loadDemo(database);
    console.log(`First run: loaded ${imported} demo obstacles.`);
  }
  const app = await buildApp({
    database,
    searchWorkers: config.searchWorkers,
    responseCacheBytes: config.responseCacheBytes,
    warm: true,
    web: {},
    logger: {
      level: config.logLevel,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    },
  });
  const address = await app.listen({ port: config.port, host: config.host });
  const shown = address.replace('127.0.0.1', 'localhost').replace('[::1]', 'localhost');
  console.log(`\nSchakel is running at ${shown}  (${describeLocation(config.database)})`);
  console.log(`  Web:     ${shown}/obstacles`);
  console.log(`  API:     ${shown}/api/v1/obstacles   OpenAPI: ${shown}/api/v1/openapi.json`);
  console.log(
    '  Sign-in: there are no accounts yet (identity and access come with issue 3 of 6); the API is open on this machine.',
  );
  console.log('  Stop with Ctrl+C.\n');

  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await app.close();
  await database.close();
  return 0;
}
