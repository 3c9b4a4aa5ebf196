import { type ChildProcess, fork } from 'node:child_process';
import { createRequire } from 'node:module';
import { setPriority } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { SolveCancelledError } from '../../core/selection/model.js';
import type { RoundSolveEngine, RoundSolveJob, SolvedRound } from '../../core/selection-rounds/solve-round.js';
import type { DatabaseLocation } from '../../db/create-database.js';

/** The niceness of the solver process by default: requests win the CPU, a solve takes what is left. */
export const DEFAULT_SOLVE_NICE = 10;

interface Job {
  id: number;
  job: RoundSolveJob;
  signal?: AbortSignal;
  resolve(solved: SolvedRound): void;
  reject(error: Error): void;
  onAbort?: () => void;
}

type ChildMessage = { ready: true } | { loadError: string } | { id: number; solved: SolvedRound } | { id: number; error: string };

/** The RoundSolveEngine of the server, in its own process; `close()` stops that process. */
export interface SolveProcess extends RoundSolveEngine {
  /** Solves waiting behind the running one. */
  readonly queued: number;
  /** The process id of the solver process now (null before the first solve or after a cancel). */
  readonly pid: number | null;
  close(): Promise<void>;
}

/**
 * Runs every solve of this server process in one child process (solve-process-main.ts): reading
 * and aggregating 300,000 scores, the formulations, HiGHS, the ten re-solves and the swap bounds
 * of the explanations and the plain ranking take seconds of CPU at 20,000 candidates, and none of
 * it may run on the thread that answers requests — nor compete with it as an equal. The child
 * reads the round from `database` on a connection of its own (read-only on SQLite: it never
 * writes; the server writes the result) and answers with the explanations and scores as JSON
 * text, which the server writes as they are. The child is started at the first solve
 * with the niceness `nice` (default 10, SOLVE_NICE), so on a busy machine the requests get the
 * CPU first and a solve takes longer; HiGHS' time limit is wall-clock, so a starved solve may
 * end `time_limit` with its gap. Solves queue here in arrival order and go to the child one at a
 * time. Cancelling the running solve kills the child (HiGHS cannot be interrupted); the next
 * solve starts a new one. If the child dies, its solve fails and the next one starts a new child.
 */
export function createSolveProcess(options: { database: DatabaseLocation; nice?: number }): SolveProcess {
  const { database } = options;
  if (database.dialect === 'sqlite' && database.path === ':memory:') {
    throw new Error('the solver process cannot read an in-memory SQLite database: solve in thread (inThreadRoundEngine)');
  }
  const nice = options.nice ?? DEFAULT_SOLVE_NICE;
  const queue: Job[] = [];
  let child: ChildProcess | null = null;
  let running: Job | null = null;
  let nextId = 0;
  let closed = false;

  function startChild(): ChildProcess {
    // Built (dist/…/solve-process.js): its sibling .js. From the sources (tests, tsx): the .ts,
    // with tsx's loader, which the child does not inherit from a test runner.
    const fromSources = import.meta.url.endsWith('.ts');
    const entry = fileURLToPath(new URL(`./solve-process-main.${fromSources ? 'ts' : 'js'}`, import.meta.url));
    const execArgv = fromSources ? ['--import', pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href] : [];
    const started = fork(entry, [], { execArgv, serialization: 'advanced', stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    try {
      if (started.pid !== undefined && nice !== 0) setPriority(started.pid, nice);
    } catch {
      // Not allowed here (a platform without niceness): the solve runs at the server's priority.
    }
    // Where to read the rounds from: a message, not the environment (the password stays out of /proc).
    started.send({ database });
    started.on('message', (message: ChildMessage) => {
      if ('loadError' in message) return fail(started, new Error(`HiGHS did not load: ${message.loadError}`));
      if (!('id' in message) || running?.id !== message.id) return;
      const job = running;
      finish(job);
      if ('error' in message) job.reject(new Error(`solver process: ${message.error}`));
      else job.resolve(message.solved);
      pump();
    });
    started.on('error', (error) => fail(started, error));
    started.on('exit', (code, signal) =>
      fail(started, new Error(`the solver process stopped (${signal ?? `exit code ${code}`})`)),
    );
    return started;
  }

  /** The child died: the running solve fails, the next one gets a new child. */
  function fail(dead: ChildProcess, error: Error) {
    if (child !== dead) return;
    child = null;
    dead.kill('SIGKILL');
    const job = running;
    if (job) {
      finish(job);
      job.reject(error);
    }
    pump();
  }

  /** Idle: the child keeps neither this process nor its event loop alive. */
  function setRef(ref: boolean) {
    if (!child) return;
    if (ref) {
      child.ref();
      child.channel?.ref();
    } else {
      child.unref();
      child.channel?.unref();
    }
  }

  function finish(job: Job) {
    running = null;
    if (job.onAbort) job.signal?.removeEventListener('abort', job.onAbort);
    setRef(false);
  }

  function pump() {
    if (running || closed) return;
    const job = queue.shift();
    if (!job) return;
    running = job;
    if (!child) child = startChild();
    setRef(true);
    child.send({ id: job.id, job: job.job });
  }

  function cancel(job: Job) {
    if (running === job) {
      const stopped = child;
      child = null;
      finish(job);
      stopped?.kill('SIGKILL');
    } else {
      const at = queue.indexOf(job);
      if (at < 0) return;
      queue.splice(at, 1);
      if (job.onAbort) job.signal?.removeEventListener('abort', job.onAbort);
    }
    job.reject(new SolveCancelledError());
    pump();
  }

  return {
    solve(roundJob, { signal }) {
      if (closed) return Promise.reject(new Error('the solver process is closed'));
      if (signal?.aborted) return Promise.reject(new SolveCancelledError());
      return new Promise<SolvedRound>((resolve, reject) => {
        const job: Job = { id: nextId++, job: roundJob, signal, resolve, reject };
        if (signal) {
          job.onAbort = () => cancel(job);
          signal.addEventListener('abort', job.onAbort, { once: true });
        }
        queue.push(job);
        pump();
      });
    },
    get queued() {
      return queue.length;
    },
    get pid() {
      return child?.pid ?? null;
    },
    async close() {
      closed = true;
      for (const job of queue.splice(0)) job.reject(new SolveCancelledError());
      if (running) {
        const job = running;
        finish(job);
        job.reject(new SolveCancelledError());
      }
      const stopped = child;
      child = null;
      if (stopped && stopped.exitCode === null && stopped.signalCode === null) {
        const exited = new Promise((resolve) => stopped.once('exit', resolve));
        // An idle child is unreferenced: without this, nothing would keep the event loop alive until it exits.
        stopped.ref();
        stopped.kill('SIGKILL');
        await exited;
      }
    },
  };
}
