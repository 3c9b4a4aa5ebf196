import type { Actor } from '../access/access.js';
import { AppError } from '../shared/errors.js';
import type { SelectionRoundRepository } from './ports.js';
import type { SelectionAmendment, SelectionRound, SelectionSolution } from './round.js';
import { roundFor, seesAllScores } from './round-access.js';

/**
 * One solution of a round (poll it while it is `running`) with its amendments. Its per-candidate
 * scores are everyone's scores combined: a caller who may not see every partner's scores yet (a
 * partner before the round is solved) gets it without them.
 */
export async function getSelectionSolution(options: {
  actor: Actor;
  id: string;
  solutionId: string;
  rounds: SelectionRoundRepository;
}): Promise<{ round: SelectionRound; solution: SelectionSolution; amendments: SelectionAmendment[] }> {
  const { actor, id, solutionId, rounds } = options;
  const round = await roundFor(actor, 'read_selection', rounds, id);
  const solution = await rounds.findSolution(round.id, solutionId);
  if (!solution) throw new AppError('selection_solution_not_found', { params: { id: solutionId } });
  const shown = seesAllScores(actor, round) ? solution : { ...solution, params: { ...solution.params, scores: {} } };
  return { round, solution: shown, amendments: await rounds.amendments(round.id, solution.id) };
}
