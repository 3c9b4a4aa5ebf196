import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { formulate } from '../../core/selection/formulate.js';
import {
  type SelectionModel,
  type SelectionSolver,
  SolveCancelledError,
  type SolveOptions,
  type SolveResult,
} from '../../core/selection/model.js';
import { checkSelection, totalScore } from '../../core/selection/rules.js';
import { HIGHS_WORKER_SOURCE } from './highs-worker.js';

/** HiGHS' model status codes (`highs.constants.modelStatus`). */
const MODEL_STATUS = { optimal: 7, infeasible: 8, unboundedOrInfeasible: 9, timeLimit: 13 } as const;

/** A gap at or below this is reported as proven optimal. */
const OPTIMAL_GAP = 1e-9;

interface WorkerAnswer {
  id: number;
  error?: string;
  modelStatus: number;
  hasSolution: boolean;
  selected: Int32Array;
  gap: number | null;
  bound: number | null;
  ms: number;
}

interface Job {
  id: number;
  model: SelectionModel;
  lp: string;
  options: SolveOptions;
  resolve(result: SolveResult): void;
  reject(error: Error): void;
  onAbort?: () => void;
}

/** The SelectionSolver on HiGHS, with `close()` to stop its worker. */
export interface HighsSelectionSolver extends SelectionSolver {
  /** Solves waiting behind the running one. */
  readonly queued: number;
  close(): Promise<void>;
}

/**
 * The SelectionSolver on HiGHS (WASM) in one worker thread: a HiGHS solve is synchronous and
 * would block whichever thread runs it, so it never runs on the main thread. Solves queue in
 * arrival order (a pool of one: the machine has two cores, and the server needs the other one).
 * Cancelling a running solve terminates the worker (HiGHS cannot be interrupted from outside its
 * thread); the next solve starts a fresh worker. The model is formulated on the calling thread
 * (tens of milliseconds at 20,000 candidates).
 */
export function createHighsSolver(): HighsSelectionSolver {
  const highsPath = createRequire(import.meta.url).resolve('highs');
  const queue: Job[] = [];
  let worker: Worker | null = null;
  let running: Job | null = null;
  let nextId = 0;
  let closed = false;

  function startWorker(): Worker {
    const started = new Worker(HIGHS_WORKER_SOURCE, { eval: true, workerData: { highs: highsPath } });
    started.on('message', (message: WorkerAnswer | { ready: true } | { loadError: string }) => {
      if ('loadError' in message) fail(started, new Error(`HiGHS did not load: ${message.loadError}`));
      if (!('id' in message) || running?.id !== message.id) return;
      const job = running;
      finish(job);
      if (message.error) job.reject(new Error(`HiGHS: ${message.error}`));
      else {
        try {
          job.resolve(toResult(job, message));
        } catch (error) {
          job.reject(error as Error);
        }
      }
      pump();
    });
    started.on('error', (error) => fail(started, error));
    started.on('exit', (code) => fail(started, new Error(`the HiGHS worker stopped (exit code ${code})`)));
    return started;
  }

  /** The worker died: the running solve fails, the next one gets a new worker. */
  function fail(dead: Worker, error: Error) {
    if (worker !== dead) return;
    worker = null;
    void dead.terminate();
    const job = running;
    if (job) {
      finish(job);
      job.reject(error);
    }
    pump();
  }

  function finish(job: Job) {
    running = null;
    if (job.onAbort) job.options.signal?.removeEventListener('abort', job.onAbort);
    worker?.unref();
  }

  function pump() {
    if (running || closed) return;
    const job = queue.shift();
    if (!job) return;
    running = job;
    if (!worker) worker = startWorker();
    worker.ref();
    worker.postMessage({
      id: job.id,
      lp: job.lp,
      timeLimitSeconds: Math.max(0.001, job.options.timeLimitMs / 1000),
      relativeGap: job.options.relativeGap,
    });
  }

  function cancel(job: Job) {
    if (running === job) {
      const stopped = worker;
      worker = null;
      finish(job);
      void stopped?.terminate();
    } else {
      const at = queue.indexOf(job);
      if (at < 0) return;
      queue.splice(at, 1);
      if (job.onAbort) job.options.signal?.removeEventListener('abort', job.onAbort);
    }
    job.reject(new SolveCancelledError());
    pump();
  }

  function solve(model: SelectionModel, options: SolveOptions): Promise<SolveResult> {
    if (closed) return Promise.reject(new Error('the HiGHS solver is closed'));
    if (options.signal?.aborted) return Promise.reject(new SolveCancelledError());
    const formulation = formulate(model, { feasibilityOnly: options.feasibilityOnly });
    // No variables, or a rule no selection can meet: nothing for HiGHS to do.
    if (formulation.variables === 0 || formulation.triviallyInfeasible) {
      const feasible = !formulation.triviallyInfeasible && checkSelection(model, []).length === 0;
      return Promise.resolve({
        status: feasible ? 'optimal' : 'infeasible',
        selected: [],
        objective: 0,
        gap: feasible ? 0 : null,
        bound: feasible ? 0 : null,
        ms: 0,
      });
    }
    return new Promise<SolveResult>((resolve, reject) => {
      const job: Job = { id: nextId++, model, lp: formulation.lp, options, resolve, reject };
      if (options.signal) {
        job.onAbort = () => cancel(job);
        options.signal.addEventListener('abort', job.onAbort, { once: true });
      }
      queue.push(job);
      pump();
    });
  }

  return {
    solve,
    get queued() {
      return queue.length;
    },
    async close() {
      closed = true;
      for (const job of queue.splice(0)) job.reject(new SolveCancelledError());
      if (running) {
        const job = running;
        finish(job);
        job.reject(new SolveCancelledError());
      }
      const stopped = worker;
      worker = null;
      await stopped?.terminate();
    },
  };
}

function toResult(job: Job, answer: WorkerAnswer): SolveResult {
  const { model } = job;
  const chosen = new Set(answer.selected);
  const selected = model.candidates.filter((_, i) => chosen.has(i)).map((c) => c.id);
  const objective = totalScore(model, selected);
  const bound = job.options.feasibilityOnly ? null : answer.bound;
  const base = { selected, objective, bound, ms: answer.ms };
  switch (answer.modelStatus) {
    case MODEL_STATUS.optimal: {
      const gap = job.options.feasibilityOnly ? 0 : Math.max(0, answer.gap ?? 0);
      return gap <= OPTIMAL_GAP ? { ...base, status: 'optimal', gap: 0 } : { ...base, status: 'feasible', gap };
    }
    case MODEL_STATUS.infeasible:
    case MODEL_STATUS.unboundedOrInfeasible:
      return { status: 'infeasible', selected: [], objective: 0, gap: null, bound: null, ms: answer.ms };
    case MODEL_STATUS.timeLimit:
      return answer.hasSolution
        ? { ...base, status: 'time_limit', gap: answer.gap }
        : { status: 'time_limit', selected: [], objective: 0, gap: null, bound, ms: answer.ms };
    default:
      throw new Error(`HiGHS ended with model status ${answer.modelStatus}`);
  }
}
