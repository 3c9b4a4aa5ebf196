import type { Obstacle } from './obstacle.js';
import type { ObstacleRepository } from './ports.js';
import { findObstacle } from './update-obstacle.js';

/** Finds one obstacle by its id or its reference (GB-2026-0042); 404 when there is none. */
export async function getObstacle(options: { idOrReference: string; obstacles: ObstacleRepository }): Promise<Obstacle> {
  return findObstacle(options.obstacles, options.idOrReference);
}
