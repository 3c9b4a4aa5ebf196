import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type SQLite from 'better-sqlite3';

/** SQLite's default: a commit that leaves the WAL at this many pages or more checkpoints it. */
export const DEFAULT_WAL_AUTOCHECKPOINT = 1000;
/** How long after a commit the worker checkpoints (the commits of that time are copied in one go). */
export const CHECKPOINT_DELAY_MS = 50;
/** The worker also checkpoints this often unasked (writes made outside the unit of work do not ask). */
export const CHECKPOINT_EVERY_MS = 1000;

/**
 * Checkpoints a WAL database on a worker thread, with a connection of its own, instead of in the
 * commits of the server's connection (docs/decisions/0022-wal-checkpoints-on-a-worker.md).
 *
 * By default SQLite checkpoints in the commit that takes the WAL past 1,000 pages: that commit
 * copies about 4 MB into the database file and syncs it, 20–40 ms on the request thread, and the
 * nightly job's batches, which write hundreds of pages each, paid it every few commits (a tenth of
 * its turns; bench/RESULTS.md). Here the server's connection never checkpoints
 * (`wal_autocheckpoint = 0`); `committed()` asks the worker for a PASSIVE checkpoint
 * CHECKPOINT_DELAY_MS later, coalescing the commits in between. A PASSIVE checkpoint takes no
 * lock the writer or the readers need (it copies what no reader still needs and stops there), and
 * it commits nothing: the server's `PRAGMA data_version` does not move, so its read model is not
 * rebuilt. If the worker fails, the connection checkpoints itself again (the default).
 */
export interface Checkpointer {
  /** Told after each commit of the connection: a checkpoint follows shortly. */
  committed(): void;
  /** Checkpoints done, asked or not (for tests and diagnostics). */
  readonly checkpoints: number;
  /** Stops the worker; the connection checkpoints itself again. */
  close(): Promise<void>;
}

// Plain CommonJS evaluated from this string, so it runs the same from src/ (tests) and dist/. The
// worker waits and coalesces (no timer on the server's thread): a commit costs the server one message.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path, { fileMustExist: true });
// exec, not pragma(): a statement dropped on a worker thread can abort the process (decision 0007).
db.exec('PRAGMA wal_autocheckpoint = 0');
const checkpoint = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');
function run() {
  try {
    checkpoint.get();
    parentPort.postMessage({ ok: true });
  } catch (error) {
    // Another process's checkpoint is running (a cluster's servers share the file): it does the work.
    if (error && error.code === 'SQLITE_BUSY') return;
    parentPort.postMessage({ ok: false, message: String(error && error.message) });
  }
}
let timer;
parentPort.on('message', () => {
  if (timer) return;
  timer = setTimeout(() => {
    timer = undefined;
    run();
  }, workerData.delayMs);
});
// And now and then without being asked: writes outside the unit of work do not tell it.
setInterval(run, workerData.everyMs);
`;

export function createSqliteCheckpointer(
  sqlite: SQLite.Database,
  path: string,
  options: { delayMs?: number; everyMs?: number; onError?: (error: Error) => void } = {},
): Checkpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const delayMs = options.delayMs ?? CHECKPOINT_DELAY_MS;
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { path, driver, delayMs, everyMs: options.everyMs ?? CHECKPOINT_EVERY_MS },
  });
  // The worker never keeps the process alive: a checkpoint skipped at exit is done by the close.
  worker.unref();
  sqlite.exec('PRAGMA wal_autocheckpoint = 0');
  let stopped = false;
  let checkpoints = 0;

  const stop = (error?: Error) => {
    if (stopped) return;
    stopped = true;
    if (sqlite.open) sqlite.exec(`PRAGMA wal_autocheckpoint = ${DEFAULT_WAL_AUTOCHECKPOINT}`);
    if (error) options.onError?.(error);
  };
  worker.on('message', (message: { ok: boolean; message?: string }) => {
    if (message.ok) {
      checkpoints += 1;
      return;
    }
    stop(new Error(`checkpoint worker: ${message.message}`));
    void worker.terminate();
  });
  worker.on('error', (error) => stop(error));
  worker.on('exit', (code) => stop(new Error(`checkpoint worker stopped (exit code ${code})`)));

  return {
    committed() {
      if (!stopped) worker.postMessage(0);
    },
    get checkpoints() {
      return checkpoints;
    },
    async close() {
      stop();
      await worker.terminate();
    },
  };
}
