import type { Actor } from '../access/access.js';
import type { SelectionRoundRepository } from './ports.js';
import type { RoundScore, SelectionRound } from './round.js';
import { roundFor, seesAllScores } from './round-access.js';

/**
 * The scores of a round a caller may see: a partner user only its own organisation's until the
 * round is solved, the secretariat (and, once solved, everyone who reads the round) all of them.
 */
export async function listSelectionScores(options: {
  actor: Actor;
  id: string;
  /** Only this organisation's. */
  organisation?: string;
  rounds: SelectionRoundRepository;
}): Promise<{ round: SelectionRound; scores: RoundScore[] }> {
  const { actor, id, rounds } = options;
  const round = await roundFor(actor, 'read_selection', rounds, id);
  // A partner sees its own organisation's scores only, whatever it asks for, until the round is solved.
  const organisation = seesAllScores(actor, round) ? options.organisation : actor.kind === 'user' ? actor.organisation : '';
  return { round, scores: await rounds.scores(round.id, organisation) };
}
