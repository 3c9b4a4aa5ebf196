/**
 * runMonitoring's batching, on a fake unit of work whose queries answer without any I/O (so
 * nothing but the job's own yield lets other work in): it yields to the event loop between
 * batches, and with `sliceMs` fits each batch to the time the last one took (a fake clock
 * advanced by the work done). The results on real databases: src/db/run-monitoring.db.test.ts.
 */
import { describe, expect, it } from 'vitest';
import type { ActionFactsRow, ActionRepository, AssessmentRow } from '../actions/ports.js';
import type { Repositories, UnitOfWork } from '../obstacles/ports.js';
import { type ObstacleProgress, type RollUpInput, WEEKDAYS } from './rag.js';
import { BUSY_TURN_MS, FIRST_FITTED_BATCH, MIN_BATCH, nextBatchSize, pauseAfter, runMonitoring } from './run-monitoring.js';
import { defaultMonitoringSettings, monitoringSettingsFrom } from './settings.js';

const TODAY = '2026-11-02';

/** `count` open actions on `obstacles` obstacles; every query advances `time` by `msPerRow` per row it returns. */
function fakeUnitOfWork(count: number, obstacles: number, msPerRow = 0) {
  const rows: ActionFactsRow[] = Array.from({ length: count }, (_, i) => ({
    id: `a-${String(i).padStart(6, '0')}`,
    obstacleId: `o-${String(i % obstacles).padStart(6, '0')}`,
    ownerOrganisation: 'nl-szw',
    status: i % 2 === 0 ? 'planned' : 'in_progress',
    progress: (i * 7) % 100,
    dueOn: i % 3 === 0 ? '2026-10-01' : '2027-03-01',
    createdAt: new Date('2026-06-01T10:00:00Z'),
    updatedAt: new Date('2026-10-30T10:00:00Z'),
    rag: 'none',
    overdue: false,
    stale: false,
  }));
  const obstacleIds = [...new Set(rows.map((r) => r.obstacleId))].sort();
  const state = {
    time: 0,
    /** The `limit` of each query, in order: actions pass, then roll-up pass. */
    actionLimits: [] as number[],
    obstacleLimits: [] as number[],
    transactions: 0,
    /** Per transaction: had a callback queued with setImmediate in the transaction before it run? */
    yieldedBefore: [] as boolean[],
    saved: 0,
  };
  let immediateRan = true;
  const actions: Partial<ActionRepository> = {
    async openAfter(afterId, limit) {
      state.actionLimits.push(limit);
      const page = rows.filter((r) => r.id > afterId).slice(0, limit);
      state.time += page.length * msPerRow;
      return page;
    },
    async saveAssessments(changed: readonly AssessmentRow[]) {
      state.saved += changed.length;
    },
    async obstaclesAfter(afterId, limit) {
      state.obstacleLimits.push(limit);
      const page = obstacleIds.filter((id) => id > afterId).slice(0, limit);
      state.time += page.length * msPerRow;
      return page;
    },
    async rollUpInputs(ids) {
      const result = new Map<string, RollUpInput[]>();
      for (const id of ids) result.set(id, []);
      return result;
    },
    async progressOfMany() {
      return new Map<string, ObstacleProgress>();
    },
    async saveProgress() {},
  };
  const uow: UnitOfWork = {
    async transaction(work) {
      state.yieldedBefore.push(immediateRan);
      state.transactions += 1;
      // Queued now: it can only run if the job lets the event loop turn before the next batch.
      immediateRan = false;
      setImmediate(() => {
        immediateRan = true;
      });
      return work({ actions } as unknown as Repositories);
    },
  };
  return { uow, state };
}

describe('runMonitoring batches', () => {
  it('lets the event loop turn between every two batches', async () => {
    const { uow, state } = fakeUnitOfWork(1050, 40);
    const report = await runMonitoring({ today: TODAY, batchSize: 100, uow, settings: defaultMonitoringSettings() });
    // 11 batches of actions (the last one short) and 1 of roll-ups.
    expect(report.batches).toBe(12);
    expect(state.transactions).toBe(12);
    expect(state.yieldedBefore).toEqual(Array.from({ length: 12 }, () => true));
    expect(report.actions).toBe(1050);
    expect(state.saved).toBe(report.changed);
  });

  it('keeps to batchSize without sliceMs', async () => {
    const { uow, state } = fakeUnitOfWork(2500, 300, 0.1);
    await runMonitoring({ today: TODAY, batchSize: 1000, uow, settings: defaultMonitoringSettings() });
    expect(state.actionLimits).toEqual([1000, 1000, 1000]);
    expect(state.obstacleLimits).toEqual([1000]);
  });

  it('with sliceMs, fits each batch to the time the last one took, within MIN_BATCH and batchSize', async () => {
    // 0.1 ms per row and 10 ms a slice: 100 rows a batch once fitted.
    const { uow, state } = fakeUnitOfWork(2000, 500, 0.1);
    let time = 0;
    const report = await runMonitoring({
      today: TODAY,
      batchSize: 1000,
      sliceMs: 10,
      uow,
      settings: defaultMonitoringSettings(),
      now: () => {
        time = Math.max(time, state.time);
        return time;
      },
    });
    expect(report.actions).toBe(2000);
    expect(state.actionLimits.slice(0, 4)).toEqual([FIRST_FITTED_BATCH, 100, 100, 100]);
    expect(new Set(state.actionLimits.slice(1))).toEqual(new Set([100]));
    expect(state.obstacleLimits.slice(0, 3)).toEqual([FIRST_FITTED_BATCH, 100, 100]);
    expect(report.obstacles).toBe(500);
  });

  it('prepares every calendar for this year and the next first, letting the event loop turn after each', async () => {
    const { uow } = fakeUnitOfWork(10, 2);
    const calls: string[] = [];
    let immediateRan = true;
    const calendar = (name: string) => ({
      workingDaysBetween: WEEKDAYS.workingDaysBetween,
      prepare(year: number) {
        calls.push(`${name} ${year} ${immediateRan ? 'after a turn' : 'in the same turn'}`);
        immediateRan = false;
        setImmediate(() => {
          immediateRan = true;
        });
      },
    });
    const settings = { ...defaultMonitoringSettings(), calendars: [calendar('nl'), calendar('de'), WEEKDAYS] };
    await runMonitoring({ today: TODAY, batchSize: 100, uow, settings });
    expect(calls).toEqual(['nl 2026 after a turn', 'nl 2027 after a turn', 'de 2026 after a turn', 'de 2027 after a turn']);
  });

  it('the settings from the norms list every calendar they use, each able to prepare a year', () => {
    const settings = monitoringSettingsFrom({
      staleAfter: { amount: 60, unit: 'calendar_days' },
      organisations: [
        { key: 'nl-szw', government: 'nl' },
        { key: 'nl-fin', government: 'nl' },
        { key: 'de-bmf', government: 'de' },
        { key: 'secretariat', government: null },
      ],
    });
    // nl and de, and weekends only for organisations of no government.
    expect(settings.calendars).toHaveLength(3);
    expect(settings.calendars?.every((c) => typeof c.prepare === 'function')).toBe(true);
    expect(settings.calendarOf('nl-szw')).toBe(settings.calendarOf('nl-fin'));
    expect(settings.calendars).toContain(settings.calendarOf('de-bmf'));
    expect(settings.calendars).toContain(settings.calendarOf('secretariat'));
  });

  it('with sliceMs, pauses after a batch as long as it took when other work ran in the turn after it, and not when none did', async () => {
    for (const busy of [true, false]) {
      const { uow, state } = fakeUnitOfWork(500, 100, 0.1);
      const transaction = uow.transaction.bind(uow);
      // Other work of the process (a request) takes 2 ms in the turn after each batch, or nothing.
      const withOthers: UnitOfWork = {
        transaction(work) {
          if (busy) setImmediate(() => (state.time += 2));
          return transaction(work);
        },
      };
      const pauses: number[] = [];
      await runMonitoring({
        today: TODAY,
        batchSize: 1000,
        sliceMs: 10,
        uow: withOthers,
        settings: defaultMonitoringSettings(),
        now: () => state.time,
        pause: async (ms) => {
          pauses.push(ms);
        },
      });
      // Actions: 50, 100, 100, 100, 100, 50 rows (the last one ends the pass); roll-ups: 50, 50.
      expect(pauses).toEqual(busy ? [5, 10, 10, 10, 10, 5] : []);
    }
  });

  it('pauseAfter: as long as the batch (at most 4 slices) in a busy turn; none when idle or without sliceMs', () => {
    expect(pauseAfter({ batchMs: 12, turnMs: BUSY_TURN_MS, sliceMs: 10 })).toBe(12);
    expect(pauseAfter({ batchMs: 300, turnMs: 5, sliceMs: 10 })).toBe(40);
    expect(pauseAfter({ batchMs: 12, turnMs: BUSY_TURN_MS / 2, sliceMs: 10 })).toBe(0);
    expect(pauseAfter({ batchMs: 12, turnMs: 5 })).toBe(0);
  });

  it('nextBatchSize: at most doubles, shrinks to fit, never below MIN_BATCH nor above batchSize', () => {
    expect(nextBatchSize({ last: 100, elapsedMs: 1, sliceMs: 10, batchSize: 1000 })).toBe(200);
    expect(nextBatchSize({ last: 100, elapsedMs: 40, sliceMs: 10, batchSize: 1000 })).toBe(25);
    expect(nextBatchSize({ last: 100, elapsedMs: 1000, sliceMs: 10, batchSize: 1000 })).toBe(MIN_BATCH);
    expect(nextBatchSize({ last: 800, elapsedMs: 1, sliceMs: 10, batchSize: 1000 })).toBe(1000);
    expect(nextBatchSize({ last: 100, elapsedMs: 0, sliceMs: 10, batchSize: 1000 })).toBe(200);
    expect(nextBatchSize({ last: 100, elapsedMs: 50, batchSize: 300 })).toBe(300);
    expect(nextBatchSize({ last: 5, elapsedMs: 50, sliceMs: 10, batchSize: 5 })).toBe(5);
  });
});
