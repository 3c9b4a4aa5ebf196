/**
 * The dashboard and monitoring benchmark (issue 6): "100,000 obstacles and 500,000 actions: the
 * dashboard API p99 < 50 ms at 10 connections; computing every due date and RAG status for all
 * actions (the nightly job) — record time and actions per second; the nightly job must not block
 * requests (p99 of the list page during the job within 2× of without)."
 *
 *   npm run bench -- dashboard [--obstacles 100000] [--actions-per-obstacle 5] [--duration 10] [--no-build]
 *
 * 1. **The database** (SQLite, a temporary file; `--keep` keeps it, `--reuse FILE` measures a kept
 *    one): `--obstacles` seeded as the register bench seeds them (`seedRegister`), the routings a
 *    live register has (every obstacle in `routed`, `decided` or `in_progress` routed to one lead
 *    department and up to two involved ones), and on average `--actions-per-obstacle` actions per
 *    obstacle (bench/actions.ts: batched multi-row INSERTs; statuses, owners, due dates before and
 *    after today, 25 % of the open ones stale) with their computed status as before any nightly run.
 * 2. **The nightly job, alone** (in the bench process, nothing else running): `runMonitoring` as
 *    the server's job calls it (batches fitted to `--slice-ms` each, at most `--batch-size`; the
 *    server's MONITORING_SLICE_MS and MONITORING_BATCH_SIZE by default; the norms and calendars of
 *    the database) — once with every open action to judge and write (the first
 *    night), once more the same day (nothing changes: most nights are close to this). Time,
 *    open actions judged per second, rows written, batches.
 * 3. **The servers**: the built server (`node bin/schakel.js serve`, NODE_ENV=production,
 *    `--workers` server processes, default 1 as the app) with bench/job-trigger.mjs preloaded,
 *    which lets the bench start the nightly job now in the server's own job runner (the process
 *    that runs the jobs; nothing else changes); and the hello world. Both child processes on free
 *    loopback ports. API tokens of a secretariat user, a partner and a department.
 * 4. **The cases** (autocannon, 127.0.0.1, `--connections` (10), `--duration` s after a warm-up):
 *    hello world `GET /`; the list `GET /api/v1/obstacles?theme=…&status=…&sort=-updatedAt&limit=50`
 *    as the secretariat, theme × status drawn at random for each request, without the job; then
 *    the computed status is reset (as before the first night), the nightly job started in the
 *    server and the same list loaded until the job ends ("during"); the ratio of the p99s is the
 *    target (≤ 2). Then the dashboard (now with every action judged) unfiltered as the secretariat,
 *    as a department, and as a partner with a filter drawn from every segment × theme; the hello
 *    world again. Ratios of req/s are to the better hello-world run. Before the dashboard load,
 *    the first (uncached) answer of each caller is timed.
 *
 * Targets (issue 6): dashboard p99 < 50 ms at 10 connections; list p99 during the job ≤ 2 × without.
 */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { type MonitoringRunReport, runMonitoring } from '../src/core/monitoring/run-monitoring.js';
import { calendarDate } from '../src/core/obstacles/register-obstacle.js';
import { createDatabase, type DatabaseLocation } from '../src/db/create-database.js';
import { loadMonitoringSettings } from '../src/db/monitoring-settings.js';
import { createPersistence } from '../src/db/unit-of-work.js';
import { MONITORING_BATCH_SIZE, MONITORING_SLICE_MS, NIGHTLY_MONITORING } from '../src/server/monitoring-jobs.js';
import { bearer } from '../test-support/access.js';
import { resetMonitoring, type SeedActionsReport, seedActions } from './actions.js';
import { createRandom, pick } from './generate.js';
import { assertClean, type LoadResult, runLoad } from './load.js';
import { type Cleanup, type ServerProcess, startHelloWorld, startServer } from './processes.js';
import { seedRegister } from './seed.js';
import { benchMain, describeMachine, fmt, log, ROOT, writeRecord } from './support.js';

const TARGET_P99_MS = 50;
/** The list's p99 during the nightly job may be at most this many times its p99 without. */
const TARGET_DURING_RATIO = 2;
/** The longest the "during the job" load may run: it ends when the job ends. */
const LONGEST_JOB_SECONDS = 3600;

interface Options {
  obstacles: number;
  actionsPerObstacle: number;
  duration: number;
  warmup: number;
  connections: number;
  workers: number;
  batchSize: number;
  sliceMs: number;
  build: boolean;
  seed: number;
  keep: boolean;
  reuse: string | undefined;
}

const USAGE = `Usage: npm run bench -- dashboard [options]   (or: npx tsx bench/dashboard.bench.ts [options])

  --obstacles N              obstacles to generate (default 100000)
  --actions-per-obstacle N   actions per obstacle on average, 0 to 2N each (default 5: 500,000 for 100,000)
  --duration S               seconds per case (default 10); the "during the job" case lasts as long as the job
  --warmup S                 warm-up seconds before each case (default 2)
  --connections N            connections per case (default 10)
  --workers N                server processes (WORKERS; default 1, as the app); the job runs in one of them
  --batch-size N             most actions per batch of the job alone (default ${MONITORING_BATCH_SIZE}, as the server's job)
  --slice-ms N               the job alone fits its batches to N ms each (default ${MONITORING_SLICE_MS}, as the server's
                             job; 0: fixed batches of --batch-size, as \`schakel monitor run\`)
  --seed N                   seed of the generator (default 6)
  --keep                     keep the built database (its path is printed) for --reuse
  --reuse FILE               measure a database kept by an earlier --keep run (no seeding)
  --no-build                 do not run \`npm run build\` first`;

function parseOptions(argv: string[]): Options | undefined {
  const { values } = parseArgs({
    args: argv,
    options: {
      obstacles: { type: 'string', default: '100000' },
      'actions-per-obstacle': { type: 'string', default: '5' },
      duration: { type: 'string', default: '10' },
      warmup: { type: 'string', default: '2' },
      connections: { type: 'string', default: '10' },
      workers: { type: 'string', default: '1' },
      'batch-size': { type: 'string', default: String(MONITORING_BATCH_SIZE) },
      'slice-ms': { type: 'string', default: String(MONITORING_SLICE_MS) },
      seed: { type: 'string', default: '6' },
      keep: { type: 'boolean', default: false },
      reuse: { type: 'string' },
      'no-build': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return undefined;
  const number = (name: string, raw: string, min: number) => {
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be an integer ≥ ${min}`);
    return n;
  };
  if (values.keep && values.reuse) throw new Error('--keep and --reuse exclude each other (a reused file is kept)');
  return {
    obstacles: number('obstacles', values.obstacles, 1),
    actionsPerObstacle: number('actions-per-obstacle', values['actions-per-obstacle'], 0),
    duration: number('duration', values.duration, 1),
    warmup: number('warmup', values.warmup, 0),
    connections: number('connections', values.connections, 1),
    workers: number('workers', values.workers, 1),
    batchSize: number('batch-size', values['batch-size'], 1),
    sliceMs: number('slice-ms', values['slice-ms'], 0),
    seed: number('seed', values.seed, 0),
    keep: values.keep,
    reuse: values.reuse,
    build: !values['no-build'],
  };
}

/** Routes the obstacles a live register would have routed: one lead and up to two involved departments. */
function addRoutings(location: DatabaseLocation & { dialect: 'sqlite' }, seed: number): number {
  const database = createDatabase(location);
  const handle = database.sqlite;
  if (!handle) throw new Error('the dashboard bench builds SQLite databases only');
  try {
    const random = createRandom(seed + 1);
    const departments = handle
      .prepare("SELECT key, government_key AS government FROM organisations WHERE kind = 'department' ORDER BY key")
      .all() as { key: string; government: string | null }[];
    const rows = handle
      .prepare(
        "SELECT id, governments, updated_at FROM obstacles WHERE status IN ('routed', 'decided', 'in_progress') ORDER BY seq",
      )
      .all() as { id: string; governments: string; updated_at: string }[];
    const insert = handle.prepare(
      'INSERT INTO obstacle_routings (id, obstacle_id, organisation_key, role, routed_at, routed_by, ended_at) VALUES (?, ?, ?, ?, ?, ?, NULL)',
    );
    let n = 0;
    handle.transaction(() => {
      for (const row of rows) {
        const governments = new Set(JSON.parse(row.governments) as string[]);
        const own = departments.filter((d) => d.government !== null && governments.has(d.government));
        const pool = own.length > 0 ? own : departments;
        const chosen = new Set<string>();
        const count = 1 + Math.floor(random() * 3);
        for (let k = 0; k < count; k += 1) chosen.add(pick(random, pool).key);
        [...chosen].forEach((key, index) => {
          insert.run(randomUUID(), row.id, key, index === 0 ? 'lead' : 'involved', row.updated_at, 'bench');
          n += 1;
        });
      }
    })();
    handle.pragma('wal_checkpoint(TRUNCATE)');
    return n;
  } finally {
    void database.close();
  }
}

interface CaseResult {
  name: string;
  path: string;
  result: LoadResult;
}

function printCase(name: string, result: LoadResult): void {
  const l = result.latency;
  log(
    `  ${name.padEnd(26)} ${fmt(result.okPerSecond, 1).padStart(9)} req/s   p50 ${fmt(l.p50, 2)}   p90 ${fmt(l.p90, 2)}   p99 ${fmt(l.p99, 2)}   max ${fmt(l.max, 1)} ms   ${fmt(l.count)} answers in ${fmt(result.seconds, 1)} s   (load ${loadavg()[0]?.toFixed(2)})`,
  );
}

async function warmUp(options: Options, server: ServerProcess, path: string | (() => string), headers: Record<string, string>) {
  if (options.warmup > 0) {
    assertClean(
      await runLoad({
        url: server.url,
        connections: 4,
        seconds: options.warmup,
        requests: [{ path }],
        title: 'warm-up',
        headers,
      }),
    );
  }
}

async function measure(
  options: Options,
  server: ServerProcess,
  name: string,
  path: string | (() => string),
  headers: Record<string, string>,
): Promise<CaseResult> {
  await warmUp(options, server, path, headers);
  const result = await runLoad({
    url: server.url,
    connections: options.connections,
    seconds: options.duration,
    requests: [{ path }],
    title: name,
    headers,
  });
  assertClean(result);
  printCase(name, result);
  return { name, path: typeof path === 'string' ? path : 'varied', result };
}

/** The database: seeded (obstacles, routings, actions) in a temp file, or a kept one reused. */
async function prepareDatabase(
  options: Options,
  cleanup: Cleanup,
): Promise<{
  location: DatabaseLocation & { dialect: 'sqlite' };
  routings: number | undefined;
  actions: SeedActionsReport | undefined;
}> {
  if (options.reuse) {
    const path = resolve(options.reuse);
    if (!existsSync(path)) throw new Error(`--reuse: no file ${path}`);
    log(`  reusing ${path}`);
    return { location: { dialect: 'sqlite', path }, routings: undefined, actions: undefined };
  }
  const dir = await mkdtemp(join(tmpdir(), 'schakel-dashboard-bench-'));
  if (options.keep) log(`  keeping the SQLite file: ${join(dir, 'dashboard.sqlite')}`);
  else
    cleanup.add(
      'remove the database',
      () => rm(dir, { recursive: true, force: true }),
      () => spawnSync('rm', ['-rf', dir]),
    );
  const location = { dialect: 'sqlite' as const, path: join(dir, 'dashboard.sqlite') };
  const database = createDatabase(location);
  try {
    const report = await seedRegister(database, {
      count: options.obstacles,
      seed: options.seed,
      batch: 1000,
      lanes: 1,
      now: new Date(),
      log,
    });
    log(`  ${fmt(report.count)} obstacles in ${fmt(report.seconds, 1)} s; facet counts verified: ${report.facetCountsVerified}`);
  } finally {
    await database.close();
  }
  const routings = addRoutings(location, options.seed);
  log(`  ${fmt(routings)} routings that hold`);
  const withActions = createDatabase(location);
  try {
    const handle = withActions.sqlite;
    if (!handle) throw new Error('the dashboard bench builds SQLite databases only');
    const actions = seedActions(handle, { perObstacle: options.actionsPerObstacle, seed: options.seed, now: new Date(), log });
    log(
      `  ${fmt(actions.actions)} actions (${fmt(actions.open)} open) on ${fmt(actions.obstaclesWithActions)} obstacles in ${fmt(actions.seconds, 1)} s (${fmt(actions.actionsPerSecond)} rows/s)`,
    );
    return { location, routings, actions };
  } finally {
    await withActions.close();
  }
}

function printJob(label: string, report: MonitoringRunReport): void {
  log(
    `  ${label}: ${fmt(report.actions)} open actions judged (${fmt(report.changed)} written; ${fmt(report.overdue)} overdue, ${fmt(report.stale)} stale), ${fmt(report.obstacles)} roll-ups (${fmt(report.obstaclesChanged)} written), ${report.batches} batches; ${fmt(report.timings.total / 1000, 2)} s in all — actions ${fmt(report.timings.actions / 1000, 2)} s, ${fmt(report.actionsPerSecond)} actions/s; roll-ups ${fmt(report.timings.obstacles / 1000, 2)} s`,
  );
}

/** The nightly job in this process with nothing else running: the first night, then the same day again. */
async function nightlyJobAlone(options: Options, location: DatabaseLocation & { dialect: 'sqlite' }) {
  const database = createDatabase(location);
  const persistence = createPersistence(database, { searchWorkers: 0 });
  try {
    const handle = database.sqlite;
    if (!handle) throw new Error('the dashboard bench builds SQLite databases only');
    const reset = resetMonitoring(handle);
    log(`  computed status reset on ${fmt(reset)} open actions (as before the first night)`);
    const today = calendarDate(new Date());
    const settings = await loadMonitoringSettings(persistence);
    const batches = { batchSize: options.batchSize, ...(options.sliceMs > 0 ? { sliceMs: options.sliceMs } : {}) };
    const first = await runMonitoring({ today, ...batches, uow: persistence, settings });
    printJob('first night', first);
    const again = await runMonitoring({ today, ...batches, uow: persistence, settings });
    printJob('same day again', again);
    if (again.changed !== 0 || again.obstaclesChanged !== 0) throw new Error('a second run on the same day changed rows');
    // The server's job then does the first night's work again, under load.
    resetMonitoring(handle);
    return { first, again };
  } finally {
    await persistence.close();
  }
}

interface Distribution {
  count: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  totalMs: number;
  over5ms: number;
  over10ms: number;
  over20ms: number;
}

/** What bench/job-trigger.mjs writes when the job ends (the turns and the delay measured in the server). */
interface JobEnded {
  ms: number;
  ok: boolean;
  pid: number;
  error?: string;
  /** The job's own synchronous turns on the server's thread (milliseconds). */
  turns?: Distribution;
  /** perf_hooks.monitorEventLoopDelay (1 ms resolution) over the job's run, milliseconds. */
  eventLoopDelay?: { p50: number; p90: number; p99: number; max: number };
  cpuProfile?: string;
}

/** Resolves with what bench/job-trigger.mjs wrote when the job ended; rejects after `seconds`. */
async function jobEnded(dir: string, name: string, seconds: number): Promise<JobEnded> {
  const file = join(dir, `done-${name}.json`);
  const deadline = Date.now() + seconds * 1000;
  while (!existsSync(file)) {
    if (Date.now() > deadline) throw new Error(`the job ${name} did not end within ${seconds} s`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return JSON.parse(readFileSync(file, 'utf8')) as JobEnded;
}

async function run(options: Options, cleanup: Cleanup) {
  log('\n=== Dashboard and monitoring: SQLite ===');
  const { location, routings, actions } = await prepareDatabase(options, cleanup);
  let tokens: Record<'secretariat' | 'partner' | 'department', Record<string, string>>;
  let filters: string[];
  let lists: string[];
  let counts: { obstacles: number; actions: number; open: number };
  const database = createDatabase(location);
  try {
    tokens = {
      secretariat: await bearer(database, 'secretariat'),
      partner: await bearer(database, 'partner'),
      department: await bearer(database, 'department', 'nl-szw'),
    };
    const segments = (await database.db.selectFrom('segments').select('key').execute()).map((r) => r.key);
    const themes = (await database.db.selectFrom('themes').select('key').execute()).map((r) => r.key);
    const statuses = (await database.db.selectFrom('obstacles').select('status').distinct().execute()).map((r) => r.status);
    filters = segments.flatMap((segment) => themes.map((theme) => `?segment=${segment}&theme=${theme}`));
    lists = themes.flatMap((theme) =>
      statuses.map((status) => `/api/v1/obstacles?theme=${theme}&status=${status}&sort=-updatedAt&limit=50`),
    );
    const count = async (table: 'obstacles' | 'actions', open = false) => {
      let query = database.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n'));
      if (open) query = query.where('status', 'in', ['planned', 'in_progress']);
      return Number((await query.executeTakeFirstOrThrow()).n);
    };
    counts = { obstacles: await count('obstacles'), actions: await count('actions'), open: await count('actions', true) };
  } finally {
    await database.close();
  }
  if (options.reuse) log(`  ${fmt(counts.obstacles)} obstacles, ${fmt(counts.actions)} actions (${fmt(counts.open)} open)`);

  log(
    `\n  The nightly job alone (this process, nothing else running; ${options.sliceMs > 0 ? `batches of ~${options.sliceMs} ms, at most ${options.batchSize}` : `batches of ${options.batchSize}`}):`,
  );
  const alone = await nightlyJobAlone(options, location);
  if (alone.first.actions !== counts.open) {
    throw new Error(`the job judged ${alone.first.actions} open actions, the database has ${counts.open}`);
  }

  const triggerDir = await mkdtemp(join(tmpdir(), 'schakel-dashboard-jobs-'));
  cleanup.add(
    'remove the trigger folder',
    () => rm(triggerDir, { recursive: true, force: true }),
    () => spawnSync('rm', ['-rf', triggerDir]),
  );
  const hello = await startHelloWorld(cleanup, ROOT);
  const schakel = await startServer({
    name: 'schakel',
    args: ['--import', pathToFileURL(join(ROOT, 'bench', 'job-trigger.mjs')).href, 'bin/schakel.js', 'serve'],
    env: {
      DATABASE_URL: `sqlite:${location.path}`,
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      WORKERS: String(options.workers),
      BENCH_JOB_TRIGGER_DIR: triggerDir,
    },
    cwd: ROOT,
  });
  cleanup.add('stop schakel', schakel.stop, schakel.stopSync);
  log(
    `\n  servers ready: schakel ${schakel.url} (${options.workers} process${options.workers > 1 ? 'es' : ''}), hello-world ${hello.url}`,
  );

  const random = createRandom(options.seed + 2);
  const cases: CaseResult[] = [];
  cases.push(await measure(options, hello, 'baseline', '/', {}));

  // The list without and during the nightly job.
  const list = () => pick(random, lists);
  const without = await measure(options, schakel, 'list, no job', list, tokens.secretariat);
  cases.push(without);
  writeFileSync(join(triggerDir, `run-${NIGHTLY_MONITORING}`), '');
  const ended = jobEnded(triggerDir, NIGHTLY_MONITORING, LONGEST_JOB_SECONDS);
  const duringResult = await runLoad({
    url: schakel.url,
    connections: options.connections,
    seconds: LONGEST_JOB_SECONDS,
    requests: [{ path: list }],
    title: 'list, during the job',
    headers: tokens.secretariat,
    until: ended,
  });
  const job = await ended;
  if (!job.ok) throw new Error(`the nightly job failed in the server: ${job.error}`);
  assertClean(duringResult);
  printCase('list, during the job', duringResult);
  const during: CaseResult = { name: 'list, during the job', path: 'varied', result: duringResult };
  cases.push(during);
  const duringRatio = during.result.latency.p99 / without.result.latency.p99;
  log(
    `  the job in the server (pid ${job.pid}) took ${fmt(job.ms / 1000, 2)} s under load (${fmt(alone.first.timings.total / 1000, 2)} s alone): ${fmt((counts.open * 1000) / job.ms)} open actions/s in all`,
  );
  log(`  list p99 during / without the job: ${fmt(duringRatio, 2)} (target ≤ ${TARGET_DURING_RATIO})`);
  if (job.turns) {
    const t = job.turns;
    log(
      `  the job's turns on the server's thread: ${fmt(t.count)} turns, ${fmt(t.totalMs / 1000, 2)} s in all; p50 ${fmt(t.p50, 2)}   p90 ${fmt(t.p90, 2)}   p99 ${fmt(t.p99, 2)}   max ${fmt(t.max, 1)} ms; over 5 / 10 / 20 ms: ${fmt(t.over5ms)} / ${fmt(t.over10ms)} / ${fmt(t.over20ms)}`,
    );
  }
  if (job.eventLoopDelay) {
    const d = job.eventLoopDelay;
    log(
      `  event-loop delay during the job: p50 ${fmt(d.p50, 2)}   p90 ${fmt(d.p90, 2)}   p99 ${fmt(d.p99, 2)}   max ${fmt(d.max, 1)} ms`,
    );
  }
  if (job.cpuProfile) log(`  CPU profile of the server during the job: ${job.cpuProfile}`);
  const check = createDatabase(location);
  try {
    const progress = Number(
      (
        await check.db
          .selectFrom('obstacle_progress')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    const judged = Number(
      (
        await check.db
          .selectFrom('actions')
          .where('status', 'in', ['planned', 'in_progress'])
          .where('rag', '!=', 'none')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    if (progress !== alone.first.obstaclesChanged) {
      throw new Error(`the job in the server left ${progress} roll-ups, the job alone ${alone.first.obstaclesChanged}`);
    }
    log(`  checked: ${fmt(progress)} roll-ups and ${fmt(judged)} open actions with a RAG, as the job alone left them`);
  } finally {
    await check.close();
  }

  // The dashboard, now that every action is judged. The first answer of each caller: computed, not kept.
  const uncached: Record<string, number> = {};
  for (const [who, headers] of Object.entries(tokens)) {
    const started = performance.now();
    const response = await fetch(`${schakel.url}/api/v1/dashboard`, { headers });
    const body = (await response.json()) as { total: number; counts: { department: Record<string, number> } };
    if (response.status !== 200) throw new Error(`the dashboard answered ${response.status} to the ${who}`);
    uncached[who] = performance.now() - started;
    log(
      `  ${who}: first dashboard ${fmt(uncached[who] as number, 1)} ms; ${fmt(body.total)} obstacles, ${Object.keys(body.counts.department).length} departments counted`,
    );
  }
  cases.push(await measure(options, schakel, 'dashboard secretariat', '/api/v1/dashboard', tokens.secretariat));
  cases.push(await measure(options, schakel, 'dashboard department', '/api/v1/dashboard', tokens.department));
  cases.push(
    await measure(
      options,
      schakel,
      'dashboard partner, filters',
      () => `/api/v1/dashboard${pick(random, filters)}`,
      tokens.partner,
    ),
  );
  cases.push(await measure(options, hello, 'baseline again', '/', {}));
  await hello.stop();
  await schakel.stop();
  const reference = Math.max(...cases.filter((c) => c.name.startsWith('baseline')).map((c) => c.result.okPerSecond));
  return {
    database: options.reuse ? `reused ${options.reuse}` : location.path,
    obstacles: counts.obstacles,
    actions: counts.actions,
    openActions: counts.open,
    routings,
    seeding: actions,
    workers: options.workers,
    nightlyJob: {
      alone: alone.first,
      sameDayAgain: alone.again,
      inServerUnderLoad: {
        ms: Math.round(job.ms),
        actionsPerSecond: Math.round((counts.open * 1000) / job.ms),
        turns: job.turns,
        eventLoopDelay: job.eventLoopDelay,
      },
    },
    duringRatio,
    uncached,
    cases,
    reference,
  };
}

export function main(argv: string[]): Promise<number> {
  return benchMain(argv, {
    usage: USAGE,
    parse: parseOptions,
    run: async (options, cleanup) => {
      const result = await run(options, cleanup);
      await cleanup.runAll();
      log('\n  case                        req/s   ratio to hello world   p99 ms   target');
      for (const c of result.cases) {
        const isDashboard = c.name.startsWith('dashboard');
        const target = isDashboard
          ? c.result.latency.p99 < TARGET_P99_MS
            ? 'met'
            : 'NOT met'
          : c.name === 'list, during the job'
            ? `${fmt(result.duringRatio, 2)} × without: ${result.duringRatio <= TARGET_DURING_RATIO ? 'met' : 'NOT met'}`
            : '';
        log(
          `  ${c.name.padEnd(26)} ${fmt(c.result.okPerSecond).padStart(7)}   ${fmt(c.result.okPerSecond / result.reference, 3).padStart(6)}   ${fmt(c.result.latency.p99, 2).padStart(8)}   ${target}`,
        );
      }
      const alone = result.nightlyJob.alone;
      log(
        `\n  nightly job: ${fmt(alone.actions)} open actions (${fmt(result.actions)} in all) in ${fmt(alone.timings.total / 1000, 2)} s alone, ${fmt(alone.actionsPerSecond)} actions/s (actions pass); ${fmt(result.nightlyJob.inServerUnderLoad.ms / 1000, 2)} s in the server under load`,
      );
      const record = {
        date: new Date().toISOString(),
        machine: describeMachine(),
        command: `npm run bench -- dashboard ${argv.join(' ')}`.trim(),
        targetP99Ms: TARGET_P99_MS,
        targetDuringRatio: TARGET_DURING_RATIO,
        ...result,
      };
      log(`\n  results written to ${writeRecord('dashboard-sqlite', record.date, record)}`);
      const dashboardMet = result.cases
        .filter((c) => c.name.startsWith('dashboard'))
        .every((c) => c.result.latency.p99 < TARGET_P99_MS);
      log(
        dashboardMet
          ? `  target met: every dashboard case p99 < ${TARGET_P99_MS} ms`
          : `  target NOT met (dashboard p99 < ${TARGET_P99_MS} ms)`,
      );
      log(
        result.duringRatio <= TARGET_DURING_RATIO
          ? `  target met: list p99 during the job ≤ ${TARGET_DURING_RATIO} × without`
          : `  target NOT met (list p99 during the job ≤ ${TARGET_DURING_RATIO} × without)`,
      );
      return 0;
    },
  });
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (invokedDirectly) {
  process.exitCode = await main(process.argv.slice(2));
}
