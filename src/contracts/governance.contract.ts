import { z } from 'zod';
import { CreateActionRequest } from './actions.contract.js';
import { LanguageSchema, localizedText, ResolvedTextSchema } from './common.contract.js';
import { STATUS_KEYS, VISIBILITY_KEYS } from './obstacles.contract.js';

// The keys below mirror core/governance/governance.ts; src/contracts/contracts.test.ts keeps them equal.
export const DECISION_TYPE_KEYS = [
  'administrative_change',
  'legislative_change',
  'derogation',
  'treaty_or_agreement',
  'information_measure',
  'not_to_be_solved',
  'deferred',
] as const;
export const MEETING_STATUS_KEYS = ['planned', 'held'] as const;
export const PROPOSAL_REASON_KEYS = ['escalated', 'awaiting_decision', 'cold_case'] as const;

/** What a caller may do with a governing body, a meeting, a decision (the web shows only these). */
export const BODY_ABILITY_KEYS = ['edit'] as const;
export const MEETING_ABILITY_KEYS = ['edit', 'set_agenda', 'propose_agenda', 'record_decision'] as const;
export const DECISION_ABILITY_KEYS = ['edit'] as const;

export const GOVERNANCE_LIMITS = { bodyName: 200, place: 200, note: 2_000, decisionText: 10_000, ownerField: 200 } as const;

const Key = z.string().min(1).max(64);
const IsoDate = z.iso.date().meta({ description: 'A calendar date, YYYY-MM-DD.' });

const StoredText = z.object({
  nl: z.string().optional(),
  fr: z.string().optional(),
  de: z.string().optional(),
  en: z.string().optional(),
});

// ---- governing bodies

export const GoverningBodySchema = z
  .object({
    key: z.string(),
    name: StoredText.meta({ description: 'The name per language.' }),
    text: z.object({ language: LanguageSchema, name: ResolvedTextSchema }).meta({
      description: 'The name in the requested language, or in another with fallback=true.',
    }),
    governments: z.array(z.string()).meta({ description: 'Keys of the governments the body represents.' }),
    active: z.boolean(),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
    abilities: z.array(z.enum(BODY_ABILITY_KEYS)),
  })
  .meta({ id: 'GoverningBody' });
export type GoverningBodyResponse = z.infer<typeof GoverningBodySchema>;

export const GoverningBodyListSchema = z.object({ items: z.array(GoverningBodySchema) }).meta({ id: 'GoverningBodyList' });

export const ListGoverningBodiesQuery = z.strictObject({
  active: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === 'true'))
    .meta({ description: 'Only active (true) or inactive (false) bodies; all when absent.' }),
});

export const CreateGoverningBodyRequest = z
  .strictObject({
    key: z.string().min(1).max(50).meta({ description: 'A new key: a-z, 0-9 and -, for example `grensoverleg-vl-nl`.' }),
    name: localizedText(GOVERNANCE_LIMITS.bodyName, { required: true }),
    governments: z.array(Key).min(1).max(20).meta({ description: 'Keys of the governments it represents (reference data).' }),
    active: z.boolean().optional().meta({ description: 'Default true.' }),
  })
  .meta({ id: 'CreateGoverningBodyRequest' });

export const UpdateGoverningBodyRequest = CreateGoverningBodyRequest.omit({ key: true })
  .partial()
  .meta({ id: 'UpdateGoverningBodyRequest', description: 'The fields to change; each present field replaces the stored one.' });

export const GoverningBodyKeyParams = z.strictObject({ key: z.string().min(1).max(50) });

// ---- meetings

const ObstacleRefSchema = z
  .object({
    id: z.string(),
    reference: z.string(),
    status: z.enum(STATUS_KEYS),
    visibility: z.enum(VISIBILITY_KEYS),
    version: z.number().int(),
    title: ResolvedTextSchema.meta({ description: 'The title in the requested language (fallback as for obstacles).' }),
  })
  .meta({ id: 'ObstacleRef', description: 'An obstacle as a meeting or decision names it.' });

const BodyRefSchema = z.object({ key: z.string(), name: ResolvedTextSchema });

export const AgendaItemSchema = z
  .object({
    position: z.number().int().meta({ description: '1, 2, 3… in the order of the agenda.' }),
    obstacle: ObstacleRefSchema,
    note: z.string().nullable(),
  })
  .meta({ id: 'AgendaItem' });

export const MeetingSchema = z
  .object({
    id: z.string(),
    body: BodyRefSchema,
    date: z.string(),
    place: z.string().nullable(),
    language: LanguageSchema.meta({ description: 'The language of the meeting: its .docx documents are written in it.' }),
    status: z.enum(MEETING_STATUS_KEYS),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
    agenda: z.array(AgendaItemSchema).optional().meta({
      description:
        'The ordered agenda (on a single meeting, not in lists); items on obstacles the caller may not read are left out.',
    }),
    abilities: z.array(z.enum(MEETING_ABILITY_KEYS)),
  })
  .meta({ id: 'Meeting' });
export type MeetingResponse = z.infer<typeof MeetingSchema>;

export const MeetingListSchema = z
  .object({ items: z.array(MeetingSchema), nextCursor: z.string().nullable() })
  .meta({ id: 'MeetingList' });

export const ListMeetingsQuery = z.strictObject({
  body: Key.optional().meta({ description: 'The key of a governing body.' }),
  status: z.enum(MEETING_STATUS_KEYS).optional(),
  from: IsoDate.optional().meta({ description: 'Meetings on or after this date.' }),
  to: IsoDate.optional().meta({ description: 'Meetings on or before this date.' }),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(200).optional().meta({ description: 'nextCursor of the previous page.' }),
});

export const CreateMeetingRequest = z
  .strictObject({
    body: Key.meta({ description: 'The key of the governing body.' }),
    date: IsoDate,
    place: z.string().max(GOVERNANCE_LIMITS.place).nullable().optional(),
    language: LanguageSchema.optional().meta({ description: 'The language of the meeting (default nl).' }),
    status: z.enum(MEETING_STATUS_KEYS).optional().meta({ description: 'Default planned.' }),
  })
  .meta({ id: 'CreateMeetingRequest' });

export const UpdateMeetingRequest = CreateMeetingRequest.omit({ body: true })
  .partial()
  .meta({ id: 'UpdateMeetingRequest', description: 'The fields to change; the body of a meeting does not change.' });

export const SetAgendaRequest = z
  .strictObject({
    items: z
      .array(
        z.strictObject({
          obstacle: z.string().min(1).max(64).meta({ description: 'The id or reference of the obstacle.' }),
          note: z.string().max(GOVERNANCE_LIMITS.note).nullable().optional(),
        }),
      )
      .max(100),
  })
  .meta({ id: 'SetAgendaRequest', description: 'The whole agenda, in order: it replaces the stored one.' });

export const MeetingIdParams = z.strictObject({ id: z.string().min(1).max(64) });

export const AgendaProposalSchema = z
  .object({
    meeting: z.string(),
    body: z.string(),
    coldCaseMonths: z.number().int().meta({ description: 'Months without change after which an obstacle is a cold case.' }),
    items: z.array(
      z.object({
        obstacle: ObstacleRefSchema.extend({ updatedAt: z.string(), segment: z.string(), governments: z.array(z.string()) }),
        reason: z.enum(PROPOSAL_REASON_KEYS).meta({
          description:
            '`escalated`: an open action of the obstacle climbed the escalation ladder to the political level and this body decided on it (first); `awaiting_decision`: routed to this body and waiting; `cold_case`: unchanged for more than coldCaseMonths months before the meeting (routed, or on the monitoring list).',
        }),
      }),
    ),
  })
  .meta({ id: 'AgendaProposal' });
export type AgendaProposalResponse = z.infer<typeof AgendaProposalSchema>;

// ---- decisions

const PoliticalOwnerInput = z.strictObject({
  government: Key.meta({ description: 'The government the owner speaks for (reference data key).' }),
  name: z.string().max(GOVERNANCE_LIMITS.ownerField).optional(),
  office: z.string().max(GOVERNANCE_LIMITS.ownerField).optional().meta({ description: 'For example: Minister of Finance.' }),
});

const decisionText = (required: boolean) => localizedText(GOVERNANCE_LIMITS.decisionText, { required });

export const CreateDecisionRequest = z
  .strictObject({
    body: Key.meta({ description: 'The key of the governing body that decided.' }),
    meeting: z.string().min(1).max(64).optional().meta({ description: 'The meeting it was taken in: one of that body.' }),
    decidedOn: IsoDate.optional().meta({ description: 'Default: the meeting’s date, else today.' }),
    obstacle: z
      .string()
      .min(1)
      .max(64)
      .meta({ description: 'The id or reference of the obstacle; send its version as If-Match.' }),
    type: z.enum(DECISION_TYPE_KEYS),
    text: decisionText(true),
    sourceLanguage: LanguageSchema.meta({ description: 'The language the decision was written in.' }),
    reasons: decisionText(false).optional().meta({ description: 'Why; required for `not_to_be_solved` and `deferred`.' }),
    conditions: decisionText(false).optional(),
    politicalOwners: z.array(PoliticalOwnerInput).max(10).optional().meta({
      description: 'The political owner on each side of the border: one per government, with a name or an office.',
    }),
    departments: z.array(Key).max(30).optional().meta({ description: 'Keys of the responsible departments.' }),
    dueOn: IsoDate.nullable().optional(),
    actions: z
      .array(CreateActionRequest.omit({ decisionId: true }))
      .max(20)
      .optional()
      .meta({
        description:
          'Follow-up actions and milestones, added with the decision and following from it (as POST /obstacles/{id}/actions; errors named `actions.<i>.<field>`).',
      }),
  })
  .meta({ id: 'CreateDecisionRequest' });

export const UpdateDecisionRequest = CreateDecisionRequest.pick({
  text: true,
  sourceLanguage: true,
  reasons: true,
  conditions: true,
  politicalOwners: true,
  departments: true,
  dueOn: true,
})
  .partial()
  .meta({
    id: 'UpdateDecisionRequest',
    description: 'The fields to correct; body, meeting, obstacle and type stay (another outcome is another decision).',
  });

export const DecisionSchema = z
  .object({
    id: z.string(),
    version: z.number().int(),
    body: BodyRefSchema,
    meeting: z.string().nullable(),
    decidedOn: z.string(),
    obstacle: ObstacleRefSchema,
    type: z.enum(DECISION_TYPE_KEYS),
    typeLabel: z.string().meta({ description: 'The type in the requested language.' }),
    text: StoredText,
    reasons: StoredText,
    conditions: StoredText,
    sourceLanguage: LanguageSchema,
    resolved: z
      .object({ language: LanguageSchema, text: ResolvedTextSchema, reasons: ResolvedTextSchema, conditions: ResolvedTextSchema })
      .meta({ description: 'The texts in the requested language, or in another with fallback=true.' }),
    politicalOwners: z.array(z.object({ government: z.string(), name: z.string().optional(), office: z.string().optional() })),
    departments: z.array(z.string()),
    dueOn: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    abilities: z.array(z.enum(DECISION_ABILITY_KEYS)),
  })
  .meta({ id: 'Decision' });
export type DecisionResponse = z.infer<typeof DecisionSchema>;

export const DecisionListSchema = z
  .object({ items: z.array(DecisionSchema), nextCursor: z.string().nullable() })
  .meta({ id: 'DecisionList' });

function typeList() {
  return z
    .preprocess(
      (raw) =>
        (Array.isArray(raw) ? raw : raw === undefined ? undefined : [raw])
          ?.flatMap((v) => String(v).split(','))
          .map((v) => v.trim())
          .filter((v) => v !== ''),
      z.array(z.enum(DECISION_TYPE_KEYS)).max(7),
    )
    .optional();
}

export const ListDecisionsQuery = z.strictObject({
  body: Key.optional(),
  obstacle: z.string().min(1).max(64).optional().meta({ description: 'The id or reference of an obstacle.' }),
  meeting: z.string().min(1).max(64).optional(),
  type: typeList().meta({ description: 'Comma-separated decision types.' }),
  from: IsoDate.optional().meta({ description: 'Decisions on or after this date.' }),
  to: IsoDate.optional().meta({ description: 'Decisions on or before this date.' }),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(200).optional().meta({ description: 'nextCursor of the previous page.' }),
});

export const DecisionIdParams = z.strictObject({ id: z.string().min(1).max(64) });
