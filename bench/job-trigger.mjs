/**
 * Benchmark only: preloaded into the built server (`node --import ./bench/job-trigger.mjs
 * bin/schakel.js serve`) so the benchmark can start a scheduled job now instead of at its cron
 * time, in the server's own job runner, exactly as the schedule would: `InProcessJobRunner.trigger`
 * (no overlap with itself), in the process that runs the jobs (with WORKERS > 1: the worker the
 * primary chose). Nothing else of the server changes.
 *
 * Protocol, through the folder in BENCH_JOB_TRIGGER_DIR:
 * - the benchmark creates `run-<job>`;
 * - the process whose runner is started (it polls every 100 ms) takes the file (rename: only one
 *   process can) and triggers the job;
 * - when the job's handler has finished it writes `done-<job>.json`:
 *   `{ "ms": <duration>, "ok": true|false, "pid": <pid>, "error"?: <message> }`.
 */
import { existsSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.env.BENCH_JOB_TRIGGER_DIR;
if (dir) {
  const { InProcessJobRunner } = await import(new URL('../dist/server/jobs/in-process-job-runner.js', import.meta.url).href);
  const runners = new Set();
  const schedule = InProcessJobRunner.prototype.schedule;
  InProcessJobRunner.prototype.schedule = function (name, when, handler) {
    runners.add(this);
    const timed = async () => {
      const started = performance.now();
      try {
        await handler();
        writeFileSync(
          join(dir, `done-${name}.json`),
          JSON.stringify({ ms: performance.now() - started, ok: true, pid: process.pid }),
        );
      } catch (error) {
        writeFileSync(
          join(dir, `done-${name}.json`),
          JSON.stringify({ ms: performance.now() - started, ok: false, pid: process.pid, error: String(error) }),
        );
        throw error;
      }
    };
    return schedule.call(this, name, when, timed);
  };
  const poll = setInterval(() => {
    for (const runner of runners) {
      // `started` is the runner's own (private) flag: only the process that runs the jobs takes the file.
      if (!runner.started) continue;
      for (const name of runner.jobs.keys()) {
        const file = join(dir, `run-${name}`);
        if (!existsSync(file)) continue;
        const taken = `${file}.${process.pid}`;
        try {
          renameSync(file, taken);
        } catch {
          continue; // another process took it
        }
        rmSync(taken, { force: true });
        runner.trigger(name);
      }
    }
  }, 100);
  poll.unref();
}
