import type { AggregationMethod } from '../selection/aggregate.js';
import type { Explanation } from '../selection/explain.js';
import type { ConflictReport } from '../selection/find-conflicts.js';
import type { PortfolioComparison } from '../selection/greedy.js';
import type { PerKeyLimit, Rules, SideShare } from '../selection/model.js';
import { type JsonText, toJsonText } from '../shared/json-text.js';
import type { Language, LocalizedText } from '../shared/language.js';

/**
 * A selection round (issue 7, docs/SELECTION.md "Rounds"): the partners of a border segment score
 * the candidates (obstacles in `proposed`) per criterion; the optimiser picks a balanced portfolio;
 * the regional body approves it, amended where it says why.
 */

/** The criteria a round scores on (seeded with these weights; a round may drop some or reweigh them). */
export const CRITERIA = ['impact', 'people_affected', 'urgency', 'solvability', 'priority_theme_fit'] as const;
export type CriterionKey = (typeof CRITERIA)[number];

export interface RoundCriterion {
  key: CriterionKey;
  /** ≥ 0; weights need not sum to anything (aggregate.ts normalises them). */
  weight: number;
}

export const DEFAULT_CRITERIA: readonly RoundCriterion[] = [
  { key: 'impact', weight: 30 },
  { key: 'people_affected', weight: 20 },
  { key: 'urgency', weight: 20 },
  { key: 'solvability', weight: 15 },
  { key: 'priority_theme_fit', weight: 15 },
];

export const AGGREGATIONS = ['mean', 'median'] as const satisfies readonly AggregationMethod[];

/**
 * draft: the secretariat sets it up; scoring: the partners score (until the deadline); solved: a
 * portfolio was proposed (scores closed, everyone who reads the round sees them); approved: final.
 */
export const ROUND_STATUSES = ['draft', 'scoring', 'solved', 'approved'] as const;
export type RoundStatus = (typeof ROUND_STATUSES)[number];

/** The balance rules a round keeps itself; capacity and budget are the round's, keep/exclude the candidates'. */
export interface BalanceRules {
  sideShare?: SideShare[];
  maxPerTheme?: PerKeyLimit;
  maxPerDepartment?: PerKeyLimit;
  minPerSubRegion?: PerKeyLimit;
  /** Fill the capacity exactly instead of at most. */
  exactCapacity?: boolean;
}

export interface SelectionRound {
  id: string;
  name: string;
  segment: string;
  periodStart: string;
  periodEnd: string;
  /** How many obstacles at most (or exactly, with `rules.exactCapacity`); null: no count. */
  capacity: number | null;
  /** The total effort of the portfolio at most; null: no budget. */
  effortBudget: number | null;
  criteria: RoundCriterion[];
  aggregation: AggregationMethod;
  /** The participating partner organisations (keys). */
  partners: string[];
  scoringDeadline: string;
  status: RoundStatus;
  rules: BalanceRules;
  approvedSolutionId: string | null;
  version: number;
  createdAt: Date;
  createdBy: string;
  updatedAt: Date;
  updatedBy: string;
}

export const MUST = ['keep', 'exclude'] as const;
export type Must = (typeof MUST)[number];

/** An obstacle in the round, with what the balance rules need to know of it. */
export interface RoundCandidate {
  obstacleId: string;
  reference: string;
  title: LocalizedText;
  sourceLanguage: Language;
  /** The obstacle's status now (`proposed` while the round runs). */
  status: string;
  themes: string[];
  effort: number;
  side: string;
  subRegion: string;
  leadDepartment: string;
  must: Must | null;
  position: number;
  addedAt: Date;
  addedBy: string;
}

export interface RoundScore {
  organisation: string;
  obstacleId: string;
  criterion: CriterionKey;
  score: number;
  comment: string | null;
  scoredBy: string;
  scoredAt: Date;
}

export const SOLUTION_STATUSES = ['running', 'optimal', 'feasible', 'time_limit', 'infeasible', 'cancelled', 'failed'] as const;
export type SolutionStatus = (typeof SOLUTION_STATUSES)[number];

/** What a solve used, kept with its solution so that what-if solutions can be compared later. */
export interface SolveParams {
  criteria: RoundCriterion[];
  aggregation: AggregationMethod;
  /** The model's rules as solved (capacity, budget, balance rules, keep and exclude). */
  rules: Rules;
  timeLimitMs: number;
  relativeGap: number;
  /** Per candidate: the aggregated score and its spread, as solved. */
  scores: Record<
    string,
    {
      score: number;
      perCriterion: Record<string, number>;
      partial: boolean;
      spread: { partners: number; min: number; max: number; stddev: number } | null;
    }
  >;
}

/** Why a solution `failed`: by itself (`error`), or its process stopped while it ran (`interrupted`). */
export const SOLUTION_FAILURES = ['error', 'interrupted'] as const;
export type SolutionFailure = (typeof SOLUTION_FAILURES)[number];

export interface SelectionSolution {
  id: string;
  roundId: string;
  status: SolutionStatus;
  /** Set when `failed`. */
  failure: SolutionFailure | null;
  objective: number | null;
  gap: number | null;
  bound: number | null;
  /** Obstacle ids of the portfolio. */
  selected: string[];
  explanations: Explanation[];
  conflicts: ConflictReport | null;
  comparison: PortfolioComparison | null;
  params: SolveParams;
  ms: number | null;
  createdAt: Date;
  createdBy: string;
  finishedAt: Date | null;
}

/**
 * A solution as its finish writes it: the explanations and the parameters (with the aggregated
 * score of every candidate) as JSON text, made where they were computed — in the server, the
 * solver process (src/core/selection-rounds/solve-round.ts) — so the server's thread only passes
 * them on.
 */
export interface FinishedSolution extends Omit<SelectionSolution, 'explanations' | 'params'> {
  explanations: JsonText<Explanation[]>;
  params: JsonText<SolveParams>;
}

/** A solution as its finish writes it (its explanations and parameters turned into JSON text here). */
export function finishedSolution(solution: SelectionSolution): FinishedSolution {
  return { ...solution, explanations: toJsonText(solution.explanations), params: toJsonText(solution.params) };
}

export const AMENDMENT_CHANGES = ['include', 'exclude'] as const;
export type AmendmentChange = (typeof AMENDMENT_CHANGES)[number];

export interface SelectionAmendment {
  id: string;
  roundId: string;
  solutionId: string;
  obstacleId: string;
  change: AmendmentChange;
  reason: string;
  createdAt: Date;
  createdBy: string;
}

/** The statuses a solution no longer changes from. */
export function isFinished(status: SolutionStatus): boolean {
  return status !== 'running';
}

/** Whether a finished solution has a portfolio one can amend and approve. */
export function hasPortfolio(solution: SelectionSolution): boolean {
  switch (solution.status) {
    case 'optimal':
    case 'feasible':
      return true;
    case 'time_limit':
      return solution.objective !== null && solution.gap !== null;
    case 'running':
    case 'infeasible':
    case 'cancelled':
    case 'failed':
      return false;
  }
}

/** The portfolio after the amendments: the solution's selection, plus the included, minus the excluded. */
export function amendedPortfolio(solution: SelectionSolution, amendments: readonly SelectionAmendment[]): Set<string> {
  const portfolio = new Set(solution.selected);
  for (const amendment of amendments) {
    if (amendment.change === 'include') portfolio.add(amendment.obstacleId);
    else portfolio.delete(amendment.obstacleId);
  }
  return portfolio;
}
