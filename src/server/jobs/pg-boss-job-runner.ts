import PgBoss from 'pg-boss';
import { DEFAULT_JOB_TIME_ZONE, type JobHandler, type JobRunner, type JobSchedule } from '../../core/jobs/ports.js';

/** pg-boss keeps its tables in this schema of the application's database. */
export const PG_BOSS_SCHEMA = 'pgboss';

interface Job {
  name: string;
  when: JobSchedule;
  handler: JobHandler;
}

/** A cron expression for pg-boss, which schedules in whole minutes. */
function cronOf(when: JobSchedule): { cron: string; tz: string } {
  if ('cron' in when) return { cron: when.cron, tz: when.tz ?? DEFAULT_JOB_TIME_ZONE };
  const minutes = Math.max(1, Math.round(when.everySeconds / 60));
  return { cron: minutes === 1 ? '* * * * *' : `*/${minutes} * * * *`, tz: 'UTC' };
}

/**
 * Jobs through pg-boss 10 on PostgreSQL (its own schema `pgboss`): every server that shares the
 * database runs one, and each scheduled or triggered run is taken by one of them. Queues are
 * `stately` (at most one run waiting and one running), so triggers in a burst make one run.
 */
export class PgBossJobRunner implements JobRunner {
  private readonly jobs = new Map<string, Job>();
  private boss: PgBoss | undefined;

  constructor(
    private readonly connectionString: string,
    private readonly onError: (job: string, error: unknown) => void = () => {},
  ) {}

  async schedule(name: string, when: JobSchedule, handler: JobHandler): Promise<void> {
    if (this.jobs.has(name)) throw new Error(`job ${name} is scheduled already`);
    if ('everySeconds' in when && !(when.everySeconds >= 1)) throw new Error(`job ${name}: everySeconds must be at least 1`);
    const job = { name, when, handler };
    this.jobs.set(name, job);
    if (this.boss) await this.install(this.boss, job);
  }

  trigger(name: string): void {
    const boss = this.boss;
    if (!boss || !this.jobs.has(name)) return;
    boss.send(name, {}).catch((error: unknown) => this.onError(name, error));
  }

  async runOnce(name: string): Promise<void> {
    const job = this.jobs.get(name);
    if (!job) throw new Error(`no job ${name}`);
    await job.handler();
  }

  async start(): Promise<void> {
    if (this.boss) return;
    const boss = new PgBoss({ connectionString: this.connectionString, schema: PG_BOSS_SCHEMA, max: 3 });
    boss.on('error', (error: unknown) => this.onError('pg-boss', error));
    await boss.start();
    this.boss = boss;
    for (const job of this.jobs.values()) await this.install(boss, job);
  }

  async stop(): Promise<void> {
    const boss = this.boss;
    this.boss = undefined;
    await boss?.stop({ graceful: true, wait: true, timeout: 10_000 });
  }

  private async install(boss: PgBoss, job: Job): Promise<void> {
    // Servers that start together create the same queue at the same moment (PostgreSQL may pick
    // one as a deadlock victim): try again until the queue is there.
    for (let attempt = 1; !(await boss.getQueue(job.name)); attempt++) {
      try {
        await boss.createQueue(job.name, { name: job.name, policy: 'stately' });
      } catch (error) {
        if (attempt >= 5) throw error;
        await new Promise((resolve) => setTimeout(resolve, 50 * attempt + Math.random() * 100));
      }
    }
    const { cron, tz } = cronOf(job.when);
    await boss.schedule(job.name, cron, {}, { tz });
    await boss.work(job.name, { pollingIntervalSeconds: 2 }, async () => {
      try {
        await job.handler();
      } catch (error) {
        this.onError(job.name, error);
        throw error;
      }
    });
  }
}
