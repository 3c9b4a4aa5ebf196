import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ProblemSchema } from '../../contracts/common.contract.js';
import {
  AnswerRequest,
  DocumentQuery,
  ItemIdParams,
  type ItemResponse,
  ItemSchema,
  OpenRoundRequest,
  ReminderSchema,
  RoundIdParams,
  type RoundListResponse,
  RoundListSchema,
  type RoundResponse,
  RoundSchema,
} from '../../contracts/state-of-play.contract.js';
import { type Actor, can } from '../../core/access/access.js';
import { AppError } from '../../core/shared/errors.js';
import { type Language, resolveText } from '../../core/shared/language.js';
import { answerStateOfPlayItem } from '../../core/state-of-play/answer-state-of-play-item.js';
import { closeStateOfPlayRound } from '../../core/state-of-play/close-state-of-play-round.js';
import { openStateOfPlayRound } from '../../core/state-of-play/open-state-of-play-round.js';
import { getStateOfPlayRound, listStateOfPlayRounds, type RoundAbility } from '../../core/state-of-play/read-state-of-play.js';
import { remindStateOfPlay } from '../../core/state-of-play/remind-state-of-play.js';
import type {
  DepartmentProgress,
  StateOfPlayItem,
  StateOfPlayOverview,
  StateOfPlayRound,
} from '../../core/state-of-play/state-of-play.js';
import type { AppContext } from '../context.js';
import { DOCX_TYPE } from '../documents/meeting-documents.js';
import { stateOfPlayDocx, stateOfPlayFileName } from '../documents/state-of-play-document.js';
import { requireUser } from '../plugins/authentication.js';
import { parseIfMatch } from './obstacles.js';

const tags = ['state of play'];
const ERRORS = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema } as const;

function presentRoundFields(round: StateOfPlayRound) {
  return {
    id: round.id,
    title: round.title,
    referenceDate: round.referenceDate,
    horizon: round.horizon,
    answerDueOn: round.answerDueOn,
    status: round.status,
    openedAt: round.openedAt.toISOString(),
    closedAt: round.closedAt ? round.closedAt.toISOString() : null,
    remindedAt: round.remindedAt ? round.remindedAt.toISOString() : null,
    reminders: round.reminders,
    version: round.version,
  };
}

function presentDepartments(departments: readonly DepartmentProgress[]) {
  return departments.map((d) => ({ ...d }));
}

function presentItem(item: StateOfPlayItem, language: Language): ItemResponse {
  return {
    id: item.id,
    organisation: item.organisation,
    actionId: item.actionId,
    obstacle: {
      id: item.obstacle.id,
      reference: item.obstacle.reference,
      title: resolveText(item.obstacle.title, language, item.obstacle.sourceLanguage) ?? null,
    },
    title: resolveText(item.title, language, item.sourceLanguage) ?? null,
    dueOn: item.dueOn,
    status: item.status,
    progress: item.progress,
    overdue: item.overdue,
    answer: item.answer
      ? {
          status: item.answer.status,
          progress: item.answer.progress,
          forecastOn: item.answer.forecastOn,
          note: item.answer.note,
          answeredAt: item.answer.answeredAt.toISOString(),
        }
      : null,
    version: item.version,
  };
}

function presentRound(
  round: StateOfPlayRound,
  overview: StateOfPlayOverview,
  abilities: RoundAbility[],
  language: Language,
): RoundResponse {
  return {
    ...presentRoundFields(round),
    departments: presentDepartments(overview.departments),
    missed: overview.missed,
    items: overview.items.map((item) => presentItem(item, language)),
    abilities,
  };
}

function canOpen(actor: Actor): boolean {
  return can(actor, 'manage_state_of_play');
}

/**
 * The half-yearly state of play (docs/MONITORING.md): rounds the secretariat opens, reminds and
 * closes; departments answer on their own items; the overview of a closed round as a .docx.
 */
export function stateOfPlayRoutes(app: FastifyInstance, context: AppContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { persistence, clock, ids } = context;

  api.get(
    '/api/v1/state-of-play',
    {
      preValidation: requireUser,
      schema: {
        tags,
        summary: 'The state-of-play rounds',
        description:
          'Newest first. The secretariat reads every round with every department’s progress; a department user the rounds with items of its own department, with its own progress. Others: 403.',
        response: { 200: RoundListSchema, 401: ProblemSchema, 403: ProblemSchema },
      },
    },
    async (request, reply) => {
      const rounds = await listStateOfPlayRounds({ actor: request.actor, repository: persistence.stateOfPlay });
      const body: RoundListResponse = {
        items: rounds.map((r) => ({ ...presentRoundFields(r.round), departments: presentDepartments(r.departments) })),
        canOpen: canOpen(request.actor),
      };
      return reply.header('cache-control', 'no-store').send(body);
    },
  );

  api.post(
    '/api/v1/state-of-play',
    {
      preValidation: requireUser,
      schema: {
        tags,
        summary: 'Open a state-of-play round',
        description:
          'The secretariat (403 for others); one open round at a time (409 `state_of_play_round_open`). Selects per department (the owner organisation of actions) its open items: actions not done or cancelled that are overdue on the reference date or due within six calendar months of it. The round, its items, the audit event and the `state_of_play_request` notifications to the department users of each department with items (one per obstacle) are one transaction.',
        body: OpenRoundRequest,
        response: { 201: RoundSchema, ...ERRORS, 409: ProblemSchema },
      },
    },
    async (request, reply) => {
      const { round, items } = await openStateOfPlayRound({
        actor: request.actor,
        input: request.body,
        uow: persistence,
        clock,
        ids,
      });
      const view = await getStateOfPlayRound({ actor: request.actor, id: round.id, repository: persistence.stateOfPlay });
      if (view.overview.items.length !== items.length) throw new Error('the items of a new round changed');
      return reply
        .code(201)
        .header('etag', `"${round.version}"`)
        .header('location', `/api/v1/state-of-play/${round.id}`)
        .send(presentRound(view.round, view.overview, view.abilities, request.language));
    },
  );

  api.get(
    '/api/v1/state-of-play/:id',
    {
      preValidation: requireUser,
      schema: {
        tags,
        summary: 'One round with its overview',
        description:
          'The secretariat: every department’s progress and items with their answers, and `missed` (the departments that did not answer every item). A department user: only its own items (404 for a round without any). Others: 403.',
        params: RoundIdParams,
        response: { 200: RoundSchema, ...ERRORS },
      },
    },
    async (request, reply) => {
      const view = await getStateOfPlayRound({
        actor: request.actor,
        id: request.params.id,
        repository: persistence.stateOfPlay,
      });
      return reply
        .header('etag', `"${view.round.version}"`)
        .header('cache-control', 'no-store')
        .send(presentRound(view.round, view.overview, view.abilities, request.language));
    },
  );

  api.put(
    '/api/v1/state-of-play/:id/items/:itemId/answer',
    {
      preValidation: requireUser,
      schema: {
        tags,
        summary: 'Answer on an item (its department)',
        description:
          'With `If-Match` on the item’s version (428 without, 412 when stale). Only the department that owns the item (403 for others, the secretariat included), only while the round is open (409). `forecastOn` is required while the status is `planned` or `in_progress`; `done` needs progress 100 (400 naming the field). The answer also reports status and progress on the underlying action (audited as `action.update`), in the same transaction as the answer and its audit event `state_of_play.answer`.',
        params: ItemIdParams,
        body: AnswerRequest,
        response: { 200: ItemSchema, ...ERRORS, 409: ProblemSchema, 412: ProblemSchema, 428: ProblemSchema },
      },
    },
    async (request, reply) => {
      const expectedVersion = parseIfMatch(request.headers['if-match']);
      const item = await answerStateOfPlayItem({
        actor: request.actor,
        roundId: request.params.id,
        itemId: request.params.itemId,
        expectedVersion,
        input: request.body,
        uow: persistence,
        clock,
        settings: await context.monitoringSettings(),
      });
      return reply.header('etag', `"${item.version}"`).send(presentItem(item, request.language));
    },
  );

  api.post(
    '/api/v1/state-of-play/:id/reminders',
    {
      preValidation: requireUser,
      schema: {
        tags,
        summary: 'Remind the departments that have not answered',
        description:
          'The secretariat. Sends `state_of_play_reminder` to the department users of every department with at least one item not answered (one per obstacle of those items); departments that answered every item get nothing. 409 when the round is closed. Audited as `state_of_play.remind`. A weekly job does the same for the open round (docs/MONITORING.md).',
        params: RoundIdParams,
        response: { 200: ReminderSchema, ...ERRORS, 409: ProblemSchema },
      },
    },
    async (request, reply) => {
      const run = await remindStateOfPlay({ actor: request.actor, roundId: request.params.id, uow: persistence, clock, ids });
      return reply.send({ departments: run.departments, notifications: run.notifications });
    },
  );

  api.post(
    '/api/v1/state-of-play/:id/close',
    {
      preValidation: requireUser,
      schema: {
        tags,
        summary: 'Close a round and get its overview',
        description:
          'The secretariat, with `If-Match` on the round’s version (428 without, 412 when stale); 409 when it is closed already. The round is frozen from then on; the answer is the overview, with `missed` naming the departments that did not answer every item. Audited as `state_of_play.close`.',
        params: RoundIdParams,
        response: { 200: RoundSchema, ...ERRORS, 409: ProblemSchema, 412: ProblemSchema, 428: ProblemSchema },
      },
    },
    async (request, reply) => {
      const expectedVersion = parseIfMatch(request.headers['if-match']);
      const { round } = await closeStateOfPlayRound({
        actor: request.actor,
        id: request.params.id,
        expectedVersion,
        uow: persistence,
        clock,
      });
      const view = await getStateOfPlayRound({ actor: request.actor, id: round.id, repository: persistence.stateOfPlay });
      return reply
        .header('etag', `"${view.round.version}"`)
        .send(presentRound(view.round, view.overview, view.abilities, request.language));
    },
  );

  api.get(
    '/api/v1/state-of-play/:id/overview.docx',
    {
      preValidation: requireUser,
      schema: {
        tags,
        summary: 'The overview of a closed round as a Word document',
        description:
          'In `lang` (default the request’s language): per department its items and answers, and the departments that missed the round named explicitly. Whoever reads the round (a department: its own part); 409 `state_of_play_round_not_closed` while the round is open.',
        params: RoundIdParams,
        querystring: DocumentQuery,
        response: { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema },
      },
    },
    async (request, reply) => {
      const view = await getStateOfPlayRound({
        actor: request.actor,
        id: request.params.id,
        repository: persistence.stateOfPlay,
      });
      if (view.round.status !== 'closed') throw new AppError('state_of_play_round_not_closed', { params: { id: view.round.id } });
      const language = request.query.lang ?? request.language;
      const catalogue = await persistence.reference.catalogue();
      const names = new Map(catalogue.organisations.map((o) => [o.key, o.name]));
      const file = await stateOfPlayDocx(view.round, view.overview, language, names);
      // A file, not JSON: sent as it is (the untyped reply; the schema declares only the problems).
      return (reply as FastifyReply)
        .type(DOCX_TYPE)
        .header('content-disposition', `attachment; filename="${stateOfPlayFileName(view.round)}"`)
        .header('content-language', language)
        .header('cache-control', 'no-store')
        .send(file);
    },
  );
}
