import type { Actor } from '../access/access.js';
import { type AggregatedScore, aggregateScores } from '../selection/aggregate.js';
import { AppError } from '../shared/errors.js';
import type { ScoreValue, SelectionRoundRepository } from './ports.js';
import type { RoundCandidate, SelectionRound } from './round.js';
import { roundFor, seesAllScores } from './round-access.js';

/**
 * The aggregated score of every candidate (core/selection/aggregate.ts) under the round's criteria,
 * weights and method, from the scores of its participating partners; the spread says how far they
 * agree. The secretariat at any time; the others who read the round once it is solved.
 */
export async function aggregateRoundScores(options: {
  actor: Actor;
  id: string;
  rounds: SelectionRoundRepository;
}): Promise<{ round: SelectionRound; candidates: RoundCandidate[]; aggregated: AggregatedScore[] }> {
  const { actor, id, rounds } = options;
  const round = await roundFor(actor, 'read_selection', rounds, id);
  if (!seesAllScores(actor, round)) {
    throw new AppError('selection_round_status', { params: { status: round.status, allowed: 'solved, approved' } });
  }
  const candidates = await rounds.candidates(round.id);
  const aggregated = aggregateRound(round, candidates, await rounds.scores(round.id));
  return { round, candidates, aggregated };
}

/** The round's aggregation over the scores of its partners, for these candidates and criteria. */
export function aggregateRound(
  round: Pick<SelectionRound, 'criteria' | 'aggregation' | 'partners'>,
  candidates: readonly Pick<RoundCandidate, 'obstacleId'>[],
  scores: readonly ScoreValue[],
): AggregatedScore[] {
  const partners = new Set(round.partners);
  return aggregateScores({
    candidateIds: candidates.map((c) => c.obstacleId),
    criteria: round.criteria.map((c) => ({ id: c.key, weight: c.weight })),
    scores: scores
      .filter((s) => partners.has(s.organisation))
      .map((s) => ({ candidateId: s.obstacleId, partnerId: s.organisation, criterionId: s.criterion, score: s.score })),
    method: round.aggregation,
  });
}
