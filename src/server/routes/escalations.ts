import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ProblemSchema } from '../../contracts/common.contract.js';
import {
  type EscalationListResponse,
  EscalationListSchema,
  EscalationQuery,
  type EscalationResponse,
  ObstacleEscalationsSchema,
} from '../../contracts/escalations.contract.js';
import { ObstacleIdParams } from '../../contracts/obstacles.contract.js';
import type { GoverningBody } from '../../core/governance/governance.js';
import { listEscalations, obstacleEscalations } from '../../core/monitoring/list-escalations.js';
import type { EscalationCursor, EscalationView } from '../../core/monitoring/ports.js';
import { AppError } from '../../core/shared/errors.js';
import { type Language, resolveText } from '../../core/shared/language.js';
import type { AppContext } from '../context.js';
import { requireUser } from '../plugins/authentication.js';
import { cursorPayload } from '../presenters/cursor.js';

const tags = ['escalations'];

function presentEscalation(
  escalation: EscalationView,
  bodies: ReadonlyMap<string, GoverningBody>,
  language: Language,
): EscalationResponse {
  const body = escalation.body ? bodies.get(escalation.body) : undefined;
  return {
    id: escalation.id,
    action: {
      id: escalation.action.id,
      title: resolveText(escalation.action.title, language, escalation.action.sourceLanguage) ?? null,
      level: escalation.action.level,
      status: escalation.action.status,
    },
    obstacle: {
      id: escalation.obstacle.id,
      reference: escalation.obstacle.reference,
      title: resolveText(escalation.obstacle.title, language, escalation.obstacle.sourceLanguage) ?? null,
    },
    ownerOrganisation: escalation.ownerOrganisation,
    from: escalation.from,
    to: escalation.to,
    escalatedOn: escalation.escalatedOn,
    at: escalation.at.toISOString(),
    reason: escalation.reason,
    dueOn: escalation.dueOn,
    since: escalation.since,
    workingDaysOverdue: escalation.workingDaysOverdue,
    calendar: escalation.calendar,
    norm: { amount: escalation.norm.amount, unit: escalation.norm.unit },
    body: escalation.body ? { key: escalation.body, name: body ? (resolveText(body.name, language) ?? null) : null } : null,
    meetingId: escalation.meetingId,
  };
}

function encodeEscalationCursor(cursor: EscalationCursor): string {
  return Buffer.from(JSON.stringify({ t: cursor.at, i: cursor.id }), 'utf8').toString('base64url');
}

function decodeEscalationCursor(value: string): EscalationCursor {
  const { t, i } = cursorPayload(value);
  if (typeof t !== 'string' || Number.isNaN(Date.parse(t)) || typeof i !== 'string' || i.length < 1 || i.length > 64) {
    throw new AppError('invalid_cursor');
  }
  return { at: t, id: i };
}

const ERRORS = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema } as const;

/** The escalation ladder's climbs: per obstacle, and the list (docs/MONITORING.md, "Escalation"). */
export function escalationRoutes(app: FastifyInstance, context: AppContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { persistence } = context;
  const bodies = async () => new Map((await persistence.governance.listBodies()).map((b) => [b.key, b]));

  api.get(
    '/api/v1/obstacles/:id/escalations',
    {
      preValidation: requireUser,
      schema: {
        tags,
        summary: 'The escalation history of an obstacle’s actions',
        description:
          'Every climb of its actions on the escalation ladder (official → administrative → political), oldest first, with the working days overdue and the calendar counted in; at the political level the body that decided and its next meeting. The secretariat sees all; a department those of the actions its organisation owns; others 403; not signed in 401; an obstacle the caller does not read 404.',
        params: ObstacleIdParams,
        response: { 200: ObstacleEscalationsSchema, ...ERRORS, 404: ProblemSchema },
      },
    },
    async (request, reply) => {
      const { obstacle, items } = await obstacleEscalations({
        actor: request.actor,
        idOrReference: request.params.id,
        repositories: persistence,
      });
      const known = await bodies();
      return reply.header('cache-control', 'no-store').send({
        obstacle: { id: obstacle.id, reference: obstacle.reference },
        items: items.map((e) => presentEscalation(e, known, request.language)),
      });
    },
  );

  api.get(
    '/api/v1/escalations',
    {
      preValidation: requireUser,
      schema: {
        tags,
        summary: 'Escalations, newest first',
        description:
          'The climbs of the escalation ladder, newest first; filters: `level` reached (administrative, political) and owner `organisation`. The secretariat sees those of the obstacles it reads; a department only those of its own actions (403 when it names another organisation); others 403; not signed in 401. Cursor paging.',
        querystring: EscalationQuery,
        response: { 200: EscalationListSchema, ...ERRORS },
      },
    },
    async (request, reply) => {
      const { cursor, ...filter } = request.query;
      const page = await listEscalations({
        actor: request.actor,
        query: { ...filter, ...(cursor ? { cursor: decodeEscalationCursor(cursor) } : {}) },
        escalations: persistence.escalations,
      });
      const known = await bodies();
      const body: EscalationListResponse = {
        items: page.items.map((e) => presentEscalation(e, known, request.language)),
        nextCursor: page.nextCursor ? encodeEscalationCursor(page.nextCursor) : null,
      };
      return reply.header('cache-control', 'no-store').send(body);
    },
  );
}
