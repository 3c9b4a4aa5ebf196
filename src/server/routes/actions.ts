import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  ActionIdParams,
  type ActionListResponse,
  ActionListSchema,
  type ActionResponse,
  ActionSchema,
  CreateActionRequest,
  type MonitoringListResponse,
  MonitoringListSchema,
  MonitoringQuery,
  UpdateActionRequest,
} from '../../contracts/actions.contract.js';
import { ProblemSchema } from '../../contracts/common.contract.js';
import { ObstacleIdParams } from '../../contracts/obstacles.contract.js';
import type { Actor } from '../../core/access/access.js';
import type { Action } from '../../core/actions/action.js';
import { type ActionAbility, createAction, getAction, listActions, updateAction } from '../../core/actions/manage-actions.js';
import type { FlaggedAction } from '../../core/actions/ports.js';
import { type Cursor, listMonitoring } from '../../core/monitoring/monitoring-list.js';
import { AppError } from '../../core/shared/errors.js';
import { type Language, resolveText } from '../../core/shared/language.js';
import type { AppContext } from '../context.js';
import { requireUser } from '../plugins/authentication.js';
import { cursorPayload } from '../presenters/cursor.js';
import { parseIfMatch } from './obstacles.js';

const tags = ['actions'];

function presentAction(
  action: Action,
  obstacle: { id: string; reference: string },
  abilities: ActionAbility[],
  language: Language,
  actor: Actor,
): ActionResponse {
  return {
    id: action.id,
    obstacle: { id: obstacle.id, reference: obstacle.reference },
    kind: action.kind,
    title: action.title,
    text: { language, title: resolveText(action.title, language, action.sourceLanguage) ?? null },
    sourceLanguage: action.sourceLanguage,
    decisionId: action.decisionId,
    // The person is for signed-in callers; the public sees the organisation.
    owner: { organisation: action.owner.organisation, userId: actor.kind === 'user' ? action.owner.userId : null },
    dueOn: action.dueOn,
    status: action.status,
    progress: action.progress,
    weight: action.weight,
    evidence: action.evidence.map((e) => ({ url: e.url, label: e.label })),
    notes: action.notes,
    version: action.version,
    createdAt: action.createdAt.toISOString(),
    updatedAt: action.updatedAt.toISOString(),
    completedOn: action.completedOn,
    rag: action.monitoring.rag,
    overdue: action.monitoring.overdue,
    stale: action.monitoring.stale,
    computedAt: action.monitoring.computedAt ? action.monitoring.computedAt.toISOString() : null,
    escalation: { level: action.escalation.level, escalatedOn: action.escalation.escalatedOn },
    abilities,
  };
}

function presentFlagged(item: FlaggedAction, language: Language, actor: Actor): MonitoringListResponse['items'][number] {
  const {
    abilities: _abilities,
    obstacle: _obstacle,
    ...action
  } = presentAction(item.action, item.obstacle, [], language, actor);
  return {
    ...action,
    obstacle: {
      id: item.obstacle.id,
      reference: item.obstacle.reference,
      title: resolveText(item.obstacle.title, language, item.obstacle.sourceLanguage) ?? null,
    },
  };
}

function encodeMonitoringCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify({ m: cursor.dueOn, i: cursor.id }), 'utf8').toString('base64url');
}

function decodeMonitoringCursor(value: string): Cursor {
  const { m, i } = cursorPayload(value);
  if (typeof m !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(m) || typeof i !== 'string' || i.length < 1 || i.length > 64) {
    throw new AppError('invalid_cursor');
  }
  return { dueOn: m, id: i };
}

const ERRORS = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema } as const;

/** Actions and milestones of obstacles, and the overdue and stale lists (docs/MONITORING.md). */
export function actionRoutes(app: FastifyInstance, context: AppContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { persistence, clock, ids } = context;

  api.get(
    '/api/v1/obstacles/:id/actions',
    {
      schema: {
        tags,
        summary: 'The actions and milestones of an obstacle, with its progress',
        description:
          'For whoever reads the obstacle (404 otherwise), by due date, each with its RAG status (docs/MONITORING.md) and what the caller may do with it; `canAdd` says whether the caller may add one.',
        params: ObstacleIdParams,
        response: { 200: ActionListSchema, 404: ProblemSchema },
      },
    },
    async (request, reply) => {
      const { obstacle, items, progress, canAdd } = await listActions({
        actor: request.actor,
        idOrReference: request.params.id,
        repositories: persistence,
      });
      const body: ActionListResponse = {
        obstacle: { id: obstacle.id, reference: obstacle.reference, version: obstacle.version },
        progress,
        items: items.map((v) => presentAction(v.action, obstacle, v.abilities, request.language, request.actor)),
        canAdd,
      };
      return reply.header('cache-control', 'no-store').send(body);
    },
  );

  api.post(
    '/api/v1/obstacles/:id/actions',
    {
      preValidation: requireUser,
      schema: {
        tags,
        summary: 'Add an action or milestone to an obstacle',
        description:
          'The secretariat, or a lead department of an obstacle that is `routed`, `decided` or `in_progress` (403 for others; 404 when the obstacle is not readable). The owner organisation must exist and an owner person must belong to it (400 naming `owner.organisation`, `owner.userId`); a `decisionId` must be a decision on this obstacle. The action, the obstacle’s roll-up and the audit event are one transaction.',
        params: ObstacleIdParams,
        body: CreateActionRequest,
        response: { 201: ActionSchema, ...ERRORS },
      },
    },
    async (request, reply) => {
      const { action, obstacle, abilities } = await createAction({
        actor: request.actor,
        idOrReference: request.params.id,
        input: request.body,
        uow: persistence,
        clock,
        ids,
        settings: await context.monitoringSettings(),
      });
      return reply
        .code(201)
        .header('etag', `"${action.version}"`)
        .header('location', `/api/v1/actions/${action.id}`)
        .send(presentAction(action, obstacle, abilities, request.language, request.actor));
    },
  );

  api.get(
    '/api/v1/actions/:id',
    {
      schema: {
        tags,
        summary: 'One action or milestone',
        description: 'For whoever reads its obstacle (404 otherwise, as if it did not exist).',
        params: ActionIdParams,
        response: { 200: ActionSchema, 404: ProblemSchema },
      },
    },
    async (request, reply) => {
      const { action, obstacle, abilities } = await getAction({
        actor: request.actor,
        id: request.params.id,
        repositories: persistence,
      });
      return reply
        .header('etag', `"${action.version}"`)
        .header('cache-control', 'no-store')
        .send(presentAction(action, obstacle, abilities, request.language, request.actor));
    },
  );

  api.patch(
    '/api/v1/actions/:id',
    {
      preValidation: requireUser,
      schema: {
        tags,
        summary: 'Change an action or milestone (cancel it instead of deleting)',
        description:
          'With `If-Match` (428 without, 412 when stale). The owner organisation’s department users change status, progress, evidence and notes; the secretariat everything (403 when a field is not the caller’s; nothing is written). `done` sets progress to 100 and the completion date. There is no DELETE: set `status` to `cancelled`. Audited as entity `action`.',
        params: ActionIdParams,
        body: UpdateActionRequest,
        response: { 200: ActionSchema, ...ERRORS, 412: ProblemSchema, 428: ProblemSchema },
      },
    },
    async (request, reply) => {
      const expectedVersion = parseIfMatch(request.headers['if-match']);
      const { action, obstacle, abilities } = await updateAction({
        actor: request.actor,
        id: request.params.id,
        expectedVersion,
        changes: request.body,
        uow: persistence,
        clock,
        settings: await context.monitoringSettings(),
      });
      return reply
        .header('etag', `"${action.version}"`)
        .send(presentAction(action, obstacle, abilities, request.language, request.actor));
    },
  );

  for (const flag of ['overdue', 'stale'] as const) {
    api.get(
      `/api/v1/monitoring/${flag}`,
      {
        preValidation: requireUser,
        schema: {
          tags,
          summary: flag === 'overdue' ? 'Overdue actions' : 'Stale actions',
          description: `${
            flag === 'overdue'
              ? 'Open actions past their due date'
              : 'Open actions without an update for the configured number of days (norm `stale_after`)'
          }, as the last write or nightly run computed them, by due date; only of obstacles the caller reads. Filters: owner \`organisation\`, \`government\` and \`theme\` of the obstacle. Cursor paging. Signed-in callers only (401).`,
          querystring: MonitoringQuery,
          response: { 200: MonitoringListSchema, 400: ProblemSchema, 401: ProblemSchema },
        },
      },
      async (request, reply) => {
        const { cursor, ...filter } = request.query;
        const page = await listMonitoring({
          actor: request.actor,
          query: { flag, ...filter, ...(cursor ? { cursor: decodeMonitoringCursor(cursor) } : {}) },
          actions: persistence.actions,
        });
        return reply.header('cache-control', 'no-store').send({
          items: page.items.map((item) => presentFlagged(item, request.language, request.actor)),
          nextCursor: page.nextCursor ? encodeMonitoringCursor(page.nextCursor) : null,
        });
      },
    );
  }
}
