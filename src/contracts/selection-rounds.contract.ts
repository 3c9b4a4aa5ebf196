import { z } from 'zod';

// The keys below mirror core/selection-rounds; src/contracts/contracts.test.ts keeps them equal.
export const CRITERION_KEYS = ['impact', 'people_affected', 'urgency', 'solvability', 'priority_theme_fit'] as const;
export const ROUND_STATUS_KEYS = ['draft', 'scoring', 'solved', 'approved'] as const;
export const SOLUTION_STATUS_KEYS = [
  'running',
  'optimal',
  'feasible',
  'time_limit',
  'infeasible',
  'cancelled',
  'failed',
] as const;
export const AGGREGATION_KEYS = ['mean', 'median'] as const;
export const MUST_KEYS = ['keep', 'exclude'] as const;
export const AMENDMENT_CHANGE_KEYS = ['include', 'exclude'] as const;
export const ROUND_ABILITY_KEYS = ['manage', 'score', 'approve'] as const;

const IsoDate = z.iso.date().meta({ description: 'A calendar date, YYYY-MM-DD.' });
const Key = z.string().min(1).max(64);
const Id = z.string().min(1).max(64);

export const RoundIdParams = z.strictObject({ id: Id.meta({ description: 'The id of the round.' }) });
export const CandidateParams = z.strictObject({
  id: Id,
  obstacle: z.string().min(1).max(64).meta({ description: 'The id or reference of the candidate obstacle.' }),
});
export const SolutionParams = z.strictObject({ id: Id, sid: Id.meta({ description: 'The id of the solution.' }) });
export const CompareParams = z.strictObject({ id: Id, a: Id, b: Id });

const CriterionSchema = z.strictObject({
  key: z.enum(CRITERION_KEYS),
  weight: z.number().min(0).max(1_000).meta({ description: 'A weight ≥ 0; weights are normalised.' }),
});

const RoundFields = {
  name: z.string().trim().min(1).max(200),
  segment: Key.meta({ description: 'The border segment (reference data).' }),
  periodStart: IsoDate,
  periodEnd: IsoDate,
  capacity: z
    .number()
    .int()
    .min(0)
    .max(100_000)
    .nullable()
    .meta({ description: 'How many obstacles at most (or exactly, rule `exactCapacity`).' }),
  effortBudget: z.number().min(0).max(1e9).nullable().meta({ description: 'The total effort of the portfolio at most.' }),
  criteria: z.array(CriterionSchema).min(1).max(5),
  aggregation: z.enum(AGGREGATION_KEYS),
  partners: z.array(Key).min(1).max(50).meta({ description: 'The participating partner organisations (keys).' }),
  scoringDeadline: IsoDate,
};

export const CreateRoundRequest = z
  .strictObject({
    name: RoundFields.name,
    segment: RoundFields.segment,
    periodStart: RoundFields.periodStart,
    periodEnd: RoundFields.periodEnd,
    capacity: RoundFields.capacity.optional(),
    effortBudget: RoundFields.effortBudget.optional(),
    criteria: RoundFields.criteria.optional().meta({ description: 'Default: the five seeded criteria, weights 30/20/20/15/15.' }),
    aggregation: RoundFields.aggregation.optional().meta({ description: 'Default `mean`; `median` dampens outliers.' }),
    partners: RoundFields.partners,
    scoringDeadline: RoundFields.scoringDeadline,
  })
  .meta({ id: 'CreateSelectionRoundRequest' });

export const UpdateRoundRequest = z
  .strictObject({
    name: RoundFields.name.optional(),
    segment: RoundFields.segment.optional(),
    periodStart: RoundFields.periodStart.optional(),
    periodEnd: RoundFields.periodEnd.optional(),
    capacity: RoundFields.capacity.optional(),
    effortBudget: RoundFields.effortBudget.optional(),
    criteria: RoundFields.criteria.optional(),
    aggregation: RoundFields.aggregation.optional(),
    partners: RoundFields.partners.optional(),
    scoringDeadline: RoundFields.scoringDeadline.optional(),
    status: z
      .enum(['draft', 'scoring'])
      .optional()
      .meta({ description: '`scoring` opens the round to the partners; `draft` takes it back.' }),
  })
  .meta({ id: 'UpdateSelectionRoundRequest' });

const Percent = z.number().min(0).max(100);
const Limit = z.number().int().min(0).max(100_000);
const PerKeyLimit = z.union([Limit, z.record(z.string().min(1).max(64), Limit)]).meta({
  description: 'A limit for every key (a number), or per key named (an object key → limit).',
});

export const BalanceRulesSchema = z
  .strictObject({
    sideShare: z
      .array(z.strictObject({ side: Key, minPercent: Percent.optional(), maxPercent: Percent.optional() }))
      .max(10)
      .optional()
      .meta({ description: 'Bounds on the share of the portfolio whose burden lies mainly on a side.' }),
    maxPerTheme: PerKeyLimit.optional(),
    maxPerDepartment: PerKeyLimit.optional(),
    minPerSubRegion: PerKeyLimit.optional(),
    exactCapacity: z.boolean().optional().meta({ description: 'Fill the capacity exactly instead of at most.' }),
  })
  .meta({ id: 'SelectionBalanceRules' });

export const SetRulesRequest = BalanceRulesSchema.extend({
  keep: z
    .array(z.string().min(1).max(64))
    .max(10_000)
    .optional()
    .meta({ description: 'Candidates (ids or references) that must be kept; with `exclude`, sets every candidate’s `must`.' }),
  exclude: z
    .array(z.string().min(1).max(64))
    .max(10_000)
    .optional()
    .meta({ description: 'Candidates (ids or references) that must be left out.' }),
  effortBudget: RoundFields.effortBudget.optional().meta({ description: 'The round’s total effort budget (null: none).' }),
}).meta({ id: 'SetSelectionRulesRequest' });

const CandidateInput = z.strictObject({
  obstacle: z
    .string()
    .min(1)
    .max(64)
    .meta({ description: 'Id or reference of an obstacle in `proposed` of the round’s segment.' }),
  effort: z.number().min(0).max(1e6).optional().meta({ description: 'Default 1.' }),
  side: Key.optional(),
  subRegion: Key.optional(),
  leadDepartment: Key.optional(),
  must: z.enum(MUST_KEYS).nullable().optional(),
});
export const AddCandidatesRequest = z
  .strictObject({ candidates: z.array(CandidateInput).min(1).max(500) })
  .meta({ id: 'AddSelectionCandidatesRequest' });

export const ScoresRequest = z
  .strictObject({
    organisation: Key.optional().meta({ description: 'The partner scored for; default the caller’s own organisation.' }),
    scores: z
      .array(
        z.strictObject({
          obstacleId: Id,
          criterion: z.string().min(1).max(64),
          score: z.number().int().min(1).max(5),
          comment: z.string().max(1_000).nullable().optional(),
        }),
      )
      .min(1)
      .max(10_000),
  })
  .meta({ id: 'SelectionScoresRequest' });

export const ScoresQuery = z.strictObject({ organisation: Key.optional() });

export const SolveRequest = z
  .strictObject({
    criteria: RoundFields.criteria.optional().meta({ description: 'Weights for this solve only (what-if).' }),
    aggregation: RoundFields.aggregation.optional(),
    rules: BalanceRulesSchema.optional().meta({ description: 'Rules for this solve only (what-if).' }),
    timeLimitMs: z.number().int().min(100).max(120_000).optional().meta({ description: 'Default 10,000.' }),
    relativeGap: z.number().min(0).max(0.5).optional().meta({ description: 'Optimality tolerance; default 0 (proven optimal).' }),
  })
  .meta({ id: 'SolveSelectionRoundRequest' });

export const AmendRequest = z
  .strictObject({
    solutionId: Id,
    obstacleId: Id,
    change: z.enum(AMENDMENT_CHANGE_KEYS),
    reason: z.string().max(2_000),
  })
  .meta({ id: 'AmendSelectionRequest' });

export const ApproveRequest = z
  .strictObject({
    solutionId: Id,
    reason: z.string().max(2_000),
    monitoringList: z.array(Id).max(10_000).optional(),
  })
  .meta({ id: 'ApproveSelectionRequest' });

export const ReportQuery = z.strictObject({ lang: z.enum(['nl', 'fr', 'de', 'en']).optional() });

// Responses.

export const RoundSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    segment: z.string(),
    periodStart: z.string(),
    periodEnd: z.string(),
    capacity: z.number().nullable(),
    effortBudget: z.number().nullable(),
    criteria: z.array(z.object({ key: z.enum(CRITERION_KEYS), weight: z.number() })),
    aggregation: z.enum(AGGREGATION_KEYS),
    partners: z.array(z.string()),
    scoringDeadline: z.string(),
    status: z.enum(ROUND_STATUS_KEYS),
    rules: BalanceRulesSchema,
    approvedSolutionId: z.string().nullable(),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
    abilities: z.array(z.enum(ROUND_ABILITY_KEYS)),
  })
  .meta({ id: 'SelectionRound' });
export type RoundResponse = z.infer<typeof RoundSchema>;

export const CandidateSchema = z
  .object({
    obstacleId: z.string(),
    reference: z.string(),
    title: z.string().nullable(),
    status: z.string(),
    themes: z.array(z.string()),
    effort: z.number(),
    side: z.string(),
    subRegion: z.string(),
    leadDepartment: z.string(),
    must: z.enum(MUST_KEYS).nullable(),
  })
  .meta({ id: 'SelectionCandidate' });

const SolutionSummary = z.object({
  id: z.string(),
  status: z.enum(SOLUTION_STATUS_KEYS),
  failure: z
    .enum(['error', 'interrupted'])
    .nullable()
    .meta({ description: 'Why it `failed`: by itself (`error`), or its server process stopped while it ran (`interrupted`).' }),
  objective: z.number().nullable(),
  gap: z.number().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});

export const AmendmentSchema = z
  .object({
    id: z.string(),
    solutionId: z.string(),
    obstacleId: z.string(),
    change: z.enum(AMENDMENT_CHANGE_KEYS),
    reason: z.string(),
    createdAt: z.string(),
    createdBy: z.string().meta({ description: 'The id of the user who made it.' }),
    createdByName: z
      .object({ name: z.string(), organisation: z.string() })
      .nullable()
      .meta({ description: 'Who made it: name and organisation (null when the user is gone).' }),
  })
  .meta({ id: 'SelectionAmendment' });

export const RoundDetailSchema = RoundSchema.extend({
  candidates: z.array(CandidateSchema),
  solutions: z.array(SolutionSummary),
  amendments: z.array(AmendmentSchema),
}).meta({ id: 'SelectionRoundDetail' });

export const RoundListSchema = z.object({ items: z.array(RoundSchema) }).meta({ id: 'SelectionRoundList' });

export const CandidatesResponseSchema = z
  .object({ version: z.number().int(), items: z.array(CandidateSchema) })
  .meta({ id: 'SelectionCandidateList' });

export const ScoreSchema = z.object({
  organisation: z.string(),
  obstacleId: z.string(),
  criterion: z.string(),
  score: z.number().int(),
  comment: z.string().nullable(),
  scoredAt: z.string(),
});
export const ScoreListSchema = z.object({ items: z.array(ScoreSchema) }).meta({ id: 'SelectionScoreList' });
export const ScoresResultSchema = z
  .object({ organisation: z.string(), count: z.number().int() })
  .meta({ id: 'SelectionScoresResult' });

export const ProgressSchema = z
  .object({
    candidates: z.number().int(),
    partners: z.array(
      z.object({
        organisation: z.string(),
        scored: z.number().int(),
        expected: z.number().int(),
        completeCandidates: z.number().int(),
        lastScoredAt: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'SelectionScoringProgress' });

const Spread = z.object({ partners: z.number(), min: z.number(), max: z.number(), stddev: z.number() }).nullable();

export const AggregateSchema = z
  .object({
    aggregation: z.enum(AGGREGATION_KEYS),
    items: z.array(
      z.object({
        obstacleId: z.string(),
        reference: z.string(),
        score: z.number().nullable(),
        unscored: z.boolean(),
        partial: z.boolean(),
        perCriterion: z.record(z.string(), z.number()),
        spread: Spread,
      }),
    ),
  })
  .meta({ id: 'SelectionAggregate' });

const RuleRef = z.object({ rule: z.string(), key: z.string().optional() });

export const ExplanationSchema = z
  .object({
    id: z.string(),
    selected: z.boolean(),
    kept: z.boolean().optional(),
    excluded: z.boolean().optional(),
    blockedBy: z.array(RuleRef).optional(),
    neededScore: z.number().nullable().optional(),
    method: z.enum(['resolve', 'swap', 'none']).optional(),
    swapWith: z.string().nullable().optional(),
    canEnter: z.boolean().optional(),
  })
  .meta({ id: 'SelectionExplanation' });

export const SolutionSchema = SolutionSummary.extend({
  bound: z.number().nullable(),
  ms: z.number().nullable(),
  selected: z.array(z.string()),
  explanations: z.array(ExplanationSchema),
  conflicts: z
    .object({ conflicts: z.array(z.array(z.string())), undetermined: z.array(z.array(z.string())), checks: z.number().int() })
    .nullable(),
  comparison: z
    .object({
      optimisedTotal: z.number(),
      greedyTotal: z.number(),
      greedyGap: z.number().nullable(),
      greedyValid: z.boolean(),
      greedyViolations: z.array(RuleRef),
      onlyOptimised: z.array(z.string()),
      onlyGreedy: z.array(z.string()),
    })
    .nullable(),
  params: z.object({
    criteria: z.array(z.object({ key: z.enum(CRITERION_KEYS), weight: z.number() })),
    aggregation: z.enum(AGGREGATION_KEYS),
    rules: z.record(z.string(), z.unknown()),
    timeLimitMs: z.number(),
    relativeGap: z.number(),
    scores: z.record(
      z.string(),
      z.object({ score: z.number(), perCriterion: z.record(z.string(), z.number()), partial: z.boolean(), spread: Spread }),
    ),
  }),
  amendments: z.array(AmendmentSchema),
}).meta({ id: 'SelectionSolution' });

export const SolveAcceptedSchema = z
  .object({ id: z.string(), status: z.enum(SOLUTION_STATUS_KEYS), location: z.string() })
  .meta({ id: 'SelectionSolveAccepted' });

export const CompareSchema = z
  .object({
    a: SolutionSummary,
    b: SolutionSummary,
    entered: z.array(z.string()),
    left: z.array(z.string()),
    stayed: z.array(z.string()),
    totals: z.object({ a: z.number(), b: z.number(), bUnderScoresOfA: z.number() }),
    weights: z.array(z.object({ criterion: z.enum(CRITERION_KEYS), a: z.number(), b: z.number() })),
    rules: z.array(z.string()),
  })
  .meta({ id: 'SelectionSolutionComparison' });

export const ApproveResultSchema = RoundSchema.extend({
  moves: z.array(z.object({ obstacleId: z.string(), reference: z.string(), to: z.string() })),
}).meta({ id: 'SelectionApproval' });
