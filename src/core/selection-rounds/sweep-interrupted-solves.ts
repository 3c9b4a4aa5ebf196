import type { Clock, UnitOfWork } from '../obstacles/ports.js';
import type { SelectionRoundRepository } from './ports.js';
import { auditRound } from './round-access.js';

/** How often the process that runs solves writes their heartbeat (and sweeps), in ms. */
export const SOLVE_HEARTBEAT_MS = 10_000;

/**
 * A running solution whose process has written no heartbeat for this long (ms) was interrupted:
 * six missed heartbeats, so that a busy process (a long garbage collection, a slow disk) is not
 * taken for a dead one, and another server process (WORKERS=2) that runs a solve keeps it.
 */
export const SOLVE_STALE_MS = 60_000;

/**
 * Recovers solves whose process died (docs/SELECTION.md, "Solving in the background"): every
 * `running` solution without a heartbeat for `staleMs` — whichever process ran it — becomes
 * `failed` with failure `interrupted`, audited as `selection_round.solve` by the system, in one
 * transaction. Run at start-up and at every heartbeat by every server process; returns how many
 * were swept. With nothing to sweep (the usual case) it only reads, through `rounds`: no
 * transaction, so kept answers stay valid.
 */
export async function sweepInterruptedSolves(options: {
  uow: UnitOfWork;
  rounds: SelectionRoundRepository;
  clock: Clock;
  staleMs?: number;
}): Promise<number> {
  const { uow, rounds, clock, staleMs = SOLVE_STALE_MS } = options;
  const before = () => new Date(clock.now().getTime() - staleMs);
  if (!(await rounds.hasStaleSolutions(before()))) return 0;
  return uow.transaction(async ({ selectionRounds, audit }) => {
    const now = clock.now();
    const interrupted = await selectionRounds.interruptStaleSolutions(new Date(now.getTime() - staleMs), now);
    for (const solution of interrupted) {
      await auditRound(audit, {
        actor: 'system',
        at: now,
        action: 'selection_round.solve',
        roundId: solution.roundId,
        details: { solution: solution.id, status: 'failed', failure: 'interrupted' },
      });
    }
    return interrupted.length;
  });
}
