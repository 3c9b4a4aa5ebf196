import { type Actor, can, denied, obstacleAccess } from '../access/access.js';
import { checkTransition, type TransitionRule } from '../lifecycle/lifecycle.js';
import type { Obstacle } from '../obstacles/obstacle.js';
import { auditObstacle } from '../obstacles/obstacle-audit.js';
import type { Clock, IdGenerator, UnitOfWork } from '../obstacles/ports.js';
import { findObstacle } from '../obstacles/update-obstacle.js';
import { AppError, type FieldError, validationError } from '../shared/errors.js';
import type { ObstacleRouting, RoutingRepository, RoutingRole } from './ports.js';

/** The organisation kind of a department (a ministry) in the reference data. */
const DEPARTMENT = 'department';

export interface RouteInput {
  departments: { organisation: string; role: RoutingRole }[];
  reason?: string;
}

export interface RouteResult {
  obstacle: Obstacle;
  routings: ObstacleRouting[];
  transition: TransitionRule;
}

/**
 * Routes a selected obstacle to departments (the secretariat): one lead at least, others
 * involved, each an organisation of kind `department`, none twice. In one transaction: the move
 * `selected → routed` through the lifecycle (`via: 'routing'`, the requirement `routing` met), the
 * routing rows, and the audit events (the move, with the departments). Refusals, in the order of
 * the lifecycle's moves: not readable (404), not the secretariat (403), a stale version (412), not
 * `selected` (409, naming the statuses it may move to), departments that are not departments or
 * repeat, or no lead (400, naming `departments.<i>.organisation` or `departments`).
 *
 * This is the minimal routing; proposals from the competence matrix, acknowledgements and
 * deadlines build on the same rows.
 */
export async function routeObstacle(options: {
  actor: Actor;
  idOrReference: string;
  expectedVersion: number | 'any';
  input: RouteInput;
  uow: UnitOfWork;
  clock: Clock;
  ids: IdGenerator;
}): Promise<RouteResult> {
  const { actor, idOrReference, expectedVersion, input, uow, clock, ids } = options;
  if (actor.kind === 'anonymous') throw denied(actor);
  return uow.transaction(async ({ obstacles, reference, audit, routings }) => {
    const current = await findObstacle(obstacles, idOrReference);
    const access = obstacleAccess(current);
    if (!can(actor, 'read_obstacle', access)) throw new AppError('obstacle_not_found', { params: { id: idOrReference } });
    if (!can(actor, 'route_obstacle', access)) throw denied(actor);
    if (expectedVersion !== 'any' && current.version !== expectedVersion) {
      throw new AppError('version_conflict', { params: { current: current.version } });
    }
    const reason = input.reason?.trim() ? input.reason.trim() : undefined;
    const check = checkTransition({
      from: current.status,
      to: 'routed',
      actor,
      reason,
      present: new Set(['routing']),
      via: 'routing',
    });
    if (!check.ok) {
      if (check.problem === 'forbidden') throw denied(actor);
      const allowed = check.problem === 'illegal' ? check.allowed : [];
      throw new AppError('transition_not_allowed', {
        params: { from: current.status, to: 'routed', allowed: allowed.join(', ') || '—' },
        allowed,
      });
    }

    const catalogue = await reference.catalogue();
    const errors: FieldError[] = [];
    const seen = new Set<string>();
    input.departments.forEach((department, i) => {
      const name = `departments.${i}.organisation`;
      const organisation = catalogue.organisations.find((o) => o.key === department.organisation);
      if (organisation?.kind !== DEPARTMENT) {
        errors.push({ name, code: 'unknown_key', params: { value: department.organisation } });
      } else if (seen.has(department.organisation)) errors.push({ name, code: 'duplicate' });
      seen.add(department.organisation);
    });
    if (!input.departments.some((d) => d.role === 'lead')) errors.push({ name: 'departments', code: 'lead_required' });
    if (errors.length > 0) throw validationError(errors);

    const now = clock.now();
    const next: Obstacle = {
      ...current,
      status: check.transition.to,
      statusReason: reason ?? null,
      version: current.version + 1,
      updatedAt: now,
    };
    if (!(await obstacles.update(next, current.version, undefined))) {
      const version = await obstacles.currentVersion(current.id);
      throw new AppError('version_conflict', { params: { current: version ?? '?' } });
    }
    const rows: ObstacleRouting[] = input.departments.map((d) => ({
      id: ids.newId(),
      obstacleId: current.id,
      organisation: d.organisation,
      role: d.role,
      routedAt: now,
      routedBy: actor.userId,
      endedAt: null,
    }));
    await routings.insert(rows);
    const after = await obstacles.findById(current.id);
    if (!after) throw new Error(`obstacle ${current.id} vanished inside its own transaction`);
    await auditObstacle({
      audit,
      actor,
      at: now,
      action: 'obstacle.transition',
      before: current,
      after,
      details: {
        transition: check.transition.name,
        ...(reason ? { reason } : {}),
        routing: rows.map((r) => ({ organisation: r.organisation, role: r.role })),
      },
    });
    return { obstacle: after, routings: await routings.ofObstacle(current.id), transition: check.transition };
  });
}

/** The routings of an obstacle, ended ones too, for whoever may read it (404 otherwise). */
export async function getRoutings(options: {
  actor: Actor;
  idOrReference: string;
  obstacles: Parameters<typeof findObstacle>[0];
  routings: RoutingRepository;
}): Promise<{ obstacle: Obstacle; routings: ObstacleRouting[] }> {
  const obstacle = await findObstacle(options.obstacles, options.idOrReference);
  if (!can(options.actor, 'read_obstacle', obstacleAccess(obstacle))) {
    throw new AppError('obstacle_not_found', { params: { id: options.idOrReference } });
  }
  return { obstacle, routings: await options.routings.ofObstacle(obstacle.id) };
}
