/**
 * The audit trail benchmark (issue [4 of 6]): how fast the whole hash chain is verified.
 *
 *   npx tsx bench/audit.bench.ts [--dialect sqlite|postgres|both] [--events 1000000] [--obstacles 100000]
 *
 * Seeds a fresh database (migrated as the app migrates it) with `--events` sealed audit events
 * spread over `--obstacles` obstacles — per obstacle a create with its whole record, then updates
 * (a few fields before/after) and lifecycle transitions (from, to, reason), with sign-ins between
 * them — written straight into `audit_events` with the app's own `sealEvent` (appending a million
 * events one transaction at a time would measure the seeding, not the verification). Then:
 *
 * - **baseline**: the same events verified from an array in memory (`verifyChain`): the hashing
 *   alone, no database;
 * - **verify**: what `schakel audit verify` does: every event read from the database in pages
 *   (`KyselyAuditLog.all`) and checked by a `ChainVerifier`; events per second and the ratio to
 *   the baseline. It must report the chain whole and end at the head the seeding recorded.
 *
 * Prints the figures and a Markdown section for bench/RESULTS.md. Target (issue [4 of 6]):
 * ≥ 200,000 events/s on SQLite.
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { canonicalJson, type StoredAuditEvent, sealEvent, verifyChain } from '../src/core/audit/audit-chain.js';
import { verifyAuditTrail } from '../src/db/audit-verify.js';
import { createDatabase, type Database, type DatabaseLocation, describeLocation } from '../src/db/create-database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { KyselyAuditLog } from '../src/db/repositories/audit-log.js';
import { startBenchPostgres } from './postgres.js';
import { describeMachine, fmt, log } from './support.js';

const { values } = parseArgs({
  options: {
    dialect: { type: 'string', default: 'sqlite' },
    events: { type: 'string', default: '1000000' },
    obstacles: { type: 'string', default: '100000' },
    runs: { type: 'string', default: '3' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help) {
  process.stdout.write(
    'usage: npx tsx bench/audit.bench.ts [--dialect sqlite|postgres|both] [--events N] [--obstacles N] [--runs 3]\n',
  );
  process.exit(0);
}
const EVENTS = Number(values.events);
const OBSTACLES = Number(values.obstacles);
const RUNS = Number(values.runs);
if (!Number.isInteger(EVENTS) || EVENTS < 1000) throw new Error('--events must be a whole number ≥ 1000');
if (!Number.isInteger(OBSTACLES) || OBSTACLES < 1 || OBSTACLES > EVENTS) throw new Error('--obstacles must be 1..events');
if (!Number.isInteger(RUNS) || RUNS < 1) throw new Error('--runs must be ≥ 1');
const dialects = values.dialect === 'both' ? ['sqlite', 'postgres'] : [values.dialect];
for (const d of dialects)
  if (d !== 'sqlite' && d !== 'postgres') throw new Error(`--dialect: sqlite, postgres or both, not ${d}`);

// ---------------------------------------------------------------------------------------------
// Generated events: deterministic (a small PRNG), realistic in size and shape.

function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS =
  'grensarbeiders kinderbijslag pensioen zorgverzekering diploma erkenning belasting woonplaats ambulance tram spoorlijn werkgever uitkering regeling verdrag gemeente provincie ministerie frontaliers allocations reconnaissance Grenzgänger Kindergeld Anerkennung'.split(
    ' ',
  );
const STATES = ['reported', 'intake', 'analysis', 'proposed', 'selected', 'routed', 'decided', 'in_progress', 'solved'];

function sentence(random: () => number, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i += 1) out.push(WORDS[Math.floor(random() * WORDS.length)] as string);
  return out.join(' ');
}

type Content = Omit<StoredAuditEvent, 'seq' | 'prevHash' | 'hash'>;

/** The events in the order they happen: obstacles interleaved, as a live register writes them. */
function* generateContents(count: number, obstacles: number): Generator<Content> {
  const random = prng(42);
  const start = Date.parse('2024-01-01T08:00:00Z');
  const step = Math.floor((Date.parse('2026-11-01T00:00:00Z') - start) / count);
  const stage = new Uint8Array(obstacles);
  let created = 0;
  for (let i = 0; i < count; i += 1) {
    const at = new Date(start + i * step).toISOString();
    const actor = `user-${Math.floor(random() * 400)}`;
    // Every obstacle is created before the last tenth of the run; sign-ins are one event in twenty.
    const mustCreate = created < obstacles && (i * obstacles) / (count * 0.9) >= created;
    if (mustCreate) {
      const id = `obstacle-${created}`;
      created += 1;
      const record = {
        reference: `GB-${2024 + Math.floor((created * 3) / obstacles)}-${String(created).padStart(5, '0')}`,
        title: { nl: sentence(random, 8) },
        summary: { nl: sentence(random, 45) },
        sourceLanguage: 'nl',
        visibility: random() < 0.7 ? 'public' : 'partners',
        themes: ['cross_border_work', 'social_security'].slice(0, 1 + Math.floor(random() * 2)),
        segment: 'nl-vl',
        type: 'legal',
        status: 'reported',
      };
      yield {
        at,
        actor,
        action: 'obstacle.create',
        entityType: 'obstacle',
        entityId: id,
        changes: canonicalJson({ after: record }),
      };
      continue;
    }
    if (random() < 0.05) {
      yield {
        at,
        actor,
        action: 'session.sign_in',
        entityType: 'user',
        entityId: actor,
        changes: canonicalJson({ method: 'password' }),
      };
      continue;
    }
    const n = Math.floor(random() * Math.max(1, created));
    const id = `obstacle-${n}`;
    const current = stage[n] ?? 0;
    if (random() < 0.4 && current < STATES.length - 1) {
      stage[n] = current + 1;
      yield {
        at,
        actor,
        action: 'obstacle.transition',
        entityType: 'obstacle',
        entityId: id,
        changes: canonicalJson({ from: STATES[current], to: STATES[current + 1], reason: sentence(random, 12) }),
      };
    } else {
      yield {
        at,
        actor,
        action: 'obstacle.update',
        entityType: 'obstacle',
        entityId: id,
        changes: canonicalJson({
          summary: { before: { nl: sentence(random, 30) }, after: { nl: sentence(random, 32) } },
          version: { before: 2, after: 3 },
        }),
      };
    }
  }
}

// ---------------------------------------------------------------------------------------------

interface DialectResult {
  dialect: string;
  description: string;
  seedSeconds: number;
  databaseMB: number | undefined;
  averageChangesBytes: number;
  baseline: number[];
  /** events/s with one worker thread. */
  verifyOne: number[];
  /** events/s with the default (two worker threads), what `schakel audit verify` runs. */
  verify: number[];
  verified: number;
  head: { seq: number; hash: string };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
};

async function seed(database: Database): Promise<{ events: StoredAuditEvent[]; seconds: number; changesBytes: number }> {
  const started = performance.now();
  const events: StoredAuditEvent[] = [];
  let last: StoredAuditEvent | undefined;
  let changesBytes = 0;
  for (const content of generateContents(EVENTS, OBSTACLES)) {
    last = sealEvent(content, last);
    events.push(last);
    changesBytes += Buffer.byteLength(content.changes);
  }
  const BATCH = 500;
  for (let i = 0; i < events.length; i += BATCH * 20) {
    await database.db.transaction().execute(async (tx) => {
      for (let j = i; j < Math.min(i + BATCH * 20, events.length); j += BATCH) {
        await tx
          .insertInto('audit_events')
          .values(
            events.slice(j, j + BATCH).map((e) => ({
              seq: e.seq,
              at: e.at,
              actor: e.actor,
              action: e.action,
              entity_type: e.entityType,
              entity_id: e.entityId,
              changes: e.changes,
              prev_hash: e.prevHash,
              hash: e.hash,
            })),
          )
          .execute();
      }
    });
    if ((i / (BATCH * 20)) % 20 === 0) log(`  seeded ${fmt(Math.min(i + BATCH * 20, events.length))} / ${fmt(events.length)}`);
  }
  const tail = events.at(-1) as StoredAuditEvent;
  await database.db.updateTable('audit_head').set({ seq: tail.seq, hash: tail.hash }).where('id', '=', 1).execute();
  if (database.dialect === 'postgres') await sql`VACUUM ANALYZE audit_events`.execute(database.db);
  return { events, seconds: (performance.now() - started) / 1000, changesBytes };
}

/** What `schakel audit verify` does: `verifyAuditTrail` with the given number of worker threads. */
async function verifyFromDatabase(location: DatabaseLocation, workers: number) {
  const report = await verifyAuditTrail(location, { workers });
  return { checked: report.checked, lastHash: report.lastHash, broken: !report.ok };
}

async function runDialect(dialect: string): Promise<DialectResult> {
  log(
    `\n=== ${dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL'}: ${fmt(EVENTS)} audit events over ${fmt(OBSTACLES)} obstacles ===`,
  );
  let location: DatabaseLocation;
  let cleanup: () => Promise<void>;
  let description: string;
  if (dialect === 'sqlite') {
    const dir = await mkdtemp(join(tmpdir(), 'schakel-audit-bench-'));
    location = { dialect: 'sqlite', path: join(dir, 'audit.sqlite') };
    cleanup = () => rm(dir, { recursive: true, force: true });
    description = describeLocation(location);
  } else {
    const server = await startBenchPostgres(log);
    location = { dialect: 'postgres', connectionString: server.url };
    cleanup = server.stop;
    description = server.description;
  }
  const database = createDatabase(location, { poolSize: 2 });
  try {
    await migrateToLatest(database.db);
    log('  generating and seeding…');
    const { events, seconds, changesBytes } = await seed(database);
    log(
      `  seeded ${fmt(events.length)} events in ${fmt(seconds, 1)} s; changes average ${fmt(changesBytes / events.length)} bytes`,
    );
    const databaseMB = dialect === 'sqlite' ? (await stat((location as { path: string }).path)).size / 1024 / 1024 : undefined;

    const baseline: number[] = [];
    const verifyOne: number[] = [];
    const verify: number[] = [];
    let verified = 0;
    for (let run = 0; run < RUNS; run += 1) {
      let t = performance.now();
      const memory = verifyChain(events);
      const memorySeconds = (performance.now() - t) / 1000;
      if (memory.firstBroken || memory.checked !== events.length) throw new Error('the seeded chain does not verify in memory');
      baseline.push(events.length / memorySeconds);

      const timings: string[] = [];
      for (const workers of [1, 2]) {
        t = performance.now();
        const result = await verifyFromDatabase(location, workers);
        const dbSeconds = (performance.now() - t) / 1000;
        const head = (events.at(-1) as StoredAuditEvent).hash;
        if (result.broken || result.checked !== events.length || result.lastHash !== head) {
          throw new Error(
            `verify from the database: checked ${result.checked}, broken ${result.broken}, head matches ${result.lastHash === head}`,
          );
        }
        verified = result.checked;
        (workers === 1 ? verifyOne : verify).push(events.length / dbSeconds);
        timings.push(
          `${workers} worker${workers > 1 ? 's' : ''} ${fmt(dbSeconds, 2)} s (${fmt(events.length / dbSeconds)} events/s)`,
        );
      }
      log(
        `  run ${run + 1}: in memory ${fmt(memorySeconds, 2)} s (${fmt(events.length / memorySeconds)} events/s); from the database: ${timings.join(', ')}`,
      );
    }
    const head = await new KyselyAuditLog(database.db).head();
    return {
      dialect,
      description,
      seedSeconds: seconds,
      databaseMB,
      averageChangesBytes: changesBytes / events.length,
      baseline,
      verifyOne,
      verify,
      verified,
      head,
    };
  } finally {
    await database.close();
    if (!process.env.KEEP_BENCH_DB) await cleanup();
    else log(`  kept ${describeLocation(location)}`);
  }
}

const results: DialectResult[] = [];
for (const dialect of dialects) results.push(await runDialect(dialect));

log('\n----- bench/RESULTS.md section -----');
log(`### Audit trail: verify ${fmt(EVENTS)} events — ${new Date().toISOString().slice(0, 10)}\n`);
log(
  `- Machine: ${describeMachine()}; load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')} at the end`,
);
log(
  `- Command: \`npx tsx bench/audit.bench.ts --dialect ${values.dialect} --events ${EVENTS} --obstacles ${OBSTACLES} --runs ${RUNS}\``,
);
log(
  '- Baseline: the same events verified from an array in memory on the main thread (hashing alone, `verifyChain`); verify: `verifyAuditTrail` (db/audit-verify.ts), what `schakel audit verify` runs — ranges of the chain read (pages of 5,000) and checked on worker threads, with 1 and with 2 (the default) workers. Medians of the runs.\n',
);
log(
  '| database | events | changes (avg bytes) | seeded in | baseline events/s | verify, 1 worker | verify, 2 workers (events/s) | × baseline | verify time |',
);
log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const r of results) {
  const b = median(r.baseline);
  const v = median(r.verify);
  log(
    `| ${r.dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL'}${r.databaseMB ? ` (${fmt(r.databaseMB)} MB)` : ''} | ${fmt(r.verified)} | ${fmt(r.averageChangesBytes)} | ${fmt(r.seedSeconds, 1)} s | ${fmt(b)} | ${fmt(median(r.verifyOne))} | ${fmt(v)} | ${fmt(v / b, 2)} | ${fmt(r.verified / v, 2)} s |`,
  );
}
const sqlite = results.find((r) => r.dialect === 'sqlite');
if (sqlite) {
  const v = median(sqlite.verify);
  log(`\nTarget ≥ 200,000 events/s on SQLite: ${fmt(v)} events/s — ${v >= 200_000 ? 'met' : '**not met**'}.`);
}
log('----- end -----');
