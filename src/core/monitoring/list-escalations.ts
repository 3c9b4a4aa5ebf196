import { type Actor, can, denied, readableVisibilities } from '../access/access.js';
import { accessWithLeads } from '../actions/manage-actions.js';
import type { Obstacle, Visibility } from '../obstacles/obstacle.js';
import type { Repositories } from '../obstacles/ports.js';
import { findObstacle } from '../obstacles/update-obstacle.js';
import { AppError } from '../shared/errors.js';
import type { EscalationLevel } from './escalation.js';
import type { EscalationCursor, EscalationRepository, EscalationView } from './ports.js';

const ALL_VISIBILITIES: readonly Visibility[] = ['public', 'partners', 'internal'];

export interface EscalationQuery {
  level?: EscalationLevel;
  organisation?: string;
  limit: number;
  cursor?: EscalationCursor;
}

/**
 * Who reads which escalations: the secretariat all (of the obstacles it reads); a department those
 * of the actions its organisation owns (it was told of each, whatever the obstacle's visibility),
 * and no other organisation's (403 when it asks for one). Others: 403; the public: 401.
 */
function scopeOf(actor: Actor, organisation: string | undefined): { organisation?: string; visibilities: readonly Visibility[] } {
  if (!can(actor, 'read_escalations') || actor.kind !== 'user') throw denied(actor);
  if (actor.role === 'department') {
    if (organisation !== undefined && organisation !== actor.organisation) throw denied(actor);
    return { organisation: actor.organisation, visibilities: ALL_VISIBILITIES };
  }
  return { ...(organisation ? { organisation } : {}), visibilities: readableVisibilities(actor) };
}

/** The climbs of the escalation ladder, newest first, filtered by level and owner organisation. */
export async function listEscalations(options: {
  actor: Actor;
  query: EscalationQuery;
  escalations: EscalationRepository;
}): Promise<{ items: EscalationView[]; nextCursor: EscalationCursor | null }> {
  const { actor, query } = options;
  const scope = scopeOf(actor, query.organisation);
  return options.escalations.list({
    ...(query.level ? { level: query.level } : {}),
    ...scope,
    limit: query.limit,
    ...(query.cursor ? { cursor: query.cursor } : {}),
  });
}

/**
 * The escalation history of an obstacle's actions, oldest first: for whoever may read escalations
 * (401, 403) and reads the obstacle (404 otherwise, as if it did not exist); a department sees those
 * of its own actions.
 */
export async function obstacleEscalations(options: {
  actor: Actor;
  idOrReference: string;
  repositories: Pick<Repositories, 'obstacles' | 'routings' | 'escalations'>;
}): Promise<{ obstacle: Obstacle; items: EscalationView[] }> {
  const { actor, idOrReference, repositories } = options;
  const scope = scopeOf(actor, undefined);
  const obstacle = await findObstacle(repositories.obstacles, idOrReference);
  const access = await accessWithLeads(obstacle, repositories.routings);
  if (!can(actor, 'read_obstacle', access)) throw new AppError('obstacle_not_found', { params: { id: idOrReference } });
  const items = await repositories.escalations.ofObstacle(obstacle.id);
  return {
    obstacle,
    items: scope.organisation ? items.filter((e) => e.ownerOrganisation === scope.organisation) : items,
  };
}
