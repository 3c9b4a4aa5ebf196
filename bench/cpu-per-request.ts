/**
 * The server's CPU time per request, case by case, on a kept SQLite database: a short, bounded
 * load (autocannon, 127.0.0.1) per case, and the CPU (user + system) the server process used over
 * it and its drain, from /proc/<pid>/stat, divided by the answers. CPU per request is far less
 * distorted by a shared machine than latency is, so it is the figure to compare code by.
 *
 *   npx tsx bench/cpu-per-request.ts --db /work/benchdb-…/history.sqlite [--seconds 5] [--connections 10]
 *       [--cases hello,health,get,get-token,list,history] [--root DIR] [--rounds 1]
 *
 * `--root DIR` runs the server built in another folder (its bin/schakel.js and dist/), e.g. a copy
 * of an earlier build, so two versions of the code are measured on the same file, one after the
 * other. `--profile DIR` runs the server under `node --cpu-prof` and leaves its profile in DIR when it
 * stops (`bench/cpuprofile-summary.ts` reads it). `--rounds N` repeats every case N times (interleaving is what makes two builds comparable
 * on a shared machine). The cases:
 *
 * - hello: a bare Fastify hello world (`bench/hello-server.ts`), the baseline
 * - health: Schakel's `GET /health`
 * - get: `GET /api/v1/obstacles/<reference>`, a random public one, by the public (as the register bench)
 * - get-token: the same with the API token of a secretariat user (history database only)
 * - list: the register bench's list URL, answered from the response cache after its first request
 * - history: `GET /api/v1/obstacles/<id>/history` of a random obstacle, with the token (history database only)
 *
 * Requests send `Accept-Encoding: gzip, deflate, br`. The server runs with NODE_ENV=production,
 * LOG_LEVEL=warn and whatever else is in the environment (e.g. RESPONSE_CACHE_MB=0).
 */
import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import SQLite from 'better-sqlite3';
import { createApiToken } from '../src/core/identity/create-api-token.js';
import { createDatabase } from '../src/db/create-database.js';
import { KyselyIdentityStore } from '../src/db/repositories/identity-store.js';
import { assertClean, runLoad } from './load.js';
import { Cleanup, type ServerProcess, startHelloWorld, startServer } from './processes.js';
import { cpuSeconds, ROOT } from './support.js';

const READER_EMAIL = 'history-bench@schakel.test';
const LIST_PATH = '/api/v1/obstacles?theme=cross_border_work&status=reported&sort=-updatedAt&limit=50';

const { values } = parseArgs({
  options: {
    db: { type: 'string' },
    seconds: { type: 'string', default: '5' },
    connections: { type: 'string', default: '10' },
    cases: { type: 'string', default: 'hello,health,get,list,get-token,history' },
    root: { type: 'string', default: ROOT },
    rounds: { type: 'string', default: '1' },
    profile: { type: 'string' },
  },
});
if (!values.db) {
  process.stderr.write(
    'usage: npx tsx bench/cpu-per-request.ts --db FILE [--seconds 5] [--connections 10] [--cases …] [--root DIR]\n',
  );
  process.exit(2);
}
const seconds = Number(values.seconds);
const connections = Number(values.connections);
const cases = values.cases.split(',').map((c) => c.trim());
const root = resolve(values.root);

async function drain(url: string): Promise<void> {
  let quick = 0;
  const deadline = Date.now() + 60_000;
  while (quick < 2 && Date.now() < deadline) {
    const start = performance.now();
    await (await fetch(`${url}/ready`)).arrayBuffer();
    quick = performance.now() - start < 30 ? quick + 1 : 0;
  }
}

const file = new SQLite(values.db, { readonly: true, fileMustExist: true });
const publicReferences = (
  file.prepare("select reference from obstacles where visibility = 'public'").all() as { reference: string }[]
).map((r) => r.reference);
const ids = (file.prepare('select id from obstacles').all() as { id: string }[]).map((r) => r.id);
const hasReader = file.prepare('select 1 from users where email = ?').get(READER_EMAIL) !== undefined;
file.close();

let token: string | undefined;
if (hasReader && (cases.includes('history') || cases.includes('get-token'))) {
  const database = createDatabase({ dialect: 'sqlite', path: values.db });
  try {
    const made = await createApiToken({
      email: READER_EMAIL,
      label: `cpu-per-request ${new Date().toISOString()}`,
      store: new KyselyIdentityStore(database.db),
      clock: { now: () => new Date() },
      ids: { newId: randomUUID },
      actor: 'system',
    });
    token = made.token;
  } finally {
    await database.close();
  }
}

const cleanup = new Cleanup();
const pick = <T>(list: readonly T[]) => list[Math.floor(Math.random() * list.length)] as T;
try {
  const hello = await startHelloWorld(cleanup, ROOT);
  const schakel = await startServer({
    name: 'schakel',
    args: [
      ...(values.profile ? ['--cpu-prof', `--cpu-prof-dir=${resolve(values.profile)}`] : []),
      resolve(root, 'bin/schakel.js'),
      'serve',
    ],
    env: { DATABASE_URL: `sqlite:${values.db}`, NODE_ENV: 'production', LOG_LEVEL: 'warn' },
    cwd: root,
  });
  cleanup.add('stop schakel', schakel.stop, schakel.stopSync);
  const gzip = { 'accept-encoding': 'gzip, deflate, br' };
  const bearer = token ? { ...gzip, authorization: `Bearer ${token}` } : undefined;
  const plan: Record<
    string,
    { server: ServerProcess; path: string | (() => string); headers: Record<string, string> } | undefined
  > = {
    hello: { server: hello, path: '/', headers: gzip },
    health: { server: schakel, path: '/health', headers: gzip },
    get: { server: schakel, path: () => `/api/v1/obstacles/${pick(publicReferences)}`, headers: gzip },
    'get-token': bearer && { server: schakel, path: () => `/api/v1/obstacles/${pick(ids)}`, headers: bearer },
    list: { server: schakel, path: LIST_PATH, headers: gzip },
    history: bearer && { server: schakel, path: () => `/api/v1/obstacles/${pick(ids)}/history`, headers: bearer },
  };
  process.stdout.write(
    `root ${root}; db ${values.db}; ${connections} connections, ${seconds} s per case; load ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}\n`,
  );
  for (let round = 1; round <= Number(values.rounds); round += 1) {
    for (const name of cases) {
      const c = plan[name];
      if (!c) {
        process.stdout.write(`  ${name.padEnd(10)} skipped (no such case, or no reader user in this database)\n`);
        continue;
      }
      const requests = [{ path: c.path }];
      assertClean(
        await runLoad({ url: c.server.url, connections: 4, seconds: 1, requests, title: 'warm-up', headers: c.headers }),
      );
      await drain(c.server.url);
      const load = loadavg()[0] ?? 0;
      const pid = c.server.child.pid as number;
      const before = cpuSeconds(pid);
      const result = await runLoad({ url: c.server.url, connections, seconds, requests, title: name, headers: c.headers });
      assertClean(result);
      await drain(c.server.url);
      const micros = ((cpuSeconds(pid) - before) * 1e6) / (result.total + result.latency.unfinished + 2);
      const l = result.latency;
      process.stdout.write(
        `  ${name.padEnd(10)} ${micros.toFixed(0).padStart(5)} µs CPU/request   ${result.requestsPerSecond.toFixed(0).padStart(6)} req/s   p50 ${l.p50.toFixed(2)}  p99 ${l.p99.toFixed(2)} ms   ${(result.bytesPerResponse / 1024).toFixed(1)} KiB   load ${load.toFixed(2)}\n`,
      );
    }
  }
} finally {
  await cleanup.runAll();
}
