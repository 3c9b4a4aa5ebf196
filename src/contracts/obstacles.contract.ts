import { z } from 'zod';
import { ProgressSchema } from './actions.contract.js';
import { LanguageSchema, localizedText, ResolvedTextSchema } from './common.contract.js';

// The keys below mirror the closed unions of core/obstacles/obstacle.ts; a test keeps them equal.
export const STATUS_KEYS = [
  'reported',
  'intake',
  'analysis',
  'proposed',
  'selected',
  'not_selected',
  'monitoring_list',
  'routed',
  'decided',
  'in_progress',
  'solved',
  'partially_solved',
  'unsolvable',
  'closed_not_an_obstacle',
  'referred',
  'merged',
  'withdrawn',
] as const;
export const TYPE_KEYS = ['legal', 'administrative', 'information', 'infrastructure', 'other'] as const;
export const VISIBILITY_KEYS = ['public', 'partners', 'internal'] as const;
export const REPORTER_TYPE_KEYS = [
  'citizen',
  'company',
  'municipality',
  'province',
  'euregio',
  'information_point',
  'department',
  'other',
] as const;
export const CHANNEL_KEYS = ['web', 'email', 'phone', 'letter', 'meeting', 'information_point', 'api', 'import'] as const;
export const PROVISION_LEVEL_KEYS = ['eu', 'international', 'national', 'federal', 'regional', 'local'] as const;
export const SORT_KEYS = [
  '-updatedAt',
  'updatedAt',
  '-createdAt',
  'createdAt',
  'reference',
  '-reference',
  'relevance',
  'clarificationDue',
  '-clarificationDue',
] as const;

export const TEXT_LIMITS = { title: 200, summary: 2_000, description: 50_000, short: 500 } as const;

const Key = z.string().min(1).max(64);
const IsoDate = z.iso.date().meta({ description: 'A calendar date, YYYY-MM-DD.' });
const Url = z.url({ protocol: /^https?$/ }).max(2_000);

const ReporterInput = z.strictObject({
  type: z.enum(REPORTER_TYPE_KEYS),
  name: z.string().min(1).max(200).optional(),
  email: z.email().max(320).optional(),
  phone: z.string().min(3).max(40).optional(),
  organisation: Key.optional().meta({ description: 'Key of the reporting organisation, if any.' }),
});

const ProvisionSchema = z.strictObject({
  side: z.string().min(1).max(10).meta({ description: 'The side of the border, as the segment names it (NL, BE, DE…).' }),
  citation: z.string().min(1).max(TEXT_LIMITS.short),
  level: z.enum(PROVISION_LEVEL_KEYS),
  link: Url.optional().meta({ description: 'An ELI, BWB or other address of the provision.' }),
});

const EvidenceSchema = z.strictObject({ title: z.string().min(1).max(TEXT_LIMITS.short), url: Url });

const obstacleFields = {
  title: localizedText(TEXT_LIMITS.title, { required: true }),
  summary: localizedText(TEXT_LIMITS.summary, { required: true }),
  description: localizedText(TEXT_LIMITS.description, { required: false }).optional(),
  sourceLanguage: LanguageSchema.meta({ description: 'The language the reporter wrote in.' }),
  visibility: z.enum(VISIBILITY_KEYS),
  reporter: ReporterInput,
  channel: z.enum(CHANNEL_KEYS).optional(),
  reportedOn: IsoDate.optional(),
  segment: Key.meta({ description: 'Key of the border segment, for example nl-vl.' }),
  governments: z.array(Key).max(20).optional().meta({
    description: 'Keys of the governments concerned; defaults to those of the segment.',
  }),
  regions: z.array(z.string().min(2).max(16)).max(50).optional().meta({ description: 'NUTS or ISO 3166-2 codes.' }),
  municipalities: z.array(z.string().min(1).max(100)).max(100).optional(),
  affectedGroups: localizedText(TEXT_LIMITS.short, { required: false }).optional(),
  estimatedAffected: z.number().int().min(0).max(100_000_000).nullable().optional(),
  evidence: z.array(EvidenceSchema).max(50).optional(),
  themes: z.array(Key).min(1).max(13),
  type: z.enum(TYPE_KEYS),
  provisions: z.array(ProvisionSchema).max(50).optional(),
  related: z.array(z.string().min(1).max(64)).max(50).optional().meta({ description: 'Ids or references of related obstacles.' }),
};

export const CreateObstacleRequest = z.strictObject(obstacleFields).meta({ id: 'CreateObstacleRequest' });
export type CreateObstacleRequest = z.infer<typeof CreateObstacleRequest>;

const AnalysisReferenceSchema = z.strictObject({ title: z.string().min(1).max(TEXT_LIMITS.short), url: Url.optional() });

/** The six parts of a b-solutions expert report; part 2 (the provisions per side) is the obstacle's `provisions`. */
const AnalysisInput = z
  .strictObject({
    description: localizedText(TEXT_LIMITS.description, { required: false }).optional(),
    solutions: localizedText(TEXT_LIMITS.description, { required: false }).optional(),
    derogation: z
      .strictObject({
        possible: z.boolean().nullable().optional(),
        explanation: localizedText(TEXT_LIMITS.description, { required: false }).optional(),
      })
      .optional(),
    otherAspects: localizedText(TEXT_LIMITS.description, { required: false }).optional(),
    references: z.array(AnalysisReferenceSchema).max(100).optional(),
  })
  .meta({
    id: 'AnalysisInput',
    description:
      'The analysis, part by part: each present part replaces the stored one (in `derogation`, `possible` and `explanation` each). Part 2, the causing provisions per side, is `provisions`.',
  });

export const UpdateObstacleRequest = z
  .strictObject({ ...obstacleFields, analysis: AnalysisInput })
  .partial()
  .meta({ id: 'UpdateObstacleRequest', description: 'The fields to change; each present field replaces the stored one.' });
export type UpdateObstacleRequest = z.infer<typeof UpdateObstacleRequest>;

const StoredText = z.object({
  nl: z.string().optional(),
  fr: z.string().optional(),
  de: z.string().optional(),
  en: z.string().optional(),
});

/** What a caller may do with one obstacle (core/access OBSTACLE_ABILITIES): edit it, move it to a status. */
export const OBSTACLE_ABILITY_KEYS = ['edit', ...STATUS_KEYS.map((status) => `transition:${status}` as const)] as const;

export const ObstacleSchema = z
  .object({
    id: z.string(),
    reference: z.string().meta({ description: 'GB-<year>-<number>, for example GB-2026-0042.' }),
    status: z.enum(STATUS_KEYS),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
    title: StoredText,
    summary: StoredText,
    description: StoredText,
    sourceLanguage: LanguageSchema,
    text: z
      .object({
        language: LanguageSchema.meta({ description: 'The language asked for (Accept-Language).' }),
        title: ResolvedTextSchema,
        summary: ResolvedTextSchema,
        description: ResolvedTextSchema,
        affectedGroups: ResolvedTextSchema,
      })
      .meta({ description: 'The texts in the requested language, or in another with fallback=true.' }),
    visibility: z.enum(VISIBILITY_KEYS),
    reporter: z
      .object({
        type: z.enum(REPORTER_TYPE_KEYS),
        organisation: z.string().nullable(),
        name: z.string().optional(),
        email: z.string().optional(),
        phone: z.string().optional(),
      })
      .meta({
        description:
          "Who reported it. The reporter's personal data (name, e-mail, phone) is only given to the secretariat and to partners of the reporting organisation, on a single obstacle; never to the public, never in lists.",
      }),
    channel: z.enum(CHANNEL_KEYS),
    reportedOn: z.string(),
    segment: z.string(),
    governments: z.array(z.string()),
    regions: z.array(z.string()),
    municipalities: z.array(z.string()),
    affectedGroups: StoredText,
    estimatedAffected: z.number().int().nullable(),
    evidence: z.array(z.object({ title: z.string(), url: z.string() })),
    themes: z.array(z.string()),
    type: z.enum(TYPE_KEYS),
    provisions: z.array(
      z.object({ side: z.string(), citation: z.string(), level: z.enum(PROVISION_LEVEL_KEYS), link: z.string().optional() }),
    ),
    links: z
      .array(z.object({ id: z.string(), reference: z.string(), kind: z.enum(['related', 'duplicate']) }))
      .optional()
      .meta({ description: 'Related and duplicate obstacles (on a single obstacle, not in lists).' }),
    abilities: z.array(z.enum(OBSTACLE_ABILITY_KEYS)).optional().meta({
      description:
        'What the caller may do with this obstacle (on a single obstacle, not in lists): `edit`, and `transition:<status>` for each status it may move it to now, e.g. ["edit", "transition:analysis"].',
    }),
    clarificationDue: z.string().meta({
      description: 'The intake clock: YYYY-MM-DD by which clarification must be asked, two months after `reportedOn`.',
    }),
    coReporters: z
      .array(
        z.object({
          type: z.enum(REPORTER_TYPE_KEYS),
          organisation: z.string().nullable(),
          name: z.string().optional(),
          email: z.string().optional(),
          phone: z.string().optional(),
        }),
      )
      .optional()
      .meta({
        description: 'Reporters of duplicates merged into this obstacle, who follow it now (personal data as for `reporter`).',
      }),
    analysis: z
      .object({
        description: StoredText,
        solutions: StoredText,
        derogation: z.object({ possible: z.boolean().nullable(), explanation: StoredText }),
        otherAspects: StoredText,
        references: z.array(z.object({ title: z.string(), url: z.string().optional() })),
        missing: z.array(z.string()).meta({ description: 'The parts still to fill in before the obstacle can be proposed.' }),
      })
      .optional()
      .meta({ description: 'The six parts of an expert report (part 2 is `provisions`); on a single obstacle.' }),
    statusReason: z.string().nullable().optional().meta({ description: 'The reason given with the last move.' }),
    referredTo: z.string().nullable().optional().meta({ description: '`referred`: the information point (organisation key).' }),
    mergedInto: z
      .object({ id: z.string(), reference: z.string() })
      .nullable()
      .optional()
      .meta({ description: '`merged`: the obstacle this duplicate was merged into.' }),
    progress: ProgressSchema.optional().meta({
      description: 'The roll-up of its actions and milestones (on GET of a single obstacle).',
    }),
  })
  .meta({ id: 'Obstacle' });
export type ObstacleResponse = z.infer<typeof ObstacleSchema>;

function splitList(raw: unknown): string[] | undefined {
  const list = Array.isArray(raw) ? raw : raw === undefined ? undefined : [raw];
  return list
    ?.flatMap((v) => String(v).split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

/** A comma-separated list of keys in a query parameter, also accepted as a repeated parameter. */
export function keyList() {
  return z.preprocess(splitList, z.array(Key).max(20)).optional();
}

function enumList<T extends readonly [string, ...string[]]>(values: T) {
  return z.preprocess(splitList, z.array(z.enum(values)).max(20)).optional();
}

export const ListObstaclesQuery = z.strictObject({
  status: enumList(STATUS_KEYS),
  clarificationDueBefore: IsoDate.optional().meta({
    description:
      'The intake clock: only obstacles still in `reported` or `intake` whose clarification date is before this date (today: past due; in two weeks: nearly due).',
  }),
  theme: keyList(),
  segment: keyList(),
  government: keyList(),
  type: enumList(TYPE_KEYS),
  visibility: enumList(VISIBILITY_KEYS),
  q: z.string().max(200).optional().meta({ description: 'Free text in any language; stemmed, accents ignored.' }),
  sort: z.enum(SORT_KEYS).optional().meta({ description: 'Default: relevance with q, else -updatedAt.' }),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(500).optional().meta({ description: 'nextCursor of the previous page.' }),
  facets: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true')
    .meta({ description: 'Count the filtered set per facet (default true).' }),
});

const FacetCountsSchema = z.record(z.string(), z.number().int());

export const ObstacleListItemSchema = ObstacleSchema.pick({
  id: true,
  reference: true,
  status: true,
  version: true,
  createdAt: true,
  updatedAt: true,
  sourceLanguage: true,
  visibility: true,
  reporter: true,
  segment: true,
  governments: true,
  themes: true,
  type: true,
  clarificationDue: true,
})
  .extend({
    text: z.object({ language: LanguageSchema, title: ResolvedTextSchema, summary: ResolvedTextSchema }),
  })
  .meta({
    id: 'ObstacleListItem',
    description:
      'An obstacle in a list: its title and summary in the language asked for (or another, with fallback=true); GET /obstacles/{id} gives the full record with every language.',
  });
export type ObstacleListItemResponse = z.infer<typeof ObstacleListItemSchema>;

export const ObstacleListSchema = z
  .object({
    items: z.array(ObstacleListItemSchema),
    nextCursor: z.string().nullable(),
    total: z.number().int().nullable().meta({ description: 'Size of the filtered set (when facets are counted).' }),
    facets: z
      .object({ theme: FacetCountsSchema, status: FacetCountsSchema, segment: FacetCountsSchema, type: FacetCountsSchema })
      .nullable(),
  })
  .meta({ id: 'ObstacleList' });
export type ObstacleListResponse = z.infer<typeof ObstacleListSchema>;

export const ObstacleIdParams = z.strictObject({
  id: z.string().min(1).max(64).meta({ description: 'The id or the reference (GB-2026-0042) of the obstacle.' }),
});

export const TransitionRequest = z
  .strictObject({
    to: z.enum(STATUS_KEYS).meta({ description: 'The status to move to (see docs/LIFECYCLE.md).' }),
    reason: z.string().max(TEXT_LIMITS.summary).optional().meta({
      description: 'Why: required for every closing or negative move (docs/LIFECYCLE.md).',
    }),
    referredTo: Key.optional().meta({
      description: '`referred`: the key of the information point (a GrensInfoPunt) it goes to.',
    }),
    mergedInto: z
      .string()
      .min(1)
      .max(64)
      .optional()
      .meta({ description: '`merged`: the id or reference of the obstacle it duplicates.' }),
  })
  .meta({ id: 'TransitionRequest' });
export type TransitionRequest = z.infer<typeof TransitionRequest>;

const FieldChangeSchema = z.object({ field: z.string(), before: z.unknown(), after: z.unknown() });

export const HistoryEventSchema = z
  .object({
    seq: z.number().int().meta({ description: 'The position of the event in the audit trail.' }),
    at: z.string(),
    action: z.string().meta({ description: '`obstacle.create`, `obstacle.update`, `obstacle.transition`, `obstacle.merge_in`.' }),
    actor: z
      .object({
        kind: z.enum(['user', 'public', 'system']),
        name: z.string().optional().meta({ description: 'Shown to signed-in callers only.' }),
        organisation: z.string().nullable().optional(),
      })
      .meta({ description: 'Who made the change.' }),
    transition: z.string().nullable(),
    from: z.enum(STATUS_KEYS).nullable(),
    to: z.enum(STATUS_KEYS).nullable(),
    reason: z.string().nullable(),
    decision: z
      .string()
      .nullable()
      .meta({ description: 'The decision of a governing body that made this change (`GET /api/v1/decisions/{id}`).' }),
    changes: z.array(FieldChangeSchema).meta({
      description:
        "The changed fields with their values before and after. A reporter's personal data only for callers who may read it.",
    }),
  })
  .meta({ id: 'HistoryEvent' });
export type HistoryEventResponse = z.infer<typeof HistoryEventSchema>;

export const HistorySchema = z
  .object({
    items: z.array(HistoryEventSchema),
    nextCursor: z
      .string()
      .nullable()
      .meta({ description: 'The cursor of the next page (later events), or null on the last page.' }),
  })
  .meta({ id: 'History' });

export const HistoryQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(100).meta({ description: 'Events per page, 1–500 (default 100).' }),
  cursor: z.string().max(100).optional().meta({ description: 'nextCursor of the previous page.' }),
});
export type HistoryResponse = z.infer<typeof HistorySchema>;
