import { randomUUID } from 'node:crypto';
import type { SolveRunner } from '../../core/selection-rounds/ports.js';

/** The SolveRunner of one process: solves run as promises here, each with its AbortController. */
export interface InProcessSolveRunner extends SolveRunner {
  /** Solves running now. */
  readonly running: number;
  /** Resolves when every solve started so far has finished (tests, shutdown). */
  idle(): Promise<void>;
  /** Stops the heartbeat, cancels every running solve and waits for them. */
  close(): Promise<void>;
}

/** What keeps the solutions of this process alive and recovers those of dead ones. */
export interface SolveHeartbeat {
  /** Every this many ms (SOLVE_HEARTBEAT_MS in the server). */
  everyMs: number;
  /** Writes the heartbeat of the solutions this runner runs. */
  beat(runnerId: string, solutionIds: string[]): Promise<void>;
  /** Marks the running solutions whose process stopped beating `failed` (interrupted). */
  sweep(): Promise<void>;
}

/**
 * Runs solves in the background of this process (reading, solving and explaining run in the solver process), so
 * the request that starts one returns at once. A cancel reaches only solves of this process; the
 * solution row is marked `cancelled` by the use case whichever process runs it. With `heartbeat`,
 * every `everyMs` the runner writes the heartbeat of the solves it runs and sweeps those of
 * processes that stopped (also once at once, at start-up); errors there go to `onError` with no
 * solution id and the next beat tries again.
 */
export function createSolveRunner(
  onError: (solutionId: string | null, error: unknown) => void,
  heartbeat?: SolveHeartbeat,
): InProcessSolveRunner {
  const id = randomUUID();
  const running = new Map<string, { controller: AbortController; done: Promise<void> }>();
  let beating: Promise<void> = Promise.resolve();
  const beat = () => {
    if (!heartbeat) return;
    const ids = [...running.keys()];
    beating = (async () => {
      try {
        if (ids.length > 0) await heartbeat.beat(id, ids);
        await heartbeat.sweep();
      } catch (error) {
        onError(null, error);
      }
    })();
  };
  const timer = heartbeat ? setInterval(beat, heartbeat.everyMs) : undefined;
  timer?.unref();
  beat();
  return {
    id,
    get running() {
      return running.size;
    },
    start(solutionId, work) {
      const controller = new AbortController();
      // On a later turn of the event loop: the request that started it answers first. (On SQLite
      // every query resolves at once, so a chain of them would otherwise run before the answer.)
      const done = new Promise<void>((resolve) => setImmediate(resolve))
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
      if (timer) clearInterval(timer);
      for (const entry of running.values()) entry.controller.abort();
      await this.idle();
      await beating;
    },
  };
}
