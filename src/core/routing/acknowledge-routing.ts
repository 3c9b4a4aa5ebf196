import { type Actor, can, denied, obstacleAccess } from '../access/access.js';
import { auditRecord } from '../audit/audit-record.js';
import { findTransition } from '../lifecycle/lifecycle.js';
import type { Obstacle } from '../obstacles/obstacle.js';
import { auditObstacle } from '../obstacles/obstacle-audit.js';
import type { Clock, UnitOfWork } from '../obstacles/ports.js';
import { findObstacle } from '../obstacles/update-obstacle.js';
import { AppError, validationError } from '../shared/errors.js';
import type { ObstacleRouting } from './ports.js';
import { currentRound } from './proposal.js';
import { departmentDue } from './route-obstacle.js';

export interface AcknowledgementInput {
  decision: 'accept' | 'decline';
  /** Why it declines: required when declining. */
  reason?: string;
}

export interface AcknowledgementResult {
  obstacle: Obstacle;
  routings: ObstacleRouting[];
  /** Whether every routed department had declined, so the obstacle went back to analysis. */
  returnedToAnalysis: boolean;
}

/**
 * A routed department accepts its part (lead or involved) or declines it with a reason: a user of
 * that department, or the secretariat on its behalf (recorded as such). In one transaction:
 * - accept: the routing is `accepted`; its response is due by the norm `department_response`,
 *   counted in the calendar of the department's government;
 * - decline: the routing is `declined` and ends (the row stays, with the reason); the next
 *   candidate of that government is then proposed (GET …/routing/proposal, GET /routing/alerts) for
 *   the secretariat to route; when no routing holds any more (every routed department declined),
 *   the obstacle moves `routed → analysis` (`return_to_analysis`) with the decline reasons.
 * Audited as `obstacle.routing_acknowledgement`. Refusals: the public (401); other roles, or a
 * department for another one (403); a decline without a reason (400 naming `reason`); the obstacle
 * unknown or unreadable (404 `obstacle_not_found`), not routed to that department now (404
 * `routing_not_found`); answered already (409 `acknowledgement_closed`).
 */
export async function acknowledgeRouting(options: {
  actor: Actor;
  idOrReference: string;
  organisation: string;
  input: AcknowledgementInput;
  uow: UnitOfWork;
  clock: Clock;
}): Promise<AcknowledgementResult> {
  const { actor, idOrReference, organisation, input, uow, clock } = options;
  if (actor.kind === 'anonymous' || !can(actor, 'acknowledge_routing')) throw denied(actor);
  if (actor.role === 'department' && actor.organisation !== organisation) throw denied(actor);
  const reason = input.reason?.trim() ? input.reason.trim() : undefined;
  if (input.decision === 'decline' && !reason) throw validationError([{ name: 'reason', code: 'required' }]);

  return uow.transaction(async ({ obstacles, routings, norms, reference, audit }) => {
    const current = await findObstacle(obstacles, idOrReference);
    if (!can(actor, 'read_obstacle', obstacleAccess(current))) {
      throw new AppError('obstacle_not_found', { params: { id: idOrReference } });
    }
    const all = await routings.ofObstacle(current.id);
    const round = currentRound(all);
    const routing = round.find((r) => r.organisation === organisation && r.endedAt === null);
    if (!routing) {
      const answered = round.find((r) => r.organisation === organisation && r.acknowledgement !== 'pending');
      if (answered) {
        throw new AppError('acknowledgement_closed', {
          params: { organisation, acknowledgement: answered.acknowledgement },
        });
      }
      throw new AppError('routing_not_found', { params: { id: current.reference, organisation } });
    }
    if (routing.acknowledgement !== 'pending') {
      throw new AppError('acknowledgement_closed', { params: { organisation, acknowledgement: routing.acknowledgement } });
    }
    const now = clock.now();
    const respondedAs = actor.role === 'department' ? 'department' : 'secretariat';
    const answered: ObstacleRouting =
      input.decision === 'accept'
        ? {
            ...routing,
            acknowledgement: 'accepted',
            respondedAt: now,
            respondedBy: actor.userId,
            respondedAs,
            responseDue: await departmentDue({
              norms,
              phase: 'department_response',
              catalogue: await reference.catalogue(),
              organisation,
              at: now,
            }),
          }
        : {
            ...routing,
            acknowledgement: 'declined',
            respondedAt: now,
            respondedBy: actor.userId,
            respondedAs,
            declineReason: reason ?? null,
            endedAt: now,
          };
    if (!(await routings.respond(answered))) {
      throw new AppError('acknowledgement_closed', { params: { organisation, acknowledgement: '?' } });
    }
    await audit.append(
      auditRecord({
        actor,
        at: now,
        action: 'obstacle.routing_acknowledgement',
        entityType: 'obstacle',
        entityId: current.id,
        details: {
          organisation,
          role: routing.role,
          decision: input.decision,
          respondedAs,
          ...(reason ? { reason } : {}),
          ...(answered.responseDue ? { responseDueOn: answered.responseDue.on } : {}),
        },
      }),
    );

    const after = round.map((r) => (r.id === answered.id ? answered : r));
    let obstacle = current;
    let returnedToAnalysis = false;
    if (input.decision === 'decline' && current.status === 'routed' && !after.some((r) => r.endedAt === null)) {
      // Every department of this round declined: back to analysis, the reasons with it. The routing
      // module makes this move for the secretariat (the role of `return_to_analysis`).
      const move = findTransition('routed', 'analysis');
      if (!move) throw new Error('the lifecycle has no move routed → analysis');
      const reasons = after
        .filter((r) => r.acknowledgement === 'declined')
        .sort((a, b) => (a.respondedAt?.getTime() ?? 0) - (b.respondedAt?.getTime() ?? 0))
        .map((r) => `${r.organisation}: ${r.declineReason ?? ''}`)
        .join('; ');
      const moved: Obstacle = {
        ...current,
        status: move.to,
        statusReason: reasons,
        version: current.version + 1,
        updatedAt: now,
      };
      if (!(await obstacles.update(moved, current.version, undefined))) {
        const version = await obstacles.currentVersion(current.id);
        throw new AppError('version_conflict', { params: { current: version ?? '?' } });
      }
      const stored = await obstacles.findById(current.id);
      if (!stored) throw new Error(`obstacle ${current.id} vanished inside its own transaction`);
      await auditObstacle({
        audit,
        actor,
        at: now,
        action: 'obstacle.transition',
        before: current,
        after: stored,
        details: { transition: move.name, reason: reasons, cause: 'all_departments_declined' },
      });
      obstacle = stored;
      returnedToAnalysis = true;
    }
    return { obstacle, routings: await routings.ofObstacle(current.id), returnedToAnalysis };
  });
}
