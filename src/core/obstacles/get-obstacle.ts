import { type Actor, can, obstacleAccess } from '../access/access.js';
import { AppError } from '../shared/errors.js';
import type { Obstacle } from './obstacle.js';
import type { ObstacleRepository } from './ports.js';
import { findObstacle } from './update-obstacle.js';

/**
 * Finds one obstacle by its id or its reference (GB-2026-0042). 404 when there is none, and
 * also when the caller may not read it: whether it exists is not revealed.
 */
export async function getObstacle(options: {
  actor: Actor;
  idOrReference: string;
  obstacles: ObstacleRepository;
}): Promise<Obstacle> {
  const obstacle = await findObstacle(options.obstacles, options.idOrReference);
  if (!can(options.actor, 'read_obstacle', obstacleAccess(obstacle))) {
    throw new AppError('obstacle_not_found', { params: { id: options.idOrReference } });
  }
  return obstacle;
}
