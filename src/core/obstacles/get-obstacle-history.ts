import { type Actor, can, type ObstacleResource, obstacleAccess } from '../access/access.js';
import type { AuditLog, HistoryPage, HistoryPageRequest } from '../audit/ports.js';
import { AppError } from '../shared/errors.js';
import type { ObstacleRepository } from './ports.js';

/** Events per page of a history when the caller asks for no other number, and the most it may ask. */
export const HISTORY_PAGE = { default: 100, max: 500 } as const;

/**
 * A page of the history of one obstacle, oldest first, read from the audit trail: every create,
 * change and move, with who, when and what changed. Readable by whoever reads the obstacle (404
 * otherwise, as for the obstacle itself); the presenter hides reporters' personal data from those
 * who may not see it, by the access facts returned with the page. Only those facts are read of
 * the obstacle, not its record: a history is read often and shows none of it.
 */
export async function getObstacleHistory(options: {
  actor: Actor;
  idOrReference: string;
  page: HistoryPageRequest;
  obstacles: ObstacleRepository;
  audit: AuditLog;
}): Promise<HistoryPage & { access: ObstacleResource }> {
  const facts = await options.obstacles.findAccess(options.idOrReference);
  const access = facts ? obstacleAccess(facts) : undefined;
  if (!facts || !access || !can(options.actor, 'read_obstacle', access)) {
    throw new AppError('obstacle_not_found', { params: { id: options.idOrReference } });
  }
  return { access, ...(await options.audit.history('obstacle', facts.id, options.page)) };
}
