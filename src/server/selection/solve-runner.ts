import type { SolveRunner } from '../../core/selection-rounds/ports.js';

/** The SolveRunner of one process: solves run as promises here, each with its AbortController. */
export interface InProcessSolveRunner extends SolveRunner {
  /** Solves running now. */
  readonly running: number;
  /** Resolves when every solve started so far has finished (tests, shutdown). */
  idle(): Promise<void>;
  /** Cancels every running solve and waits for them. */
  close(): Promise<void>;
}

/**
 * Runs solves in the background of this process (the solver itself runs in its worker thread), so
 * the request that starts one returns at once. A cancel reaches only solves of this process; the
 * solution row is marked `cancelled` by the use case whichever process runs it.
 */
export function createSolveRunner(onError: (solutionId: string, error: unknown) => void): InProcessSolveRunner {
  const running = new Map<string, { controller: AbortController; done: Promise<void> }>();
  return {
    get running() {
      return running.size;
    },
    start(solutionId, work) {
      const controller = new AbortController();
      const done = Promise.resolve()
        .then(() => work(controller.signal))
        .catch((error: unknown) => onError(solutionId, error))
        .finally(() => running.delete(solutionId));
      running.set(solutionId, { controller, done });
    },
    cancel(solutionId) {
      const entry = running.get(solutionId);
      if (!entry) return false;
      entry.controller.abort();
      return true;
    },
    async idle() {
      while (running.size > 0) await Promise.all([...running.values()].map((r) => r.done));
    },
    async close() {
      for (const entry of running.values()) entry.controller.abort();
      await this.idle();
    },
  };
}
