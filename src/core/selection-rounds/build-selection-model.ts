import type { Rules, SelectionModel } from '../selection/model.js';
import { aggregateRound } from './aggregate-round-scores.js';
import type { BalanceRules, RoundCandidate, RoundCriterion, RoundScore, SelectionRound, SolveParams } from './round.js';

/**
 * The optimiser's model of a round (core/selection/model.ts): one candidate per obstacle with its
 * aggregated score, side, themes, lead department, sub-region and effort; the round's capacity (at
 * most, or exactly with `exactCapacity`) and effort budget, its balance rules, and the candidates
 * to keep or leave out. Candidates without any score are listed in `unscored` (an excluded one
 * counts 0: it never enters).
 */
export function buildSelectionModel(
  round: SelectionRound,
  candidates: readonly RoundCandidate[],
  scores: readonly RoundScore[],
  overrides: { criteria?: RoundCriterion[]; rules?: BalanceRules; aggregation?: SelectionRound['aggregation'] } = {},
): {
  model: SelectionModel;
  scores: SolveParams['scores'];
  unscored: RoundCandidate[];
  criteria: RoundCriterion[];
  aggregation: SelectionRound['aggregation'];
} {
  const criteria = overrides.criteria ?? round.criteria;
  const aggregation = overrides.aggregation ?? round.aggregation;
  const balance = overrides.rules ?? round.rules;
  const aggregated = aggregateRound({ criteria, aggregation, partners: round.partners }, candidates, scores);
  const byId = new Map(aggregated.map((a) => [a.candidateId, a]));
  const unscored: RoundCandidate[] = [];
  const perCandidate: SolveParams['scores'] = {};
  const modelCandidates = candidates.map((candidate) => {
    const score = byId.get(candidate.obstacleId);
    if ((score?.score ?? null) === null && candidate.must !== 'exclude') unscored.push(candidate);
    perCandidate[candidate.obstacleId] = {
      score: score?.score ?? 0,
      perCriterion: score?.perCriterion ?? {},
      partial: score?.partial ?? false,
      spread: score?.spread ?? null,
    };
    return {
      id: candidate.obstacleId,
      score: score?.score ?? 0,
      side: candidate.side,
      themes: candidate.themes,
      leadDepartment: candidate.leadDepartment,
      subRegion: candidate.subRegion,
      effort: candidate.effort,
    };
  });
  const { exactCapacity, ...rest } = balance;
  const rules: Rules = {
    ...rest,
    ...(round.capacity !== null ? { capacity: exactCapacity ? { exact: round.capacity } : { max: round.capacity } } : {}),
    ...(round.effortBudget !== null ? { effortBudget: round.effortBudget } : {}),
    keep: candidates.filter((c) => c.must === 'keep').map((c) => c.obstacleId),
    exclude: candidates.filter((c) => c.must === 'exclude').map((c) => c.obstacleId),
  };
  return { model: { candidates: modelCandidates, rules }, scores: perCandidate, unscored, criteria, aggregation };
}
