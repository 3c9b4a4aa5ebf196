import { z } from 'zod';
import { ResolvedTextSchema } from './common.contract.js';
import { keyList, STATUS_KEYS } from './obstacles.contract.js';
import { ROUTING_ROLE_KEYS, RoutingAlertsSchema } from './routing.contract.js';

/** How many obstacles each list of the dashboard shows (core/dashboard DASHBOARD_LIST_LIMIT; contracts.test.ts keeps them equal). */
export const DASHBOARD_LIST_SIZE = 10;

export const DashboardQuery = z.strictObject({
  segment: keyList().meta({ description: 'Border segment keys (comma-separated): only obstacles on one of them.' }),
  government: keyList().meta({ description: 'Government keys: only obstacles concerning one of them.' }),
  theme: keyList().meta({ description: 'Theme keys: only obstacles with one of them.' }),
});
export type DashboardQuery = z.infer<typeof DashboardQuery>;

const Counts = z.record(z.string(), z.number().int());

export const DashboardItemSchema = z
  .object({
    id: z.string(),
    reference: z.string(),
    status: z.enum(STATUS_KEYS),
    title: ResolvedTextSchema,
    updatedAt: z.string(),
    due: z.string().nullable().meta({ description: 'The clarification date (YYYY-MM-DD) in the overdue list; else null.' }),
    routing: z
      .object({ role: z.enum(ROUTING_ROLE_KEYS), routedAt: z.string() })
      .nullable()
      .meta({ description: 'The routing to the caller’s department (its work); else null.' }),
  })
  .meta({ id: 'DashboardItem' });
export type DashboardItemResponse = z.infer<typeof DashboardItemSchema>;

function list(description: string) {
  return z
    .object({
      total: z.number().int().meta({ description: 'How many there are; `items` shows the first ten.' }),
      items: z.array(DashboardItemSchema),
    })
    .meta({ description });
}

const Day = z.string().meta({ description: 'A calendar day, YYYY-MM-DD.' });
const ObstacleRef = z.object({ id: z.string(), reference: z.string(), title: ResolvedTextSchema });

export const DashboardAcknowledgementSchema = z
  .object({
    obstacle: ObstacleRef.extend({ status: z.enum(STATUS_KEYS) }),
    role: z.enum(ROUTING_ROLE_KEYS),
    routedAt: z.string(),
    dueOn: Day.nullable().meta({ description: 'Accept or decline by this day (norm `routing_acknowledgement`).' }),
    dueCalendar: z.string().nullable().meta({ description: 'The calendar dueOn was counted in (GET /api/v1/calendars).' }),
  })
  .meta({ id: 'DashboardAcknowledgement' });

export const DashboardActionSchema = z
  .object({
    id: z.string(),
    title: ResolvedTextSchema,
    obstacle: ObstacleRef,
    status: z.enum(['planned', 'in_progress']),
    progress: z.number().int(),
    dueOn: Day,
    rag: z.enum(['green', 'amber', 'red', 'none']).meta({ description: 'As the monitoring last judged it.' }),
    overdue: z.boolean().meta({ description: 'Past its due date, as the monitoring last judged it.' }),
  })
  .meta({ id: 'DashboardAction' });

const RoutingAlertItem = RoutingAlertsSchema.shape.items.element;

function part<T extends z.ZodType>(item: T, description: string) {
  return z
    .object({
      total: z.number().int().meta({ description: 'How many there are; `items` shows the first ten.' }),
      items: z.array(item),
    })
    .nullable()
    .meta({ description });
}

export const DashboardSchema = z
  .object({
    filter: z.object({
      segment: z.array(z.string()).optional(),
      government: z.array(z.string()).optional(),
      theme: z.array(z.string()).optional(),
    }),
    total: z.number().int().meta({ description: 'Obstacles the caller reads within the filter.' }),
    counts: z
      .object({
        status: Counts,
        theme: Counts,
        segment: Counts,
        government: Counts,
        department: Counts.meta({ description: 'Per organisation: obstacles routed to it now (routings that hold).' }),
      })
      .meta({ description: 'Counts per key (labels via the reference endpoints); keys with no obstacle are left out.' }),
    myWork: list(
      '`routed` (departments): open obstacles routed to the caller’s organisation, the longest routed first; `moves` (other roles): obstacles in a status where the caller’s role makes the next move, the longest unchanged first.',
    ).extend({
      kind: z.enum(['routed', 'moves']),
      acknowledgements: part(
        DashboardAcknowledgementSchema,
        'Departments: the routings to the caller’s organisation that wait for its answer (accept or decline), the soonest due first; null for other roles.',
      ),
      actions: part(
        DashboardActionSchema,
        'Departments: the open actions (planned, in progress) its organisation owns, overdue first, then by due date; null for other roles.',
      ),
      alerts: part(
        RoutingAlertItem,
        'Whoever reads the routing alerts (the secretariat): the governments of routed obstacles where no department accepted or is pending (as GET /api/v1/routing/alerts), within the filter; null for other roles.',
      ),
      intake: list(
        'Whoever works the intake (the secretariat): the obstacles still in intake past their clarification date (the same as `overdue`); null for other roles.',
      ).nullable(),
    }),
    overdue: list('Obstacles still in intake past their clarification date, the earliest first.'),
    stale: list('Open obstacles without a change for longer than the `stale_after` norm, the longest unchanged first.').extend({
      before: z.string().meta({ description: 'YYYY-MM-DD: they last changed before this day.' }),
    }),
    rag: Counts.meta({
      description:
        'The open actions (planned, in progress) of these obstacles per RAG (`green`, `amber`, `red`, `none`), as the monitoring last judged them.',
    }),
    generatedAt: z.string().meta({ description: 'When these numbers were computed (they are kept until the next change).' }),
  })
  .meta({ id: 'Dashboard' });
export type DashboardResponse = z.infer<typeof DashboardSchema>;
