import { randomUUID } from 'node:crypto';
import type { ObstacleRouting } from '../src/core/routing/ports.js';

/**
 * A routing row as the repository stores it, for tests that set up routed obstacles without the
 * routing use case: the current round, by the system, accepted unless `acknowledgement` says
 * otherwise, with no due dates and no answer.
 */
export function routingRow(
  obstacleId: string,
  organisation: string,
  options: {
    id?: string;
    role?: ObstacleRouting['role'];
    routedAt?: Date;
    acknowledgement?: ObstacleRouting['acknowledgement'];
  } = {},
): ObstacleRouting {
  return {
    id: options.id ?? randomUUID(),
    obstacleId,
    organisation,
    role: options.role ?? 'lead',
    routedAt: options.routedAt ?? new Date(),
    routedBy: 'system',
    endedAt: null,
    round: 1,
    acknowledgement: options.acknowledgement ?? 'accepted',
    due: null,
    respondedAt: null,
    respondedBy: null,
    respondedAs: null,
    declineReason: null,
    responseDue: null,
  };
}
