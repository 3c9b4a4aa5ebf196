/**
 * The dashboard benchmark (issue 6): `GET /api/v1/dashboard` on a register of `--obstacles`
 * (default 100,000) generated obstacles, against a bare Fastify hello world in the same run.
 *
 *   npm run bench -- dashboard [--obstacles 100000] [--duration 10] [--no-build]
 *
 * 1. **The database** (SQLite, a temporary file): seeded as the register bench seeds it
 *    (`seedRegister`: bench/generate.ts's obstacles through the repository, facet counts kept),
 *    then the routings a live register has: every obstacle in `routed`, `decided` or
 *    `in_progress` routed to one lead department and up to two involved ones (departments of its
 *    governments where there are, else any), with a routing that holds. Actions (500,000 in the
 *    issue's target) are not generated yet: the `actions` table is not on main.
 * 2. **The servers**: the built server (`node bin/schakel.js serve`, NODE_ENV=production) and the
 *    hello world as child processes on free loopback ports. API tokens of a secretariat user (reads
 *    everything), a partner and a department (reads what is routed to it).
 * 3. **The cases** (autocannon, 127.0.0.1, `--connections` 10, `--duration` s after a warm-up):
 *    hello world `GET /`; the dashboard unfiltered as the secretariat, as a department, and as a
 *    partner with a filter drawn from every segment × theme (many different answers); the hello
 *    world again. Ratios are to the better hello-world run. Before the load, the first (uncached)
 *    answer of each caller is timed: what a request after a write costs.
 *
 * Target (issue 6): dashboard p99 < 50 ms at 10 connections.
 */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { createDatabase, type DatabaseLocation } from '../src/db/create-database.js';
import { bearer } from '../test-support/access.js';
import { createRandom, pick } from './generate.js';
import { assertClean, type LoadResult, runLoad } from './load.js';
import { Cleanup, type ServerProcess, startServer } from './processes.js';
import { seedRegister } from './seed.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT_DIR = join(ROOT, 'bench', '.out');
const TARGET_P99_MS = 50;

interface Options {
  obstacles: number;
  duration: number;
  warmup: number;
  connections: number;
  build: boolean;
  seed: number;
}

const USAGE = `Usage: npm run bench -- dashboard [options]   (or: npx tsx bench/dashboard.bench.ts [options])

  --obstacles N       obstacles to generate (default 100000)
  --duration S        seconds per case (default 10)
  --warmup S          warm-up seconds before each case (default 2)
  --connections N     connections per case (default 10)
  --seed N            seed of the generator (default 6)
  --no-build          do not run \`npm run build\` first`;

function log(line: string): void {
  process.stdout.write(`${line}\n`);
}

function fmt(value: number, digits = 0): string {
  return value.toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

function parseOptions(argv: string[]): Options | undefined {
  const { values } = parseArgs({
    args: argv,
    options: {
      obstacles: { type: 'string', default: '100000' },
      duration: { type: 'string', default: '10' },
      warmup: { type: 'string', default: '2' },
      connections: { type: 'string', default: '10' },
      seed: { type: 'string', default: '6' },
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
  return {
    obstacles: number('obstacles', values.obstacles, 1),
    duration: number('duration', values.duration, 1),
    warmup: number('warmup', values.warmup, 0),
    connections: number('connections', values.connections, 1),
    seed: number('seed', values.seed, 0),
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

async function measure(
  options: Options,
  server: ServerProcess,
  name: string,
  path: string | (() => string),
  headers: Record<string, string>,
): Promise<CaseResult> {
  const requests = [{ path }];
  if (options.warmup > 0) {
    assertClean(await runLoad({ url: server.url, connections: 4, seconds: options.warmup, requests, title: 'warm-up', headers }));
  }
  const result = await runLoad({
    url: server.url,
    connections: options.connections,
    seconds: options.duration,
    requests,
    title: name,
    headers,
  });
  assertClean(result);
  const l = result.latency;
  log(
    `  ${name.padEnd(26)} ${fmt(result.requestsPerSecond, 1).padStart(9)} req/s   p50 ${fmt(l.p50, 2)}   p90 ${fmt(l.p90, 2)}   p99 ${fmt(l.p99, 2)}   max ${fmt(l.max, 1)} ms   (load ${loadavg()[0]?.toFixed(2)})`,
  );
  return { name, path: typeof path === 'string' ? path : 'varied', result };
}

async function run(options: Options, cleanup: Cleanup) {
  log('\n=== Dashboard: SQLite ===');
  const dir = await mkdtemp(join(tmpdir(), 'schakel-dashboard-bench-'));
  cleanup.add(
    'remove the database',
    () => rm(dir, { recursive: true, force: true }),
    () => {},
  );
  const location = { dialect: 'sqlite' as const, path: join(dir, 'dashboard.sqlite') };
  const database = createDatabase(location);
  let tokens: Record<'secretariat' | 'partner' | 'department', Record<string, string>>;
  let filters: string[];
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
    tokens = {
      secretariat: await bearer(database, 'secretariat'),
      partner: await bearer(database, 'partner'),
      department: await bearer(database, 'department', 'nl-szw'),
    };
    const segments = (await database.db.selectFrom('segments').select('key').execute()).map((r) => r.key);
    const themes = (await database.db.selectFrom('themes').select('key').execute()).map((r) => r.key);
    filters = segments.flatMap((segment) => themes.map((theme) => `?segment=${segment}&theme=${theme}`));
  } finally {
    await database.close();
  }
  const routings = addRoutings(location, options.seed);
  log(`  ${fmt(routings)} routings that hold`);

  const hello = await startServer({
    name: 'hello-world',
    args: ['--import', 'tsx', 'bench/hello-server.ts'],
    env: {},
    cwd: ROOT,
  });
  cleanup.add('stop hello-world', hello.stop, hello.stopSync);
  const schakel = await startServer({
    name: 'schakel',
    args: ['bin/schakel.js', 'serve'],
    env: { DATABASE_URL: `sqlite:${location.path}`, NODE_ENV: 'production', LOG_LEVEL: 'warn' },
    cwd: ROOT,
  });
  cleanup.add('stop schakel', schakel.stop, schakel.stopSync);
  log(`  servers ready: schakel ${schakel.url}, hello-world ${hello.url}`);

  // The first answer of each caller: computed, not kept (what the first request after a write costs).
  const uncached: Record<string, number> = {};
  for (const [who, headers] of Object.entries(tokens)) {
    const started = performance.now();
    const response = await fetch(`${schakel.url}/api/v1/dashboard`, { headers });
    const body = (await response.json()) as { total: number; counts: { department: Record<string, number> } };
    if (response.status !== 200) throw new Error(`the dashboard answered ${response.status} to the ${who}`);
    uncached[who] = performance.now() - started;
    log(
      `  ${who}: first answer ${fmt(uncached[who] as number, 1)} ms; ${fmt(body.total)} obstacles, ${Object.keys(body.counts.department).length} departments counted`,
    );
  }

  const random = createRandom(options.seed + 2);
  const cases: CaseResult[] = [];
  cases.push(await measure(options, hello, 'baseline', '/', {}));
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
  const reference = Math.max(...cases.filter((c) => c.name.startsWith('baseline')).map((c) => c.result.requestsPerSecond));
  return { obstacles: options.obstacles, routings, uncached, cases, reference };
}

export async function main(argv: string[]): Promise<number> {
  let options: Options | undefined;
  try {
    options = parseOptions(argv);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  if (!options) {
    log(USAGE);
    return 0;
  }
  const cleanup = new Cleanup();
  try {
    if (options.build) {
      log('npm run build…');
      const built = spawnSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });
      if (built.status !== 0) throw new Error('npm run build failed');
    }
    const result = await run(options, cleanup);
    await cleanup.runAll();
    log('\n  case                        req/s   ratio to hello world   p99 ms   target');
    for (const c of result.cases) {
      const isDashboard = c.name.startsWith('dashboard');
      log(
        `  ${c.name.padEnd(26)} ${fmt(c.result.requestsPerSecond).padStart(7)}   ${fmt(c.result.requestsPerSecond / result.reference, 3).padStart(6)}   ${fmt(c.result.latency.p99, 2).padStart(8)}   ${isDashboard ? (c.result.latency.p99 < TARGET_P99_MS ? 'met' : 'NOT met') : ''}`,
      );
    }
    const cpu = cpus();
    const record = {
      date: new Date().toISOString(),
      machine: `${cpu[0]?.model.trim() ?? 'unknown'}, ${cpu.length} cores, ${fmt(totalmem() / 1024 ** 3, 1)} GiB, Node ${process.version}`,
      targetP99Ms: TARGET_P99_MS,
      ...result,
    };
    mkdirSync(OUT_DIR, { recursive: true });
    const file = join(OUT_DIR, `dashboard-sqlite-${record.date.replace(/[:.]/g, '-')}.json`);
    writeFileSync(file, `${JSON.stringify(record, null, 2)}\n`);
    log(`\n  results written to ${relative(ROOT, file)}`);
    const met = result.cases.filter((c) => c.name.startsWith('dashboard')).every((c) => c.result.latency.p99 < TARGET_P99_MS);
    log(met ? `  target met: every dashboard case p99 < ${TARGET_P99_MS} ms` : `  target NOT met (p99 < ${TARGET_P99_MS} ms)`);
    return 0;
  } catch (error) {
    process.stderr.write(`\nbenchmark failed: ${(error as Error).stack ?? String(error)}\n`);
    await cleanup.runAll();
    return 1;
  }
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (invokedDirectly) {
  process.exitCode = await main(process.argv.slice(2));
}
