import { z } from 'zod';
import { STATUS_KEYS, TEXT_LIMITS } from './obstacles.contract.js';

/** The part a department plays (core/routing ROUTING_ROLES; contracts.test.ts keeps them equal). */
export const ROUTING_ROLE_KEYS = ['lead', 'involved'] as const;

/** At most this many departments in one routing. */
export const ROUTING_MAX_DEPARTMENTS = 20;

export const RouteRequest = z
  .strictObject({
    departments: z
      .array(
        z.strictObject({
          organisation: z.string().min(1).max(64).meta({ description: 'Key of an organisation of kind `department`.' }),
          role: z.enum(ROUTING_ROLE_KEYS).meta({ description: '`lead` (at least one) or `involved`.' }),
        }),
      )
      .min(1)
      .max(ROUTING_MAX_DEPARTMENTS)
      .meta({ description: 'The departments it goes to: at least one `lead`, each once.' }),
    reason: z.string().max(TEXT_LIMITS.summary).optional().meta({ description: 'Why these departments (optional).' }),
  })
  .meta({ id: 'RouteRequest' });
export type RouteRequest = z.infer<typeof RouteRequest>;

/** A routed department's answer (core/routing ACKNOWLEDGEMENTS; contracts.test.ts keeps them equal). */
export const ACKNOWLEDGEMENT_KEYS = ['pending', 'accepted', 'declined'] as const;

const Day = z.string().meta({ description: 'A calendar day, YYYY-MM-DD.' });

export const RoutingItemSchema = z
  .object({
    organisation: z.string(),
    role: z.enum(ROUTING_ROLE_KEYS),
    routedAt: z.string(),
    endedAt: z
      .string()
      .nullable()
      .meta({ description: 'When the routing ended (declined, or back to analysis); null while it holds.' }),
    round: z.number().int().meta({ description: 'The routing round: a new route after a return to analysis starts the next.' }),
    acknowledgement: z.enum(ACKNOWLEDGEMENT_KEYS),
    dueOn: Day.nullable().meta({
      description: 'Accept or decline by this day: norm `routing_acknowledgement` in the calendar of its government.',
    }),
    dueCalendar: z.string().nullable().meta({ description: 'The calendar dueOn was counted in (GET /api/v1/calendars).' }),
    respondedAt: z.string().nullable(),
    respondedBy: z.string().nullable().meta({ description: 'The id of the user who answered.' }),
    respondedAs: z
      .enum(['department', 'secretariat'])
      .nullable()
      .meta({ description: '`secretariat` when the secretariat answered on the department’s behalf.' }),
    declineReason: z.string().nullable(),
    responseDueOn: Day.nullable().meta({
      description: 'Once accepted: the response on the substance is due by this day (norm `department_response`).',
    }),
    responseDueCalendar: z.string().nullable(),
  })
  .meta({ id: 'RoutingItem' });

export const RoutingListSchema = z
  .object({
    obstacle: z.object({ id: z.string(), reference: z.string(), status: z.enum(STATUS_KEYS), version: z.number().int() }),
    items: z.array(RoutingItemSchema).meta({ description: 'Every routing, ended ones too, oldest first; leads first.' }),
  })
  .meta({ id: 'RoutingList' });
export type RoutingListResponse = z.infer<typeof RoutingListSchema>;

const LocalText = z.object({
  nl: z.string().optional(),
  fr: z.string().optional(),
  de: z.string().optional(),
  en: z.string().optional(),
});
const Key = z.string().min(1).max(64);

export const AcknowledgementRequest = z
  .strictObject({
    decision: z.enum(['accept', 'decline']).meta({ description: '`accept` the part (lead or involved) or `decline` it.' }),
    reason: z
      .string()
      .max(TEXT_LIMITS.summary)
      .optional()
      .meta({ description: 'Why it declines: required when declining (400 naming `reason`).' }),
  })
  .meta({ id: 'AcknowledgementRequest' });
export type AcknowledgementRequest = z.infer<typeof AcknowledgementRequest>;

export const AcknowledgementParams = z.strictObject({
  id: z.string().min(1).max(64).meta({ description: 'The id or the reference (GB-2026-0042) of the obstacle.' }),
  organisation: Key.meta({ description: 'The key of the routed department.' }),
});

export const AcknowledgementResponseSchema = RoutingListSchema.extend({
  returnedToAnalysis: z
    .boolean()
    .meta({ description: 'True when every routed department had declined and the obstacle went back to analysis.' }),
}).meta({ id: 'AcknowledgementResponse' });

const ReasonSchema = z.object({
  theme: z.string(),
  government: z.string(),
  matrixRole: z.enum(ROUTING_ROLE_KEYS).meta({ description: 'What the matrix names it for this theme in this government.' }),
});

const ProposedDepartmentSchema = z.object({
  organisation: z.string(),
  government: z.string(),
  role: z.enum(ROUTING_ROLE_KEYS).meta({ description: '`lead` when the matrix names it lead for any theme (lead wins).' }),
  reasons: z.array(ReasonSchema).meta({ description: 'Why it is proposed: each theme and government that names it.' }),
});

const DeclinedSchema = z.object({ organisation: z.string(), reason: z.string().nullable() });

const NextCandidateSchema = z.object({
  government: z.string(),
  declined: z.array(DeclinedSchema).meta({ description: 'The departments of this government that declined, with why.' }),
  candidate: ProposedDepartmentSchema.nullable().meta({
    description: 'The next department the matrix names for this government; null when it names no other.',
  }),
});

export const RoutingProposalSchema = z
  .object({
    obstacle: z.object({ id: z.string(), reference: z.string(), status: z.enum(STATUS_KEYS), version: z.number().int() }),
    segment: z.string(),
    themes: z.array(z.string()),
    governments: z.array(z.string()).meta({ description: 'The governments on the sides of the segment.' }),
    departments: z.array(ProposedDepartmentSchema),
    uncovered: z
      .array(z.string())
      .meta({ description: 'Governments of the segment the matrix names nobody for, for these themes.' }),
    notNamed: z.array(z.string()).meta({
      description:
        'Governments competent only where the matrix names them (the Belgian federal level) that it does not name here.',
    }),
    current: z.array(RoutingItemSchema).meta({ description: 'The routings of the current round (routed obstacles).' }),
    next: z
      .array(NextCandidateSchema)
      .meta({ description: 'Where all departments of a government declined: the next candidate.' }),
  })
  .meta({ id: 'RoutingProposal' });
export type RoutingProposalResponse = z.infer<typeof RoutingProposalSchema>;

export const RoutingAlertsSchema = z
  .object({
    items: z.array(
      z.object({
        obstacle: z.object({ id: z.string(), reference: z.string(), title: LocalText, version: z.number().int() }),
        government: z.string().meta({ description: 'The government none of whose departments accepted or is pending.' }),
        declined: z.array(DeclinedSchema),
        candidate: ProposedDepartmentSchema.nullable(),
      }),
    ),
  })
  .meta({ id: 'RoutingAlerts' });
export type RoutingAlertsResponse = z.infer<typeof RoutingAlertsSchema>;

export const MyObstaclesSchema = z
  .object({
    items: z.array(
      z.object({
        obstacle: z.object({
          id: z.string(),
          reference: z.string(),
          title: LocalText,
          status: z.enum(STATUS_KEYS),
          version: z.number().int(),
        }),
        role: z.enum(ROUTING_ROLE_KEYS),
        acknowledgement: z.enum(['pending', 'accepted']),
        asked: z
          .enum(['acknowledge', 'respond'])
          .meta({ description: '`acknowledge`: accept or decline by dueOn; `respond`: answer on the substance by dueOn.' }),
        dueOn: Day.nullable(),
        dueCalendar: z.string().nullable(),
        routedAt: z.string(),
      }),
    ),
  })
  .meta({ id: 'MyObstacles' });
export type MyObstaclesResponse = z.infer<typeof MyObstaclesSchema>;

export const CompetenceParams = z.strictObject({
  theme: Key.meta({ description: 'A theme key (GET /api/v1/themes).' }),
  government: Key.meta({ description: 'A government key.' }),
});

export const CompetenceListQuery = z.strictObject({
  theme: Key.optional().meta({ description: 'Only this theme.' }),
  government: Key.optional().meta({ description: 'Only this government.' }),
});

export const CompetenceCellSchema = z
  .object({
    theme: z.string(),
    government: z.string(),
    lead: z.string().nullable().meta({ description: 'The lead department; null when the matrix names nobody here.' }),
    involved: z.array(z.string()),
    version: z.number().int().meta({ description: 'For If-Match on PUT (1: as seeded).' }),
    updatedAt: z.string().nullable(),
    updatedBy: z.string().nullable().meta({ description: 'The id of the user who last changed it; null as seeded.' }),
  })
  .meta({ id: 'CompetenceCell' });
export type CompetenceCellResponse = z.infer<typeof CompetenceCellSchema>;

export const CompetenceListSchema = z.object({ items: z.array(CompetenceCellSchema) }).meta({ id: 'CompetenceList' });

export const CompetenceUpdateRequest = z
  .strictObject({
    lead: Key.meta({ description: 'The lead department: an organisation of kind `department` of this government.' }),
    involved: z
      .array(Key)
      .max(ROUTING_MAX_DEPARTMENTS)
      .meta({ description: 'The involved departments of this government, each once, not the lead.' }),
  })
  .meta({ id: 'CompetenceUpdateRequest' });
export type CompetenceUpdateRequest = z.infer<typeof CompetenceUpdateRequest>;

export const CompetenceHistoryQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(100).meta({ description: 'Events per page, 1–500 (default 100).' }),
  after: z.coerce.number().int().min(0).default(0).meta({ description: 'nextAfter of the previous page (0: from the start).' }),
});

export const CompetenceHistorySchema = z
  .object({
    items: z.array(
      z.object({
        seq: z.number().int(),
        at: z.string(),
        actor: z.string().meta({ description: 'The id of the user who changed it.' }),
        changes: z.array(z.object({ field: z.enum(['lead', 'involved']), before: z.unknown(), after: z.unknown() })),
      }),
    ),
    nextAfter: z.number().int().nullable().meta({ description: 'Give as `after` for the next page; null on the last.' }),
  })
  .meta({ id: 'CompetenceHistory' });
