import { DEFAULT_JOB_TIME_ZONE, type JobHandler, type JobRunner, type JobSchedule } from '../../core/jobs/ports.js';
import { type CronMatcher, parseCron } from './cron.js';

interface Job {
  name: string;
  when: JobSchedule;
  handler: JobHandler;
  matches?: CronMatcher;
  timer?: NodeJS.Timeout;
  running?: Promise<void>;
  again: boolean;
}

/**
 * Jobs on timers in this process: for SQLite, where one server process owns the database (in a
 * cluster, the first worker runs them). A job never overlaps itself: a trigger while it runs
 * makes it run once more after.
 */
export class InProcessJobRunner implements JobRunner {
  private readonly jobs = new Map<string, Job>();
  private started = false;
  private minuteTimer: NodeJS.Timeout | undefined;

  constructor(private readonly onError: (job: string, error: unknown) => void = () => {}) {}

  async schedule(name: string, when: JobSchedule, handler: JobHandler): Promise<void> {
    if (this.jobs.has(name)) throw new Error(`job ${name} is scheduled already`);
    const job: Job = { name, when, handler, again: false };
    if ('cron' in when) job.matches = parseCron(when.cron, when.tz ?? DEFAULT_JOB_TIME_ZONE);
    else if (!(when.everySeconds >= 1)) throw new Error(`job ${name}: everySeconds must be at least 1`);
    this.jobs.set(name, job);
    if (this.started) this.arm(job);
  }

  trigger(name: string): void {
    const job = this.jobs.get(name);
    if (!job || !this.started) return;
    void this.run(job);
  }

  async runOnce(name: string): Promise<void> {
    const job = this.jobs.get(name);
    if (!job) throw new Error(`no job ${name}`);
    await job.running?.catch(() => {});
    await job.handler();
  }

  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    for (const job of this.jobs.values()) this.arm(job);
    this.tickAtNextMinute();
  }

  async stop(): Promise<void> {
    this.started = false;
    clearTimeout(this.minuteTimer);
    for (const job of this.jobs.values()) clearInterval(job.timer);
    await Promise.all([...this.jobs.values()].map((job) => job.running?.catch(() => {})));
  }

  private arm(job: Job): void {
    if ('everySeconds' in job.when) {
      job.timer = setInterval(() => void this.run(job), job.when.everySeconds * 1000);
      job.timer.unref();
    }
  }

  /** Cron jobs: checked at the start of every minute. */
  private tickAtNextMinute(): void {
    const now = Date.now();
    this.minuteTimer = setTimeout(
      () => {
        if (!this.started) return;
        const at = new Date();
        for (const job of this.jobs.values()) if (job.matches?.(at)) void this.run(job);
        this.tickAtNextMinute();
      },
      60_000 - (now % 60_000) + 50,
    );
    this.minuteTimer.unref();
  }

  private run(job: Job): Promise<void> {
    if (job.running) {
      job.again = true;
      return job.running;
    }
    job.running = (async () => {
      try {
        do {
          job.again = false;
          try {
            await job.handler();
          } catch (error) {
            this.onError(job.name, error);
          }
        } while (job.again && this.started);
      } finally {
        job.running = undefined;
      }
    })();
    return job.running;
  }
}
