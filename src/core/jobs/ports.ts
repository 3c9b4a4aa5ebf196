/**
 * Scheduled work. One runner per server (in a cluster: one process; see docs/OPERATIONS.md):
 * in-process timers on SQLite, pg-boss on PostgreSQL, where every scheduled run happens on one of
 * the servers that share the database.
 *
 *   app.jobs.schedule('nightly-monitoring', { cron: '0 2 * * *' }, async () => { … });
 *
 * A handler must be safe to run twice (claim rows in the database before acting on them): a job
 * can run again after a crash, and `runOnce` runs it now whatever the schedule.
 */
export type JobSchedule =
  /** Five fields (minute hour day-of-month month day-of-week), in `tz` (default Europe/Brussels). */
  | { cron: string; tz?: string }
  /** Every so many seconds (at least 1; pg-boss rounds to whole minutes, at least one). */
  | { everySeconds: number };

export type JobHandler = () => Promise<void>;

export interface JobRunner {
  /** Registers a job: before `start`, or after (it is then scheduled at once). Names are unique. */
  schedule(name: string, when: JobSchedule, handler: JobHandler): Promise<void>;
  /** Asks for a run of a job soon, outside its schedule (after a commit that gave it work). */
  trigger(name: string): void;
  /** Runs a job's handler now and waits for it (tests, operators): deterministic, no timers. */
  runOnce(name: string): Promise<void>;
  start(): Promise<void>;
  /** Stops scheduling and waits for running handlers. */
  stop(): Promise<void>;
}

export const DEFAULT_JOB_TIME_ZONE = 'Europe/Brussels';
