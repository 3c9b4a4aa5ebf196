import type { JobRunner } from '../core/jobs/ports.js';
import { type EscalationSettings, runEscalations } from '../core/monitoring/run-escalations.js';
import { runMonitoring } from '../core/monitoring/run-monitoring.js';
import type { MonitoringSettings } from '../core/monitoring/settings.js';
import type { Clock, IdGenerator, UnitOfWork } from '../core/obstacles/ports.js';
import { calendarDate } from '../core/obstacles/register-obstacle.js';
import { remindStateOfPlay } from '../core/state-of-play/remind-state-of-play.js';

export const NIGHTLY_MONITORING = 'nightly-monitoring';
/** The nightly run starts at 02:00 in Brussels, before anyone reads the lists. */
export const MONITORING_CRON = '0 2 * * *';
export const MONITORING_TIME_ZONE = 'Europe/Brussels';
/** Actions per batch at most. */
export const MONITORING_BATCH_SIZE = 1000;
/**
 * Each batch of the server's run is fitted to take about this long (runMonitoring's and
 * runEscalations' `sliceMs`), its queries, commit and post-commit work (read model, dashboard
 * index) together: one synchronous turn on the server's thread, which requests wait behind. 2 ms,
 * not 10: on the dashboard bench's 20,000-obstacle register (bench/RESULTS.md, "The nightly job's
 * turns"), with 10 ms the job's turns in the server had p99 28 ms (the fit follows the last
 * batch's pace, and batches vary) and the list's p99 during the job was 5.2 × without; with the
 * WAL checkpoints off the thread (decision 0022) and 4 ms, turns p99 8.4 ms and the list 2.9 ×;
 * with 2 ms, turns p99 6.3 ms and the list 1.9 × (7.6 against 4.1 ms), for 16 % more time in the
 * server (302 s against 260; 4 ms: 274 s). Below 2 ms a batch is mostly its commit.
 */
export const MONITORING_SLICE_MS = 2;
/**
 * Candidates (open actions overdue or due soon) per transaction of the escalation run at most: a
 * climb writes a row, the action, an audit event and notifications, so its batches are smaller.
 * The server's run fits them to MONITORING_SLICE_MS as well (runEscalations' `sliceMs`): on a first
 * night that climbs hundreds of thousands of actions, 200 climbs in one go held requests up for
 * far longer than a slice (bench/RESULTS.md, issue 6).
 */
export const ESCALATION_BATCH_SIZE = 200;

/**
 * The nightly run of the monitoring as a scheduled job (core/jobs): RAG, overdue and stale flags
 * of every open action and each obstacle's roll-up, as of the day in Brussels, in batches (each a
 * short transaction of about MONITORING_SLICE_MS, so the requests the same process serves are held
 * up by little), with the settings of that moment (the norm `stale_after`, the calendars). Then
 * the escalation ladder and the due-date reminders (runEscalations, in batches of at most
 * ESCALATION_BATCH_SIZE candidates fitted to the same slice). Running it twice on a day changes and sends nothing the
 * second time. `schakel monitor run` does the same from the command line.
 */
export async function scheduleMonitoringJob(
  jobs: JobRunner,
  deps: {
    uow: UnitOfWork;
    settings: () => Promise<MonitoringSettings>;
    escalationSettings: () => Promise<EscalationSettings>;
    ids: IdGenerator;
    clock: Clock;
    batchSize?: number;
    sliceMs?: number;
    log: { info(obj: object, msg: string): void };
  },
): Promise<void> {
  await jobs.schedule(NIGHTLY_MONITORING, { cron: MONITORING_CRON, tz: MONITORING_TIME_ZONE }, async () => {
    const now = deps.clock.now();
    const today = calendarDate(now);
    const report = await runMonitoring({
      today,
      batchSize: deps.batchSize ?? MONITORING_BATCH_SIZE,
      sliceMs: deps.sliceMs ?? MONITORING_SLICE_MS,
      uow: deps.uow,
      settings: await deps.settings(),
      at: now,
    });
    deps.log.info(report, 'nightly monitoring run');
    // Then the escalation ladder and the reminders, on the flags just computed.
    const escalations = await runEscalations({
      today,
      batchSize: ESCALATION_BATCH_SIZE,
      sliceMs: deps.sliceMs ?? MONITORING_SLICE_MS,
      uow: deps.uow,
      ids: deps.ids,
      settings: await deps.escalationSettings(),
      at: now,
    });
    deps.log.info(escalations, 'nightly escalations and reminders');
  });
}

export const STATE_OF_PLAY_REMINDERS = 'state-of-play-reminders';
/** Mondays at 09:00 in Brussels: the weekly reminder of an open state-of-play round. */
export const STATE_OF_PLAY_REMINDER_CRON = '0 9 * * 1';

/**
 * The weekly reminder of the open state-of-play round (core/state-of-play remindStateOfPlay as
 * `system`): the departments that have not answered every item get `state_of_play_reminder`; a
 * second run on the same day reminds nobody. Nothing happens without an open round.
 */
export async function scheduleStateOfPlayReminders(
  jobs: JobRunner,
  deps: { uow: UnitOfWork; clock: Clock; ids: IdGenerator; log: { info(obj: object, msg: string): void } },
): Promise<void> {
  await jobs.schedule(STATE_OF_PLAY_REMINDERS, { cron: STATE_OF_PLAY_REMINDER_CRON, tz: MONITORING_TIME_ZONE }, async () => {
    const run = await remindStateOfPlay({ actor: 'system', uow: deps.uow, clock: deps.clock, ids: deps.ids });
    if (run.roundId) deps.log.info(run, 'state-of-play reminders');
  });
}
