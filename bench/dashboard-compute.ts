/**
 * One dashboard computation, in process, on a kept bench database (no HTTP, no kept answers):
 * the time of `getDashboard` for the secretariat, a department and a partner, unfiltered and
 * with filters drawn from segment × theme, on the dialect's reader.
 *
 *   npx tsx bench/dashboard-compute.ts FILE [--filters 20]
 *
 * FILE is a SQLite database kept by `npm run bench -- dashboard --keep` (migrated to the latest
 * schema first). Prints the median and the slowest time per caller. `--sql` measures the SQL
 * reader (`KyselyDashboardReader`) instead of the dialect's; `--compare` also computes each
 * dashboard with the SQL reader and fails when any figure or list differs.
 */
import { isDeepStrictEqual, parseArgs } from 'node:util';
import type { Actor, Role } from '../src/core/access/access.js';
import { getDashboard } from '../src/core/dashboard/dashboard.js';
import { createDatabase } from '../src/db/create-database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { KyselyDashboardReader } from '../src/db/repositories/dashboard-reader.js';
import { createPersistence } from '../src/db/unit-of-work.js';
import { createRandom, pick } from './generate.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    filters: { type: 'string', default: '20' },
    sql: { type: 'boolean', default: false },
    compare: { type: 'boolean', default: false },
  },
});
const path = positionals[0];
if (!path) throw new Error('usage: tsx bench/dashboard-compute.ts FILE [--filters N] [--sql]');
const database = createDatabase({ dialect: 'sqlite', path });
await migrateToLatest(database.db);
const persistence = createPersistence(database, { searchWorkers: 0 });
const t0 = performance.now();
persistence.warm();
console.log(`warm (build the read model): ${(performance.now() - t0).toFixed(0)} ms`);
const catalogue = await persistence.catalogue.get();
const user = (role: Role, organisation: string): Actor => ({ kind: 'user', userId: 'bench', role, organisation });
const department = (
  await database.db
    .selectFrom('obstacle_routings')
    .select('organisation_key')
    .where('ended_at', 'is', null)
    .groupBy('organisation_key')
    .orderBy((eb) => eb.fn.countAll(), 'desc')
    .limit(1)
    .executeTakeFirstOrThrow()
).organisation_key;
const callers: [string, Actor][] = [
  ['secretariat', user('secretariat', 'secretariat')],
  [`department ${department}`, user('department', department)],
  ['partner', user('partner', 'nl-li')],
];
const random = createRandom(7);
const today = new Date().toISOString().slice(0, 10);
const sqlReader = new KyselyDashboardReader(database.db);
const reader = values.sql ? sqlReader : persistence.dashboard;
let compared = 0;
async function once(actor: Actor, filter: Record<string, string[]>): Promise<number> {
  const compute = (with_: typeof reader) =>
    getDashboard({ actor, filter, catalogue, reader: with_, norms: persistence.norms, alertSources: persistence, today });
  const started = performance.now();
  const dashboard = await compute(reader);
  const ms = performance.now() - started;
  if (values.compare) {
    if (!isDeepStrictEqual(dashboard, await compute(sqlReader))) {
      throw new Error(`the dashboards differ for ${JSON.stringify(filter)} (${actor.kind === 'user' ? actor.role : ''})`);
    }
    compared += 1;
  }
  return ms;
}
const n = Number(values.filters);
for (const [label, actor] of callers) {
  const first = await once(actor, {});
  const unfiltered = [];
  for (let i = 0; i < 3; i++) unfiltered.push(await once(actor, {}));
  const filtered = [];
  for (let i = 0; i < n; i++) {
    const filter = { segment: [pick(random, catalogue.segments).key], theme: [pick(random, catalogue.themes).key] };
    filtered.push(await once(actor, filter));
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
  console.log(
    `${label}: first ${first.toFixed(1)} ms; unfiltered median ${median(unfiltered).toFixed(1)} ms; ` +
      `${n} filters (segment × theme) median ${median(filtered).toFixed(1)} ms, slowest ${Math.max(...filtered).toFixed(1)} ms`,
  );
}
if (values.compare) console.log(`${compared} dashboards equal to the SQL reader's`);
await persistence.close();
await database.close();
