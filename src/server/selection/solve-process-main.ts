/**
 * The entry of the solver process (solve-process.ts forks it): HiGHS loads once, the database
 * named by the first message is opened at the first solve (read-only on SQLite, one connection on
 * PostgreSQL), then each message is one whole solve — the round's candidates and scores read and
 * aggregated, the formulation, HiGHS, the explanations' re-solves and swap bounds, the plain
 * ranking (solveRound) — answered with its result, the explanations and scores as JSON text.
 * One solve at a time, on this process's only thread: nothing else waits on it, so the
 * explanations never yield.
 *
 * In:  { database } first; then { id, job } per solve.
 * Out: { ready: true } once HiGHS has loaded; { id, solved } or { id, error } per solve.
 */
import { type RoundSolveJob, solveRound } from '../../core/selection-rounds/solve-round.js';
import { createDatabase, type Database, type DatabaseLocation } from '../../db/create-database.js';
import { KyselySelectionRoundRepository } from '../../db/repositories/selection-round-repository.js';
import { loadHighsSolver } from './highs-in-thread.js';

type ParentMessage = { database: DatabaseLocation } | { id: number; job: RoundSolveJob };

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

let location: DatabaseLocation | undefined;
let database: Database | undefined;

function rounds(): KyselySelectionRoundRepository {
  if (!location) throw new Error('no database was named to the solver process');
  database ??= createDatabase(location, { readonly: true, poolSize: 1 });
  return new KyselySelectionRoundRepository(database.db);
}

let queue: Promise<void> = Promise.resolve();
process.on('message', (message: ParentMessage) => {
  if ('database' in message) {
    location = message.database;
    return;
  }
  queue = queue.then(async () => {
    try {
      const solver = await loading;
      const solved = await solveRound(message.job, { rounds: rounds(), solver, sliceMs: Number.POSITIVE_INFINITY });
      await send({ id: message.id, solved });
    } catch (error) {
      await send({ id: message.id, error: String((error as Error)?.message ?? error) });
    }
  });
});
