import cluster from 'node:cluster';
import { randomUUID } from 'node:crypto';
import { availableParallelism } from 'node:os';
import type { Role } from '../core/access/access.js';
import { addUser } from '../core/identity/add-user.js';
import { runEscalations } from '../core/monitoring/run-escalations.js';
import { runMonitoring } from '../core/monitoring/run-monitoring.js';
import { importPublishedObstacles } from '../core/obstacles/import-obstacles.js';
import { calendarDate } from '../core/obstacles/register-obstacle.js';
import { verifyAuditTrail } from '../db/audit-verify.js';
import { createDatabase, type Database, describeLocation } from '../db/create-database.js';
import { migrateToLatest } from '../db/migrate.js';
import { loadEscalationSettings, loadMonitoringSettings } from '../db/monitoring-settings.js';
import { readCommonPasswords, readReferenceFile, type SampleObstaclesFile } from '../db/reference-data.js';
import { KyselyIdentityStore } from '../db/repositories/identity-store.js';
import { seedReferenceData } from '../db/seed-reference.js';
import { createPersistence } from '../db/unit-of-work.js';
import { type AppDeps, buildApp, REDACTED_PATHS } from '../server/build-app.js';
import type { Config } from '../server/config.js';
import { argon2idHasher } from '../server/password-hasher.js';

async function prepare(config: Config): Promise<Database> {
  const database = createDatabase(config.database);
  await migrateToLatest(database.db);
  await seedReferenceData(database.db);
  return database;
}

async function countObstacles(database: Database): Promise<number> {
  const row = await database.db
    .selectFrom('obstacles')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function loadDemo(database: Database): Promise<{ imported: number; skipped: string[] }> {
  const persistence = createPersistence(database, { searchWorkers: 0 });
  try {
    return await importPublishedObstacles({
      obstacles: readReferenceFile<SampleObstaclesFile>('sample-obstacles.json').obstacles,
      catalogue: await persistence.catalogue.get(),
      uow: persistence,
      clock: { now: () => new Date() },
      ids: { newId: () => randomUUID() },
    });
  } finally {
    await persistence.close();
  }
}

/**
 * One demo user per role, made by `serve --demo-if-empty` on a database without users, never in
 * production. They share one password, printed in the banner: a demo on this machine, not an
 * installation (the server listens on 127.0.0.1 unless HOST says otherwise).
 */
export const DEMO_PASSWORD = 'grens-zonder-drempels';
type DemoUser = { email: string; name: string; role: Role; organisation: string };
export const DEMO_USERS: DemoUser[] = [
  { email: 'admin@schakel.example', name: 'Demo Beheerder', role: 'admin', organisation: 'secretariat' },
  { email: 'secretariaat@schakel.example', name: 'Demo Secretariaat', role: 'secretariat', organisation: 'secretariat' },
  { email: 'partner@schakel.example', name: 'Demo Provincie Limburg', role: 'partner', organisation: 'nl-li' },
  { email: 'departement@schakel.example', name: 'Demo SZW', role: 'department', organisation: 'nl-szw' },
  { email: 'bestuurder@schakel.example', name: 'Demo Bestuurder', role: 'decision_maker', organisation: 'nl-bzk' },
  { email: 'waarnemer@schakel.example', name: 'Demo Waarnemer', role: 'observer', organisation: 'item' },
];

/** Demo users come with `--demo-if-empty` (npm start), and never when NODE_ENV=production. */
export function wantsDemoUsers(config: Pick<Config, 'production'>, options: { demoIfEmpty: boolean }): boolean {
  return options.demoIfEmpty && !config.production;
}

/** Adds the demo users when there are no users at all; returns the demo users that can sign in. */
export async function ensureDemoUsers(database: Database): Promise<typeof DEMO_USERS> {
  const store = new KyselyIdentityStore(database.db);
  if ((await store.listUsers()).length === 0) {
    for (const demo of DEMO_USERS) {
      await addUser({
        actor: 'system',
        input: { ...demo, password: DEMO_PASSWORD },
        store,
        hasher: argon2idHasher,
        commonPasswords: readCommonPasswords(),
        clock: { now: () => new Date() },
        ids: { newId: () => randomUUID() },
      });
    }
  }
  const present: typeof DEMO_USERS = [];
  for (const demo of DEMO_USERS) {
    const user = await store.findUserByEmail(demo.email);
    if (user && !user.disabledAt && user.hasPassword) present.push(demo);
  }
  return present;
}

export async function migrateCommand(config: Config): Promise<number> {
  const database = createDatabase(config.database);
  try {
    const { applied } = await migrateToLatest(database.db);
    const seeded = await seedReferenceData(database.db);
    console.log(
      `${describeLocation(config.database)}: ${applied.length === 0 ? 'schema up to date' : `applied ${applied.join(', ')}`}; reference data: ${seeded.themes} themes, ${seeded.governments} governments, ${seeded.segments} segments, ${seeded.organisations} organisations, ${seeded.competences} competences.`,
    );
    return 0;
  } finally {
    await database.close();
  }
}

export async function seedCommand(config: Config, options: { force: boolean }): Promise<number> {
  const database = await prepare(config);
  try {
    const existing = await countObstacles(database);
    if (existing > 0 && !options.force) {
      console.error(`The register already holds ${existing} obstacles; not loading demo data (use --force to load it anyway).`);
      return 1;
    }
    const { imported, skipped } = await loadDemo(database);
    console.log(
      `Loaded ${imported} demo obstacles${skipped.length ? `; skipped ${skipped.length} with no matching border segment: ${skipped.join(', ')}` : ''}.`,
    );
    return 0;
  } finally {
    await database.close();
  }
}

/** What the configuration decides of the app `serve` builds (everything but the database). */
export function appOptions(config: Config): Omit<AppDeps, 'database'> {
  return {
    searchWorkers: config.searchWorkers,
    solveNice: config.solveNice,
    responseCacheBytes: config.responseCacheBytes,
    sessionPolicy: config.session,
    cookieSecure: config.cookieSecure,
    trustProxy: config.trustProxy,
    oidcProviders: config.oidcProviders,
    publicUrl: config.publicUrl,
    smtpUrl: config.smtpUrl,
    mailFrom: config.mailFrom,
    logger: {
      level: config.logLevel,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    },
  };
}

export async function serveCommand(config: Config, options: { demoIfEmpty: boolean }): Promise<number> {
  // A worker of a cluster (WORKERS > 1): the primary has migrated and printed; serve until told to stop.
  if (cluster.isWorker) return serveWorker(config);
  const database = await prepare(config);
  if (options.demoIfEmpty && (await countObstacles(database)) === 0) {
    const { imported } = await loadDemo(database);
    console.log(`First run: loaded ${imported} demo obstacles.`);
  }
  // Demo accounts only for a demo: never in production.
  const demoUsers = wantsDemoUsers(config, options) ? await ensureDemoUsers(database) : [];
  if (config.workers > 1) {
    await database.close();
    return serveCluster(config, demoUsers);
  }
  const app = await buildApp({ database, ...appOptions(config), warm: true, checkpointInWorker: true, web: {}, runJobs: true });
  const address = await app.listen({ port: config.port, host: config.host });
  printRunning(config, address, demoUsers);
  await untilStopped();
  await app.close();
  await database.close();
  return 0;
}

function printRunning(config: Config, address: string, demoUsers: readonly DemoUser[]): void {
  const shown = address.replace('127.0.0.1', 'localhost').replace('[::1]', 'localhost');
  const processes = config.workers > 1 ? `, ${config.workers} server processes` : '';
  console.log(`\nSchakel is running at ${shown}  (${describeLocation(config.database)}${processes})`);
  console.log(`  Web:     ${shown}/obstacles`);
  console.log(`  API:     ${shown}/api/v1/obstacles   OpenAPI: ${shown}/api/v1/openapi.json`);
  console.log(
    config.smtpUrl
      ? `  Mail:    sent through ${new URL(config.smtpUrl).host} (links to ${config.publicUrl})`
      : '  Mail:    off (SMTP_URL is not set): notifications are in the inbox only',
  );
  if (demoUsers.length > 0) {
    console.log(`  Sign in (POST ${shown}/api/v1/session) as one of the demo users, password "${DEMO_PASSWORD}":`);
    const width = Math.max(...demoUsers.map((u) => u.email.length));
    for (const u of demoUsers) console.log(`    ${u.email.padEnd(width)}  ${u.role} (${u.organisation})`);
    console.log('  Without signing in you are the public: you read public obstacles and may report one.');
  } else {
    console.log('  Sign-in: add users with `schakel user add` (see --help); without signing in you are the public.');
  }
  console.log('  Stop with Ctrl+C.\n');
}

function untilStopped(): Promise<void> {
  return new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

/** One server process of a cluster: the database is migrated; build the app and share the port. */
async function serveWorker(config: Config): Promise<number> {
  const database = createDatabase(config.database);
  // Scheduled jobs run in one worker only (the primary says which: SCHAKEL_RUN_JOBS=1).
  const runJobs = process.env[RUN_JOBS_ENV] === '1';
  const app = await buildApp({ database, ...appOptions(config), warm: true, checkpointInWorker: true, web: {}, runJobs });
  await app.listen({ port: config.port, host: config.host });
  await untilStopped();
  await app.close();
  await database.close();
  // The IPC channel to the primary would keep this process alive.
  cluster.worker?.disconnect();
  return 0;
}

/** Set by the primary on the one worker of a cluster that runs the scheduled jobs. */
const RUN_JOBS_ENV = 'SCHAKEL_RUN_JOBS';

/** Restarts of crashed workers allowed within a minute before the primary gives up (exit 1). */
const MAX_RESTARTS_PER_MINUTE = 5;

/**
 * WORKERS > 1: the primary forks that many server processes (node:cluster), which share the
 * port; the primary only forwards connections, prints where Schakel runs once all listen,
 * replaces a worker that dies (at most 5 a minute, then it stops everything and exits 1), and
 * on SIGINT/SIGTERM stops the workers and waits for them. Every worker opens the database
 * itself (SQLite in WAL mode: readers in parallel, one writer at a time with a busy timeout;
 * kept answers stay correct through the change feed between processes).
 */
async function serveCluster(config: Config, demoUsers: readonly DemoUser[]): Promise<number> {
  let stopping = false;
  const restarts: number[] = [];
  let address: string | undefined;
  let listening = 0;
  const printed = new Promise<void>((resolve) => {
    cluster.on('listening', (_worker, where) => {
      listening++;
      address ??= `http://${where.address?.includes(':') ? `[${where.address}]` : where.address}:${where.port}`;
      if (listening === config.workers) resolve();
    });
  });
  let failure: ((reason: Error) => void) | undefined;
  const gaveUp = new Promise<never>((_, reject) => {
    failure = reject;
  });
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    const now = Date.now();
    restarts.push(now);
    while (restarts.length > 0 && (restarts[0] ?? now) < now - 60_000) restarts.shift();
    console.error(`Server process ${worker.process.pid} ended (${signal ?? `exit ${code}`}).`);
    if (restarts.length > MAX_RESTARTS_PER_MINUTE) {
      failure?.(new Error(`server processes ended ${restarts.length} times within a minute`));
      return;
    }
    console.error('Starting a new one.');
    // The replacement of the worker that ran the jobs runs them.
    const ranJobs = jobsWorker === worker;
    const replacement = cluster.fork(ranJobs ? { [RUN_JOBS_ENV]: '1' } : { [RUN_JOBS_ENV]: '0' });
    if (ranJobs) jobsWorker = replacement;
  });
  // The first worker runs the scheduled jobs (mail delivery, digests): once per server.
  let jobsWorker = cluster.fork({ [RUN_JOBS_ENV]: '1' });
  for (let i = 1; i < config.workers; i++) cluster.fork({ [RUN_JOBS_ENV]: '0' });
  const stopped = untilStopped();
  try {
    await Promise.race([printed.then(() => printRunning(config, address ?? '', demoUsers)), gaveUp, stopped]);
    await Promise.race([stopped, gaveUp]);
    stopping = true;
    await stopWorkers();
    return 0;
  } catch (error) {
    console.error(`schakel: ${(error as Error).message}; stopping.`);
    stopping = true;
    await stopWorkers();
    return 1;
  }
}

/** Asks every worker to stop (SIGTERM) and waits until all have exited. */
async function stopWorkers(): Promise<void> {
  const workers = Object.values(cluster.workers ?? {}).filter((w) => w !== undefined);
  await Promise.all(
    workers.map(
      (worker) =>
        new Promise<void>((resolve) => {
          if (worker.isDead()) return resolve();
          worker.once('exit', () => resolve());
          worker.process.kill('SIGTERM');
        }),
    ),
  );
}

/**
 * `schakel audit verify [--workers N]`: checks the hash chain of the whole audit trail on worker
 * threads (`db/audit-verify.ts`). Prints the number of events, the head, the time and the rate when
 * whole (exit 0); otherwise the first broken event, by its position (seq), and what is wrong with
 * it (exit 1). A head row that names more events than the trail holds (a cut-off tail) is broken too.
 */
export async function auditVerifyCommand(config: Config, options: { workers?: number } = {}): Promise<number> {
  const started = performance.now();
  const report = await verifyAuditTrail(config.database, { workers: options.workers ?? Math.max(1, availableParallelism()) });
  const seconds = (performance.now() - started) / 1000;
  if (report.firstBroken) {
    const { seq, problem } = report.firstBroken;
    const what = {
      content_changed: 'its content does not match its hash (it was changed)',
      link_broken: 'it does not name the hash of the event before it (an event was removed, inserted or reordered)',
      sequence_gap: 'its position skips or repeats one',
    }[problem];
    console.error(
      `audit trail BROKEN at event seq ${seq} (${problem}): ${what}. ${report.checked - 1} events before it are whole.`,
    );
    return 1;
  }
  if (report.headMismatch) {
    console.error(
      `audit trail BROKEN at the head: it names event seq ${report.recordedHead.seq}, the trail ends at seq ${report.headMismatch.lastSeq} (events removed from the end, or the head changed).`,
    );
    return 1;
  }
  const rate = seconds > 0 ? Math.round(report.checked / seconds) : report.checked;
  console.log(
    `audit trail whole: ${report.checked} events, head seq ${report.recordedHead.seq} hash ${report.recordedHead.hash} (${seconds.toFixed(2)} s, ${rate} events/s)`,
  );
  return 0;
}

/** The nightly run of the monitoring (`schakel monitor run`): prints its counts and timings. */
export async function monitorRunCommand(config: Config, options: { date?: string; batchSize: number }): Promise<number> {
  const database = await prepare(config);
  const persistence = createPersistence(database, { searchWorkers: 0 });
  try {
    const today = options.date ?? calendarDate(new Date());
    const report = await runMonitoring({
      today,
      batchSize: options.batchSize,
      uow: persistence,
      settings: await loadMonitoringSettings(persistence),
    });
    const escalations = await runEscalations({
      today,
      batchSize: options.batchSize,
      uow: persistence,
      ids: { newId: () => randomUUID() },
      settings: await loadEscalationSettings(persistence),
    });
    console.log(
      `monitoring as of ${report.today}: ${report.actions} open actions (${report.changed} changed; ${report.overdue} overdue, ${report.stale} stale), ${report.obstacles} obstacles (${report.obstaclesChanged} changed) in ${report.batches} batches; ${(report.timings.total / 1000).toFixed(2)} s (actions ${(report.timings.actions / 1000).toFixed(2)} s, ${report.actionsPerSecond} actions/s; obstacles ${(report.timings.obstacles / 1000).toFixed(2)} s)`,
    );
    console.log(
      `escalations as of ${escalations.today}: ${escalations.candidates} actions looked at; ${escalations.escalated.administrative} escalated to administrative, ${escalations.escalated.political} to political; reminders sent: ${escalations.reminders.beforeDue} before due, ${escalations.reminders.overdue} overdue; ${escalations.batches} batches, ${(escalations.ms / 1000).toFixed(2)} s`,
    );
    return 0;
  } finally {
    await persistence.close();
    await database.close();
  }
}
