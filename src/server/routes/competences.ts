import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ProblemSchema } from '../../contracts/common.contract.js';
import {
  type CompetenceCellResponse,
  CompetenceCellSchema,
  CompetenceHistoryQuery,
  CompetenceHistorySchema,
  CompetenceListQuery,
  CompetenceListSchema,
  CompetenceParams,
  CompetenceUpdateRequest,
} from '../../contracts/routing.contract.js';
import { competenceHistory, getCompetence, listCompetences, updateCompetence } from '../../core/routing/competences.js';
import type { CompetenceCell } from '../../core/routing/ports.js';
import type { AppContext } from '../context.js';
import { requireUser } from '../plugins/authentication.js';
import { parseIfMatch } from './obstacles.js';

const tags = ['routing'];
const problems = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema };

function present(cell: CompetenceCell): CompetenceCellResponse {
  return {
    theme: cell.theme,
    government: cell.government,
    lead: cell.lead,
    involved: cell.involved,
    version: cell.version,
    updatedAt: cell.updatedAt ? cell.updatedAt.toISOString() : null,
    updatedBy: cell.updatedBy,
  };
}

/** The competence matrix (theme × government → lead and involved departments), its edits and history. */
export function competenceRoutes(app: FastifyInstance, context: AppContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { persistence, clock } = context;

  api.get(
    '/api/v1/competences',
    {
      preValidation: requireUser,
      schema: {
        tags,
        summary: 'The competence matrix',
        description:
          'Every cell that names a department, in the order of themes and governments; `theme` and `government` filter (400 naming the field for an unknown key). Signed-in users.',
        querystring: CompetenceListQuery,
        response: { 200: CompetenceListSchema, ...problems },
      },
    },
    async (request, reply) => {
      const cells = await listCompetences({
        actor: request.actor,
        filter: request.query,
        competences: persistence.competences,
        reference: persistence.reference,
      });
      return reply.header('cache-control', 'no-store').send({ items: cells.map(present) });
    },
  );

  api.get(
    '/api/v1/competences/:theme/:government',
    {
      preValidation: requireUser,
      schema: {
        tags,
        summary: 'One cell of the competence matrix',
        description:
          'Its lead and involved departments and version (ETag); `lead` null where the matrix names nobody. 404 `competence_not_found` for an unknown theme or government. Signed-in users.',
        params: CompetenceParams,
        response: { 200: CompetenceCellSchema, 401: ProblemSchema, 404: ProblemSchema },
      },
    },
    async (request, reply) => {
      const cell = await getCompetence({
        actor: request.actor,
        ...request.params,
        competences: persistence.competences,
        reference: persistence.reference,
      });
      return reply.header('cache-control', 'no-store').header('etag', `"${cell.version}"`).send(present(cell));
    },
  );

  api.put(
    '/api/v1/competences/:theme/:government',
    {
      preValidation: requireUser,
      schema: {
        tags,
        summary: 'Set one cell of the competence matrix (the secretariat)',
        description:
          'The lead and involved departments: organisations of kind `department` of THIS government, each once, the lead not also involved (400 naming `lead` or `involved.<i>`). With `If-Match` on the cell (428 without, 412 when stale). Audited as `competence.update`; routings already made keep their departments.',
        params: CompetenceParams,
        body: CompetenceUpdateRequest,
        response: { 200: CompetenceCellSchema, ...problems, 404: ProblemSchema, 412: ProblemSchema, 428: ProblemSchema },
      },
    },
    async (request, reply) => {
      const expectedVersion = parseIfMatch(request.headers['if-match']);
      const cell = await updateCompetence({
        actor: request.actor,
        ...request.params,
        expectedVersion,
        input: request.body,
        uow: persistence,
        clock,
      });
      return reply.header('etag', `"${cell.version}"`).send(present(cell));
    },
  );

  api.get(
    '/api/v1/competences/:theme/:government/history',
    {
      preValidation: requireUser,
      schema: {
        tags,
        summary: 'The changes of one cell of the competence matrix',
        description:
          'From the audit trail, oldest first: who changed the lead or involved departments, when, from what to what. The seeded matrix is where it starts. Signed-in users.',
        params: CompetenceParams,
        querystring: CompetenceHistoryQuery,
        response: { 200: CompetenceHistorySchema, ...problems, 404: ProblemSchema },
      },
    },
    async (request, reply) => {
      const page = await competenceHistory({
        actor: request.actor,
        ...request.params,
        audit: persistence.audit,
        reference: persistence.reference,
        limit: request.query.limit,
        after: request.query.after,
      });
      const items = page.events.map((event) => {
        const details = JSON.parse(event.changes) as { fields?: Record<string, { before: unknown; after: unknown }> };
        return {
          seq: event.seq,
          at: event.at,
          actor: event.actor,
          changes: Object.entries(details.fields ?? {})
            .filter((entry): entry is ['lead' | 'involved', { before: unknown; after: unknown }] =>
              ['lead', 'involved'].includes(entry[0]),
            )
            .map(([field, change]) => ({ field, before: change.before, after: change.after })),
        };
      });
      const last = items.at(-1);
      return reply.header('cache-control', 'no-store').send({ items, nextAfter: page.more && last ? last.seq : null });
    },
  );
}
