import type { AggregatedScore } from '../selection/aggregate.js';
import type { Rules, SelectionModel } from '../selection/model.js';
import { aggregateRound } from './aggregate-round-scores.js';
import type { ScoreValue } from './ports.js';
import type { BalanceRules, RoundCandidate, RoundCriterion, SelectionRound, SolveParams } from './round.js';

/** What a solve may change for itself: the weights, the aggregation and the balance rules. */
export type ModelOverrides = { criteria?: RoundCriterion[]; rules?: BalanceRules; aggregation?: SelectionRound['aggregation'] };

export interface BuiltSelectionModel {
  model: SelectionModel;
  scores: SolveParams['scores'];
  unscored: RoundCandidate[];
  criteria: RoundCriterion[];
  aggregation: SelectionRound['aggregation'];
}

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
  scores: readonly ScoreValue[],
  overrides: ModelOverrides = {},
): BuiltSelectionModel {
  const aggregated = aggregateRound(aggregationOf(round, overrides), candidates, scores);
  return buildSelectionModelFrom(round, candidates, aggregated, overrides);
}

/** The criteria, aggregation and partners a solve aggregates with (the round's, or the what-if's). */
export function aggregationOf(round: SelectionRound, overrides: ModelOverrides) {
  return {
    criteria: overrides.criteria ?? round.criteria,
    aggregation: overrides.aggregation ?? round.aggregation,
    partners: round.partners,
  };
}

/** As buildSelectionModel, from scores aggregated already (`aggregated`: any order, one per candidate). */
export function buildSelectionModelFrom(
  round: SelectionRound,
  candidates: readonly RoundCandidate[],
  aggregated: readonly AggregatedScore[],
  overrides: ModelOverrides = {},
): BuiltSelectionModel {
  const { criteria, aggregation } = aggregationOf(round, overrides);
  const balance = overrides.rules ?? round.rules;
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
  const rules = modelRules(
    round,
    balance,
    candidates.filter((c) => c.must === 'keep').map((c) => c.obstacleId),
    candidates.filter((c) => c.must === 'exclude').map((c) => c.obstacleId),
  );
  return { model: { candidates: modelCandidates, rules }, scores: perCandidate, unscored, criteria, aggregation };
}

/** The model's rules: the round's capacity (at most, or exactly) and budget, the balance rules, keep and exclude. */
export function modelRules(round: SelectionRound, balance: BalanceRules, keep: string[], exclude: string[]): Rules {
  const { exactCapacity, ...rest } = balance;
  return {
    ...rest,
    ...(round.capacity !== null ? { capacity: exactCapacity ? { exact: round.capacity } : { max: round.capacity } } : {}),
    ...(round.effortBudget !== null ? { effortBudget: round.effortBudget } : {}),
    keep,
    exclude,
  };
}
