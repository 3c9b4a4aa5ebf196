/**
 * Fills a fresh database with generated obstacles through the app's own repository
 * (KyselyObstacleRepository.insert: the row, themes, governments, facet counts and search index,
 * exactly as a create does), in large transactions.
 */
import { type Kysely, sql } from 'kysely';
import type { Obstacle } from '../src/core/obstacles/obstacle.js';
import type { Database } from '../src/db/create-database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { type OrganisationsFile, readReferenceFile } from '../src/db/reference-data.js';
import { rebuildFacetCounts } from '../src/db/repositories/facet-counts.js';
import { KyselyObstacleRepository } from '../src/db/repositories/obstacle-repository.js';
import type { DB } from '../src/db/schema.js';
import { searchCapability } from '../src/db/search/search-capability.js';
import { seedReferenceData } from '../src/db/seed-reference.js';
import { generateObstacles } from './generate.js';

/** Border segments, largest share first, dealt round-robin over the lanes. */
const SEGMENT_LANES = ['nl-vl', 'nl-nw', 'fr-de', 'nl-ni', 'nordic', 'fr-es'];

export interface SeedOptions {
  count: number;
  seed: number;
  /** Obstacles per transaction. */
  batch: number;
  /** Transactions running at the same time (PostgreSQL; SQLite has one writer, so 1). */
  lanes: number;
  now: Date;
  log: (line: string) => void;
}

export interface SeedReport {
  count: number;
  seconds: number;
  perSecond: number;
  /** Whether the incrementally kept facet counts equal a rebuild from the rows. */
  facetCountsVerified: boolean;
  years: Record<string, number>;
}

export async function seedRegister(database: Database, options: SeedOptions): Promise<SeedReport> {
  const { db } = database;
  await migrateToLatest(db);
  await seedReferenceData(db);
  const existing = await db
    .selectFrom('obstacles')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  if (Number(existing.n) > 0) throw new Error(`the benchmark database is not empty (${existing.n} obstacles)`);

  const capability = searchCapability(database.dialect);
  const organisations = readReferenceFile<OrganisationsFile>('organisations.json');
  const years: Record<string, number> = {};
  const started = performance.now();
  let done = 0;
  let lastReport = started;

  // Lanes insert concurrently, each on its own connection. A lane takes whole border segments:
  // every facet count row names its segment, so two lanes never update the same count row and
  // cannot wait for (or deadlock on) each other's row locks.
  const laneCount = Math.max(1, Math.min(options.lanes, SEGMENT_LANES.length));
  const lanes = Array.from({ length: laneCount }, () => ({ rows: [] as Obstacle[], running: Promise.resolve() }));
  const laneOf = (segment: string) => {
    const index = SEGMENT_LANES.indexOf(segment);
    return lanes[Math.max(index, 0) % laneCount] as (typeof lanes)[number];
  };
  const insertBatch = async (rows: Obstacle[]) => {
    await db.transaction().execute(async (tx) => {
      const repository = new KyselyObstacleRepository(tx, capability);
      for (const obstacle of rows) await repository.insert(obstacle, []);
    });
    done += rows.length;
    const now = performance.now();
    if (now - lastReport > 5_000) {
      lastReport = now;
      const seconds = (now - started) / 1000;
      options.log(
        `  seeded ${done.toLocaleString('en')} / ${options.count.toLocaleString('en')} (${Math.round(done / seconds)}/s)`,
      );
    }
  };
  const flush = async (lane: (typeof lanes)[number]) => {
    const rows = lane.rows;
    lane.rows = [];
    await lane.running; // one batch at a time per lane: that is the back-pressure
    lane.running = insertBatch(rows);
  };

  for (const obstacle of generateObstacles({ count: options.count, seed: options.seed, now: options.now, organisations })) {
    const year = obstacle.reference.split('-')[1] ?? '?';
    years[year] = Math.max(years[year] ?? 0, Number(obstacle.reference.split('-')[2]));
    const lane = laneOf(obstacle.segment);
    lane.rows.push(obstacle);
    if (lane.rows.length >= options.batch) await flush(lane);
  }
  for (const lane of lanes) if (lane.rows.length > 0) await flush(lane);
  await Promise.all(lanes.map((lane) => lane.running));

  // The register hands out the next number per year from reference_counters: keep it in step,
  // so that a create after the benchmark's rows gets a fresh reference.
  await db.transaction().execute(async (tx) => {
    for (const [year, last] of Object.entries(years)) {
      await tx
        .insertInto('reference_counters')
        .values({ year: Number(year), last_number: last })
        .onConflict((oc) => oc.column('year').doUpdateSet({ last_number: last }))
        .execute();
    }
  });
  const seconds = (performance.now() - started) / 1000;

  const facetCountsVerified = await verifyFacetCounts(db);
  return { count: done, seconds, perSecond: done / seconds, facetCountsVerified, years };
}

async function facetSnapshot(db: Kysely<DB>): Promise<string> {
  const counts = await db
    .selectFrom('obstacle_counts')
    .selectAll()
    .orderBy('status')
    .orderBy('segment_key')
    .orderBy('type')
    .orderBy('visibility')
    .execute();
  const themeCounts = await db
    .selectFrom('obstacle_theme_counts')
    .selectAll()
    .where('n', '>', 0)
    .orderBy('filter_theme')
    .orderBy('theme_key')
    .orderBy('status')
    .orderBy('segment_key')
    .orderBy('type')
    .orderBy('visibility')
    .execute();
  return JSON.stringify([counts, themeCounts], (_, value) => (typeof value === 'bigint' ? Number(value) : value));
}

/** Compares the facet counts that the inserts kept with a rebuild from the rows (rebuildFacetCounts). */
async function verifyFacetCounts(db: Kysely<DB>): Promise<boolean> {
  const incremental = await facetSnapshot(db);
  await db.transaction().execute((tx) => rebuildFacetCounts(tx));
  const rebuilt = await facetSnapshot(db);
  return incremental === rebuilt;
}

/** After the load: what a running installation would have done by itself (autovacuum) or at rest. */
export async function settle(database: Database): Promise<void> {
  if (database.dialect === 'postgres') {
    await sql`VACUUM ANALYZE`.execute(database.db);
  } else {
    database.sqlite?.pragma('wal_checkpoint(TRUNCATE)');
  }
}

/** How many obstacles the full-text index finds for a word (the search's match, without filters). */
export async function countMatches(database: Database, match: string): Promise<number> {
  const rows =
    database.dialect === 'sqlite'
      ? await sql<{ n: number }>`SELECT count(*) AS n FROM obstacle_fts WHERE obstacle_fts MATCH ${match}`.execute(database.db)
      : await sql<{
          n: number;
        }>`SELECT count(*) AS n FROM obstacles WHERE search_vector @@ to_tsquery('simple', ${match})`.execute(database.db);
  return Number(rows.rows[0]?.n ?? 0);
}
