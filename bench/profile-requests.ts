/**
 * Where a request's time goes, in-process, on a database the benchmark seeded (run the benchmark
 * with --keep for a SQLite file, or point at a PostgreSQL database):
 *
 *   npx tsx bench/profile-requests.ts sqlite:/tmp/schakel-bench-…/register.sqlite [--seconds 1]
 *   npx tsx bench/profile-requests.ts postgres://…/schakel_bench_…
 *
 * `--search-workers N` (default 0) gives the app N SQLite search worker threads; with 0 every query
 * runs on this thread, so its time shows up here.
 *
 * For the list, search and get requests of the benchmark it times, each alone and sequentially:
 * the whole request through Fastify (app.inject: routing, query validation, handler, response
 * serialisation), the repository call (Kysely + SQL + row mapping), every SQL statement the
 * repository ran (through Kysely, and raw on a prepared statement), the mapping of rows (toSummary:
 * JSON.parse of the text columns), the presenter, the app's response serializer and, for
 * comparison, plain JSON.stringify. Queries that the app sends to its search worker threads are
 * not seen here unless --search-workers is 0 (the default).
 */
import { parseArgs } from 'node:util';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { ObstacleListSchema, ObstacleSchema } from '../src/contracts/obstacles.contract.js';
import { ANONYMOUS } from '../src/core/access/access.js';
import type { ObstacleQuery } from '../src/core/obstacles/ports.js';
import { type Database, openSqlite, parseDatabaseUrl, withStatementCache } from '../src/db/create-database.js';
import { type ObstacleRow, toSummary } from '../src/db/repositories/obstacle-repository.js';
import type { DB } from '../src/db/schema.js';
import { createPersistence } from '../src/db/unit-of-work.js';
import { buildApp } from '../src/server/build-app.js';
import { zodSerializerCompiler } from '../src/server/plugins/serialization.js';
import { presentObstacle, presentPage } from '../src/server/presenters/obstacle-presenter.js';
import { COMMON_TERM, RARE_TERM } from './vocabulary.js';

interface Captured {
  sql: string;
  parameters: readonly unknown[];
  ms: number;
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { seconds: { type: 'string', default: '1' }, 'search-workers': { type: 'string', default: '0' } },
});
const target = positionals[0];
if (!target) {
  process.stderr.write(
    'usage: npx tsx bench/profile-requests.ts <sqlite:file | postgres://…> [--seconds 1] [--search-workers 0]\n',
  );
  process.exit(2);
}
/** Time per measurement, after a warm-up of a third of it. */
const budgetMs = Number(values.seconds) * 1000;
// 0 by default: every query then runs on this thread, where its time can be measured.
const searchWorkers = Number(values['search-workers']);
const location = parseDatabaseUrl(target);

let capturing = false;
const captured: Captured[] = [];
const log = (event: { level: string; query: { sql: string; parameters: readonly unknown[] }; queryDurationMillis: number }) => {
  if (capturing) captured.push({ sql: event.query.sql, parameters: event.query.parameters, ms: event.queryDurationMillis });
};

let database: Database;
let rawQuery: (sql: string, parameters: readonly unknown[]) => Promise<unknown[]> | unknown[];
let pool: pg.Pool | undefined;
if (location.dialect === 'sqlite') {
  const sqlite = openSqlite(location.path);
  // As createDatabase builds it (statement cache included), plus a log of every query.
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }), log });
  database = { db, dialect: 'sqlite', location, sqlite, close: () => db.destroy() };
  const statements = new Map<string, ReturnType<typeof sqlite.prepare>>();
  rawQuery = (sql, parameters) => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = sqlite.prepare(sql);
      statements.set(sql, statement);
    }
    return statement.all(parameters as unknown[]);
  };
} else {
  pool = new pg.Pool({ connectionString: location.connectionString, max: 10 });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), log });
  database = { db, dialect: 'postgres', location, close: () => db.destroy() };
  const client = new pg.Client({ connectionString: location.connectionString });
  await client.connect();
  rawQuery = async (sql, parameters) => (await client.query(sql, parameters as unknown[])).rows;
}

const persistence = createPersistence(database, { searchWorkers });
const app = await buildApp({ database, searchWorkers });
// Search workers are unref'd: keep the process alive while a query is on one.
const keepAlive = setInterval(() => {}, 60_000);

function serializer(schema: typeof ObstacleSchema | typeof ObstacleListSchema): (data: unknown) => string {
  const compile = zodSerializerCompiler as unknown as (route: Record<string, unknown>) => (data: unknown) => string;
  return compile({ schema, method: 'GET', url: '/', httpStatus: '200' });
}

/** Mean ms per call: calls run one after another for the time budget (at least 5), after a warm-up. */
async function time(fn: () => unknown): Promise<number> {
  const warmEnd = performance.now() + budgetMs / 3;
  for (let i = 0; i < 3 || performance.now() < warmEnd; i++) await fn();
  let n = 0;
  const start = performance.now();
  const end = start + budgetMs;
  while (n < 5 || performance.now() < end) {
    await fn();
    n++;
  }
  return (performance.now() - start) / n;
}

const rows: string[][] = [];
const line = (label: string, ms: number, note = '') => {
  rows.push([label, Number.isFinite(ms) ? ms.toFixed(3) : '', note]);
};

async function profileSql(label: string, run: () => Promise<unknown>): Promise<void> {
  captured.length = 0;
  capturing = true;
  await run();
  capturing = false;
  const statements = [...captured];
  for (const statement of statements) {
    const raw = await time(() => rawQuery(statement.sql, statement.parameters));
    const text = statement.sql.replace(/\s+/g, ' ');
    const how = location.dialect === 'sqlite' ? 'SQL raw (prepared once)' : 'SQL raw (one pg client)';
    line(`  ${how}: ${text.slice(0, 90)}${text.length > 90 ? '…' : ''}`, raw);
  }
  // Through Kysely, as the app runs them (compile + prepare + execute), summed per call.
  let total = 0;
  let runs = 0;
  const end = performance.now() + budgetMs;
  while (runs < 5 || performance.now() < end) {
    captured.length = 0;
    capturing = true;
    await run();
    capturing = false;
    total += captured.reduce((sum, c) => sum + c.ms, 0);
    runs++;
  }
  // On PostgreSQL the facet queries run at the same time on the pool: their durations overlap.
  const overlap = location.dialect === 'postgres' ? '; on the pool they may overlap' : '';
  line(`  ${label}: ${statements.length} SQL statements via Kysely (sum of their durations${overlap})`, total / runs);
}

async function profileList(name: string, url: string, query: ObstacleQuery): Promise<void> {
  rows.push([`${name}: GET ${url}`, '', '']);
  line('whole request (app.inject)', await time(() => app.inject({ method: 'GET', url })));
  line('search.list (Kysely + SQL + toSummary)', await time(() => persistence.search.list(query)));
  line('search.list without facets', await time(() => persistence.search.list({ ...query, facets: false })));
  await profileSql('search.list', () => persistence.search.list(query));
  // Row mapping: the page's rows, as the page query returned them.
  captured.length = 0;
  capturing = true;
  await persistence.search.list({ ...query, facets: false });
  capturing = false;
  const pageQuery = captured.find((c) => c.sql.includes('"o"."title"'));
  if (pageQuery) {
    const pageRows = (await rawQuery(pageQuery.sql, pageQuery.parameters)) as ObstacleRow[];
    line(`toSummary × ${pageRows.length} rows (JSON.parse of text columns)`, await time(() => pageRows.map(toSummary)));
  }
  const page = await persistence.search.list(query);
  line('presentPage', await time(() => presentPage(page, 'nl')));
  const presented = presentPage(page, 'nl');
  const serialize = serializer(ObstacleListSchema);
  line("response serializer (the app's, ObstacleListSchema)", await time(() => serialize(presented)));
  line(
    'JSON.stringify',
    await time(() => JSON.stringify(presented)),
    `${(JSON.stringify(presented).length / 1024).toFixed(1)} KiB`,
  );
}

async function profileGet(reference: string): Promise<void> {
  const url = `/api/v1/obstacles/${reference}`;
  rows.push([`get: GET ${url}`, '', '']);
  line('whole request (app.inject)', await time(() => app.inject({ method: 'GET', url })));
  line(
    'obstacles.findByReference (Kysely + SQL + toSummary)',
    await time(() => persistence.obstacles.findByReference(reference)),
  );
  await profileSql('findByReference', () => persistence.obstacles.findByReference(reference));
  const obstacle = await persistence.obstacles.findByReference(reference);
  if (!obstacle) throw new Error(`no obstacle ${reference}`);
  line('presentObstacle', await time(() => presentObstacle(obstacle, 'nl', ANONYMOUS)));
  const presented = presentObstacle(obstacle, 'nl', ANONYMOUS);
  const serialize = serializer(ObstacleSchema);
  line("response serializer (the app's, ObstacleSchema)", await time(() => serialize(presented)));
  line(
    'JSON.stringify',
    await time(() => JSON.stringify(presented)),
    `${(JSON.stringify(presented).length / 1024).toFixed(1)} KiB`,
  );
}

async function profileHello(): Promise<void> {
  rows.push(['Fastify floor: GET /health (app.inject, zod response schema)', '', '']);
  line('whole request (app.inject)', await time(() => app.inject({ method: 'GET', url: '/health' })));
}

const common = (
  await database.db.selectFrom('obstacles').select('reference').orderBy('seq').limit(1).offset(1000).executeTakeFirst()
)?.reference;
await profileHello();
await profileList('list', '/api/v1/obstacles?theme=cross_border_work&status=reported&sort=-updatedAt&limit=50', {
  theme: ['cross_border_work'],
  status: ['reported'],
  sort: '-updatedAt',
  limit: 50,
  facets: true,
});
await profileList('search-common', `/api/v1/obstacles?q=${COMMON_TERM}&limit=20`, {
  q: COMMON_TERM,
  sort: 'relevance',
  limit: 20,
  facets: true,
});
await profileList('search-rare', `/api/v1/obstacles?q=${RARE_TERM}&limit=20`, {
  q: RARE_TERM,
  sort: 'relevance',
  limit: 20,
  facets: true,
});
if (common) await profileGet(common);

const width = Math.max(...rows.map((r) => (r[0] ?? '').length));
process.stdout.write(
  `${location.dialect}, search workers ${searchWorkers}, ${budgetMs / 1000} s per measurement, mean ms per call (sequential, in-process):\n\n` +
    rows.map(([label = '', ms = '', note = '']) => `${label.padEnd(width)}  ${ms.padStart(9)}  ${note}`).join('\n') +
    '\n',
);
clearInterval(keepAlive);
await app.close();
await persistence.close();
await database.close();
process.exit(0);
