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
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';

const dir = process.env.BENCH_JOB_TRIGGER_DIR;

/** p50, p90, p99 and max of a list of milliseconds (sorted here), rounded to 0.01 ms. */
function distribution(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q) => (sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]);
  const round = (ms) => Math.round(ms * 100) / 100;
  const total = sorted.reduce((sum, ms) => sum + ms, 0);
  return {
    count: sorted.length,
    p50: round(at(0.5)),
    p90: round(at(0.9)),
    p99: round(at(0.99)),
    max: round(sorted.at(-1) ?? 0),
    totalMs: Math.round(total),
    over5ms: sorted.filter((ms) => ms > 5).length,
    over10ms: sorted.filter((ms) => ms > 10).length,
    over20ms: sorted.filter((ms) => ms > 20).length,
  };
}

/**
 * The job's own turns on the thread: a turn starts when a callback the job scheduled (its
 * setImmediate between batches, its setTimeout of a pause) or the trigger's call of the handler
 * begins, and ends when the job calls setImmediate or setTimeout to give the thread back (every
 * batch ends so: `yieldToOthers`), or when the handler's promise settles. On SQLite a batch's
 * queries, its commit and what runs after the commit (read model, dashboard index, change tokens)
 * all run before that call, within the turn. Between two turns nothing is counted as the job's.
 */
const turns = { open: false, started: 0, lengths: [] };
function closeTurn(end) {
  if (!turns.open) return;
  turns.lengths.push(end - turns.started);
  turns.open = false;
}
if (dir) {
  for (const name of ['setImmediate', 'setTimeout']) {
    const original = globalThis[name];
    globalThis[name] = function (callback, ...rest) {
      if (!turns.open || typeof callback !== 'function') return original.call(this, callback, ...rest);
      closeTurn(performance.now());
      const timed = function (...args) {
        turns.open = true;
        turns.started = performance.now();
        return callback.apply(this, args);
      };
      return original.call(this, timed, ...rest);
    };
  }
}

/**
 * Starts a CPU profile of this process for the job's run when BENCH_JOB_PROFILE_DIR names a folder
 * (the profile is written there: summarise it with bench/cpuprofile-summary.ts); returns what stops
 * it and writes it. Profiling slows the process: the turns of such a run are not the ones to record.
 */
async function profile(name) {
  const into = process.env.BENCH_JOB_PROFILE_DIR;
  if (!into) return async () => undefined;
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  return async () => {
    const { profile: result } = await session.post('Profiler.stop');
    const file = join(into, `${name}-${process.pid}.cpuprofile`);
    writeFileSync(file, JSON.stringify(result));
    session.disconnect();
    return file;
  };
}

if (dir) {
  const { InProcessJobRunner } = await import(new URL('../dist/server/jobs/in-process-job-runner.js', import.meta.url).href);
  const runners = new Set();
  const schedule = InProcessJobRunner.prototype.schedule;
  InProcessJobRunner.prototype.schedule = function (name, when, handler) {
    runners.add(this);
    const timed = async () => {
      const stopProfile = await profile(name);
      const delay = monitorEventLoopDelay({ resolution: 1 });
      delay.enable();
      turns.lengths = [];
      const started = performance.now();
      const measured = () => {
        closeTurn(performance.now());
        delay.disable();
        const ms = (ns) => Math.round(ns / 10_000) / 100;
        return {
          turns: distribution(turns.lengths),
          eventLoopDelay: {
            p50: ms(delay.percentile(50)),
            p90: ms(delay.percentile(90)),
            p99: ms(delay.percentile(99)),
            max: ms(delay.max),
          },
        };
      };
      try {
        turns.open = true;
        turns.started = started;
        await handler();
        const stats = measured();
        const cpuProfile = await stopProfile();
        writeFileSync(
          join(dir, `done-${name}.json`),
          JSON.stringify({ ms: performance.now() - started, ok: true, pid: process.pid, ...stats, cpuProfile }),
        );
      } catch (error) {
        const stats = measured();
        await stopProfile();
        writeFileSync(
          join(dir, `done-${name}.json`),
          JSON.stringify({ ms: performance.now() - started, ok: false, pid: process.pid, error: String(error), ...stats }),
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
