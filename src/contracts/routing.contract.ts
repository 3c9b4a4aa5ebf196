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

export const RoutingItemSchema = z
  .object({
    organisation: z.string(),
    role: z.enum(ROUTING_ROLE_KEYS),
    routedAt: z.string(),
    endedAt: z.string().nullable().meta({ description: 'When the routing ended (back to analysis); null while it holds.' }),
  })
  .meta({ id: 'RoutingItem' });

export const RoutingListSchema = z
  .object({
    obstacle: z.object({ id: z.string(), reference: z.string(), status: z.enum(STATUS_KEYS), version: z.number().int() }),
    items: z.array(RoutingItemSchema).meta({ description: 'Every routing, ended ones too, oldest first; leads first.' }),
  })
  .meta({ id: 'RoutingList' });
export type RoutingListResponse = z.infer<typeof RoutingListSchema>;
