import { type Actor, can, denied, obstacleAccess } from '../access/access.js';
import { dueDate, type NormPhase, type NormRepository } from '../calendar/norms.js';
import { checkTransition, type TransitionRule } from '../lifecycle/lifecycle.js';
import { notify } from '../notifications/notify.js';
import type { NotificationOutbox } from '../notifications/ports.js';
import type { Obstacle } from '../obstacles/obstacle.js';
import { auditObstacle } from '../obstacles/obstacle-audit.js';
import type { Catalogue, Clock, IdGenerator, UnitOfWork } from '../obstacles/ports.js';
import { findObstacle } from '../obstacles/update-obstacle.js';
import { AppError, type FieldError, validationError } from '../shared/errors.js';
import { DEPARTMENT } from './competences.js';
import type { DueDay, ObstacleRouting, RoutingRepository, RoutingRole } from './ports.js';

/** The calendar day (UTC) of an instant, YYYY-MM-DD: what due dates are counted from. */
export function dayOf(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/**
 * The day a department must act by under a norm (`routing_acknowledgement`, `department_response`),
 * counted from `at` in the calendar of the department's government (core/calendar).
 */
export async function departmentDue(options: {
  norms: NormRepository;
  phase: NormPhase;
  catalogue: Catalogue;
  organisation: string;
  at: Date;
}): Promise<DueDay> {
  const norm = await options.norms.get(options.phase);
  const government = options.catalogue.organisations.find((o) => o.key === options.organisation)?.government ?? null;
  const due = dueDate({ norm, from: dayOf(options.at), government });
  return { on: due.date, calendar: due.calendar };
}

/** Checks departments to route: organisations of kind `department`, each once, none that holds already. */
function checkDepartments(
  catalogue: Catalogue,
  departments: RouteInput['departments'],
  holding: ReadonlySet<string> = new Set(),
): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  departments.forEach((department, i) => {
    const name = `departments.${i}.organisation`;
    const organisation = catalogue.organisations.find((o) => o.key === department.organisation);
    if (organisation?.kind !== DEPARTMENT) {
      errors.push({ name, code: 'unknown_key', params: { value: department.organisation } });
    } else if (seen.has(department.organisation)) errors.push({ name, code: 'duplicate' });
    else if (holding.has(department.organisation)) {
      errors.push({ name, code: 'already_routed', params: { value: department.organisation } });
    }
    seen.add(department.organisation);
  });
  return errors;
}

/**
 * Asks each routed department to accept or decline: a `routing_request` notification to its
 * department users, in the routing's transaction (the outbox; the mail follows after the commit).
 */
async function requestAcknowledgements(
  scope: { notifications: NotificationOutbox },
  obstacle: Obstacle,
  rows: readonly ObstacleRouting[],
  ids: IdGenerator,
  at: Date,
): Promise<void> {
  for (const row of rows) {
    await notify(
      scope,
      { ids, at },
      {
        recipients: { organisation: row.organisation, role: 'department' },
        kind: 'routing_request',
        params: {
          reference: obstacle.reference,
          titles: obstacle.title,
          organisation: row.organisation,
          ...(row.due ? { dueDate: row.due.on } : {}),
        },
        link: `/obstacles/${obstacle.reference}`,
      },
    );
  }
}

/** New routing rows, pending, each due by the norm `routing_acknowledgement` in its government's calendar. */
async function newRoutings(options: {
  departments: RouteInput['departments'];
  obstacleId: string;
  round: number;
  actorId: string;
  at: Date;
  catalogue: Catalogue;
  norms: NormRepository;
  ids: IdGenerator;
}): Promise<ObstacleRouting[]> {
  const rows: ObstacleRouting[] = [];
  for (const d of options.departments) {
    rows.push({
      id: options.ids.newId(),
      obstacleId: options.obstacleId,
      organisation: d.organisation,
      role: d.role,
      routedAt: options.at,
      routedBy: options.actorId,
      endedAt: null,
      round: options.round,
      acknowledgement: 'pending',
      due: await departmentDue({
        norms: options.norms,
        phase: 'routing_acknowledgement',
        catalogue: options.catalogue,
        organisation: d.organisation,
        at: options.at,
      }),
      respondedAt: null,
      respondedBy: null,
      respondedAs: null,
      declineReason: null,
      responseDue: null,
    });
  }
  return rows;
}

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
  return uow.transaction(async ({ obstacles, reference, audit, routings, norms, notifications }) => {
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
    const errors = checkDepartments(catalogue, input.departments);
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
    const earlier = await routings.ofObstacle(current.id);
    const rows = await newRoutings({
      departments: input.departments,
      obstacleId: current.id,
      round: Math.max(0, ...earlier.map((r) => r.round)) + 1,
      actorId: actor.userId,
      at: now,
      catalogue,
      norms,
      ids,
    });
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
        routing: rows.map((r) => ({ organisation: r.organisation, role: r.role, dueOn: r.due?.on ?? null })),
      },
    });
    await requestAcknowledgements({ notifications }, after, rows, ids, now);
    return { obstacle: after, routings: await routings.ofObstacle(current.id), transition: check.transition };
  });
}

/**
 * Adds departments to an obstacle that is `routed` (the secretariat): after a decline, the next
 * candidate; or any department it was not routed to yet. They join the current round, pending, each
 * due by the norm `routing_acknowledgement`. With `If-Match` on the obstacle (its version goes up:
 * who reads it changes). Refusals: not readable (404), not the secretariat (403), stale (412), not
 * `routed` (409 `obstacle_not_routed`), not departments, twice, or routed already and holding (400).
 * Audited as `obstacle.routing_add`.
 */
export async function addRoutings(options: {
  actor: Actor;
  idOrReference: string;
  expectedVersion: number | 'any';
  input: RouteInput;
  uow: UnitOfWork;
  clock: Clock;
  ids: IdGenerator;
}): Promise<Omit<RouteResult, 'transition'>> {
  const { actor, idOrReference, expectedVersion, input, uow, clock, ids } = options;
  if (actor.kind === 'anonymous') throw denied(actor);
  return uow.transaction(async ({ obstacles, reference, audit, routings, norms, notifications }) => {
    const current = await findObstacle(obstacles, idOrReference);
    const access = obstacleAccess(current);
    if (!can(actor, 'read_obstacle', access)) throw new AppError('obstacle_not_found', { params: { id: idOrReference } });
    if (!can(actor, 'route_obstacle', access)) throw denied(actor);
    if (expectedVersion !== 'any' && current.version !== expectedVersion) {
      throw new AppError('version_conflict', { params: { current: current.version } });
    }
    if (current.status !== 'routed') {
      throw new AppError('obstacle_not_routed', { params: { id: current.reference, status: current.status } });
    }
    const catalogue = await reference.catalogue();
    const earlier = await routings.ofObstacle(current.id);
    const holding = new Set(earlier.filter((r) => r.endedAt === null).map((r) => r.organisation));
    const errors = checkDepartments(catalogue, input.departments, holding);
    if (errors.length > 0) throw validationError(errors);
    const now = clock.now();
    const rows = await newRoutings({
      departments: input.departments,
      obstacleId: current.id,
      round: Math.max(1, ...earlier.map((r) => r.round)),
      actorId: actor.userId,
      at: now,
      catalogue,
      norms,
      ids,
    });
    const next: Obstacle = { ...current, version: current.version + 1, updatedAt: now };
    if (!(await obstacles.update(next, current.version, undefined))) {
      const version = await obstacles.currentVersion(current.id);
      throw new AppError('version_conflict', { params: { current: version ?? '?' } });
    }
    await routings.insert(rows);
    const after = await obstacles.findById(current.id);
    if (!after) throw new Error(`obstacle ${current.id} vanished inside its own transaction`);
    await auditObstacle({
      audit,
      actor,
      at: now,
      action: 'obstacle.routing_add',
      before: current,
      after,
      details: {
        ...(input.reason?.trim() ? { reason: input.reason.trim() } : {}),
        routing: rows.map((r) => ({ organisation: r.organisation, role: r.role, dueOn: r.due?.on ?? null })),
      },
    });
    await requestAcknowledgements({ notifications }, after, rows, ids, now);
    return { obstacle: after, routings: await routings.ofObstacle(current.id) };
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
