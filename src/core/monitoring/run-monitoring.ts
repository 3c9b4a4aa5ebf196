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

/** Lets other work run between two batches (requests of the same process, other writers). */
function yieldToOthers(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * The nightly run of the monitoring: recomputes the RAG, overdue and stale flags of every open
 * action (planned, in progress) as of `today`, and then every obstacle's roll-up. In batches of
 * `batchSize`, each batch its own short transaction (on SQLite the write lock is held for one
 * batch only), yielding between batches so requests are served meanwhile. Only rows whose flags
 * changed are written. Done and cancelled actions keep what their last write computed. Safe to
 * run again: a second run on the same day changes nothing.
 */
export async function runMonitoring(options: {
  today: string;
  batchSize: number;
  uow: UnitOfWork;
  settings: MonitoringSettings;
  now?: () => number;
  at?: Date;
}): Promise<MonitoringRunReport> {
  const { today, uow, settings } = options;
  const batchSize = Math.max(1, Math.floor(options.batchSize));
  const clock = options.now ?? (() => performance.now());
  const at = options.at ?? new Date();
  const started = clock();
  let after = '';
  let assessed = 0;
  let changed = 0;
  let overdue = 0;
  let stale = 0;
  let batches = 0;
  for (;;) {
    const done = await uow.transaction(async ({ actions }) => {
      const rows = await actions.openAfter(after, batchSize);
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
      return rows.length < batchSize;
    });
    batches += 1;
    if (done) break;
    await yieldToOthers();
  }
  const actionsDone = clock();

  let afterObstacle = '';
  let obstacles = 0;
  let obstaclesChanged = 0;
  for (;;) {
    const done = await uow.transaction(async ({ actions }) => {
      const ids = await actions.obstaclesAfter(afterObstacle, batchSize);
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
      return ids.length < batchSize;
    });
    batches += 1;
    if (done) break;
    await yieldToOthers();
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
