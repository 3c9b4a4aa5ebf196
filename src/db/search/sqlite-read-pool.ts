import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { CompiledQuery } from 'kysely';

/**
 * The `schakel_pack(seq, score)` aggregate: packs every (seq, score) of a full-text match into
 * one blob of two float64 arrays, so tens of thousands of matches cross from SQLite to
 * JavaScript as one value instead of one row object each (3–4× cheaper). Its source is shared
 * by the main connection and the worker threads.
 */
const PACK_MATCHES_SOURCE = `
const packMatches = {
  start: () => ({ seqs: new Float64Array(1024), scores: new Float64Array(1024), n: 0 }),
  step: (acc, seq, score) => {
    if (acc.n === acc.seqs.length) {
      const seqs = new Float64Array(acc.n * 2); seqs.set(acc.seqs); acc.seqs = seqs;
      const scores = new Float64Array(acc.n * 2); scores.set(acc.scores); acc.scores = scores;
    }
    acc.seqs[acc.n] = seq; acc.scores[acc.n] = score; acc.n += 1;
  },
  result: (acc) => Buffer.concat([Buffer.from(acc.seqs.buffer, 0, acc.n * 8), Buffer.from(acc.scores.buffer, 0, acc.n * 8)]),
};`;

/** Registers schakel_pack on a connection of this thread (the workers register their own). */
export function registerPackAggregate(sqlite: { aggregate(name: string, options: object): unknown }): void {
  const packMatches = new Function('Buffer', `${PACK_MATCHES_SOURCE}\nreturn packMatches;`)(Buffer) as object;
  sqlite.aggregate('schakel_pack', { ...packMatches, varargs: false });
}

/** Splits a schakel_pack blob into its seqs and scores. */
export function unpackMatches(buffer: ArrayBuffer | Uint8Array | null): [Float64Array, Float64Array] {
  if (!buffer) return [new Float64Array(0), new Float64Array(0)];
  const bytes = buffer instanceof Uint8Array ? buffer : new Uint8Array(buffer);
  const aligned = bytes.byteOffset % 8 === 0 ? bytes : bytes.slice();
  const all = new Float64Array(aligned.buffer, aligned.byteOffset, aligned.byteLength / 8);
  const n = all.length / 2;
  return [all.subarray(0, n), all.subarray(n)];
}

/**
 * Runs the full-text match of a search on worker threads, each with its own read-only connection to
 * the same WAL database. better-sqlite3 is synchronous: a full-text query that ranks tens of
 * thousands of matches would otherwise hold the event loop for its whole duration, and every
 * other request (a list, a get) would wait behind it. On a worker it only takes a core.
 * Queries queue per worker in arrival order, so waiting is fair (no starvation).
 */
export interface ReadPool {
  /** Runs a schakel_pack query and returns its matches as (seqs, scores). */
  packedMatches(query: CompiledQuery<unknown>): Promise<[Float64Array, Float64Array]>;
  close(): Promise<void>;
}

// The worker is plain CommonJS evaluated from this string, so it runs the same from src/ (tests)
// and from dist/ (built); it needs only better-sqlite3, whose resolved path it is given.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path, { readonly: true, fileMustExist: true });
// exec, not pragma(): pragma() prepares a statement and drops it, and on Node 24 a better-sqlite3
// 12 statement collected on a worker thread can abort the process (docs/decisions/0007).
db.exec('PRAGMA busy_timeout = 5000; PRAGMA cache_size = -65536; PRAGMA temp_store = MEMORY');
// Every statement is kept for the worker's life, for the same reason: the worker runs a handful of
// distinct SQL strings (full-text matches differ only in their bound parameters).
const statements = new Map();
${PACK_MATCHES_SOURCE}
db.aggregate('schakel_pack', packMatches);
parentPort.on('message', (message) => {
  try {
    let statement = statements.get(message.sql);
    if (!statement) {
      statement = db.prepare(message.sql);
      if (!statement.reader) throw new Error('read pool: only queries that return rows are allowed');
      statements.set(message.sql, statement);
    }
    // One blob from the schakel_pack aggregate (or null for no match), transferred rather than copied.
    const blob = statement.pluck(true).get(...message.params);
    const copy = new Uint8Array(blob ? blob.length : 0);
    if (blob) copy.set(blob);
    parentPort.postMessage({ id: message.id, packed: copy.buffer }, [copy.buffer]);
  } catch (error) {
    parentPort.postMessage({ id: message.id, error: { message: String(error && error.message), code: error && error.code } });
  }
});
`;

interface Pending {
  resolve(result: unknown): void;
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
    worker.on('message', (message: { id: number; packed?: ArrayBuffer; error?: { message: string; code?: string } }) => {
      const pending = slot.pending.get(message.id);
      if (!pending) return;
      slot.pending.delete(message.id);
      // An idle worker must not keep the process alive; a busy one must.
      if (slot.pending.size === 0) worker.unref();
      if (message.error) pending.reject(Object.assign(new Error(message.error.message), { code: message.error.code }));
      else pending.resolve(unpackMatches(message.packed ?? null));
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

  function send<T>(query: CompiledQuery<unknown>): Promise<T> {
    if (closed) return Promise.reject(new Error('read pool is closed'));
    // The least busy worker; ties go to the first, so a lone query always finds a warm cache.
    let slot = slots[0] as Slot;
    for (const candidate of slots) if (candidate.pending.size < slot.pending.size) slot = candidate;
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      slot.pending.set(id, { resolve: resolve as (result: unknown) => void, reject });
      slot.worker.ref();
      slot.worker.postMessage({ id, sql: query.sql, params: query.parameters });
    });
  }

  return {
    packedMatches(query) {
      return send<[Float64Array, Float64Array]>(query);
    },
    async close() {
      closed = true;
      await Promise.all(slots.map((slot) => slot.worker.terminate()));
    },
  };
}
