import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ProblemSchema } from '../../contracts/common.contract.js';
import {
  AgendaProposalSchema,
  CreateDecisionRequest,
  CreateGoverningBodyRequest,
  CreateMeetingRequest,
  DecisionIdParams,
  DecisionListSchema,
  DecisionSchema,
  GoverningBodyKeyParams,
  GoverningBodyListSchema,
  GoverningBodySchema,
  ListDecisionsQuery,
  ListGoverningBodiesQuery,
  ListMeetingsQuery,
  MeetingIdParams,
  MeetingListSchema,
  MeetingSchema,
  SetAgendaRequest,
  UpdateDecisionRequest,
  UpdateGoverningBodyRequest,
  UpdateMeetingRequest,
} from '../../contracts/governance.contract.js';
import type { GoverningBody } from '../../core/governance/governance.js';
import { addGoverningBody, updateGoverningBody } from '../../core/governance/manage-governing-bodies.js';
import {
  getMeeting,
  listMeetings,
  planMeeting,
  proposeMeetingAgenda,
  setAgenda,
  updateMeeting,
} from '../../core/governance/manage-meetings.js';
import { getDecision, listDecisions, recordDecision, updateDecision } from '../../core/governance/record-decision.js';
import { AppError } from '../../core/shared/errors.js';
import type { AppContext } from '../context.js';
import { agendaDocx, DOCX_TYPE, decisionsDocx, documentFileName } from '../documents/meeting-documents.js';
import { requireUser } from '../plugins/authentication.js';
import {
  decodePageCursor,
  encodePageCursor,
  presentBody,
  presentDecision,
  presentMeeting,
  presentProposal,
} from '../presenters/governance-presenter.js';
import { parseIfMatch } from './obstacles.js';

const tags = ['governance'];
const problems = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema };
const writeProblems = { ...problems, 404: ProblemSchema, 412: ProblemSchema, 428: ProblemSchema };

function withVersion(reply: FastifyReply, version: number): FastifyReply {
  return reply.header('etag', `"${version}"`);
}

/** The most decisions one meeting's document lists. */
const DOCUMENT_DECISIONS = 500;

/**
 * Governing bodies, meetings with their agendas, decisions, and the meeting documents (.docx).
 * Who may do what is core/access's: `manage_governance` (the secretariat), `record_decision` (the
 * secretariat and decision makers), `read_meetings` (signed-in users); decisions are read by
 * whoever may read their obstacle, bodies by everyone.
 */
export function governanceRoutes(app: FastifyInstance, context: AppContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { persistence, clock, ids } = context;
  const governance = persistence.governance;

  async function bodies(): Promise<Map<string, GoverningBody>> {
    return new Map((await governance.listBodies()).map((b) => [b.key, b]));
  }

  // ---- governing bodies

  api.get(
    '/api/v1/governing-bodies',
    {
      schema: {
        tags,
        summary: 'List the governing bodies',
        description: 'Everyone reads them (the public too). `active=true` or `false` filters.',
        querystring: ListGoverningBodiesQuery,
        response: { 200: GoverningBodyListSchema, 400: ProblemSchema },
      },
    },
    async (request) => {
      const all = await governance.listBodies();
      const { active } = request.query;
      return {
        items: all
          .filter((b) => active === undefined || b.active === active)
          .map((b) => presentBody(b, request.language, request.actor)),
      };
    },
  );

  api.get(
    '/api/v1/governing-bodies/:key',
    {
      schema: {
        tags,
        summary: 'Get one governing body',
        params: GoverningBodyKeyParams,
        response: { 200: GoverningBodySchema, 404: ProblemSchema },
      },
    },
    async (request, reply) => {
      const body = await governance.findBody(request.params.key);
      if (!body) throw new AppError('governing_body_not_found', { params: { key: request.params.key } });
      return withVersion(reply, body.version).send(presentBody(body, request.language, request.actor));
    },
  );

  api.post(
    '/api/v1/governing-bodies',
    {
      preValidation: requireUser,
      schema: {
        tags,
        summary: 'Add a governing body (the secretariat)',
        description: 'A new key, a name in at least one language, the governments it represents. A taken key is 409.',
        body: CreateGoverningBodyRequest,
        response: { 201: GoverningBodySchema, ...problems, 409: ProblemSchema },
      },
    },
    async (request, reply) => {
      const body = await addGoverningBody({ actor: request.actor, input: request.body, uow: persistence, clock });
      return withVersion(reply, body.version)
        .code(201)
        .header('location', `/api/v1/governing-bodies/${body.key}`)
        .send(presentBody(body, request.language, request.actor));
    },
  );

  api.patch(
    '/api/v1/governing-bodies/:key',
    {
      preValidation: requireUser,
      schema: {
        tags,
        summary: 'Change a governing body (the secretariat)',
        description: 'Names, governments, active flag; with `If-Match` (428 without, 412 when stale).',
        params: GoverningBodyKeyParams,
        body: UpdateGoverningBodyRequest,
        response: { 200: GoverningBodySchema, ...writeProblems },
      },
    },
    async (request, reply) => {
      const expectedVersion = parseIfMatch(request.headers['if-match']);
      const body = await updateGoverningBody({
        actor: request.actor,
        key: request.params.key,
        expectedVersion,
        changes: request.body,
        uow: persistence,
        clock,
      });
      return withVersion(reply, body.version).send(presentBody(body, request.language, request.actor));
    },
  );

  // ---- meetings

  api.get(
    '/api/v1/meetings',
    {
      preValidation: requireUser,
      schema: {
        tags,
        summary: 'List meetings (signed-in users)',
        description:
          'Newest first; filters `body`, `status`, `from`, `to` (dates inclusive); cursor paging. Meetings are not public (401).',
        querystring: ListMeetingsQuery,
        response: { 200: MeetingListSchema, 400: ProblemSchema, 401: ProblemSchema },
      },
    },
    async (request) => {
      const { cursor, ...filter } = request.query;
      const page = await listMeetings({
        actor: request.actor,
        filter: { ...filter, cursor: decodePageCursor(cursor) },
        governance,
      });
      const known = await bodies();
      return {
        items: page.items.map((m) => presentMeeting(m, known, request.language, request.actor)),
        nextCursor: encodePageCursor(page.nextCursor),
      };
    },
  );

  api.get(
    '/api/v1/meetings/:id',
    {
      preValidation: requireUser,
      schema: {
        tags,
        summary: 'Get a meeting with its agenda (signed-in users)',
        description: 'Agenda items on obstacles the caller may not read are left out.',
        params: MeetingIdParams,
        response: { 200: MeetingSchema, 401: ProblemSchema, 404: ProblemSchema },
      },
    },
    async (request, reply) => {
      const meeting = await getMeeting({ actor: request.actor, id: request.params.id, governance });
      return withVersion(reply, meeting.version).send(presentMeeting(meeting, await bodies(), request.language, request.actor));
    },
  );

  api.post(
    '/api/v1/meetings',
    {
      preValidation: requireUser,
      schema: {
        tags,
        summary: 'Plan a meeting of a governing body (the secretariat)',
        body: CreateMeetingRequest,
        response: { 201: MeetingSchema, ...problems },
      },
    },
    async (request, reply) => {
      const meeting = await planMeeting({ actor: request.actor, input: request.body, uow: persistence, clock, ids });
      return withVersion(reply, meeting.version)
        .code(201)
        .header('location', `/api/v1/meetings/${meeting.id}`)
        .send(presentMeeting(meeting, await bodies(), request.language, request.actor));
    },
  );

  api.patch(
    '/api/v1/meetings/:id',
    {
      preValidation: requireUser,
      schema: {
        tags,
        summary: 'Change a meeting (the secretariat)',
        description: 'Date, place, language, status; with `If-Match` (428 without, 412 when stale).',
        params: MeetingIdParams,
        body: UpdateMeetingRequest,
        response: { 200: MeetingSchema, ...writeProblems },
      },
    },
    async (request, reply) => {
      const expectedVersion = parseIfMatch(request.headers['if-match']);
      const meeting = await updateMeeting({
        actor: request.actor,
        id: request.params.id,
        expectedVersion,
        changes: request.body,
        uow: persistence,
        clock,
      });
      return withVersion(reply, meeting.version).send(presentMeeting(meeting, await bodies(), request.language, request.actor));
    },
  );

  api.put(
    '/api/v1/meetings/:id/agenda',
    {
      preValidation: requireUser,
      schema: {
        tags,
        summary: 'Set the agenda of a meeting (the secretariat)',
        description:
          'The ordered list replaces the stored agenda; with the meeting’s `If-Match` (428 without, 412 when stale). An unknown or repeated obstacle is 400 naming `items.<n>.obstacle`.',
        params: MeetingIdParams,
        body: SetAgendaRequest,
        response: { 200: MeetingSchema, ...writeProblems },
      },
    },
    async (request, reply) => {
      const expectedVersion = parseIfMatch(request.headers['if-match']);
      const meeting = await setAgenda({
        actor: request.actor,
        id: request.params.id,
        expectedVersion,
        input: request.body,
        uow: persistence,
        clock,
      });
      return withVersion(reply, meeting.version).send(presentMeeting(meeting, await bodies(), request.language, request.actor));
    },
  );

  api.get(
    '/api/v1/meetings/:id/agenda-proposal',
    {
      preValidation: requireUser,
      schema: {
        tags,
        summary: 'The agenda Schakel proposes for a meeting (the secretariat)',
        description:
          'Changes nothing. First the obstacles escalated to the political level for this body (reason `escalated`: an open action climbed the escalation ladder to the top and this body decided on the obstacle; docs/MONITORING.md). Then obstacles the body covers (on every side of the obstacle’s border segment, one of its governments is the body’s): those `routed`, longest unchanged first, then cold cases (on the `monitoring_list` and unchanged for more than 6 months before the meeting date). A routed obstacle unchanged that long is marked `cold_case` too. Obstacles already on the agenda are left out.',
        params: MeetingIdParams,
        response: { 200: AgendaProposalSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema },
      },
    },
    async (request) => {
      const { meeting, items } = await proposeMeetingAgenda({
        actor: request.actor,
        id: request.params.id,
        governance,
        reference: persistence.reference,
      });
      return presentProposal(meeting, items, request.language);
    },
  );

  api.get(
    '/api/v1/meetings/:id/agenda.docx',
    {
      preValidation: requireUser,
      schema: {
        tags,
        summary: 'The agenda as a Word document (signed-in users)',
        description: 'In the meeting’s language; titles in another language where the meeting’s is missing.',
        params: MeetingIdParams,
        response: { 401: ProblemSchema, 404: ProblemSchema },
      },
    },
    async (request, reply) => {
      const meeting = await getMeeting({ actor: request.actor, id: request.params.id, governance });
      const body = (await bodies()).get(meeting.body);
      if (!body) throw new Error(`the body ${meeting.body} of meeting ${meeting.id} is gone`);
      const file = await agendaDocx(meeting, body);
      // A file, not JSON: sent as it is (the untyped reply; the schema declares only the problems).
      return (reply as FastifyReply)
        .type(DOCX_TYPE)
        .header('content-disposition', `attachment; filename="${documentFileName('agenda', body.key, meeting.date)}"`)
        .header('cache-control', 'no-store')
        .send(file);
    },
  );

  api.get(
    '/api/v1/meetings/:id/decisions.docx',
    {
      preValidation: requireUser,
      schema: {
        tags,
        summary: 'The decisions of a meeting as a Word document (signed-in users)',
        description: 'In the meeting’s language: type, text, reasons, conditions, political owners, departments, due date.',
        params: MeetingIdParams,
        response: { 401: ProblemSchema, 404: ProblemSchema },
      },
    },
    async (request, reply) => {
      const meeting = await getMeeting({ actor: request.actor, id: request.params.id, governance });
      const body = (await bodies()).get(meeting.body);
      if (!body) throw new Error(`the body ${meeting.body} of meeting ${meeting.id} is gone`);
      const page = await listDecisions({
        actor: request.actor,
        filter: { meeting: meeting.id, limit: DOCUMENT_DECISIONS },
        governance,
      });
      // Oldest first in a record of the meeting.
      const file = await decisionsDocx(meeting, body, [...page.items].reverse(), await persistence.catalogue.get());
      return (reply as FastifyReply)
        .type(DOCX_TYPE)
        .header('content-disposition', `attachment; filename="${documentFileName('decisions', body.key, meeting.date)}"`)
        .header('cache-control', 'no-store')
        .send(file);
    },
  );

  // ---- decisions

  api.get(
    '/api/v1/decisions',
    {
      schema: {
        tags,
        summary: 'The decision register',
        description:
          'Decisions on obstacles the caller may read (the public: on `public` obstacles), newest first; filters `body`, `obstacle` (id or reference), `meeting`, `type` (comma-separated), `from`, `to`; cursor paging.',
        querystring: ListDecisionsQuery,
        response: { 200: DecisionListSchema, 400: ProblemSchema },
      },
    },
    async (request) => {
      const { cursor, ...filter } = request.query;
      const page = await listDecisions({
        actor: request.actor,
        filter: { ...filter, cursor: decodePageCursor(cursor) },
        governance,
      });
      const known = await bodies();
      return {
        items: page.items.map((d) => presentDecision(d, known, request.language, request.actor)),
        nextCursor: encodePageCursor(page.nextCursor),
      };
    },
  );

  api.get(
    '/api/v1/decisions/:id',
    {
      schema: {
        tags,
        summary: 'Get one decision',
        description: 'A decision on an obstacle the caller may not read is 404, as if it did not exist.',
        params: DecisionIdParams,
        response: { 200: DecisionSchema, 404: ProblemSchema },
      },
    },
    async (request, reply) => {
      const decision = await getDecision({ actor: request.actor, id: request.params.id, governance });
      return withVersion(reply, decision.version).send(
        presentDecision(decision, await bodies(), request.language, request.actor),
      );
    },
  );

  api.post(
    '/api/v1/decisions',
    {
      preValidation: requireUser,
      schema: {
        tags,
        summary: 'Record a decision of a governing body (the secretariat, decision makers)',
        description:
          'Send the obstacle’s version as `If-Match` (428 without, 412 when stale). The obstacle must be `routed` (else 409 `transition_not_allowed`, nothing written). In one transaction: the decision, its follow-up `actions` (optional), and the obstacle’s moves through the lifecycle — `decide` then `start_work` (→ `in_progress`), or `decide` then `decide_not_to_solve` (→ `unsolvable`) for `not_to_be_solved`; `deferred` leaves it `routed` — each with its audit event. `reasons` is required for `not_to_be_solved` and `deferred`; a meeting must be one of the body (400 `other_body`).',
        body: CreateDecisionRequest,
        response: { 201: DecisionSchema, ...writeProblems, 409: ProblemSchema },
      },
    },
    async (request, reply) => {
      const expectedVersion = parseIfMatch(request.headers['if-match']);
      const decision = await recordDecision({
        actor: request.actor,
        input: { ...request.body, ...(request.body.dueOn === undefined ? {} : { dueOn: request.body.dueOn }) },
        expectedVersion,
        uow: persistence,
        clock,
        ids,
        settings: await context.monitoringSettings(),
      });
      return withVersion(reply, decision.version)
        .code(201)
        .header('location', `/api/v1/decisions/${decision.id}`)
        .send(presentDecision(decision, await bodies(), request.language, request.actor));
    },
  );

  api.patch(
    '/api/v1/decisions/:id',
    {
      preValidation: requireUser,
      schema: {
        tags,
        summary: 'Correct a decision (the secretariat, decision makers)',
        description:
          'Texts, reasons, conditions, owners, departments, due date; with the decision’s `If-Match` (428 without, 412 when stale). Body, meeting, obstacle and type do not change.',
        params: DecisionIdParams,
        body: UpdateDecisionRequest,
        response: { 200: DecisionSchema, ...writeProblems },
      },
    },
    async (request, reply) => {
      const expectedVersion = parseIfMatch(request.headers['if-match']);
      const decision = await updateDecision({
        actor: request.actor,
        id: request.params.id,
        expectedVersion,
        changes: request.body,
        uow: persistence,
        clock,
      });
      return withVersion(reply, decision.version).send(
        presentDecision(decision, await bodies(), request.language, request.actor),
      );
    },
  );
}
