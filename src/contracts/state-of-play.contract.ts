import { z } from 'zod';
import { ACTION_STATUS_KEYS } from './actions.contract.js';
import { LanguageSchema, ResolvedTextSchema } from './common.contract.js';

// The keys below mirror core/state-of-play; src/contracts/contracts.test.ts keeps them equal.
export const ROUND_STATUS_KEYS = ['open', 'closed'] as const;
/** What a caller may do with a round: `answer` (a department, its own items), `remind` and `close` (the secretariat). */
export const ROUND_ABILITY_KEYS = ['answer', 'remind', 'close'] as const;
export const STATE_OF_PLAY_LIMITS = { title: 200, note: 2_000 } as const;

const IsoDate = z.iso.date().meta({ description: 'A calendar date, YYYY-MM-DD.' });
const Id = z.string().min(1).max(64);

export const RoundIdParams = z.strictObject({ id: Id.meta({ description: 'The id of the round.' }) });
export const ItemIdParams = z.strictObject({
  id: Id.meta({ description: 'The id of the round.' }),
  itemId: Id.meta({ description: 'The id of the item.' }),
});

export const OpenRoundRequest = z
  .strictObject({
    title: z.string().trim().min(1).max(STATE_OF_PLAY_LIMITS.title).meta({ description: 'E.g. “State of play 2026-II”.' }),
    referenceDate: IsoDate.optional().meta({
      description:
        'The day items are selected against (overdue on it, or due within six calendar months of it); not after today, default today.',
    }),
    answerDueOn: IsoDate.optional().meta({
      description: 'By when departments answer; after today. Default: the norm `department_response` from today.',
    }),
  })
  .meta({ id: 'OpenStateOfPlayRoundRequest' });
export type OpenRoundRequest = z.infer<typeof OpenRoundRequest>;

export const AnswerRequest = z
  .strictObject({
    status: z.enum(ACTION_STATUS_KEYS).meta({ description: 'The action’s status now; `done` needs progress 100.' }),
    progress: z.number().int().min(0).max(100),
    forecastOn: IsoDate.nullable()
      .optional()
      .meta({ description: 'When it is expected done; required (today or later) while `planned` or `in_progress`.' }),
    note: z.string().max(STATE_OF_PLAY_LIMITS.note).nullable().optional(),
  })
  .meta({ id: 'StateOfPlayAnswerRequest' });
export type AnswerRequest = z.infer<typeof AnswerRequest>;

export const DocumentQuery = z.strictObject({
  lang: LanguageSchema.optional().meta({ description: 'The language of the document; default the request’s (Accept-Language).' }),
});

const DepartmentSchema = z.object({
  organisation: z.string(),
  items: z.number().int(),
  answered: z.number().int(),
  overdue: z.number().int(),
  complete: z.boolean().meta({ description: 'Every item answered.' }),
});

const RoundFields = {
  id: z.string(),
  title: z.string(),
  referenceDate: z.string(),
  horizon: z.string().meta({ description: 'The last due date of a selected item: reference date + six calendar months.' }),
  answerDueOn: z.string(),
  status: z.enum(ROUND_STATUS_KEYS),
  openedAt: z.string(),
  closedAt: z.string().nullable(),
  remindedAt: z.string().nullable(),
  reminders: z.number().int(),
  version: z.number().int(),
};

export const ItemSchema = z
  .object({
    id: z.string(),
    organisation: z.string(),
    actionId: z.string(),
    obstacle: z.object({ id: z.string(), reference: z.string(), title: ResolvedTextSchema }),
    title: ResolvedTextSchema,
    dueOn: z.string(),
    status: z.enum(ACTION_STATUS_KEYS).meta({ description: 'As it was when the round opened.' }),
    progress: z.number().int(),
    overdue: z.boolean().meta({ description: 'Past its due date on the reference date.' }),
    answer: z
      .object({
        status: z.enum(ACTION_STATUS_KEYS),
        progress: z.number().int(),
        forecastOn: z.string().nullable(),
        note: z.string().nullable(),
        answeredAt: z.string(),
      })
      .nullable(),
    version: z.number().int(),
  })
  .meta({ id: 'StateOfPlayItem' });
export type ItemResponse = z.infer<typeof ItemSchema>;

export const RoundSchema = z
  .object({
    ...RoundFields,
    departments: z.array(DepartmentSchema).meta({ description: 'Every department (the secretariat) or the caller’s own.' }),
    missed: z
      .array(z.string())
      .meta({ description: 'Departments that did not answer every item (after closing: those that missed the round).' }),
    items: z.array(ItemSchema).meta({ description: 'By department, due date.' }),
    abilities: z.array(z.enum(ROUND_ABILITY_KEYS)),
  })
  .meta({ id: 'StateOfPlayRound' });
export type RoundResponse = z.infer<typeof RoundSchema>;

export const RoundListSchema = z
  .object({
    items: z.array(z.object({ ...RoundFields, departments: z.array(DepartmentSchema) })).meta({ description: 'Newest first.' }),
    canOpen: z.boolean().meta({ description: 'Whether the caller may open a round.' }),
  })
  .meta({ id: 'StateOfPlayRoundList' });
export type RoundListResponse = z.infer<typeof RoundListSchema>;

export const ReminderSchema = z
  .object({
    departments: z.array(z.string()).meta({ description: 'The departments reminded (those with items not answered).' }),
    notifications: z.number().int(),
  })
  .meta({ id: 'StateOfPlayReminders' });
export type ReminderResponse = z.infer<typeof ReminderSchema>;
