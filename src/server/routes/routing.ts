import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ProblemSchema } from '../../contracts/common.contract.js';
import { ObstacleIdParams } from '../../contracts/obstacles.contract.js';
import {
  AcknowledgementParams,
  AcknowledgementRequest,
  AcknowledgementResponseSchema,
  MyObstaclesSchema,
  RouteRequest,
  RoutingAlertsSchema,
  type RoutingListResponse,
  RoutingListSchema,
  RoutingProposalSchema,
} from '../../contracts/routing.contract.js';
import type { Obstacle } from '../../core/obstacles/obstacle.js';
import { acknowledgeRouting } from '../../core/routing/acknowledge-routing.js';
import type { ObstacleRouting } from '../../core/routing/ports.js';
import { addRoutings, getRoutings, routeObstacle } from '../../core/routing/route-obstacle.js';
import { getRoutingProposal, listMyObstacles, listRoutingAlerts } from '../../core/routing/routing-views.js';
import type { AppContext } from '../context.js';
import { requireUser } from '../plugins/authentication.js';
import { parseIfMatch } from './obstacles.js';

const tags = ['obstacles'];
const routingTags = ['routing'];

function presentRouting(r: ObstacleRouting): RoutingListResponse['items'][number] {
  return {
    organisation: r.organisation,
    role: r.role,
    routedAt: r.routedAt.toISOString(),
    endedAt: r.endedAt ? r.endedAt.toISOString() : null,
    round: r.round,
    acknowledgement: r.acknowledgement,
    dueOn: r.due?.on ?? null,
    dueCalendar: r.due?.calendar ?? null,
    respondedAt: r.respondedAt ? r.respondedAt.toISOString() : null,
    respondedBy: r.respondedBy,
    respondedAs: r.respondedAs,
    declineReason: r.declineReason,
    responseDueOn: r.responseDue?.on ?? null,
    responseDueCalendar: r.responseDue?.calendar ?? null,
  };
}

function present(obstacle: Obstacle, routings: ObstacleRouting[]): RoutingListResponse {
  return {
    obstacle: { id: obstacle.id, reference: obstacle.reference, status: obstacle.status, version: obstacle.version },
    items: routings.map(presentRouting),
  };
}

const problems = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema };

/** The routing of an obstacle to departments (selected → routed), and its list. */
export function routingRoutes(app: FastifyInstance, context: AppContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { persistence, clock, ids } = context;

  api.post(
    '/api/v1/obstacles/:id/routing',
    {
      preValidation: requireUser,
      schema: {
        tags,
        summary: 'Route a selected obstacle to departments (the secretariat)',
        description:
          'Moves the obstacle `selected → routed` (docs/LIFECYCLE.md) and records the departments: at least one `lead`, the others `involved`, each an organisation of kind `department`, each once (400 naming `departments` or `departments.<i>.organisation`). With `If-Match` (428 without, 412 when stale). 409 `transition_not_allowed` when it is not `selected`; 403 for other roles. The move, the routing and the audit event are one transaction. The departments then read the obstacle whatever its visibility.',
        params: ObstacleIdParams,
        body: RouteRequest,
        response: {
          200: RoutingListSchema,
          400: ProblemSchema,
          401: ProblemSchema,
          403: ProblemSchema,
          404: ProblemSchema,
          409: ProblemSchema,
          412: ProblemSchema,
          428: ProblemSchema,
        },
      },
    },
    async (request, reply) => {
      const expectedVersion = parseIfMatch(request.headers['if-match']);
      const { obstacle, routings } = await routeObstacle({
        actor: request.actor,
        idOrReference: request.params.id,
        expectedVersion,
        input: request.body,
        uow: persistence,
        clock,
        ids,
      });
      return reply.header('etag', `"${obstacle.version}"`).send(present(obstacle, routings));
    },
  );

  api.get(
    '/api/v1/obstacles/:id/routing',
    {
      schema: {
        tags,
        summary: 'The departments an obstacle is routed to',
        description:
          'Every routing, ended ones too (`endedAt`: it went back to analysis), for whoever reads the obstacle (404 otherwise).',
        params: ObstacleIdParams,
        response: { 200: RoutingListSchema, 404: ProblemSchema },
      },
    },
    async (request, reply) => {
      const { obstacle, routings } = await getRoutings({
        actor: request.actor,
        idOrReference: request.params.id,
        obstacles: persistence.obstacles,
        routings: persistence.routings,
      });
      return reply.header('cache-control', 'no-store').send(present(obstacle, routings));
    },
  );

  api.post(
    '/api/v1/obstacles/:id/routings',
    {
      preValidation: requireUser,
      schema: {
        tags,
        summary: 'Add departments to a routed obstacle (the secretariat)',
        description:
          'After a decline: the next candidate (GET …/routing/proposal, GET /api/v1/routing/alerts), or any department it is not routed to now. They join the current round, `pending`, each due by the norm `routing_acknowledgement` in the calendar of its government. With `If-Match` on the obstacle (428 without, 412 when stale). 409 `obstacle_not_routed` unless it is `routed`; 400 naming `departments.<i>.organisation` for a non-department, a repeat or one routed already. Audited as `obstacle.routing_add`.',
        params: ObstacleIdParams,
        body: RouteRequest,
        response: {
          200: RoutingListSchema,
          ...problems,
          404: ProblemSchema,
          409: ProblemSchema,
          412: ProblemSchema,
          428: ProblemSchema,
        },
      },
    },
    async (request, reply) => {
      const expectedVersion = parseIfMatch(request.headers['if-match']);
      const { obstacle, routings } = await addRoutings({
        actor: request.actor,
        idOrReference: request.params.id,
        expectedVersion,
        input: request.body,
        uow: persistence,
        clock,
        ids,
      });
      return reply.header('etag', `"${obstacle.version}"`).send(present(obstacle, routings));
    },
  );

  api.get(
    '/api/v1/obstacles/:id/routing/proposal',
    {
      preValidation: requireUser,
      schema: {
        tags,
        summary: 'The routing the competence matrix proposes (the secretariat)',
        description:
          'For every government on the sides of the segment, for each theme of the obstacle, the lead and involved departments of the competence matrix, merged per department (lead wins) with the reasons it is proposed. The Belgian federal level only where the matrix names it (`notNamed` otherwise); governments the matrix names nobody for are `uncovered`. For a routed obstacle also the current round (`current`) and, where all departments of a government declined, the next candidate (`next`). 403 for other roles; 404 when unknown.',
        params: ObstacleIdParams,
        response: { 200: RoutingProposalSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema },
      },
    },
    async (request, reply) => {
      const view = await getRoutingProposal({
        actor: request.actor,
        idOrReference: request.params.id,
        obstacles: persistence.obstacles,
        routings: persistence.routings,
        competences: persistence.competences,
        reference: persistence.reference,
      });
      const { obstacle, proposal } = view;
      return reply.header('cache-control', 'no-store').send({
        obstacle: { id: obstacle.id, reference: obstacle.reference, status: obstacle.status, version: obstacle.version },
        segment: obstacle.segment,
        themes: obstacle.themes,
        governments: proposal.governments,
        departments: proposal.departments,
        uncovered: proposal.uncovered,
        notNamed: proposal.notNamed,
        current: view.routings.map(presentRouting),
        next: view.next,
      });
    },
  );

  api.post(
    '/api/v1/obstacles/:id/routings/:organisation/acknowledgement',
    {
      preValidation: requireUser,
      schema: {
        tags,
        summary: 'A routed department accepts or declines its part',
        description:
          'By a user of that department, or the secretariat on its behalf (`respondedAs: secretariat`); other roles and other departments 403. `accept`: the response is then due by the norm `department_response`. `decline` (a `reason` is required: 400 naming `reason`): the routing ends and the next candidate of its government is proposed; when no routing holds any more the obstacle moves `routed → analysis` with the reasons, in the same transaction (`returnedToAnalysis`). 404 `routing_not_found` when it is not routed to that department now; 409 `acknowledgement_closed` when answered already. Audited as `obstacle.routing_acknowledgement`.',
        params: AcknowledgementParams,
        body: AcknowledgementRequest,
        response: { 200: AcknowledgementResponseSchema, ...problems, 404: ProblemSchema, 409: ProblemSchema },
      },
    },
    async (request, reply) => {
      const result = await acknowledgeRouting({
        actor: request.actor,
        idOrReference: request.params.id,
        organisation: request.params.organisation,
        input: request.body,
        uow: persistence,
        clock,
      });
      return reply
        .header('etag', `"${result.obstacle.version}"`)
        .send({ ...present(result.obstacle, result.routings), returnedToAnalysis: result.returnedToAnalysis });
    },
  );

  api.get(
    '/api/v1/routing/alerts',
    {
      preValidation: requireUser,
      schema: {
        tags: routingTags,
        summary: 'Routing alerts: governments where nobody accepted (the secretariat)',
        description:
          'For every routed obstacle, each government none of whose routed departments accepted or is pending (all declined), with the reasons and the next candidate of the competence matrix (null when it names no other). 403 for other roles.',
        response: { 200: RoutingAlertsSchema, 401: ProblemSchema, 403: ProblemSchema },
      },
    },
    async (request, reply) => {
      const alerts = await listRoutingAlerts({
        actor: request.actor,
        obstacles: persistence.obstacles,
        routings: persistence.routings,
        competences: persistence.competences,
        reference: persistence.reference,
      });
      return reply.header('cache-control', 'no-store').send({ items: alerts });
    },
  );

  api.get(
    '/api/v1/my/obstacles',
    {
      preValidation: requireUser,
      schema: {
        tags: routingTags,
        summary: 'My obstacles: what is routed to my department',
        description:
          'Department users: every obstacle routed to their organisation now, with what is asked (`acknowledge`: accept or decline by `dueOn`; `respond`: after accepting, answer by `dueOn`, norm `department_response`), soonest first. Other roles 403.',
        response: { 200: MyObstaclesSchema, 401: ProblemSchema, 403: ProblemSchema },
      },
    },
    async (request, reply) => {
      const items = await listMyObstacles({
        actor: request.actor,
        obstacles: persistence.obstacles,
        routings: persistence.routings,
      });
      return reply
        .header('cache-control', 'no-store')
        .send({ items: items.map((item) => ({ ...item, routedAt: item.routedAt.toISOString() })) });
    },
  );
}
