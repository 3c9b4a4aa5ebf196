/**
 * The register benchmark: seeds N obstacles into a fresh database, starts the built Schakel
 * server and a bare Fastify hello world as child processes, and measures list, search, get and a
 * mixed load with autocannon against both, plus the raw full-text rate in-process.
 *
 *   npx tsx bench/register.bench.ts [--dialect sqlite|postgres|both] [--obstacles 100000] [--duration 10]
 *   npm run bench -- --dialect both
 *
 * Prints a table, writes bench/.out/register-<dialect>-<timestamp>.json and prints a Markdown
 * section for bench/RESULTS.md. Exits 1 if any request failed (non-2xx or connection error).
 * See bench/RESULTS.md for what each case means and the targets.
 */
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import pg from 'pg';
import { analyzeQuery } from '../src/core/search/analyzer.js';
import { createDatabase, type DatabaseLocation, type Dialect, openSqlite } from '../src/db/create-database.js';
import { fts5Query, tsQuery } from '../src/db/search/search-capability.js';
import { assertClean, type LatencySummary, type LoadResult, runLoad } from './load.js';
import { type BenchPostgres, redact, startBenchPostgres } from './postgres.js';
import { type Cleanup, type ServerProcess, startHelloWorld, startServer } from './processes.js';
import { countMatches, type SeedReport, seedRegister, settle } from './seed.js';
import {
  benchMain,
  commandLine,
  drain,
  fmt,
  fmtMs,
  git,
  log,
  type MachineFacts,
  machineFacts,
  markdownTable,
  ROOT,
  textTable,
  writeRecord,
} from './support.js';
import { COMMON_TERM, RARE_TERM } from './vocabulary.js';

/** The list case's filter: the most common theme and status of the generated register. */
const LIST_THEME = 'cross_border_work';
const LIST_STATUS = 'reported';

export interface BenchOptions {
  dialects: Dialect[];
  obstacles: number;
  duration: number;
  warmup: number;
  connections: number;
  mixedConnections: number;
  rawSeconds: number;
  seed: number;
  batch: number;
  /** Concurrent seeding transactions on PostgreSQL. */
  lanes: number;
  build: boolean;
  keep: boolean;
  /** An SQLite file seeded by an earlier --keep run, measured as it is (no seeding). */
  reuse: string | undefined;
  /** Run bench/profile-requests.ts on the database after the cases (before it is removed). */
  profile: boolean;
  /** The Accept-Encoding every request sends ('' sends none). */
  acceptEncoding: string;
}

const USAGE = `Usage: npx tsx bench/register.bench.ts [options]   (or: npm run bench -- [options])

  --dialect sqlite|postgres|both   database(s) to measure (default sqlite)
  --obstacles N                    obstacles to seed (default 100000)
  --duration S                     seconds per case (default 10)
  --warmup S                       warm-up seconds before each case, not measured (default 2)
  --connections N                  connections per case (default 50)
  --mixed-connections N            list/get connections in the mixed case (default 10)
  --raw-seconds S                  seconds per raw full-text measurement (default 5)
  --seed N                         seed of the generated data (default 42)
  --batch N                        obstacles per seeding transaction (default 2000)
  --lanes N                        concurrent seeding transactions on PostgreSQL (default 2)
  --no-build                       do not run \`npm run build\` first
  --keep                           keep the SQLite file (its path is printed) for profiling
  --reuse FILE                     measure an SQLite file kept by an earlier --keep run (no seeding)
  --profile                        afterwards, split one request of each case into its parts
                                   (bench/profile-requests.ts) on the same database
  --accept-encoding VALUE          Accept-Encoding of every request (default "gzip, deflate, br",
                                   as browsers send; "identity" for uncompressed answers)

PostgreSQL: BENCH_DATABASE_URL or TEST_DATABASE_URL (a role that may create databases) is used
when set; otherwise an embedded PostgreSQL is started and removed again.`;

function parseOptions(argv: string[]): BenchOptions | undefined {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      dialect: { type: 'string', default: 'sqlite' },
      obstacles: { type: 'string', default: '100000' },
      duration: { type: 'string', default: '10' },
      warmup: { type: 'string', default: '2' },
      connections: { type: 'string', default: '50' },
      'mixed-connections': { type: 'string', default: '10' },
      'raw-seconds': { type: 'string', default: '5' },
      seed: { type: 'string', default: '42' },
      batch: { type: 'string', default: '2000' },
      lanes: { type: 'string', default: '2' },
      'no-build': { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
      reuse: { type: 'string' },
      profile: { type: 'boolean', default: false },
      'accept-encoding': { type: 'string', default: 'gzip, deflate, br' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return undefined;
  const number = (name: string, value: string, min: number): number => {
    const parsed = Number(value);
    if (!Number.isFinite(parsed) || parsed < min) throw new Error(`--${name} must be a number ≥ ${min}, not "${value}"`);
    return parsed;
  };
  const dialect = values.dialect;
  if (dialect !== 'sqlite' && dialect !== 'postgres' && dialect !== 'both') {
    throw new Error(`--dialect must be sqlite, postgres or both, not "${dialect}"`);
  }
  return {
    dialects: dialect === 'both' ? ['sqlite', 'postgres'] : [dialect],
    obstacles: Math.floor(number('obstacles', values.obstacles, 100)),
    duration: number('duration', values.duration, 1),
    warmup: number('warmup', values.warmup, 0),
    connections: Math.floor(number('connections', values.connections, 1)),
    mixedConnections: Math.floor(number('mixed-connections', values['mixed-connections'], 1)),
    rawSeconds: number('raw-seconds', values['raw-seconds'], 0.5),
    seed: Math.floor(number('seed', values.seed, 0)),
    batch: Math.floor(number('batch', values.batch, 1)),
    lanes: Math.floor(number('lanes', values.lanes, 1)),
    build: !values['no-build'],
    keep: values.keep,
    reuse: values.reuse,
    profile: values.profile,
    acceptEncoding: values['accept-encoding'].trim(),
  };
}

// ---------------------------------------------------------------------------------------------
// Results

interface RawRate {
  term: string;
  query: string;
  queriesPerSecond: number;
  meanMs: number;
  rows: number;
}

interface CaseResult {
  name: string;
  path: string;
  result: LoadResult;
  /** requests/s relative to the hello-world baseline. */
  ratio: number;
}

interface Target {
  name: string;
  measured: string;
  met: boolean;
}

export interface DialectResult {
  dialect: Dialect;
  date: string;
  command: string;
  machine: MachineFacts;
  /** The code measured: commit, and whether the work tree had changes under src/. */
  code: { commit: string; srcChanged: boolean; workers: string; searchWorkers: string; responseCacheMb: string };
  /** 1-minute load average of the machine just before each case (other processes share it). */
  loadBefore: Record<string, number>;
  options: BenchOptions;
  database: { description: string; sizeMB: number; settings?: Record<string, string> };
  seed: SeedReport;
  terms: { common: { term: string; matches: number }; rare: { term: string; matches: number } };
  cases: CaseResult[];
  /** Hello-world requests/s that the ratios divide by: the better of the runs before and after the cases. */
  baselineReference: number;
  mixed: { search: LoadResult; listGet: LoadResult };
  raw: { common: RawRate; rare: RawRate; kind: string };
  targets: Target[];
}

function codeVersion(): DialectResult['code'] {
  return {
    commit: git('rev-parse', '--short', 'HEAD') || 'unknown',
    srcChanged: git('status', '--porcelain', '--', 'src') !== '',
    workers: process.env.WORKERS?.trim() || '1 (default)',
    searchWorkers: process.env.SEARCH_WORKERS?.trim() || '1 (default)',
    responseCacheMb: process.env.RESPONSE_CACHE_MB?.trim() || '64 (default)',
  };
}

// ---------------------------------------------------------------------------------------------
// Raw full-text rate (in the bench process, servers idle)

function rawSqlite(path: string, term: string, seconds: number): RawRate {
  const handle = openSqlite(path, { readonly: true });
  try {
    const query = fts5Query(analyzeQuery(term));
    const statement = handle.prepare(
      'SELECT rowid, -bm25(obstacle_fts, 10.0, 4.0, 1.0) AS score FROM obstacle_fts WHERE obstacle_fts MATCH ? ORDER BY score DESC LIMIT 20',
    );
    let rows = 0;
    const warmEnd = performance.now() + 500;
    while (performance.now() < warmEnd) rows = statement.all(query).length;
    let n = 0;
    const start = performance.now();
    const end = start + seconds * 1000;
    while (performance.now() < end) {
      statement.all(query);
      n++;
    }
    const elapsed = performance.now() - start;
    return { term, query, queriesPerSecond: (n * 1000) / elapsed, meanMs: elapsed / n, rows };
  } finally {
    handle.close();
  }
}

async function rawPostgres(url: string, term: string, seconds: number): Promise<RawRate> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => {});
  await client.connect();
  try {
    const query = tsQuery(analyzeQuery(term));
    const text = `SELECT seq, ts_rank('{0.1, 0.25, 0.4, 1.0}', search_vector, q) AS score
      FROM obstacles, to_tsquery('simple', $1) AS q WHERE search_vector @@ q ORDER BY score DESC LIMIT 20`;
    const statement = { name: 'bench_raw_fts', text, values: [query] };
    let rows = 0;
    const warmEnd = performance.now() + 500;
    while (performance.now() < warmEnd) rows = (await client.query(statement)).rowCount ?? 0;
    let n = 0;
    const start = performance.now();
    const end = start + seconds * 1000;
    while (performance.now() < end) {
      await client.query(statement);
      n++;
    }
    const elapsed = performance.now() - start;
    return { term, query, queriesPerSecond: (n * 1000) / elapsed, meanMs: elapsed / n, rows };
  } finally {
    await client.end().catch(() => {});
  }
}

// ---------------------------------------------------------------------------------------------
// One dialect

async function checkPath(server: ServerProcess, path: string): Promise<{ bytes: number; total?: number; items?: number }> {
  const response = await fetch(`${server.url}${path}`);
  const body = await response.text();
  if (response.status !== 200) throw new Error(`GET ${path} answered ${response.status}: ${body.slice(0, 500)}`);
  const json = JSON.parse(body) as { total?: number | null; items?: unknown[] };
  return {
    bytes: Buffer.byteLength(body),
    ...(typeof json.total === 'number' ? { total: json.total } : {}),
    ...(Array.isArray(json.items) ? { items: json.items.length } : {}),
  };
}

type Requests = Parameters<typeof runLoad>[0]['requests'];

/** A few connections only: enough to compile and warm the caches without leaving a long queue behind. */
function headersOf(options: BenchOptions): Record<string, string> {
  return options.acceptEncoding ? { 'accept-encoding': options.acceptEncoding } : {};
}

async function warmUp(options: BenchOptions, url: string, requests: Requests): Promise<void> {
  if (options.warmup <= 0) return;
  assertClean(
    await runLoad({ url, connections: 4, seconds: options.warmup, requests, title: 'warm-up', headers: headersOf(options) }),
  );
  await drain(url, 300_000);
}

function describeRun(result: LoadResult): string {
  const l = result.latency;
  const open = l.unfinished > 0 ? `   (${l.count} answered, ${l.unfinished} still waiting at the end)` : '';
  return `${result.title.padEnd(22)} ${fmt(result.requestsPerSecond, 1).padStart(10)} req/s   p50 ${fmtMs(l.p50, l.lowerBound.p50)} ms   p99 ${fmtMs(l.p99, l.lowerBound.p99)} ms${open}`;
}

async function measure(
  options: BenchOptions,
  url: string,
  title: string,
  requests: Requests,
  beforeRun: (title: string) => void,
): Promise<LoadResult> {
  await warmUp(options, url, requests);
  beforeRun(title);
  const result = await runLoad({
    url,
    connections: options.connections,
    seconds: options.duration,
    requests,
    title,
    headers: headersOf(options),
  });
  assertClean(result);
  log(`  ${describeRun(result)}`);
  await drain(url, 300_000);
  return result;
}

async function runDialect(dialect: Dialect, options: BenchOptions, cleanup: Cleanup): Promise<DialectResult> {
  log(`\n=== ${dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL'}: ${options.obstacles.toLocaleString('en')} obstacles ===`);

  const code = codeVersion();
  const loadBefore: Record<string, number> = {};
  const noteLoad = (name: string) => {
    loadBefore[name] = Math.round((loadavg()[0] ?? 0) * 100) / 100;
  };
  log(
    `  code: commit ${code.commit}${code.srcChanged ? ' + uncommitted changes in src/' : ''}; WORKERS=${code.workers}, SEARCH_WORKERS=${code.searchWorkers}, RESPONSE_CACHE_MB=${code.responseCacheMb}`,
  );

  // 1. A fresh database, seeded.
  let location: DatabaseLocation;
  let description: string;
  let postgres: BenchPostgres | undefined;
  if (dialect === 'sqlite' && options.reuse) {
    location = { dialect: 'sqlite', path: resolve(options.reuse) };
    description = 'SQLite (better-sqlite3, WAL) file seeded by an earlier run';
    log(`  reusing ${location.path}`);
  } else if (dialect === 'sqlite') {
    const dir = await mkdtemp(join(tmpdir(), 'schakel-bench-'));
    const path = join(dir, 'register.sqlite');
    location = { dialect: 'sqlite', path };
    description = 'SQLite (better-sqlite3, WAL) temp file';
    if (options.keep) log(`  keeping the SQLite file: ${path}`);
    else
      cleanup.add(
        'remove the SQLite file',
        () => rm(dir, { recursive: true, force: true }),
        () => spawnSync('rm', ['-rf', dir]),
      );
  } else {
    postgres = await startBenchPostgres(log);
    cleanup.add('stop PostgreSQL', postgres.stop, postgres.stopSync);
    location = { dialect: 'postgres', connectionString: postgres.url };
    description = postgres.description;
    log(`  database ${redact(postgres.url)}`);
  }

  const database = createDatabase(location, { poolSize: options.lanes + 2 });
  let seed: SeedReport;
  let terms: DialectResult['terms'];
  let references: string[];
  let sizeMB: number;
  try {
    if (options.reuse) {
      const row = await database.db
        .selectFrom('obstacles')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      seed = { count: Number(row.n), seconds: Number.NaN, perSecond: Number.NaN, facetCountsVerified: false, years: {} };
      log(`  ${seed.count.toLocaleString('en')} obstacles (seeded earlier)`);
    } else {
      log(`  seeding ${options.obstacles.toLocaleString('en')} obstacles in transactions of ${options.batch}…`);
      seed = await seedRegister(database, {
        count: options.obstacles,
        seed: options.seed,
        batch: options.batch,
        lanes: dialect === 'postgres' ? options.lanes : 1,
        now: new Date(),
        log,
      });
      log(
        `  seeding took ${fmt(seed.seconds, 1)} s (${fmt(seed.perSecond, 0)} obstacles/s); facet counts ${seed.facetCountsVerified ? 'equal a rebuild' : 'DIFFER from a rebuild'}`,
      );
    }
    const settleStart = performance.now();
    await settle(database);
    if (dialect === 'postgres') log(`  VACUUM ANALYZE took ${fmt((performance.now() - settleStart) / 1000, 1)} s`);
    const match = dialect === 'sqlite' ? fts5Query : tsQuery;
    const common = await countMatches(database, match(analyzeQuery(COMMON_TERM)));
    const rare = await countMatches(database, match(analyzeQuery(RARE_TERM)));
    terms = { common: { term: COMMON_TERM, matches: common }, rare: { term: RARE_TERM, matches: rare } };
    log(
      `  common term "${COMMON_TERM}": ${common} matches (${pct(common / seed.count)}); rare term "${RARE_TERM}": ${rare} matches (${pct(rare / seed.count, 3)})`,
    );
    // The benchmark asks as the public (no sign-in), who reads only public obstacles: the others would be 404.
    references = (await database.db.selectFrom('obstacles').select('reference').where('visibility', '=', 'public').execute()).map(
      (r) => r.reference,
    );
    if (dialect === 'sqlite' && location.dialect === 'sqlite') {
      sizeMB = statSync(location.path).size / 1e6;
    } else {
      const row = await sql<{ size: string }>`SELECT pg_database_size(current_database()) AS size`.execute(database.db);
      sizeMB = Number(row.rows[0]?.size ?? 0) / 1e6;
    }
    log(`  database size ${fmt(sizeMB, 0)} MB`);
  } finally {
    await database.close();
  }
  const databaseUrl = location.dialect === 'sqlite' ? `sqlite:${location.path}` : location.connectionString;

  // 2. The servers.
  const hello = await startHelloWorld(cleanup, ROOT);
  const schakel = await startServer({
    name: 'schakel',
    args: ['bin/schakel.js', 'serve'],
    env: { DATABASE_URL: databaseUrl, NODE_ENV: 'production', LOG_LEVEL: 'warn' },
    cwd: ROOT,
  });
  cleanup.add('stop schakel', schakel.stop, schakel.stopSync);
  log(`  servers ready: schakel ${schakel.url}, hello-world ${hello.url}`);

  const listPath = `/api/v1/obstacles?theme=${LIST_THEME}&status=${LIST_STATUS}&sort=-updatedAt&limit=50`;
  const commonPath = `/api/v1/obstacles?q=${encodeURIComponent(COMMON_TERM)}&limit=20`;
  const rarePath = `/api/v1/obstacles?q=${encodeURIComponent(RARE_TERM)}&limit=20`;
  const randomGet = () => `/api/v1/obstacles/${references[Math.floor(Math.random() * references.length)]}`;
  for (const [name, path] of [
    ['list', listPath],
    ['search-common', commonPath],
    ['search-rare', rarePath],
    ['get', randomGet()],
  ] as const) {
    const check = await checkPath(schakel, path);
    log(
      `  check ${name}: 200, ${fmt(check.bytes / 1024, 1)} KiB${check.items !== undefined ? `, ${check.items} items` : ''}${check.total !== undefined ? ` of ${check.total}` : ''}`,
    );
  }

  // 3. The cases.
  log(`  measuring: ${options.connections} connections, ${options.duration} s per case (+${options.warmup} s warm-up)`);
  const cases: CaseResult[] = [];
  const baseline = await measure(options, hello.url, 'baseline', [{ path: '/' }], noteLoad);
  cases.push({ name: 'baseline (hello-world)', path: 'GET /', result: baseline, ratio: Number.NaN });
  const add = async (name: string, path: string, requests: Requests) => {
    const result = await measure(options, schakel.url, name, requests, noteLoad);
    cases.push({ name, path, result, ratio: Number.NaN });
  };
  await add('list', `GET ${listPath}`, [{ path: listPath }]);
  await add('search-common', `GET ${commonPath}`, [{ path: commonPath }]);
  await add('search-rare', `GET ${rarePath}`, [{ path: rarePath }]);
  await add('get', `GET /api/v1/obstacles/<one of ${references.length.toLocaleString('en')} references, at random>`, [
    { path: randomGet },
  ]);

  log(`  mixed: search-common at ${options.connections} connections + list/get at ${options.mixedConnections}, at the same time`);
  await warmUp(options, schakel.url, [{ path: commonPath }, { path: listPath }, { path: randomGet }]);
  noteLoad('mixed');
  const [mixedSearch, mixedListGet] = await Promise.all([
    runLoad({
      url: schakel.url,
      connections: options.connections,
      seconds: options.duration,
      requests: [{ path: commonPath }],
      title: 'mixed: search-common',
      headers: headersOf(options),
    }),
    runLoad({
      url: schakel.url,
      connections: options.mixedConnections,
      seconds: options.duration,
      requests: [{ path: listPath }, { path: randomGet }],
      headers: headersOf(options),
      title: 'mixed: list+get',
    }),
  ]);
  assertClean(mixedSearch);
  assertClean(mixedListGet);
  for (const r of [mixedSearch, mixedListGet]) log(`  ${describeRun(r)}`);
  await drain(schakel.url, 300_000);

  // The machine is shared: the baseline once more, and the better of the two is the reference.
  const baselineAgain = await measure(options, hello.url, 'baseline again', [{ path: '/' }], noteLoad);
  cases.push({ name: 'baseline again (after the cases)', path: 'GET /', result: baselineAgain, ratio: 1 });
  const reference = Math.max(baseline.requestsPerSecond, baselineAgain.requestsPerSecond);
  for (const c of cases) c.ratio = c.result.requestsPerSecond / reference;

  await hello.stop();
  await schakel.stop();

  // 4. The raw full-text rate, with the servers stopped.
  noteLoad('raw');
  log(`  raw full-text rate (${options.rawSeconds} s each, sequential, in the bench process)…`);
  const raw =
    location.dialect === 'sqlite'
      ? {
          kind: 'in-process better-sqlite3, read-only, the FTS5 query of the API search (top 20 by bm25)',
          common: rawSqlite(location.path, COMMON_TERM, options.rawSeconds),
          rare: rawSqlite(location.path, RARE_TERM, options.rawSeconds),
        }
      : {
          kind: 'one pg connection from the bench process, to_tsquery + ts_rank top 20 (sequential)',
          common: await rawPostgres(location.connectionString, COMMON_TERM, options.rawSeconds),
          rare: await rawPostgres(location.connectionString, RARE_TERM, options.rawSeconds),
        };
  for (const r of [raw.common, raw.rare]) {
    log(`  raw ${r.term.padEnd(16)} ${fmtRate(r.queriesPerSecond).padStart(8)} q/s   mean ${fmt(r.meanMs, 3)} ms`);
  }
  if (options.profile) {
    log('  where the time goes (bench/profile-requests.ts on the same database):');
    spawnSync(process.execPath, ['--import', 'tsx', 'bench/profile-requests.ts', databaseUrl], { cwd: ROOT, stdio: 'inherit' });
  }

  const byName = (name: string): CaseResult => {
    const found = cases.find((c) => c.name === name);
    if (!found) throw new Error(`no case ${name}`);
    return found;
  };
  const list = byName('list');
  const get = byName('get');
  const searchCommon = byName('search-common');
  const searchRare = byName('search-rare');
  const [mixedList, mixedGet] = mixedListGet.latencyByRequest;
  const listGetP99 = Math.max(mixedList?.p99 ?? Number.NaN, mixedGet?.p99 ?? Number.NaN);
  const ms = (l: LatencySummary | undefined, key: 'p50' | 'p99') => (l ? `${fmtMs(l[key], l.lowerBound[key])} ms` : '–');
  const targets: Target[] = [
    { name: 'list ≥ 0.14 × hello-world', measured: `${fmt(list.ratio, 3)} ×`, met: list.ratio >= 0.14 },
    { name: 'list p99 < 15 ms', measured: ms(list.result.latency, 'p99'), met: list.result.latency.p99 < 15 },
    { name: 'get ≥ 0.45 × hello-world', measured: `${fmt(get.ratio, 3)} ×`, met: get.ratio >= 0.45 },
    {
      name: 'search-common ≥ 0.75 × raw FTS (common)',
      measured: `${fmt(searchCommon.result.requestsPerSecond / raw.common.queriesPerSecond, 3)} ×`,
      met: searchCommon.result.requestsPerSecond >= 0.75 * raw.common.queriesPerSecond,
    },
    {
      name: 'search-rare ≥ 0.75 × raw FTS (rare)',
      measured: `${fmt(searchRare.result.requestsPerSecond / raw.rare.queriesPerSecond, 3)} ×`,
      met: searchRare.result.requestsPerSecond >= 0.75 * raw.rare.queriesPerSecond,
    },
    {
      name: 'mixed: search p99 ≤ 2 × search p50',
      measured: `p99 ${ms(mixedSearch.latency, 'p99')}, p50 ${ms(mixedSearch.latency, 'p50')}`,
      // A lower bound on p99 says nothing about meeting it; it can still show it is missed.
      met: !mixedSearch.latency.lowerBound.p99 && mixedSearch.latency.p99 <= 2 * mixedSearch.latency.p50,
    },
    {
      name: 'mixed: list and get p99 < 50 ms',
      measured: `list ${ms(mixedList, 'p99')}, get ${ms(mixedGet, 'p99')}`,
      met: listGetP99 < 50,
    },
  ];

  return {
    dialect,
    date: new Date().toISOString(),
    command: commandLine('bench/register.bench.ts'),
    machine: machineFacts(),
    code,
    loadBefore,
    options,
    database: { description, sizeMB, ...(postgres ? { settings: postgres.settings } : {}) },
    seed,
    terms,
    cases,
    baselineReference: reference,
    mixed: { search: mixedSearch, listGet: mixedListGet },
    raw,
    targets,
  };
}

// ---------------------------------------------------------------------------------------------
// Output

function fmtRate(value: number): string {
  return fmt(value, value < 100 ? 1 : 0);
}

function pct(value: number, digits = 1): string {
  return `${fmt(value * 100, digits)} %`;
}

function row(name: string, requestsPerSecond: number, latency: LatencySummary, non2xx: number, baseline: number, bytes: number) {
  return [
    name,
    fmtRate(requestsPerSecond),
    fmtMs(latency.p50, latency.lowerBound.p50),
    fmtMs(latency.p99, latency.lowerBound.p99),
    `${latency.count.toLocaleString('en')}${latency.unfinished > 0 ? ` (+${latency.unfinished} waiting)` : ''}`,
    String(non2xx),
    fmt(requestsPerSecond / baseline, 3),
    fmt(bytes / 1024, 1),
  ];
}

function tableRows(result: DialectResult): string[][] {
  const baseline = result.baselineReference;
  const rows = result.cases.map((c) =>
    row(c.name, c.result.requestsPerSecond, c.result.latency, c.result.non2xx, baseline, c.result.bytesPerResponse),
  );
  const { search, listGet } = result.mixed;
  rows.push(
    row(
      `mixed: search-common (${search.connections} conn.)`,
      search.requestsPerSecond,
      search.latency,
      search.non2xx,
      baseline,
      search.bytesPerResponse,
    ),
  );
  rows.push(
    row(
      `mixed: list+get (${listGet.connections} conn.)`,
      listGet.requestsPerSecond,
      listGet.latency,
      listGet.non2xx,
      baseline,
      listGet.bytesPerResponse,
    ),
  );
  ['list', 'get'].forEach((name, i) => {
    const latency = listGet.latencyByRequest[i];
    if (latency) rows.push(row(`  of which ${name}`, latency.count / listGet.seconds, latency, 0, baseline, Number.NaN));
  });
  return rows;
}

const HEADER = ['case', 'requests/s', 'p50 ms', 'p99 ms', 'answered', 'non-2xx', '× hello-world', 'KiB/response'];

function rawRows(result: DialectResult): string[][] {
  const api = (name: string) => result.cases.find((c) => c.name === name)?.result.requestsPerSecond ?? Number.NaN;
  return [
    [
      `raw FTS "${result.raw.common.term}"`,
      fmtRate(result.raw.common.queriesPerSecond),
      fmt(result.raw.common.meanMs, 3),
      fmt(api('search-common') / result.raw.common.queriesPerSecond, 3),
    ],
    [
      `raw FTS "${result.raw.rare.term}"`,
      fmtRate(result.raw.rare.queriesPerSecond),
      fmt(result.raw.rare.meanMs, 3),
      fmt(api('search-rare') / result.raw.rare.queriesPerSecond, 3),
    ],
  ];
}
const RAW_HEADER = ['raw full-text query', 'queries/s', 'mean ms', 'API search req/s ÷ raw'];

export function markdownSection(result: DialectResult): string {
  const m = result.machine;
  const name = result.dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL';
  const settings = result.database.settings
    ? ` (${Object.entries(result.database.settings)
        .map(([k, v]) => `${k}=${v}`)
        .join(', ')})`
    : '';
  return [
    `### ${name}, ${result.seed.count.toLocaleString('en')} obstacles — ${result.date.slice(0, 10)}, commit ${result.code.commit}`,
    '',
    `- Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, Node ${m.node} (${m.platform})`,
    `- Date: ${result.date}; code: commit ${result.code.commit}${result.code.srcChanged ? ' with uncommitted changes in src/' : ''}, WORKERS=${result.code.workers}, SEARCH_WORKERS=${result.code.searchWorkers}, RESPONSE_CACHE_MB=${result.code.responseCacheMb}`,
    `- Machine load (1-min load average before each case; the machine is shared): ${Object.entries(result.loadBefore)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
    `- Command: \`${result.command}\``,
    `- N: ${result.seed.count.toLocaleString('en')} obstacles, seeded in ${fmt(result.seed.seconds, 1)} s (${fmt(result.seed.perSecond, 0)}/s, transactions of ${result.options.batch}${result.dialect === 'postgres' ? `, ${result.options.lanes} at a time` : ''}, through KyselyObstacleRepository.insert); database ${fmt(result.database.sizeMB, 0)} MB; ${result.database.description}${settings}`,
    `- Search terms: common "${result.terms.common.term}" matches ${result.terms.common.matches.toLocaleString('en')} (${pct(result.terms.common.matches / result.seed.count)}), rare "${result.terms.rare.term}" matches ${result.terms.rare.matches} (${pct(result.terms.rare.matches / result.seed.count, 3)})`,
    `- Load: autocannon 9 in the bench process, Accept-Encoding: ${result.options.acceptEncoding ? `"${result.options.acceptEncoding}"` : 'none'}, ${result.options.connections} connections, ${result.options.duration} s per case after ${result.options.warmup} s warm-up; × hello-world is relative to the better of two baseline runs, before and after the cases (${fmt(result.baselineReference, 0)} req/s); latencies are exact (ms); the mixed case runs search-common at ${result.options.connections} connections and list+get (alternating) at ${result.options.mixedConnections} at the same time`,
    '',
    markdownTable(HEADER, tableRows(result)),
    '',
    `Raw full-text rate: ${result.raw.kind}, ${result.options.rawSeconds} s per term.`,
    '',
    markdownTable(RAW_HEADER, rawRows(result)),
    '',
    '| target | measured | met? |',
    '| --- | --- | --- |',
    ...result.targets.map((t) => `| ${t.name} | ${t.measured} | ${t.met ? 'met' : '**not met**'} |`),
    '',
  ].join('\n');
}

function report(result: DialectResult): void {
  log('');
  log(textTable(HEADER, tableRows(result)));
  log('');
  log(textTable(RAW_HEADER, rawRows(result)));
  log('');
  for (const t of result.targets) log(`  ${t.met ? 'met    ' : 'NOT MET'}  ${t.name}: ${t.measured}`);
  log(`\n  results written to ${writeRecord(`register-${result.dialect}`, result.date, result)}`);
  log('\n----- Markdown for bench/RESULTS.md -----\n');
  log(markdownSection(result));
  log('----- end -----');
}

// ---------------------------------------------------------------------------------------------

/** Runs the benchmark; returns the exit code. */
export function main(argv: string[]): Promise<number> {
  return benchMain(argv, {
    usage: USAGE,
    parse: parseOptions,
    run: async (options, cleanup) => {
      for (const dialect of options.dialects) {
        try {
          report(await runDialect(dialect, options, cleanup));
        } finally {
          await cleanup.runAll();
        }
      }
      return 0;
    },
  });
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (invokedDirectly) {
  process.exitCode = await main(process.argv.slice(2));
}
