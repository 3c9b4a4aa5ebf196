import { z } from 'zod';
import { LanguageSchema, localizedText, ResolvedTextSchema } from './common.contract.js';
import { ActionEscalationSchema } from './escalations.contract.js';

// The keys below mirror core/actions and core/monitoring; src/contracts/contracts.test.ts keeps them equal.
export const ACTION_KIND_KEYS = ['action', 'milestone'] as const;
export const ACTION_STATUS_KEYS = ['planned', 'in_progress', 'done', 'cancelled'] as const;
export const RAG_KEYS = ['green', 'amber', 'red', 'none'] as const;
/** What a caller may do with an action: `edit` (the whole plan) or `report` (status, progress, evidence, notes). */
export const ACTION_ABILITY_KEYS = ['edit', 'report'] as const;

export const ACTION_LIMITS = { title: 200, notes: 5_000, evidence: 20, label: 200, url: 2_000 } as const;

const IsoDate = z.iso.date().meta({ description: 'A calendar date, YYYY-MM-DD.' });
const Url = z.url({ protocol: /^https?$/ }).max(ACTION_LIMITS.url);
const Key = z.string().min(1).max(64);

const EvidenceSchema = z.strictObject({
  url: Url.meta({ description: 'An http or https address.' }),
  label: z.string().trim().min(1).max(ACTION_LIMITS.label),
});

const OwnerSchema = z.strictObject({
  organisation: Key.meta({ description: 'Key of the organisation that owns it.' }),
  userId: z
    .string()
    .min(1)
    .max(64)
    .nullable()
    .optional()
    .meta({ description: 'A user of that organisation who owns it (optional).' }),
});

const Progress = z.number().int().min(0).max(100);
const Weight = z.number().int().min(1).max(100);

export const ActionIdParams = z.strictObject({
  id: z.string().min(1).max(64).meta({ description: 'The id of the action.' }),
});

export const CreateActionRequest = z
  .strictObject({
    kind: z.enum(ACTION_KIND_KEYS).optional().meta({ description: 'Default `action`.' }),
    title: localizedText(ACTION_LIMITS.title, { required: true }),
    sourceLanguage: LanguageSchema,
    decisionId: z
      .string()
      .min(1)
      .max(64)
      .nullable()
      .optional()
      .meta({ description: 'The decision (on the same obstacle) it follows from.' }),
    owner: OwnerSchema,
    dueOn: IsoDate,
    status: z.enum(ACTION_STATUS_KEYS).optional().meta({ description: 'Default `planned`; `done` sets progress to 100.' }),
    progress: Progress.optional().meta({ description: '0–100, default 0.' }),
    weight: Weight.optional().meta({ description: 'Its share in the obstacle’s progress, 1–100, default 1.' }),
    evidence: z.array(EvidenceSchema).max(ACTION_LIMITS.evidence).optional(),
    notes: z.string().max(ACTION_LIMITS.notes).nullable().optional(),
  })
  .meta({ id: 'CreateActionRequest' });
export type CreateActionRequest = z.infer<typeof CreateActionRequest>;

export const UpdateActionRequest = z
  .strictObject({
    kind: z.enum(ACTION_KIND_KEYS).optional(),
    title: localizedText(ACTION_LIMITS.title, { required: true }).optional(),
    sourceLanguage: LanguageSchema.optional(),
    decisionId: z.string().min(1).max(64).nullable().optional(),
    owner: OwnerSchema.optional(),
    dueOn: IsoDate.optional(),
    status: z.enum(ACTION_STATUS_KEYS).optional().meta({ description: '`cancelled` instead of a delete.' }),
    progress: Progress.optional(),
    weight: Weight.optional(),
    evidence: z.array(EvidenceSchema).max(ACTION_LIMITS.evidence).optional(),
    notes: z.string().max(ACTION_LIMITS.notes).nullable().optional(),
  })
  .meta({
    id: 'UpdateActionRequest',
    description:
      'Each present field replaces the stored one. The owner organisation’s department users send only status, progress, evidence and notes; the other fields are the secretariat’s.',
  });
export type UpdateActionRequest = z.infer<typeof UpdateActionRequest>;

export const ProgressSchema = z
  .object({
    percent: z
      .number()
      .int()
      .nullable()
      .meta({ description: 'Σ(weight × progress) / Σ weight over the actions not cancelled; null without any.' }),
    rag: z.enum(RAG_KEYS).meta({ description: 'The worst of its actions: red (late), amber (at risk), green (on track), none.' }),
    actions: z.object({
      total: z.number().int(),
      planned: z.number().int(),
      inProgress: z.number().int(),
      done: z.number().int(),
      cancelled: z.number().int(),
      overdue: z.number().int(),
      stale: z.number().int(),
    }),
  })
  .meta({ id: 'ObstacleProgress', description: 'The roll-up of the obstacle’s actions (docs/MONITORING.md).' });
export type ProgressResponse = z.infer<typeof ProgressSchema>;

export const ActionSchema = z
  .object({
    id: z.string(),
    obstacle: z.object({ id: z.string(), reference: z.string() }),
    kind: z.enum(ACTION_KIND_KEYS),
    title: z.object({
      nl: z.string().optional(),
      fr: z.string().optional(),
      de: z.string().optional(),
      en: z.string().optional(),
    }),
    text: z.object({ language: LanguageSchema, title: ResolvedTextSchema }),
    sourceLanguage: LanguageSchema,
    decisionId: z.string().nullable(),
    owner: z.object({
      organisation: z.string(),
      userId: z.string().nullable().meta({ description: 'Shown to signed-in callers only.' }),
    }),
    dueOn: z.string(),
    status: z.enum(ACTION_STATUS_KEYS),
    progress: z.number().int(),
    weight: z.number().int(),
    evidence: z.array(z.object({ url: z.string(), label: z.string() })),
    notes: z.string().nullable(),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
    completedOn: z.string().nullable(),
    rag: z.enum(RAG_KEYS),
    overdue: z.boolean(),
    stale: z.boolean(),
    computedAt: z.string().nullable().meta({ description: 'When rag, overdue and stale were computed.' }),
    escalation: ActionEscalationSchema,
    abilities: z.array(z.enum(ACTION_ABILITY_KEYS)),
  })
  .meta({ id: 'Action' });
export type ActionResponse = z.infer<typeof ActionSchema>;

export const ActionListSchema = z
  .object({
    obstacle: z.object({ id: z.string(), reference: z.string(), version: z.number().int() }),
    progress: ProgressSchema,
    items: z.array(ActionSchema).meta({ description: 'By due date.' }),
    canAdd: z.boolean().meta({ description: 'Whether the caller may add actions.' }),
  })
  .meta({ id: 'ActionList' });
export type ActionListResponse = z.infer<typeof ActionListSchema>;

export const MonitoringQuery = z.strictObject({
  organisation: Key.optional().meta({ description: 'The owner organisation.' }),
  government: Key.optional().meta({ description: 'A government of the obstacle.' }),
  theme: Key.optional().meta({ description: 'A theme of the obstacle.' }),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(200).optional().meta({ description: 'nextCursor of the previous page.' }),
});
export type MonitoringQuery = z.infer<typeof MonitoringQuery>;

export const MonitoringListSchema = z
  .object({
    items: z.array(
      ActionSchema.omit({ abilities: true, obstacle: true }).extend({
        obstacle: z.object({ id: z.string(), reference: z.string(), title: ResolvedTextSchema }),
      }),
    ),
    nextCursor: z.string().nullable(),
  })
  .meta({ id: 'MonitoringList' });
export type MonitoringListResponse = z.infer<typeof MonitoringListSchema>;
