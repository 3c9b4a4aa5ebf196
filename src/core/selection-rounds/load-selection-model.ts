import type { AggregatedScore } from '../selection/aggregate.js';
import { SolveCancelledError } from '../selection/model.js';
import { aggregateRound } from './aggregate-round-scores.js';
import {
  aggregationOf,
  type BuiltSelectionModel,
  buildSelectionModelFrom,
  type ModelOverrides,
} from './build-selection-model.js';
import type { SelectionRoundRepository } from './ports.js';
import type { RoundCandidate, SelectionRound } from './round.js';

/**
 * Candidates read and aggregated per slice (with their scores: 15,000 rows for three partners and
 * five criteria), which bounds what one statement returns. In the server this runs in the solver
 * process (solveRound), where nothing else waits on the thread. When it ran on the server's thread
 * a slice held it for about 80 ms at 20,000 candidates, and slices of 125 (about 10–40 ms each)
 * were measured worse under load (list p99 while solving 32.2 against 8.9 ms, bench/RESULTS.md):
 * more, shorter turns spread the same work over more of the requests.
 */
export const MODEL_SLICE = 1_000;

/** Lets the event loop answer what waits (timers, requests) before the next slice. */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Reads a round's candidates and their partners' scores and builds the optimiser's model
 * (buildSelectionModelFrom), in slices of `slice` candidates by their position: each slice is
 * read with two short statements and aggregated, and the event loop gets a turn between slices,
 * so that a round of 20,000 candidates (300,000 scores) never holds the process for long. The
 * slices are read outside a transaction (writes to the round while it loads are seen by the
 * slices that follow them: the caller checks the model, e.g. for unscored candidates).
 * Cancelled between slices through `signal`.
 */
export async function loadSelectionModel(options: {
  round: SelectionRound;
  overrides: ModelOverrides;
  rounds: SelectionRoundRepository;
  slice?: number;
  signal?: AbortSignal;
}): Promise<BuiltSelectionModel> {
  const { round, overrides, rounds, slice = MODEL_SLICE, signal } = options;
  const aggregation = aggregationOf(round, overrides);
  const candidates: RoundCandidate[] = [];
  const aggregated: AggregatedScore[] = [];
  let after: number | undefined;
  for (;;) {
    if (signal?.aborted) throw new SolveCancelledError();
    const page = await rounds.candidates(round.id, { afterPosition: after, limit: slice });
    if (page.length === 0) break;
    const scores = await rounds.scoreValues(
      round.id,
      round.partners,
      page.map((c) => c.obstacleId),
    );
    candidates.push(...page);
    aggregated.push(...aggregateRound(aggregation, page, scores));
    after = (page[page.length - 1] as RoundCandidate).position;
    if (page.length < slice) break;
    await nextTurn();
  }
  return buildSelectionModelFrom(round, candidates, aggregated, overrides);
}
