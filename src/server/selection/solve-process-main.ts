/**
 * The entry of the solver process (solve-process.ts forks it): HiGHS loads once, then each
 * message is one whole solve — formulation, HiGHS, the explanations' re-solves and swap bounds,
 * the plain ranking (solvePortfolio) — answered with its result. One solve at a time, on this
 * process's only thread: nothing else waits on it, so the explanations never yield.
 *
 * In:  { id, model, timeLimitMs, relativeGap }
 * Out: { ready: true } once HiGHS has loaded; { id, solved } or { id, error } per solve.
 */
import type { SelectionModel } from '../../core/selection/model.js';
import { solvePortfolio } from '../../core/selection/solve-portfolio.js';
import { loadHighsSolver } from './highs-in-thread.js';

interface SolveMessage {
  id: number;
  model: SelectionModel;
  timeLimitMs: number;
  relativeGap: number;
}

const send = (message: unknown) =>
  new Promise<void>((resolve) => {
    if (!process.send) resolve();
    else process.send(message, undefined, {}, () => resolve());
  });

if (!process.send) {
  process.stderr.write('solve-process-main runs only as the child of the server (solve-process.ts)\n');
  process.exit(2);
}

// The parent going away (a crash, a kill) ends this process too: nobody would read its answers.
process.on('disconnect', () => process.exit(0));

const loading = loadHighsSolver();
loading.then(
  () => send({ ready: true }),
  (error: unknown) => send({ loadError: String((error as Error)?.message ?? error) }),
);

let queue: Promise<void> = Promise.resolve();
process.on('message', (message: SolveMessage) => {
  queue = queue.then(async () => {
    try {
      const solver = await loading;
      const solved = await solvePortfolio(message.model, solver, {
        timeLimitMs: message.timeLimitMs,
        relativeGap: message.relativeGap,
        sliceMs: Number.POSITIVE_INFINITY,
      });
      await send({ id: message.id, solved });
    } catch (error) {
      await send({ id: message.id, error: String((error as Error)?.message ?? error) });
    }
  });
});
