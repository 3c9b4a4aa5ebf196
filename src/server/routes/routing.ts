import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ProblemSchema } from '../../contracts/common.contract.js';
import { ObstacleIdParams } from '../../contracts/obstacles.contract.js';
import { RouteRequest, type RoutingListResponse, RoutingListSchema } from '../../contracts/routing.contract.js';
import type { Obstacle } from '../../core/obstacles/obstacle.js';
import type { ObstacleRouting } from '../../core/routing/ports.js';
import { getRoutings, routeObstacle } from '../../core/routing/route-obstacle.js';
import type { AppContext } from '../context.js';
import { requireUser } from '../plugins/authentication.js';
import { parseIfMatch } from './obstacles.js';

const tags = ['obstacles'];

function present(obstacle: Obstacle, routings: ObstacleRouting[]): RoutingListResponse {
  return {
    obstacle: { id: obstacle.id, reference: obstacle.reference, status: obstacle.status, version: obstacle.version },
    items: routings.map((r) => ({
      organisation: r.organisation,
      role: r.role,
      routedAt: r.routedAt.toISOString(),
      endedAt: r.endedAt ? r.endedAt.toISOString() : null,
    })),
  };
}

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
}
