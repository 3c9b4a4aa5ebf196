import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { CompiledQuery } from 'kysely';

/**
 * Runs read-only SQLite queries on worker threads, each with its own read-only connection to
 * the same WAL database. better-sqlite3 is synchronous: a full-text query that ranks tens of
 * thousands of matches would otherwise hold the event loop for its whole duration, and every
 * other request (a list, a get) would wait behind it. On a worker it only takes a core.
 * Queries queue per worker in arrival order, so waiting is fair (no starvation).
 */
export interface ReadPool {
  all<R>(query: CompiledQuery<R>): Promise<R[]>;
  close(): Promise<void>;
}

// The worker is plain CommonJS evaluated from this string, so it runs the same from src/ (tests)
// and from dist/ (built); it needs only better-sqlite3, whose resolved path it is given.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path, { readonly: true, fileMustExist: true });
db.pragma('busy_timeout = 5000');
db.pragma('cache_size = -65536');
db.pragma('temp_store = MEMORY');
const statements = new Map();
parentPort.on('message', (message) => {
  try {
    let statement = statements.get(message.sql);
    if (!statement) {
      statement = db.prepare(message.sql);
      if (!statement.reader) throw new Error('read pool: only queries that return rows are allowed');
      if (statements.size < 256) statements.set(message.sql, statement);
    }
    parentPort.postMessage({ id: message.id, rows: statement.all(...message.params) });
  } catch (error) {
    parentPort.postMessage({ id: message.id, error: { message: String(error && error.message), code: error && error.code } });
  }
});
`;

interface Pending {
  resolve(rows: unknown[]): void;
  reject(error: Error): void;
}

interface Slot {
  worker: Worker;
  pending: Map<number, Pending>;
}

export function createSqliteReadPool(path: string, size: number): ReadPool {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  let nextId = 0;
  let closed = false;
  const slots: Slot[] = Array.from({ length: size }, () => {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { path, driver } });
    const slot: Slot = { worker, pending: new Map() };
    worker.on('message', (message: { id: number; rows?: unknown[]; error?: { message: string; code?: string } }) => {
      const pending = slot.pending.get(message.id);
      if (!pending) return;
      slot.pending.delete(message.id);
      if (message.error) pending.reject(Object.assign(new Error(message.error.message), { code: message.error.code }));
      else pending.resolve(message.rows ?? []);
    });
    const failAll = (error: Error) => {
      for (const pending of slot.pending.values()) pending.reject(error);
      slot.pending.clear();
    };
    worker.on('error', failAll);
    worker.on('exit', (code) => {
      if (!closed) failAll(new Error(`search worker stopped (exit code ${code})`));
    });
    worker.unref();
    return slot;
  });

  return {
    all<R>(query: CompiledQuery<R>): Promise<R[]> {
      if (closed) return Promise.reject(new Error('read pool is closed'));
      // The least busy worker; ties go to the first, so a lone query always finds a warm cache.
      let slot = slots[0] as Slot;
      for (const candidate of slots) if (candidate.pending.size < slot.pending.size) slot = candidate;
      const id = nextId++;
      return new Promise<R[]>((resolve, reject) => {
        slot.pending.set(id, { resolve: resolve as (rows: unknown[]) => void, reject });
        slot.worker.postMessage({ id, sql: query.sql, params: query.parameters });
      });
    },
    async close() {
      closed = true;
      await Promise.all(slots.map((slot) => slot.worker.terminate()));
    },
  };
}
