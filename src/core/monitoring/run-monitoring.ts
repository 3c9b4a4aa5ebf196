import type { AssessmentRow } from '../actions/ports.js';
import type { UnitOfWork } from '../obstacles/ports.js';
import type { ObstacleProgress } from './rag.js';
import { rollUp } from './rag.js';
import { assessStoredAction, type MonitoringSettings } from './settings.js';

export interface MonitoringRunReport {
  today: string;
  /** Open actions assessed. */
  actions: number;
  /** Of those, the ones whose RAG, overdue or stale flag changed (and were written). */
  changed: number;
  overdue: number;
  stale: number;
  /** Obstacles whose roll-up was recomputed, and of those the ones whose roll-up changed. */
  obstacles: number;
  obstaclesChanged: number;
  batches: number;
  /** Milliseconds: the actions pass, the roll-up pass, and in all. */
  timings: { actions: number; obstacles: number; total: number };
  /** Open actions assessed per second. */
  actionsPerSecond: number;
}

/** The smallest batch when batches are fitted to `sliceMs`. */
export const MIN_BATCH = 20;
/** The first batch of each pass when batches are fitted to `sliceMs` (grown or shrunk from there). */
export const FIRST_FITTED_BATCH = 50;

/**
 * The size of the next batch: `batchSize` without `sliceMs`; with it, the size that would have
 * taken `sliceMs` at the last batch's pace — at most twice the last size (one slow or fast batch
 * does not swing it), at least `min` (MIN_BATCH by default), at most `batchSize`.
 */
export function nextBatchSize(options: {
  last: number;
  elapsedMs: number;
  sliceMs?: number;
  batchSize: number;
  min?: number;
}): number {
  const { last, elapsedMs, sliceMs, batchSize } = options;
  if (sliceMs === undefined) return batchSize;
  const fitted = elapsedMs > 0 ? Math.floor((last * sliceMs) / elapsedMs) : last * 2;
  return Math.max(Math.min(options.min ?? MIN_BATCH, batchSize), Math.min(batchSize, last * 2, fitted));
}

/** Lets other work run between two batches (requests of the same process, other writers). */
function yieldToOthers(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** A turn of the event loop that took at least this long ran other work: the process is busy. */
export const BUSY_TURN_MS = 1;

/**
 * How long to pause after a batch (with `sliceMs` only): when the turn after it ran other work
 * (`turnMs` ≥ BUSY_TURN_MS), as long as the batch took, so that in a busy process the run takes
 * at most about half the time and a request that needs several turns (a query, a worker thread)
 * is not held up by a batch at each; none in an idle process, which the run then has to itself.
 */
export function pauseAfter(options: { batchMs: number; turnMs: number; sliceMs?: number }): number {
  if (options.sliceMs === undefined || options.turnMs < BUSY_TURN_MS) return 0;
  return Math.max(0, Math.min(options.batchMs, 4 * options.sliceMs));
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * The nightly run of the monitoring: recomputes the RAG, overdue and stale flags of every open
 * action (planned, in progress) as of `today`, and then every obstacle's roll-up. In batches of
 * `batchSize`, each batch its own short transaction (on SQLite the write lock is held for one
 * batch only), yielding between batches so requests are served meanwhile. With `sliceMs` the
 * batches are fitted to take about that long each (at most `batchSize`): a batch runs without a
 * break — on SQLite the driver is synchronous, so requests of the same process wait for it — and
 * writing a changed action costs several times judging one, so a fixed count would hold requests
 * up for long on a night when much changes (bench/RESULTS.md, the dashboard bench); and in a busy
 * process it pauses after each batch as long as the batch took (`pauseAfter`). Only rows whose
 * flags changed are written. Done and cancelled actions keep what their last write computed. Safe
 * to run again: a second run on the same day changes nothing.
 */
export async function runMonitoring(options: {
  today: string;
  /** Rows per batch; with `sliceMs`, the most. */
  batchSize: number;
  /** When set, each batch is fitted to take about this many milliseconds (see `nextBatchSize`). */
  sliceMs?: number;
  uow: UnitOfWork;
  settings: MonitoringSettings;
  now?: () => number;
  /** Waits this many milliseconds (tests give their own). */
  pause?: (ms: number) => Promise<void>;
  at?: Date;
}): Promise<MonitoringRunReport> {
  const { today, uow, settings, sliceMs } = options;
  const batchSize = Math.max(1, Math.floor(options.batchSize));
  const firstSize = sliceMs === undefined ? batchSize : Math.min(batchSize, FIRST_FITTED_BATCH);
  const clock = options.now ?? (() => performance.now());
  const pause = options.pause ?? sleep;
  /** After a batch: a turn of the event loop, and a pause when that turn ran other work. */
  const between = async (batchMs: number) => {
    const turnStarted = clock();
    await yieldToOthers();
    const ms = pauseAfter({ batchMs, turnMs: clock() - turnStarted, sliceMs });
    if (ms > 0) await pause(ms);
  };
  const at = options.at ?? new Date();
  const started = clock();
  // The calendars' holidays of this year and the next (all the RAG rule counts days in, with the
  // default norms), one calendar-year between two turns of the event loop, rather than several
  // piled into the first batches that need them.
  const year = Number(today.slice(0, 4));
  for (const calendar of settings.calendars ?? []) {
    if (!calendar.prepare) continue;
    for (const y of [year, year + 1]) {
      calendar.prepare(y);
      await yieldToOthers();
    }
  }
  let after = '';
  let assessed = 0;
  let changed = 0;
  let overdue = 0;
  let stale = 0;
  let batches = 0;
  let size = firstSize;
  for (;;) {
    const batchStarted = clock();
    const limit = size;
    const done = await uow.transaction(async ({ actions }) => {
      const rows = await actions.openAfter(after, limit);
      const updates: AssessmentRow[] = [];
      for (const row of rows) {
        const result = assessStoredAction(
          {
            status: row.status,
            progress: row.progress,
            dueOn: row.dueOn,
            createdAt: row.createdAt,
            updatedAt: row.updatedAt,
            owner: { organisation: row.ownerOrganisation, userId: null },
          },
          settings,
          today,
        );
        if (result.overdue) overdue += 1;
        if (result.stale) stale += 1;
        if (result.rag !== row.rag || result.overdue !== row.overdue || result.stale !== row.stale) {
          updates.push({ id: row.id, ...result });
        }
      }
      await actions.saveAssessments(updates, at);
      assessed += rows.length;
      changed += updates.length;
      const last = rows.at(-1);
      if (last) after = last.id;
      return rows.length < limit;
    });
    batches += 1;
    if (done) break;
    const batchMs = clock() - batchStarted;
    size = nextBatchSize({ last: limit, elapsedMs: batchMs, sliceMs, batchSize });
    await between(batchMs);
  }
  const actionsDone = clock();
  // And between the last batch of actions and the first of roll-ups.
  await yieldToOthers();

  let afterObstacle = '';
  let obstacles = 0;
  let obstaclesChanged = 0;
  size = firstSize;
  for (;;) {
    const batchStarted = clock();
    const limit = size;
    const done = await uow.transaction(async ({ actions }) => {
      const ids = await actions.obstaclesAfter(afterObstacle, limit);
      const inputs = await actions.rollUpInputs(ids);
      const stored = await actions.progressOfMany(ids);
      const progress = new Map<string, ObstacleProgress>();
      for (const id of ids) {
        const next = rollUp(inputs.get(id) ?? []);
        // Written only when it changed: most nights most obstacles stay as they were.
        if (JSON.stringify(next) !== JSON.stringify(stored.get(id))) progress.set(id, next);
      }
      await actions.saveProgress(progress, at);
      obstacles += ids.length;
      obstaclesChanged += progress.size;
      const last = ids.at(-1);
      if (last) afterObstacle = last;
      return ids.length < limit;
    });
    batches += 1;
    if (done) break;
    const batchMs = clock() - batchStarted;
    size = nextBatchSize({ last: limit, elapsedMs: batchMs, sliceMs, batchSize });
    await between(batchMs);
  }
  const finished = clock();
  const actionsMs = actionsDone - started;
  return {
    today,
    actions: assessed,
    changed,
    overdue,
    stale,
    obstacles,
    obstaclesChanged,
    batches,
    timings: {
      actions: Math.round(actionsMs),
      obstacles: Math.round(finished - actionsDone),
      total: Math.round(finished - started),
    },
    actionsPerSecond: actionsMs > 0 ? Math.round((assessed * 1000) / actionsMs) : assessed,
  };
}
