/**
 * Where a history request's time goes, in-process, on a database built by the history benchmark
 * (`npm run bench -- history --keep`):
 *
 *   npx tsx bench/profile-history.ts /tmp/schakel-history-bench-…/history.sqlite [--seconds 1]
 *
 * For the heaviest obstacle and for a typical one (the median number of events) it times, each
 * alone and sequentially: the whole request through Fastify (app.inject with a secretariat's API
 * token), the use case (the obstacle and its events), the users' lookups of the route, the
 * presenter, the app's response serializer, and JSON.stringify for comparison.
 */
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { HistorySchema } from '../src/contracts/obstacles.contract.js';
import { type Actor, ANONYMOUS } from '../src/core/access/access.js';
import { createApiToken } from '../src/core/identity/create-api-token.js';
import { getObstacleHistory, HISTORY_PAGE } from '../src/core/obstacles/get-obstacle-history.js';
import { createDatabase } from '../src/db/create-database.js';
import { KyselyIdentityStore } from '../src/db/repositories/identity-store.js';
import { createPersistence } from '../src/db/unit-of-work.js';
import { buildApp } from '../src/server/build-app.js';
import { zodSerializerCompiler } from '../src/server/plugins/serialization.js';
import { type HistoryActor, presentHistory } from '../src/server/presenters/history-presenter.js';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { seconds: { type: 'string', default: '1' } } });
const path = positionals[0];
if (!path) {
  process.stderr.write('usage: npx tsx bench/profile-history.ts <history.sqlite> [--seconds 1]\n');
  process.exit(2);
}
const budgetMs = Number(values.seconds) * 1000;
const database = createDatabase({ dialect: 'sqlite', path });
const persistence = createPersistence(database, { searchWorkers: 0 });
const app = await buildApp({ database, searchWorkers: 0 });
const store = new KyselyIdentityStore(database.db);
const { token } = await createApiToken({
  email: 'history-bench@schakel.test',
  label: `profile ${new Date().toISOString()}`,
  store,
  clock: { now: () => new Date() },
  ids: { newId: randomUUID },
  actor: 'system',
});
const reader = await store.findUserByEmail('history-bench@schakel.test');
if (!reader) throw new Error('no history-bench user: build the database with the history benchmark');
const actor: Actor = { kind: 'user', userId: reader.id, role: reader.role, organisation: reader.organisation };

const counts = database.sqlite
  ?.prepare(
    "SELECT entity_id AS id, count(*) AS n FROM audit_events WHERE entity_type = 'obstacle' GROUP BY entity_id ORDER BY n",
  )
  .all() as { id: string; n: number }[];
const typical = counts[Math.floor(counts.length / 2)] as { id: string; n: number };
const heaviest = counts.at(-1) as { id: string; n: number };

async function time(fn: () => unknown): Promise<number> {
  const warmEnd = performance.now() + budgetMs / 3;
  for (let i = 0; i < 3 || performance.now() < warmEnd; i++) await fn();
  let n = 0;
  const start = performance.now();
  while (n < 5 || performance.now() < start + budgetMs) {
    await fn();
    n++;
  }
  return (performance.now() - start) / n;
}

const compile = zodSerializerCompiler as unknown as (route: Record<string, unknown>) => (data: unknown) => string;
const serialize = compile({ schema: HistorySchema, method: 'GET', url: '/', httpStatus: '200' });

async function actorsOf(keys: Iterable<string>): Promise<Map<string, HistoryActor>> {
  const actors = new Map<string, HistoryActor>();
  for (const key of new Set(keys)) {
    if (key === 'anonymous') actors.set(key, { kind: 'public' });
    else if (key === 'system') actors.set(key, { kind: 'system' });
    else {
      const user = await store.findUserById(key);
      actors.set(key, user ? { kind: 'user', name: user.name, organisation: user.organisation } : { kind: 'user' });
    }
  }
  return actors;
}

for (const [label, target] of [
  ['typical', typical],
  ['heaviest', heaviest],
] as const) {
  const url = `/api/v1/obstacles/${target.id}/history`;
  const inject = () =>
    app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } }).then((r) => {
      if (r.statusCode !== 200) throw new Error(`${url}: ${r.statusCode} ${r.body.slice(0, 200)}`);
      return r;
    });
  const page = { after: 0, limit: HISTORY_PAGE.default };
  const readHistory = () =>
    getObstacleHistory({ actor, idOrReference: target.id, page, obstacles: persistence.obstacles, audit: persistence.audit });
  const { access, events } = await readHistory();
  const actors = await actorsOf(events.map((e) => e.actor));
  const presented = presentHistory(access, events, actor, actors, null);
  const body = (await inject()).body;
  const eachUser = () => actorsOf(events.map((e) => e.actor));
  const oneQuery = () => store.findUsersByIds([...new Set(events.map((e) => e.actor))]);
  const rows: [string, number][] = [
    ['whole request (app.inject, Bearer token)', await time(inject)],
    ['  the same as the public (no token; the obstacle may be 404)', await time(() => app.inject({ method: 'GET', url }))],
    [
      '  GET /api/v1/session with the token (authentication alone)',
      await time(() => app.inject({ method: 'GET', url: '/api/v1/session', headers: { authorization: `Bearer ${token}` } })),
    ],
    ['  GET /health (Fastify alone)', await time(() => app.inject({ method: 'GET', url: '/health' }))],
    ['  use case: access facts + audit.history (the first page)', await time(readHistory)],
    ['  audit.history alone', await time(() => persistence.audit.history('obstacle', target.id, page))],
    [`  users, one query each (${actors.size} distinct actors; the route before)`, await time(eachUser)],
    ['  users in one query (findUsersByIds; the route now)', await time(oneQuery)],
    ['  users, one query each, again', await time(eachUser)],
    ['  users in one query, again', await time(oneQuery)],
    ['  presentHistory', await time(() => presentHistory(access, events, actor, actors, null))],
    ['  presentHistory for the public', await time(() => presentHistory(access, events, ANONYMOUS, actors, null))],
    ['  serializer (fast-json-stringify)', await time(() => serialize(presented))],
    ['  JSON.stringify, for comparison', await time(() => JSON.stringify(presented))],
  ];
  process.stdout.write(`\n${label}: ${target.n} events, ${(Buffer.byteLength(body) / 1024).toFixed(1)} KiB\n`);
  for (const [name, ms] of rows) process.stdout.write(`  ${name.padEnd(62)} ${ms.toFixed(3).padStart(8)} ms\n`);
}
await app.close();
await database.close();
