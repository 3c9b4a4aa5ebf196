import { type Actor, can, obstacleAccess } from '../access/access.js';
import type { StoredAuditEvent } from '../audit/audit-chain.js';
import type { AuditLog } from '../audit/ports.js';
import { AppError } from '../shared/errors.js';
import type { Obstacle } from './obstacle.js';
import type { ObstacleRepository } from './ports.js';
import { findObstacle } from './update-obstacle.js';

/**
 * The history of one obstacle, oldest first, read from the audit trail: every create, change and
 * move, with who, when and what changed. Readable by whoever reads the obstacle (404 otherwise, as
 * for the obstacle itself); the presenter hides reporters' personal data from those who may not see it.
 */
export async function getObstacleHistory(options: {
  actor: Actor;
  idOrReference: string;
  obstacles: ObstacleRepository;
  audit: AuditLog;
}): Promise<{ obstacle: Obstacle; events: StoredAuditEvent[] }> {
  const obstacle = await findObstacle(options.obstacles, options.idOrReference);
  if (!can(options.actor, 'read_obstacle', obstacleAccess(obstacle))) {
    throw new AppError('obstacle_not_found', { params: { id: options.idOrReference } });
  }
  return { obstacle, events: await options.audit.history('obstacle', obstacle.id) };
}
