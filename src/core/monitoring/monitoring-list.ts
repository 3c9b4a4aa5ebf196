import { type Actor, can, denied, readableVisibilities, readsRoutedTo } from '../access/access.js';
import type { ActionRepository, Cursor, FlaggedAction, MonitoringFlag } from '../actions/ports.js';

export type { Cursor } from '../actions/ports.js';

export interface MonitoringQuery {
  flag: MonitoringFlag;
  organisation?: string;
  government?: string;
  theme?: string;
  limit: number;
  cursor?: Cursor;
}

/**
 * The overdue or stale actions (as the last monitoring computed them), by due date, of the
 * obstacles the caller reads (its visibilities, and for a department those routed to it).
 * Signed-in callers only.
 */
export async function listMonitoring(options: {
  actor: Actor;
  query: MonitoringQuery;
  actions: ActionRepository;
}): Promise<{ items: FlaggedAction[]; nextCursor: Cursor | null }> {
  const { actor, query, actions } = options;
  if (!can(actor, 'read_monitoring')) throw denied(actor);
  const routedTo = readsRoutedTo(actor);
  return actions.listFlagged({
    ...query,
    visibilities: readableVisibilities(actor),
    ...(routedTo ? { routedTo } : {}),
  });
}
