import { z } from 'zod';
import { ResolvedTextSchema } from './common.contract.js';

// The keys below mirror core/monitoring/escalation.ts; src/contracts/contracts.test.ts keeps them equal.
export const ESCALATION_LEVEL_KEYS = ['official', 'administrative', 'political'] as const;

const Key = z.string().min(1).max(64);

export const EscalationLevelSchema = z
  .enum(ESCALATION_LEVEL_KEYS)
  .meta({ description: 'A level of the escalation ladder: official (the start), administrative, political.' });

/** Where an action stands on the ladder (on every action). */
export const ActionEscalationSchema = z
  .object({
    level: EscalationLevelSchema,
    escalatedOn: z.string().nullable().meta({ description: 'The day it last climbed (YYYY-MM-DD); null while it never did.' }),
  })
  .meta({ id: 'ActionEscalation' });

export const EscalationSchema = z
  .object({
    id: z.string(),
    action: z.object({
      id: z.string(),
      title: ResolvedTextSchema,
      level: EscalationLevelSchema.meta({ description: 'The level the action is at now.' }),
      status: z.string(),
    }),
    obstacle: z.object({ id: z.string(), reference: z.string(), title: ResolvedTextSchema }),
    ownerOrganisation: z.string().meta({ description: 'The organisation that owns the action.' }),
    from: EscalationLevelSchema,
    to: EscalationLevelSchema,
    escalatedOn: z.string().meta({ description: 'The day of the run that made the climb (YYYY-MM-DD).' }),
    at: z.string(),
    reason: z.enum(['overdue']).meta({ description: '`overdue`: overdue by more than the norm escalation_after.' }),
    dueOn: z.string().meta({ description: 'The action’s due date then.' }),
    since: z.string().meta({ description: 'The day the norm was counted from: the due date, or the previous climb.' }),
    workingDaysOverdue: z.number().int().meta({ description: 'Working days after the due date up to the climb, in `calendar`.' }),
    calendar: z.string().meta({ description: 'The working-day calendar of the owner organisation’s government.' }),
    norm: z.object({ amount: z.number().int(), unit: z.string() }).meta({ description: 'The norm escalation_after as it was.' }),
    body: z
      .object({ key: z.string(), name: ResolvedTextSchema })
      .nullable()
      .meta({ description: 'At the political level: the governing body that decided, whose agenda proposal gets the obstacle.' }),
    meetingId: z.string().nullable().meta({ description: 'At the political level: that body’s next planned meeting then.' }),
  })
  .meta({ id: 'Escalation' });
export type EscalationResponse = z.infer<typeof EscalationSchema>;

export const ObstacleEscalationsSchema = z
  .object({
    obstacle: z.object({ id: z.string(), reference: z.string() }),
    items: z.array(EscalationSchema).meta({ description: 'Oldest first.' }),
  })
  .meta({ id: 'ObstacleEscalations' });
export type ObstacleEscalationsResponse = z.infer<typeof ObstacleEscalationsSchema>;

export const EscalationQuery = z.strictObject({
  level: z.enum(['administrative', 'political']).optional().meta({ description: 'Only climbs to this level.' }),
  organisation: Key.optional().meta({ description: 'The owner organisation (a department: only its own).' }),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(200).optional().meta({ description: 'nextCursor of the previous page.' }),
});
export type EscalationQuery = z.infer<typeof EscalationQuery>;

export const EscalationListSchema = z
  .object({
    items: z.array(EscalationSchema).meta({ description: 'Newest first.' }),
    nextCursor: z.string().nullable(),
  })
  .meta({ id: 'EscalationList' });
export type EscalationListResponse = z.infer<typeof EscalationListSchema>;
