import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { type ChainBreak, type ChainReport, GENESIS_HASH } from '../core/audit/audit-chain.js';
import type { DatabaseLocation } from './create-database.js';

/**
 * Verifies the whole audit chain (`schakel audit verify`) in parallel: the events are split into
 * contiguous ranges of `seq`, and each range is read and checked by a worker thread with its own
 * connection (SQLite: a read-only connection to the WAL file; PostgreSQL: its own client, all in
 * one REPEATABLE READ snapshot exported by the first).
 *
 * A worker checks, for every event of its range: that `seq` counts on without a gap, that the
 * event names the hash of the one before it (for its first event, the coordinator checks that
 * against the previous range's last hash, or the genesis hash), and that its hash is the hash of
 * its content after the `prevHash` it names. That is the sequential `ChainVerifier` rule, event
 * by event, so the first broken event found is the same one — reported with the same problem and
 * the same count of events checked.
 *
 * Reading a million rows is most of the time (the hashing about a third), and a worker per core
 * does both for its share; on the 2-core machine of bench/RESULTS.md two ranges verify about 1.8×
 * as fast as one.
 */
export interface VerifyOptions {
  /** Worker threads (default: 2). 1 reads and checks everything on one worker. */
  workers?: number;
  /** Rows per page read (default 5,000). */
  pageSize?: number;
}

export interface AuditTrailReport extends ChainReport {
  /** The head as recorded in `audit_head`; verify compares it with the last event. */
  recordedHead: { seq: number; hash: string };
  /** True when the chain is whole and ends at the recorded head. */
  ok: boolean;
  /** When the chain is whole but does not end at the recorded head (events cut off or added outside the app). */
  headMismatch?: { lastSeq: number; lastHash: string };
}

interface RangeResult {
  /** Events read in the range, up to and including its first broken one. */
  checked: number;
  firstSeq: number | null;
  firstPrevHash: string | null;
  lastSeq: number | null;
  lastHash: string | null;
  broken: { seq: number; problem: ChainBreak } | null;
}

/**
 * The hash input of core/audit `hashInput`, made by the database as UTF-8 bytes: the previous hash
 * and every field, joined by U+001F. The workers hash these bytes without turning each field
 * into a JavaScript string first (reading then costs about 40 % less). The tests hold it equal to
 * the core's formula on both databases, non-ASCII text included.
 */
const HASH_INPUT_SQL = {
  sqlite:
    'CAST(prev_hash || char(31) || seq || char(31) || at || char(31) || actor || char(31) || action || char(31) || entity_type || char(31) || entity_id || char(31) || changes AS BLOB)',
  postgres:
    "convert_to(prev_hash || chr(31) || seq::text || chr(31) || at || chr(31) || actor || chr(31) || action || chr(31) || entity_type || chr(31) || entity_id || chr(31) || changes, 'UTF8')",
} as const;

// Plain CommonJS evaluated from this string, so it runs the same from src/ (tests) and dist/
// (built): it needs only the driver, whose resolved path it is given.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { hash } = require('node:crypto');
const { from, to, pageSize, inputSql } = workerData;
const SELECT = 'SELECT seq, prev_hash, hash, ' + inputSql + ' FROM audit_events';
const result = { checked: 0, firstSeq: null, firstPrevHash: null, lastSeq: null, lastHash: null, broken: null };
let expected = from;
let prevHash = null;
// One row as [seq, prev_hash, hash, the hash input as bytes].
function check(row) {
  const seq = Number(row[0]);
  result.checked += 1;
  if (result.firstSeq === null) { result.firstSeq = seq; result.firstPrevHash = row[1]; }
  let problem = null;
  if (seq !== expected) problem = 'sequence_gap';
  else if (prevHash !== null && row[1] !== prevHash) problem = 'link_broken';
  else if (hash('sha256', row[3], 'hex') !== row[2]) problem = 'content_changed';
  if (problem !== null) { result.broken = { seq, problem }; return false; }
  expected = seq + 1;
  prevHash = row[2];
  result.lastSeq = seq;
  result.lastHash = row[2];
  return true;
}
async function run() {
  if (workerData.dialect === 'sqlite') {
    const Database = require(workerData.driver);
    const db = new Database(workerData.path, { readonly: true, fileMustExist: true });
    try {
      // Statements live as long as the connection: on Node 24 a better-sqlite3 12 statement
      // collected on a worker thread can abort the process (docs/decisions/0007).
      const page = db.prepare(SELECT + ' WHERE seq >= ? AND seq <= ? ORDER BY seq LIMIT ?').raw(true);
      let after = from;
      for (;;) {
        const rows = page.all(after, to, pageSize);
        for (const row of rows) if (!check(row)) return;
        if (rows.length < pageSize) return;
        after = Number(rows[rows.length - 1][0]) + 1;
      }
    } finally {
      db.close();
    }
  }
  const pg = require(workerData.driver);
  const client = new pg.Client({ connectionString: workerData.connectionString });
  await client.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    if (workerData.snapshot) await client.query("SET TRANSACTION SNAPSHOT '" + workerData.snapshot.replace(/[^0-9A-F-]/gi, '') + "'");
    let after = from;
    for (;;) {
      const { rows } = await client.query({ text: SELECT + ' WHERE seq >= $1 AND seq <= $2 ORDER BY seq LIMIT $3', values: [after, to, pageSize], rowMode: 'array' });
      for (const row of rows) if (!check(row)) return;
      if (rows.length < pageSize) return;
      after = Number(rows[rows.length - 1][0]) + 1;
    }
  } finally {
    await client.query('COMMIT').catch(() => {});
    await client.end();
  }
}
run().then(() => parentPort.postMessage({ result }), (error) => parentPort.postMessage({ error: String((error && error.stack) || error) }));
`;

function runRange(workerData: Record<string, unknown>): Promise<RangeResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData });
    let settled = false;
    worker.once('message', (message: { result?: RangeResult; error?: string }) => {
      settled = true;
      if (message.result) resolve(message.result);
      else reject(new Error(`audit verify worker: ${message.error}`));
    });
    worker.once('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`audit verify worker stopped (exit code ${code})`));
    });
  });
}

/** Joins the ranges' results in order into the report the sequential verifier would give. */
export function combineRanges(ranges: RangeResult[]): ChainReport {
  let checked = 0;
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  for (const range of ranges) {
    if (range.firstSeq !== null) {
      // The seam: the range's first event must follow on from the last event before it.
      if (range.firstSeq !== expectedSeq) {
        return { checked: checked + 1, firstBroken: { seq: range.firstSeq, problem: 'sequence_gap' }, lastHash: prevHash };
      }
      if (range.firstPrevHash !== prevHash) {
        return { checked: checked + 1, firstBroken: { seq: range.firstSeq, problem: 'link_broken' }, lastHash: prevHash };
      }
    }
    checked += range.checked;
    if (range.broken) {
      return { checked, firstBroken: range.broken, lastHash: range.lastHash ?? prevHash };
    }
    if (range.lastSeq !== null && range.lastHash !== null) {
      prevHash = range.lastHash;
      expectedSeq = range.lastSeq + 1;
    }
  }
  return { checked, lastHash: prevHash };
}

/**
 * Reads the bounds and the recorded head, splits `[min seq, max seq]` into ranges, verifies them on
 * worker threads, and compares the end of the chain with `audit_head`.
 */
export async function verifyAuditTrail(location: DatabaseLocation, options: VerifyOptions = {}): Promise<AuditTrailReport> {
  const workers = Math.max(1, Math.floor(options.workers ?? 2));
  const pageSize = Math.max(1, Math.floor(options.pageSize ?? 5000));
  const require = createRequire(import.meta.url);

  let bounds: { min: number; max: number; count: number };
  let head: { seq: number; hash: string };
  let release: () => Promise<void> = async () => {};
  const base: Record<string, unknown> = { pageSize, inputSql: HASH_INPUT_SQL[location.dialect] };

  if (location.dialect === 'sqlite') {
    const Database = require('better-sqlite3') as typeof import('better-sqlite3');
    const db = new Database(location.path, { readonly: true, fileMustExist: true });
    try {
      const row = db.prepare('SELECT min(seq) AS min, max(seq) AS max, count(*) AS count FROM audit_events').get() as {
        min: number | null;
        max: number | null;
        count: number;
      };
      bounds = { min: row.min ?? 1, max: row.max ?? 0, count: row.count };
      head = db.prepare('SELECT seq, hash FROM audit_head WHERE id = 1').get() as { seq: number; hash: string };
    } finally {
      db.close();
    }
    Object.assign(base, { dialect: 'sqlite', driver: require.resolve('better-sqlite3'), path: location.path });
  } else {
    const pg = require('pg') as typeof import('pg');
    const client = new pg.Client({ connectionString: location.connectionString });
    await client.connect();
    // One snapshot for every worker: events appended while verifying are not half seen.
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const snapshot = (await client.query<{ s: string }>('SELECT pg_export_snapshot() AS s')).rows[0]?.s;
    const row = (
      await client.query<{ min: string | null; max: string | null; count: string }>(
        'SELECT min(seq) AS min, max(seq) AS max, count(*) AS count FROM audit_events',
      )
    ).rows[0];
    bounds = { min: Number(row?.min ?? 1), max: Number(row?.max ?? 0), count: Number(row?.count ?? 0) };
    const headRow = (await client.query<{ seq: string; hash: string }>('SELECT seq, hash FROM audit_head WHERE id = 1')).rows[0];
    head = { seq: Number(headRow?.seq ?? 0), hash: headRow?.hash ?? GENESIS_HASH };
    release = async () => {
      await client.query('COMMIT').catch(() => {});
      await client.end();
    };
    Object.assign(base, {
      dialect: 'postgres',
      driver: require.resolve('pg'),
      connectionString: location.connectionString,
      snapshot,
    });
  }

  try {
    // Ranges of seq: the first starts at 1 whatever the smallest seq is, so missing first events show.
    const from = Math.min(1, bounds.min);
    const last = Math.max(bounds.max, 0);
    const size = Math.max(1, Math.ceil((last - from + 1) / workers));
    const ranges: Array<{ from: number; to: number }> = [];
    for (let start = from; start <= last; start += size) ranges.push({ from: start, to: Math.min(last, start + size - 1) });
    const results = await Promise.all(ranges.map((range) => runRange({ ...base, ...range })));
    const report = combineRanges(results);
    const whole = report.firstBroken === undefined;
    const lastSeq = whole ? (results.findLast((r) => r.lastSeq !== null)?.lastSeq ?? 0) : 0;
    const headMatches = whole && lastSeq === Number(head.seq) && report.lastHash === head.hash;
    return {
      ...report,
      recordedHead: { seq: Number(head.seq), hash: head.hash },
      ok: whole && headMatches,
      ...(whole && !headMatches ? { headMismatch: { lastSeq, lastHash: report.lastHash } } : {}),
    };
  } finally {
    await release();
  }
}
