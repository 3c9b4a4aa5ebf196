import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ProblemSchema } from '../../contracts/common.contract.js';
import {
  CreateObstacleRequest,
  HistoryQuery,
  HistorySchema,
  ListObstaclesQuery,
  ObstacleIdParams,
  ObstacleListSchema,
  ObstacleSchema,
  TransitionRequest,
  UpdateObstacleRequest,
} from '../../contracts/obstacles.contract.js';
import { obstacleProgress } from '../../core/actions/manage-actions.js';
import { transitionObstacle } from '../../core/lifecycle/transition-obstacle.js';
import { getObstacle } from '../../core/obstacles/get-obstacle.js';
import { getObstacleHistory } from '../../core/obstacles/get-obstacle-history.js';
import { listObstacles } from '../../core/obstacles/list-obstacles.js';
import type { Sort } from '../../core/obstacles/ports.js';
import { registerObstacle } from '../../core/obstacles/register-obstacle.js';
import { updateObstacle } from '../../core/obstacles/update-obstacle.js';
import { AppError } from '../../core/shared/errors.js';
import type { AppContext } from '../context.js';
import { requireUser } from '../plugins/authentication.js';
import { decodeCursor, decodeHistoryCursor, encodeHistoryCursor } from '../presenters/cursor.js';
import { type HistoryActor, presentHistory } from '../presenters/history-presenter.js';
import { presentObstacle, presentPage } from '../presenters/obstacle-presenter.js';

const tags = ['obstacles'];

function etag(version: number): string {
  return `"${version}"`;
}

/**
 * Reads If-Match: a quoted version ("3", W/"3" or a bare 3), or `*` (any current version, RFC
 * 9110 §13.1.1: the caller knowingly overwrites). Missing → 428; unreadable → 412, since no
 * version of ours can match it.
 */
export function parseIfMatch(header: string | undefined): number | 'any' {
  if (header === undefined || header.trim() === '') throw new AppError('precondition_required');
  if (header.trim() === '*') return 'any';
  const first = header.split(',')[0]?.trim() ?? '';
  const match = /^(?:W\/)?"?(\d{1,9})"?$/.exec(first);
  if (!match) throw new AppError('version_conflict', { params: { current: '?' } });
  return Number(match[1]);
}

function withVersion(reply: FastifyReply, version: number): FastifyReply {
  return reply.header('etag', etag(version));
}

export function obstacleRoutes(app: FastifyInstance, context: AppContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { persistence, clock, ids, responses, actorNames } = context;
  // What each kept answer is made of (decision 0020): the list reads the obstacles (their
  // themes, governments, counts and text index), the routings (what a department may read, the
  // `routedTo` filter) and the catalogue; one obstacle also its links (obstacles) and its
  // actions' roll-up. Not the actions, escalations, notifications or audit the nightly job writes.
  const cachedList = responses.hooks(['obstacles', 'routings', 'reference']);
  const cachedGet = responses.hooks(['obstacles', 'routings', 'progress', 'reference']);

  api.post(
    '/api/v1/obstacles',
    {
      schema: {
        tags,
        summary: 'Report a new obstacle',
        description:
          'Registers an obstacle as `reported`, version 1, with the next reference of the year. The public may report (for no organisation); partners report for their own organisation, the secretariat for any; other roles get 403.',
        body: CreateObstacleRequest,
        response: {
          201: ObstacleSchema,
          400: ProblemSchema,
          401: ProblemSchema,
          403: ProblemSchema,
          413: ProblemSchema,
          415: ProblemSchema,
        },
      },
    },
    async (request, reply) => {
      const obstacle = await registerObstacle({ actor: request.actor, input: request.body, uow: persistence, clock, ids });
      return withVersion(reply, obstacle.version)
        .code(201)
        .header('location', `/api/v1/obstacles/${obstacle.id}`)
        .send(presentObstacle(obstacle, request.language, request.actor));
    },
  );

  api.get(
    '/api/v1/obstacles',
    {
      ...cachedList,
      schema: {
        tags,
        summary: 'List and search obstacles',
        description:
          'Filters (AND across parameters, OR within a comma-separated list), free text `q`, sort, cursor paging and counts per facet for the filtered set. Lists and counts only what the caller may read.',
        querystring: ListObstaclesQuery,
        response: { 200: ObstacleListSchema, 400: ProblemSchema },
      },
    },
    async (request) => {
      const { cursor, sort: requestedSort, q, ...rest } = request.query;
      const text = q?.trim() ? q.trim() : undefined;
      // Relevance needs a text; without one the order (and the cursor) is the default, newest first.
      const sort: Sort =
        requestedSort === 'relevance' && !text ? '-updatedAt' : (requestedSort ?? (text ? 'relevance' : '-updatedAt'));
      const page = await listObstacles({
        actor: request.actor,
        query: { ...rest, q: text, sort, cursor: cursor ? decodeCursor(cursor, sort) : undefined },
        catalogue: await persistence.catalogue.get(),
        search: persistence.search,
      });
      return presentPage(page, request.language);
    },
  );

  api.get(
    '/api/v1/obstacles/:id',
    {
      ...cachedGet,
      schema: {
        tags,
        summary: 'Get one obstacle by id or reference',
        description: 'An obstacle the caller may not read is 404, as if it did not exist.',
        params: ObstacleIdParams,
        response: { 200: ObstacleSchema, 404: ProblemSchema },
      },
    },
    async (request, reply) => {
      const obstacle = await getObstacle({
        actor: request.actor,
        idOrReference: request.params.id,
        obstacles: persistence.obstacles,
      });
      const progress = await obstacleProgress(persistence.actions, obstacle.id);
      return withVersion(reply, obstacle.version).send(presentObstacle(obstacle, request.language, request.actor, progress));
    },
  );

  api.patch(
    '/api/v1/obstacles/:id',
    {
      preValidation: requireUser,
      schema: {
        tags,
        summary: 'Change an obstacle',
        description:
          'Send `If-Match` with the version you read (the ETag). A stale version gets 412, a missing one 428. Each present field replaces the stored one. Signed-in callers only (401): the secretariat edits any obstacle, a partner what its organisation reported while `reported` or `intake` (403 otherwise).',
        params: ObstacleIdParams,
        body: UpdateObstacleRequest,
        response: {
          200: ObstacleSchema,
          400: ProblemSchema,
          401: ProblemSchema,
          403: ProblemSchema,
          404: ProblemSchema,
          412: ProblemSchema,
          428: ProblemSchema,
        },
      },
    },
    async (request, reply) => {
      const expectedVersion = parseIfMatch(request.headers['if-match']);
      const { obstacle } = await updateObstacle({
        actor: request.actor,
        idOrReference: request.params.id,
        expectedVersion,
        changes: request.body,
        uow: persistence,
        clock,
      });
      return withVersion(reply, obstacle.version).send(presentObstacle(obstacle, request.language, request.actor));
    },
  );

  api.post(
    '/api/v1/obstacles/:id/transitions',
    {
      preValidation: requireUser,
      schema: {
        tags,
        summary: 'Move an obstacle to another status',
        description:
          'One move of the lifecycle (docs/LIFECYCLE.md), with `If-Match` (428 without, 412 when stale). An impossible move is 409 `transition_not_allowed` with `allowed`, the statuses the caller may move it to now; a role that may not make the move 403; a missing `reason` (required for closing and negative moves), `referredTo` or `mergedInto` 400 naming the field; an incomplete analysis before `proposed` 409 `analysis_incomplete` naming the parts. The move and its audit event are one transaction.',
        params: ObstacleIdParams,
        body: TransitionRequest,
        response: {
          200: ObstacleSchema,
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
      const { obstacle } = await transitionObstacle({
        actor: request.actor,
        idOrReference: request.params.id,
        expectedVersion,
        input: request.body,
        uow: persistence,
        clock,
      });
      return withVersion(reply, obstacle.version).send(presentObstacle(obstacle, request.language, request.actor));
    },
  );

  api.get(
    '/api/v1/obstacles/:id/history',
    {
      schema: {
        tags,
        summary: 'The history of an obstacle',
        description:
          "Every create, change and move, oldest first, from the audit trail, in pages (`limit`, default 100, at most 500; `nextCursor` until null): who, when, from and to, the reason, the changed fields before and after. Readable by whoever reads the obstacle (404 otherwise). Names of users only for signed-in callers; reporters' personal data only for those who may read it.",
        params: ObstacleIdParams,
        querystring: HistoryQuery,
        response: { 200: HistorySchema, 404: ProblemSchema },
      },
    },
    async (request) => {
      const { access, events, more } = await getObstacleHistory({
        actor: request.actor,
        idOrReference: request.params.id,
        page: {
          after: request.query.cursor === undefined ? 0 : decodeHistoryCursor(request.query.cursor),
          limit: request.query.limit,
        },
        obstacles: persistence.obstacles,
        audit: persistence.audit,
      });
      // The users who made the changes: kept briefly, else in one query (a long history names dozens).
      const actors = new Map<string, HistoryActor>([
        ['anonymous', { kind: 'public' }],
        ['system', { kind: 'system' }],
      ]);
      const userIds = events.map((e) => e.actor).filter((key) => !actors.has(key));
      for (const [id, user] of await actorNames.lookup(userIds)) actors.set(id, { kind: 'user', ...user });
      const last = events.at(-1);
      return presentHistory(access, events, request.actor, actors, more && last ? encodeHistoryCursor(last.seq) : null);
    },
  );
}
