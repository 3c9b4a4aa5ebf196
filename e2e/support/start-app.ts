/**
 * The real app for the browser journeys: a new SQLite database with the reference data, the demo
 * obstacles and the demo users (as `schakel serve --demo-if-empty` loads them, password
 * DEMO_PASSWORD), `buildApp` with the web mounted, listening on a free loopback port.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { DEMO_PASSWORD, ensureDemoUsers } from '../../src/cli/commands.js';
import { importPublishedObstacles } from '../../src/core/obstacles/import-obstacles.js';
import type { Database } from '../../src/db/create-database.js';
import { readReferenceFile, type SampleObstaclesFile } from '../../src/db/reference-data.js';
import { createPersistence } from '../../src/db/unit-of-work.js';
import { type AppDeps, buildApp } from '../../src/server/build-app.js';
import { createTestDatabase } from '../../test-support/databases.js';

export { DEMO_PASSWORD };

/** The demo users' addresses, by role. */
export const DEMO = {
  admin: 'admin@schakel.example',
  secretariat: 'secretariaat@schakel.example',
  partner: 'partner@schakel.example',
  department: 'departement@schakel.example',
  observer: 'waarnemer@schakel.example',
} as const;

export interface RunningApp {
  baseUrl: string;
  app: FastifyInstance;
  database: Database;
  close: () => Promise<void>;
}

/** `options`: more of buildApp's dependencies (for example identity providers). */
export async function startApp(options: Partial<Omit<AppDeps, 'database'>> = {}): Promise<RunningApp> {
  const database = await createTestDatabase('sqlite');
  const persistence = createPersistence(database, { searchWorkers: 0 });
  try {
    await importPublishedObstacles({
      obstacles: readReferenceFile<SampleObstaclesFile>('sample-obstacles.json').obstacles,
      catalogue: await persistence.catalogue.get(),
      uow: persistence,
      clock: { now: () => new Date() },
      ids: { newId: () => randomUUID() },
    });
  } finally {
    await persistence.close();
  }
  await ensureDemoUsers(database);
  const app = await buildApp({ database, searchWorkers: 0, web: {}, ...options });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    baseUrl: address,
    app,
    database,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}
