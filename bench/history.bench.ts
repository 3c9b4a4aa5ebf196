/**
 * The history benchmark (issue 5): `GET /api/v1/obstacles/{id}/history` on a register of 100,000
 * obstacles with 1,000,000 audit events, against a bare Fastify hello world in the same run.
 *
 *   npm run bench -- history [--register FILE | --reuse FILE] [--keep] [--no-build] [--duration 10]
 *
 * 1. **The database** (SQLite): a copy of a register database kept by an earlier register run
 *    (`--register FILE`; the original is never opened for writing), or a fresh one seeded as the
 *    register bench seeds it (`seedRegister`, through KyselyObstacleRepository.insert), brought up
 *    to date by the app's migrations. Then `--events` audit events of obstacles, sealed one after
 *    the other with core/audit `sealEvent` into one hash chain and inserted with a prepared
 *    statement in large transactions: per obstacle a create (its record as the row has it), then
 *    updates (a few fields, before and after) and lifecycle moves along core/lifecycle's machine,
 *    interleaved in time as a live register writes them. Events per obstacle are skewed: 1 % of
 *    the obstacles have 100–350, the rest a geometric number around the remaining mean (10 on
 *    average over all). The chain is checked once with `verifyAuditTrail` (what `schakel audit
 *    verify` runs). `--reuse FILE` measures a file kept by an earlier `--keep` run as it is.
 * 2. **The servers**: the built server (`node bin/schakel.js serve`, NODE_ENV=production,
 *    `--workers` server processes: WORKERS) and
 *    the hello world as child processes on free loopback ports. Requests carry an API token of a
 *    secretariat user (every obstacle readable, users' names shown).
 * 3. **The cases** (autocannon, 127.0.0.1, `--connections` 10, `--duration` s after a warm-up):
 *    hello world `GET /`; Schakel's `GET /health` (the server's floor); the history of an
 *    obstacle drawn uniformly (the heavy ones are 1 % of the requests); the history of an obstacle
 *    drawn by its number of events (a random event's obstacle: the heavy ones get about a fifth);
 *    the hello world again. Ratios are to the better of the two hello-world runs.
 *
 * Also prints `EXPLAIN QUERY PLAN` of the history query and its time in-process (the SQL alone).
 * Target (issue 5): history p99 < 10 ms at 10 connections.
 */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { copyFileSync, existsSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import SQLite from 'better-sqlite3';
import { canonicalJson, type StoredAuditEvent, sealEvent } from '../src/core/audit/audit-chain.js';
import { createApiToken } from '../src/core/identity/create-api-token.js';
import { isClosed, type TRANSITIONS, transitionsFrom } from '../src/core/lifecycle/lifecycle.js';
import { HISTORY_PAGE } from '../src/core/obstacles/get-obstacle-history.js';
import type { ObstacleStatus } from '../src/core/obstacles/obstacle.js';
import { verifyAuditTrail } from '../src/db/audit-verify.js';
import { createDatabase, type Database, type DatabaseLocation } from '../src/db/create-database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { KyselyIdentityStore } from '../src/db/repositories/identity-store.js';
import { assertClean, type LoadResult, runLoad } from './load.js';
import { type Cleanup, type ServerProcess, startHelloWorld, startServer } from './processes.js';
import { seedRegister } from './seed.js';
import {
  benchMain,
  commandLine,
  cpuSeconds,
  describeMachine,
  drain,
  fmt,
  git,
  latencyMs,
  log,
  ROOT,
  writeRecord,
} from './support.js';

interface Options {
  obstacles: number;
  events: number;
  register: string | undefined;
  reuse: string | undefined;
  keep: boolean;
  build: boolean;
  duration: number;
  warmup: number;
  /** Schakel's server processes (WORKERS). */
  workers: number;
  connections: number;
  seed: number;
}

const USAGE = `Usage: npm run bench -- history [options]   (or: npx tsx bench/history.bench.ts [options])

  --register FILE     copy this register database (kept by a register bench run) instead of seeding
  --reuse FILE        measure a database kept by an earlier --keep run as it is (no building)
  --keep              keep the built database (its path is printed) for --reuse
  --obstacles N       obstacles to seed when neither --register nor --reuse is given (default 100000)
  --events N          audit events to build (default 1000000)
  --duration S        seconds per case (default 10)
  --warmup S          warm-up seconds before each case (default 2)
  --connections N     connections per case (default 10)
  --seed N            seed of the generated events (default 42)
  --workers N         Schakel's server processes, WORKERS (default 1; the server CPU is theirs summed)
  --no-build          do not run \`npm run build\` first`;

function parseOptions(argv: string[]): Options | undefined {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      register: { type: 'string' },
      reuse: { type: 'string' },
      keep: { type: 'boolean', default: false },
      obstacles: { type: 'string', default: '100000' },
      events: { type: 'string', default: '1000000' },
      duration: { type: 'string', default: '10' },
      warmup: { type: 'string', default: '2' },
      connections: { type: 'string', default: '10' },
      seed: { type: 'string', default: '42' },
      workers: { type: 'string', default: '1' },
      'no-build': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return undefined;
  const number = (name: string, value: string, min: number): number => {
    const parsed = Number(value);
    if (!Number.isFinite(parsed) || parsed < min) throw new Error(`--${name} must be a number ≥ ${min}, not "${value}"`);
    return parsed;
  };
  if (values.register && values.reuse) throw new Error('--register and --reuse exclude each other');
  return {
    obstacles: Math.floor(number('obstacles', values.obstacles, 100)),
    events: Math.floor(number('events', values.events, 1000)),
    register: values.register,
    reuse: values.reuse,
    keep: values.keep,
    build: !values['no-build'],
    duration: number('duration', values.duration, 1),
    warmup: number('warmup', values.warmup, 0),
    connections: Math.floor(number('connections', values.connections, 1)),
    seed: Math.floor(number('seed', values.seed, 0)),
    workers: Math.floor(number('workers', values.workers, 1)),
  };
}

const load1 = (): number => Math.round((loadavg()[0] ?? 0) * 100) / 100;

// ---------------------------------------------------------------------------------------------
// Generated events: deterministic, realistic in size and shape.

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
  'grensarbeiders kinderbijslag pensioen zorgverzekering diploma erkenning belasting woonplaats ambulance tram spoorlijn werkgever uitkering regeling verdrag gemeente provincie ministerie werkloosheid sociale zekerheid bijdrage aanvraag formulier termijn inwoners regio dienst administratie gegevens uitwisseling'.split(
    ' ',
  );

function sentence(random: () => number, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i += 1) out.push(WORDS[Math.floor(random() * WORDS.length)] as string);
  const text = out.join(' ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

/** Events per obstacle: 1 % heavy (100–350), the rest 1 + geometric, summing to exactly `total`. */
function eventCounts(obstacles: number, total: number, random: () => number): Int32Array {
  const counts = new Int32Array(obstacles);
  const heavy = Math.max(1, Math.floor(obstacles / 100));
  let sum = 0;
  const isHeavy = new Uint8Array(obstacles);
  for (let h = 0; h < heavy; h += 1) {
    let i = Math.floor(random() * obstacles);
    while (isHeavy[i]) i = (i + 1) % obstacles;
    isHeavy[i] = 1;
    counts[i] = 100 + Math.floor(random() * 251);
    sum += counts[i] as number;
  }
  const mean = Math.max(1, (total - sum) / (obstacles - heavy));
  const p = 1 / mean;
  for (let i = 0; i < obstacles; i += 1) {
    if (isHeavy[i]) continue;
    const extra = p >= 1 ? 0 : Math.floor(Math.log(1 - random()) / Math.log(1 - p));
    counts[i] = 1 + Math.min(extra, 99);
    sum += counts[i] as number;
  }
  while (sum !== total) {
    const i = Math.floor(random() * obstacles);
    if (isHeavy[i]) continue;
    if (sum < total && (counts[i] as number) < 99) {
      counts[i] = (counts[i] as number) + 1;
      sum += 1;
    } else if (sum > total && (counts[i] as number) > 1) {
      counts[i] = (counts[i] as number) - 1;
      sum -= 1;
    }
  }
  return counts;
}

const json = (text: string | null | undefined, fallback: unknown): unknown => {
  if (text === null || text === undefined || text === '') return fallback;
  return JSON.parse(text);
};

interface ObstacleRow {
  id: string;
  title: string;
  summary: string;
  description: string;
  affected_groups: string | null;
  source_language: string;
  visibility: string;
  type: string;
  segment_key: string;
  reporter: string;
  channel: string;
  reported_on: string;
  themes: string;
  governments: string;
  regions: string;
  municipalities: string;
  evidence: string;
  provisions: string;
  estimated_affected: number | null;
}

/** The create event's fields: every field of the record that has a value, before null. */
function createFields(row: ObstacleRow): Record<string, { before: unknown; after: unknown }> {
  const values: Record<string, unknown> = {
    title: json(row.title, null),
    summary: json(row.summary, null),
    description: json(row.description, null),
    sourceLanguage: row.source_language,
    status: 'reported',
    visibility: row.visibility,
    reporter: json(row.reporter, null),
    channel: row.channel,
    reportedOn: row.reported_on,
    segment: row.segment_key,
    governments: json(row.governments, []),
    regions: json(row.regions, []),
    municipalities: json(row.municipalities, []),
    affectedGroups: json(row.affected_groups, null),
    estimatedAffected: row.estimated_affected,
    evidence: json(row.evidence, []),
    themes: json(row.themes, []),
    type: row.type,
    provisions: json(row.provisions, []),
  };
  const fields: Record<string, { before: unknown; after: unknown }> = {};
  for (const [name, value] of Object.entries(values)) {
    const empty =
      value === null ||
      value === undefined ||
      (Array.isArray(value) && value.length === 0) ||
      (typeof value === 'object' && Object.keys(value as object).length === 0);
    if (!empty) fields[name] = { before: null, after: value };
  }
  return fields;
}

const THEMES = ['cross_border_work', 'social_security', 'taxation', 'healthcare', 'education', 'mobility', 'governance'];
const INFORMATION_POINTS = ['gip-scheldemond', 'gip-bnl-middengebied', 'gip-maas-rijn'];

/** One update's fields: one to three, with before and after. */
function updateFields(random: () => number, language: string): Record<string, { before: unknown; after: unknown }> {
  const fields: Record<string, { before: unknown; after: unknown }> = {};
  const n = 1 + Math.floor(random() * 3);
  for (let k = 0; k < n; k += 1) {
    const r = random();
    if (r < 0.25) fields.summary = { before: { [language]: sentence(random, 30) }, after: { [language]: sentence(random, 32) } };
    else if (r < 0.4)
      fields['analysis.description'] = {
        before: k === 0 ? null : { [language]: sentence(random, 40) },
        after: { [language]: sentence(random, 60) },
      };
    else if (r < 0.5) fields['analysis.solutions'] = { before: null, after: { [language]: sentence(random, 50) } };
    else if (r < 0.6)
      fields.themes = {
        before: [THEMES[Math.floor(random() * THEMES.length)]],
        after: [THEMES[Math.floor(random() * THEMES.length)], THEMES[Math.floor(random() * THEMES.length)]],
      };
    else if (r < 0.7) fields.estimatedAffected = { before: null, after: 50 + Math.floor(random() * 5000) };
    else if (r < 0.78) fields.visibility = { before: 'partners', after: 'public' };
    else if (r < 0.86)
      fields.provisions = {
        before: [],
        after: [{ side: 'NL', citation: `Wet ${sentence(random, 3)} art. ${1 + Math.floor(random() * 90)}`, level: 'national' }],
      };
    else if (r < 0.93)
      fields.description = { before: { [language]: sentence(random, 40) }, after: { [language]: sentence(random, 45) } };
    else
      fields.coReporters = {
        before: [],
        after: [
          {
            type: 'citizen',
            name: `Burger ${Math.floor(random() * 10_000)}`,
            email: `burger${Math.floor(random() * 10_000)}@example.org`,
          },
        ],
      };
  }
  return fields;
}

interface BuildReport {
  seconds: number;
  /** Generating, sealing and inserting the events (without the copy/seed and migrations). */
  eventSeconds: number;
  averageChangesBytes: number;
  perObstacle: { p50: number; p90: number; p99: number; max: number; over100: number };
  verify: { seconds: number; checked: number; ok: boolean; perSecond: number };
}

function quantile(sorted: Int32Array, q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN;
}

/** Writes the audit events into an empty `audit_events`, one hash chain, and moves the head. */
async function buildEvents(
  database: Database,
  options: Options,
  actors: string[],
): Promise<Omit<BuildReport, 'seconds' | 'verify'>> {
  const handle = database.sqlite;
  if (!handle) throw new Error('the history bench builds SQLite databases only');
  const started = performance.now();
  // The index on (entity_type, entity_id, seq) takes the events in random order: a page cache that
  // holds it (1 GiB here, 64 MiB as the app opens the file) spares most of the reads and writes.
  handle.exec('PRAGMA cache_size = -1048576');
  const random = prng(options.seed);
  const obstacles = handle.prepare('SELECT seq, created_at FROM obstacles ORDER BY seq').all() as {
    seq: number;
    created_at: string;
  }[];
  const n = obstacles.length;
  const counts = eventCounts(n, options.events, random);
  const total = options.events;

  // When each event happens: the create at the obstacle's creation, the rest later, up to a minute
  // after the last obstacle was created (not the clock: the same register gives the same events).
  let end = 0;
  for (const o of obstacles) end = Math.max(end, Date.parse(o.created_at));
  end += 60_000;
  const times = new Float64Array(total);
  const owner = new Int32Array(total);
  let e = 0;
  for (let i = 0; i < n; i += 1) {
    const created = Date.parse((obstacles[i] as { created_at: string }).created_at);
    const span = Math.max(60_000, end - created);
    const c = counts[i] as number;
    for (let k = 0; k < c; k += 1) {
      times[e] = k === 0 ? created : created + 1 + random() * span;
      owner[e] = i;
      e += 1;
    }
  }
  const order = new Uint32Array(total);
  for (let i = 0; i < total; i += 1) order[i] = i;
  order.sort((a, b) => (times[a] as number) - (times[b] as number));
  log(`  event times drawn and ordered in ${fmt((performance.now() - started) / 1000, 1)} s`);

  const byRow = handle.prepare(
    'SELECT id, title, summary, description, affected_groups, source_language, visibility, type, segment_key, reporter, channel, reported_on, themes, governments, regions, municipalities, evidence, provisions, estimated_affected FROM obstacles WHERE seq = ?',
  );
  const insert = handle.prepare(
    'INSERT INTO audit_events (seq, at, actor, action, entity_type, entity_id, changes, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const ids: string[] = new Array(n);
  const language: string[] = new Array(n);
  const status: ObstacleStatus[] = new Array(n);
  const version = new Int32Array(n);
  let last: StoredAuditEvent | undefined;
  let changesBytes = 0;
  let lastTime = 0;
  const BATCH = 50_000;
  const writeBatch = handle.transaction((from: number, to: number) => {
    for (let j = from; j < to; j += 1) {
      const index = order[j] as number;
      const i = owner[index] as number;
      // Distinct, increasing instants (the chain's order is the time order).
      const t = Math.max(times[index] as number, lastTime + 1);
      lastTime = t;
      const at = new Date(Math.min(t, end)).toISOString();
      const actor = actors[Math.floor(random() * actors.length)] as string;
      let action: string;
      let details: Record<string, unknown>;
      if (ids[i] === undefined) {
        const row = byRow.get((obstacles[i] as { seq: number }).seq) as ObstacleRow;
        ids[i] = row.id;
        language[i] = row.source_language;
        status[i] = 'reported';
        version[i] = 1;
        action = 'obstacle.create';
        details = { fields: createFields(row) };
      } else if (random() < 0.35) {
        const from = status[i] as ObstacleStatus;
        const moves = transitionsFrom(from);
        // Mostly onward along the main path; withdrawing is rare.
        const onward = moves.filter((m) => m.name !== 'withdraw');
        const pool = onward.length > 0 && random() < 0.97 ? onward : moves;
        const move = pool[Math.floor(random() * pool.length)] as (typeof TRANSITIONS)[number];
        status[i] = move.to;
        version[i] = (version[i] as number) + 1;
        action = 'obstacle.transition';
        const fields: Record<string, { before: unknown; after: unknown }> = { status: { before: from, after: move.to } };
        if (move.name === 'refer')
          fields.referredTo = { before: null, after: INFORMATION_POINTS[Math.floor(random() * INFORMATION_POINTS.length)] };
        details = {
          fields,
          transition: move.name,
          ...(move.reason === 'required' || isClosed(move.to) || random() < 0.3 ? { reason: sentence(random, 14) } : {}),
        };
      } else {
        version[i] = (version[i] as number) + 1;
        action = 'obstacle.update';
        details = { fields: updateFields(random, language[i] as string) };
      }
      const changes = canonicalJson(details);
      changesBytes += Buffer.byteLength(changes);
      last = sealEvent({ at, actor, action, entityType: 'obstacle', entityId: ids[i] as string, changes }, last);
      insert.run(
        last.seq,
        last.at,
        last.actor,
        last.action,
        last.entityType,
        last.entityId,
        last.changes,
        last.prevHash,
        last.hash,
      );
    }
  });
  const eventsStarted = performance.now();
  for (let from = 0; from < total; from += BATCH) {
    writeBatch(from, Math.min(total, from + BATCH));
    if ((from / BATCH) % 4 === 3 || from + BATCH >= total) {
      const seconds = (performance.now() - eventsStarted) / 1000;
      log(`  events ${fmt(Math.min(total, from + BATCH))} / ${fmt(total)} (${fmt(Math.min(total, from + BATCH) / seconds)}/s)`);
    }
  }
  const head = last as StoredAuditEvent;
  handle.prepare('UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1').run(head.seq, head.hash);
  handle.exec('ANALYZE');
  handle.exec('PRAGMA cache_size = -65536');
  handle.pragma('wal_checkpoint(TRUNCATE)');

  const sorted = Int32Array.from(counts).sort();
  let over100 = 0;
  for (const c of counts) if (c >= 100) over100 += 1;
  return {
    eventSeconds: (performance.now() - started) / 1000,
    averageChangesBytes: changesBytes / total,
    perObstacle: {
      p50: quantile(sorted, 0.5),
      p90: quantile(sorted, 0.9),
      p99: quantile(sorted, 0.99),
      max: sorted[sorted.length - 1] ?? 0,
      over100,
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Users: the secretariat user the requests come from, and the users who made the changes.

const READER_EMAIL = 'history-bench@schakel.test';

async function ensureUsers(database: Database): Promise<string[]> {
  const store = new KyselyIdentityStore(database.db);
  const existing = await database.db.selectFrom('users').select(['id', 'email']).execute();
  if (!existing.some((u) => u.email === READER_EMAIL)) {
    const organisations = (await database.db.selectFrom('organisations').select(['key', 'kind']).execute()) as {
      key: string;
      kind: string;
    }[];
    const partners = organisations.filter((o) => o.kind !== 'secretariat' && o.kind !== 'department').map((o) => o.key);
    const departments = organisations.filter((o) => o.kind === 'department').map((o) => o.key);
    const now = new Date();
    await store.transaction(async (tx) => {
      await tx.insertUser({
        id: randomUUID(),
        email: READER_EMAIL,
        name: 'History bench',
        role: 'secretariat',
        organisation: 'secretariat',
        passwordHash: null,
        createdAt: now,
      });
      // 12 of the secretariat, 20 partners, 8 of departments: the people who change obstacles.
      const people: { role: 'secretariat' | 'partner' | 'department'; organisation: string }[] = [
        ...Array.from({ length: 12 }, () => ({ role: 'secretariat' as const, organisation: 'secretariat' })),
        ...Array.from({ length: 20 }, (_, i) => ({
          role: 'partner' as const,
          organisation: partners[i % partners.length] as string,
        })),
        ...Array.from({ length: 8 }, (_, i) => ({
          role: 'department' as const,
          organisation: departments[i % departments.length] as string,
        })),
      ];
      for (const [i, person] of people.entries()) {
        await tx.insertUser({
          id: randomUUID(),
          email: `actor-${i}@schakel.test`,
          name: `Actor ${i} (${person.role})`,
          role: person.role,
          organisation: person.organisation,
          passwordHash: null,
          createdAt: now,
        });
      }
    });
  }
  const users = await database.db
    .selectFrom('users')
    .select(['id', 'email'])
    .where('email', 'like', 'actor-%')
    .orderBy('email')
    .execute();
  // Who appears in the trail: the 40 users, and now and then the public (reports) and the system.
  return [...users.map((u) => u.id), 'anonymous', 'anonymous', 'system'];
}

// ---------------------------------------------------------------------------------------------
// The register database: copied, seeded or reused.

/**
 * A register file kept by a run before the OpenID Connect migration got its final name
 * (20261129090000 → 20261128043000, commit 6859ef1) has the same tables under the old name:
 * recorded under the new one, so that the migrator neither refuses the file nor runs it twice.
 */
function renameOpenIdMigration(path: string): boolean {
  const handle = new SQLite(path);
  try {
    const row = handle.prepare("SELECT name FROM kysely_migration WHERE name = '20261129090000-openid-connect'").get();
    if (!row) return false;
    const columns = (handle.prepare('PRAGMA table_info(sign_in_events)').all() as { name: string }[]).map((c) => c.name);
    const tables = (handle.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map(
      (t) => t.name,
    );
    if (!['method', 'provider', 'reason'].every((c) => columns.includes(c)) || !tables.includes('user_identities')) {
      throw new Error('the register file names 20261129090000-openid-connect but lacks its tables');
    }
    handle
      .prepare("UPDATE kysely_migration SET name = '20261128043000-openid-connect' WHERE name = '20261129090000-openid-connect'")
      .run();
    return true;
  } finally {
    handle.close();
  }
}

async function prepareDatabase(
  options: Options,
  cleanup: Cleanup,
): Promise<{
  location: DatabaseLocation & { dialect: 'sqlite' };
  description: string;
  build: BuildReport | undefined;
  actors: string[];
}> {
  const started = performance.now();
  let path: string;
  let description: string;
  if (options.reuse) {
    path = resolve(options.reuse);
    if (!existsSync(path)) throw new Error(`--reuse: no file ${path}`);
    description = `SQLite file built by an earlier run (${path})`;
    log(`  reusing ${path}`);
  } else {
    const dir = await mkdtemp(join(tmpdir(), 'schakel-history-bench-'));
    path = join(dir, 'history.sqlite');
    if (options.keep) log(`  keeping the SQLite file: ${path}`);
    else
      cleanup.add(
        'remove the SQLite file',
        () => rm(dir, { recursive: true, force: true }),
        () => spawnSync('rm', ['-rf', dir]),
      );
    if (options.register) {
      const source = resolve(options.register);
      const wal = `${source}-wal`;
      if (existsSync(wal) && statSync(wal).size > 0) {
        throw new Error(`${source} has a non-empty WAL: checkpoint it first (the bench copies only the main file)`);
      }
      copyFileSync(source, path);
      description = `SQLite (better-sqlite3, WAL) temp file, a copy of ${source}`;
      log(`  copied ${source} (${fmt(statSync(path).size / 1e6)} MB) in ${fmt((performance.now() - started) / 1000, 1)} s`);
      if (renameOpenIdMigration(path))
        log('  recorded the OpenID Connect migration under its final name 20261128043000 (copy only)');
    } else {
      description = 'SQLite (better-sqlite3, WAL) temp file, seeded by seedRegister';
    }
  }
  const location = { dialect: 'sqlite' as const, path };
  const database = createDatabase(location);
  try {
    if (!options.reuse && !options.register) {
      log(`  seeding ${fmt(options.obstacles)} obstacles (seedRegister)…`);
      const seed = await seedRegister(database, {
        count: options.obstacles,
        seed: options.seed,
        batch: 2000,
        lanes: 1,
        now: new Date(),
        log,
      });
      log(`  seeded ${fmt(seed.count)} obstacles in ${fmt(seed.seconds, 1)} s`);
    }
    const migrationStart = performance.now();
    // The lifecycle migration fills clarification_due one reporting date at a time, each an UPDATE
    // … WHERE reported_on = ?; without an index on reported_on that is a scan of the whole table per
    // date (about 1,800 dates: 195-377 s on a copy of 100,000 obstacles). A temporary index, dropped
    // again after, gives the same rows in seconds; the migration itself is frozen and runs unchanged.
    const pending =
      options.register !== undefined &&
      !database.sqlite?.prepare("SELECT 1 FROM kysely_migration WHERE name = '20261128100000-lifecycle'").get();
    if (pending) database.sqlite?.exec('CREATE INDEX bench_reported_on ON obstacles (reported_on)');
    const migrated = await migrateToLatest(database.db);
    database.sqlite?.exec('DROP INDEX IF EXISTS bench_reported_on');
    if (migrated.applied.length > 0) {
      log(`  migrations applied: ${migrated.applied.join(', ')} (${fmt((performance.now() - migrationStart) / 1000, 1)} s)`);
    }
    const actors = await ensureUsers(database);
    const events = Number(
      (
        await database.db
          .selectFrom('audit_events')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    if (events > 0) {
      if (!options.reuse) throw new Error(`the new database already has ${events} audit events`);
      log(`  ${fmt(events)} audit events (built earlier)`);
      return { location, description, build: undefined, actors };
    }
    log(`  building ${fmt(options.events)} audit events…`);
    const built = await buildEvents(database, options, actors);
    log(
      `  built ${fmt(options.events)} events in ${fmt(built.eventSeconds, 1)} s (${fmt(options.events / built.eventSeconds)}/s); changes average ${fmt(built.averageChangesBytes)} bytes`,
    );
    await database.close();
    const verifyStart = performance.now();
    const report = await verifyAuditTrail(location);
    const verifySeconds = (performance.now() - verifyStart) / 1000;
    if (!report.ok || report.checked !== options.events) {
      throw new Error(`the built chain does not verify: ${JSON.stringify(report)}`);
    }
    const verify = { seconds: verifySeconds, checked: report.checked, ok: report.ok, perSecond: report.checked / verifySeconds };
    log(
      `  verifyAuditTrail: ${fmt(report.checked)} events whole, head seq ${report.recordedHead.seq}, in ${fmt(verifySeconds, 2)} s (${fmt(verify.perSecond)} events/s)`,
    );
    return {
      location,
      description,
      build: { ...built, seconds: (performance.now() - started) / 1000, verify },
      actors,
    };
  } finally {
    await database.close().catch(() => {});
  }
}

// ---------------------------------------------------------------------------------------------
// The history query alone, in-process.

interface QueryFigures {
  plan: string[];
  sql: string;
  /** Mean ms of the query, for obstacles drawn uniformly and for the heaviest one. */
  uniformMs: number;
  heaviest: { id: string; events: number; ms: number };
}

function queryFigures(path: string, ids: string[], heaviest: { id: string; events: number }): QueryFigures {
  const location: DatabaseLocation = { dialect: 'sqlite', path };
  const database = createDatabase(location);
  const handle = database.sqlite as SQLite.Database;
  try {
    // The query of KyselyAuditLog.history (its first page), compiled by Kysely as the repository builds it.
    const compiled = database.db
      .selectFrom('audit_events')
      .select(['seq', 'at', 'actor', 'action', 'changes'])
      .where('entity_type', '=', 'obstacle')
      .where('entity_id', '=', ids[0] as string)
      .where('seq', '>', 0)
      .orderBy('seq')
      .limit(HISTORY_PAGE.default + 1)
      .compile();
    const plan = (handle.prepare(`EXPLAIN QUERY PLAN ${compiled.sql}`).all(...compiled.parameters) as { detail: string }[]).map(
      (r) => r.detail,
    );
    const statement = handle.prepare(compiled.sql);
    const run = (id: string) => statement.all('obstacle', id, 0, HISTORY_PAGE.default + 1);
    const time = (id: string, runs: number) => {
      const start = performance.now();
      for (let r = 0; r < runs; r += 1) run(id);
      return (performance.now() - start) / runs;
    };
    for (let r = 0; r < 2000; r += 1) run(ids[Math.floor(Math.random() * ids.length)] as string);
    const start = performance.now();
    const runs = 5000;
    for (let r = 0; r < runs; r += 1) run(ids[Math.floor(Math.random() * ids.length)] as string);
    const uniformMs = (performance.now() - start) / runs;
    return { plan, sql: compiled.sql, uniformMs, heaviest: { ...heaviest, ms: time(heaviest.id, 200) } };
  } finally {
    handle.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Load

type Requests = Parameters<typeof runLoad>[0]['requests'];

interface CaseResult {
  name: string;
  path: string;
  load: number;
  result: LoadResult;
  /**
   * CPU time of the server process per answered request (µs): what a request costs the server,
   * much less sensitive to the other processes on the machine than the latencies are.
   */
  cpuMicros: number;
}

async function measure(
  options: Options,
  server: ServerProcess,
  name: string,
  path: string,
  requests: Requests,
  headers: Record<string, string>,
): Promise<CaseResult> {
  const url = server.url;
  if (options.warmup > 0) {
    assertClean(await runLoad({ url, connections: 4, seconds: options.warmup, requests, title: 'warm-up', headers }));
    await drain(url, 120_000);
  }
  const load = load1();
  const cpuBefore = cpuSeconds(server.child.pid);
  const result = await runLoad({
    url,
    connections: options.connections,
    seconds: options.duration,
    requests,
    title: name,
    headers,
  });
  assertClean(result);
  await drain(url, 120_000);
  // What was still queued at the end is answered during the drain: its CPU counts, and so do those answers.
  const cpuMicros = ((cpuSeconds(server.child.pid) - cpuBefore) * 1e6) / (result.total + result.latency.unfinished + 2);
  const l = result.latency;
  log(
    `  ${name.padEnd(18)} ${fmt(result.requestsPerSecond, 1).padStart(9)} req/s   p50 ${fmt(l.p50, 2)}   p90 ${fmt(l.p90, 2)}   p99 ${fmt(l.p99, 2)}   max ${fmt(l.max, 1)} ms   server CPU ${fmt(cpuMicros)} µs/request   (load ${load})`,
  );
  return { name, path, load, result, cpuMicros };
}

// ---------------------------------------------------------------------------------------------

interface Result {
  date: string;
  command: string;
  machine: string;
  commit: string;
  srcChanged: boolean;
  description: string;
  sizeMB: number;
  obstacles: number;
  events: number;
  build: BuildReport | undefined;
  query: QueryFigures;
  historyBytes: { uniform: number; heaviest: number };
  cases: CaseResult[];
  reference: number;
  loadAtEnd: number[];
  /** Schakel's server processes. */
  workers: number;
}

async function run(options: Options, cleanup: Cleanup): Promise<Result> {
  log('\n=== History: SQLite ===');
  const { location, description, build, actors } = await prepareDatabase(options, cleanup);
  void actors;

  const handle = new SQLite(location.path, { readonly: true });
  let counts: { id: string; n: number }[];
  let obstacles: number;
  try {
    counts = handle
      .prepare("SELECT entity_id AS id, count(*) AS n FROM audit_events WHERE entity_type = 'obstacle' GROUP BY entity_id")
      .all() as { id: string; n: number }[];
    obstacles = (handle.prepare('SELECT count(*) AS n FROM obstacles').get() as { n: number }).n;
  } finally {
    handle.close();
  }
  const events = counts.reduce((s, c) => s + c.n, 0);
  const ids = counts.map((c) => c.id);
  const cumulative = new Float64Array(counts.length);
  let running = 0;
  counts.forEach((c, i) => {
    running += c.n;
    cumulative[i] = running;
  });
  const heaviest = counts.reduce((a, b) => (b.n > a.n ? b : a));
  const uniformPath = () => `/api/v1/obstacles/${ids[Math.floor(Math.random() * ids.length)]}/history`;
  const weightedPath = () => {
    const target = Math.random() * running;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] as number) > target) hi = mid;
      else lo = mid + 1;
    }
    return `/api/v1/obstacles/${ids[lo]}/history`;
  };
  log(`  ${fmt(obstacles)} obstacles, ${fmt(events)} events of ${fmt(counts.length)} of them; heaviest ${heaviest.n} events`);

  const query = queryFigures(location.path, ids, { id: heaviest.id, events: heaviest.n });
  log(`  history query: ${query.sql}`);
  for (const line of query.plan) log(`  EXPLAIN QUERY PLAN: ${line}`);
  log(
    `  the query alone (in-process, better-sqlite3): ${fmt(query.uniformMs, 3)} ms mean for a uniform obstacle, ${fmt(query.heaviest.ms, 3)} ms for the heaviest (${query.heaviest.events} events)`,
  );

  // A token of the secretariat user: created on the file (as `schakel token create` would).
  const database = createDatabase(location);
  let token: string;
  try {
    const store = new KyselyIdentityStore(database.db);
    const clock = { now: () => new Date() };
    const made = await createApiToken({
      email: READER_EMAIL,
      label: `history bench ${new Date().toISOString()}`,
      store,
      clock,
      ids: { newId: randomUUID },
      actor: 'system',
    });
    token = made.token;
    database.sqlite?.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    await database.close();
  }
  const sizeMB = statSync(location.path).size / 1e6;

  const hello = await startHelloWorld(cleanup, ROOT);
  const schakel = await startServer({
    name: 'schakel',
    args: ['bin/schakel.js', 'serve'],
    env: {
      DATABASE_URL: `sqlite:${location.path}`,
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      WORKERS: String(options.workers),
    },
    cwd: ROOT,
  });
  cleanup.add('stop schakel', schakel.stop, schakel.stopSync);
  log(`  servers ready: schakel ${schakel.url}, hello-world ${hello.url}`);

  const headers = { authorization: `Bearer ${token}`, 'accept-encoding': 'gzip, deflate, br' };
  const size = async (path: string) => {
    const response = await fetch(`${schakel.url}${path}`, { headers: { authorization: headers.authorization } });
    const body = await response.text();
    if (response.status !== 200) throw new Error(`GET ${path} answered ${response.status}: ${body.slice(0, 300)}`);
    const parsed = JSON.parse(body) as { items: { actor: { name?: string } }[]; nextCursor: string | null };
    return {
      bytes: Buffer.byteLength(body),
      items: parsed.items.length,
      named: parsed.items.filter((i) => i.actor.name).length,
      next: parsed.nextCursor,
    };
  };
  // The heaviest history page after page (the measured requests read the first page, as a
  // client that shows the start of a history does), all of its events there.
  const heavyCheck = await size(`/api/v1/obstacles/${heaviest.id}/history`);
  let heavyItems = heavyCheck.items;
  let heavyPages = 1;
  for (let next = heavyCheck.next; next !== null; heavyPages += 1) {
    const page = await size(`/api/v1/obstacles/${heaviest.id}/history?cursor=${next}`);
    heavyItems += page.items;
    next = page.next;
  }
  if (heavyItems !== heaviest.n) throw new Error(`the heaviest history has ${heavyItems} items, not ${heaviest.n}`);
  let uniformBytes = 0;
  for (let k = 0; k < 20; k += 1) uniformBytes += (await size(uniformPath())).bytes;
  log(
    `  check: the heaviest history is 200, ${heavyItems} items in ${heavyPages} pages; its first page ${heavyCheck.items} items (${heavyCheck.named} with a user's name), ${fmt(heavyCheck.bytes / 1024, 1)} KiB; uniform obstacles ${fmt(uniformBytes / 20 / 1024, 1)} KiB on average`,
  );

  log(
    `  measuring: ${options.connections} connections, ${options.duration} s per case (+${options.warmup} s warm-up); measured under load from other processes`,
  );
  const cases: CaseResult[] = [];
  cases.push(await measure(options, hello, 'baseline', 'hello world GET /', [{ path: '/' }], headers));
  cases.push(await measure(options, schakel, 'health', 'Schakel GET /health', [{ path: '/health' }], headers));
  cases.push(
    await measure(
      options,
      schakel,
      'history uniform',
      'GET /api/v1/obstacles/{id}/history, every obstacle equally likely',
      [{ path: uniformPath }],
      headers,
    ),
  );
  cases.push(
    await measure(
      options,
      schakel,
      'history by events',
      'GET /api/v1/obstacles/{id}/history, an obstacle as likely as it has events',
      [{ path: weightedPath }],
      headers,
    ),
  );
  cases.push(await measure(options, hello, 'baseline again', 'hello world GET /', [{ path: '/' }], headers));
  await hello.stop();
  await schakel.stop();
  const reference = Math.max(...cases.filter((c) => c.name.startsWith('baseline')).map((c) => c.result.requestsPerSecond));

  return {
    date: new Date().toISOString(),
    command: commandLine('bench/history.bench.ts'),
    machine: describeMachine({ platform: true }),
    commit: git('rev-parse', '--short', 'HEAD') || 'unknown',
    srcChanged: git('status', '--porcelain', '--', 'src') !== '',
    description,
    sizeMB,
    obstacles,
    events,
    build,
    query,
    historyBytes: { uniform: uniformBytes / 20, heaviest: heavyCheck.bytes },
    cases,
    reference,
    loadAtEnd: loadavg().map((l) => Math.round(l * 100) / 100),
    workers: options.workers,
  };
}

function markdown(r: Result): string {
  const header =
    '| case | requests/s | p50 ms | p90 ms | p99 ms | max ms | answered | × hello-world | server CPU µs/request | load avg (1 min) before |';
  const rows: string[] = [];
  for (const c of r.cases) {
    const l = c.result.latency;
    rows.push(
      `| ${c.name} | ${fmt(c.result.requestsPerSecond, 0)} | ${latencyMs(l, 'p50')} | ${latencyMs(l, 'p90')} | ${latencyMs(l, 'p99')} | ${latencyMs(l, 'max')} | ${fmt(l.count)} | ${fmt(c.result.requestsPerSecond / r.reference, 3)} | ${fmt(c.cpuMicros)} | ${c.load} |`,
    );
  }
  const histories = r.cases.filter((c) => c.name.startsWith('history'));
  const history = histories[0] as CaseResult;
  const b = r.build;
  return [
    `### SQLite, ${fmt(r.obstacles)} obstacles, ${fmt(r.events)} audit events — ${r.date.slice(0, 10)}, commit ${r.commit}${r.srcChanged ? ' + uncommitted changes in src/' : ''}`,
    '',
    `- Machine: ${r.machine}; **measured under load from other processes** (load average before each case in the table; ${r.loadAtEnd.join(' ')} at the end)`,
    `- Date: ${r.date}; command: \`${r.command}\``,
    `- Database: ${r.description}, ${fmt(r.sizeMB)} MB`,
    `- Schakel: \`node bin/schakel.js serve\` with WORKERS=${r.workers} (${r.workers === 1 ? 'one process' : `${r.workers} server processes on the one port, node:cluster; their CPU summed`}); the hello world one process`,
    b
      ? `- Built in ${fmt(b.seconds, 1)} s in all (the events: ${fmt(b.eventSeconds, 1)} s, ${fmt(r.events / b.eventSeconds)}/s, sealed with sealEvent, prepared INSERT in transactions of 50,000); changes average ${fmt(b.averageChangesBytes)} bytes; events per obstacle p50 ${b.perObstacle.p50}, p90 ${b.perObstacle.p90}, p99 ${b.perObstacle.p99}, max ${b.perObstacle.max}, ${fmt(b.perObstacle.over100)} obstacles with 100 or more; verifyAuditTrail: ${fmt(b.verify.checked)} events whole in ${fmt(b.verify.seconds, 2)} s (${fmt(b.verify.perSecond)} events/s)`
      : '- Built by an earlier run (--reuse)',
    `- History query: \`${r.query.sql}\`; plan: ${r.query.plan.map((p) => `\`${p}\``).join(', ')}; alone in-process ${fmt(r.query.uniformMs, 3)} ms (uniform), ${fmt(r.query.heaviest.ms, 3)} ms (the heaviest, ${r.query.heaviest.events} events)`,
    `- Answers: ${fmt(r.historyBytes.uniform / 1024, 1)} KiB on average for a uniform obstacle, ${fmt(r.historyBytes.heaviest / 1024, 1)} KiB for the first page (100 events) of the heaviest (uncompressed)`,
    `- Load: autocannon in the bench process, ${history.result.connections} connections, ${history.result.seconds} s per case after a warm-up, Bearer token of a secretariat user, Accept-Encoding gzip; "history uniform" draws every obstacle with the same chance, "history by events" an obstacle with a chance in proportion to its number of events (a random event's obstacle: the 1 % heavy obstacles get about a fifth of the requests); × hello-world relative to the better hello-world run (${fmt(r.reference, 0)} req/s)`,
    '',
    header,
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows,
    '',
    ...histories.map(
      (h) =>
        `Target: history p99 < 10 ms at ${h.result.connections} connections, ${h.name}: ${latencyMs(h.result.latency, 'p99')} ms — ${h.result.latency.p99 < 10 && !h.result.latency.lowerBound.p99 ? 'met' : '**not met**'}.`,
    ),
    '',
  ].join('\n');
}

export function main(argv: string[]): Promise<number> {
  const started = performance.now();
  return benchMain(argv, {
    usage: USAGE,
    parse: parseOptions,
    run: async (options, cleanup) => {
      const result = await run(options, cleanup);
      await cleanup.runAll();
      const file = writeRecord('history-sqlite', result.date, result);
      log(`\n  results written to ${file}; the whole run took ${fmt((performance.now() - started) / 1000, 0)} s`);
      log('\n----- Markdown for bench/RESULTS.md -----\n');
      log(markdown(result));
      log('----- end -----');
      return 0;
    },
  });
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (invokedDirectly) {
  process.exitCode = await main(process.argv.slice(2));
}
