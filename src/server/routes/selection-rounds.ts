import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ProblemSchema } from '../../contracts/common.contract.js';
import {
  AddCandidatesRequest,
  AggregateSchema,
  AmendmentSchema,
  AmendRequest,
  ApproveRequest,
  ApproveResultSchema,
  CandidateParams,
  CandidatesResponseSchema,
  CompareParams,
  CompareSchema,
  CreateRoundRequest,
  ProgressSchema,
  ReportQuery,
  RoundDetailSchema,
  RoundIdParams,
  RoundListSchema,
  type RoundResponse,
  RoundSchema,
  ScoreListSchema,
  ScoresQuery,
  ScoresRequest,
  ScoresResultSchema,
  SetRulesRequest,
  SolutionParams,
  SolutionSchema,
  SolveAcceptedSchema,
  SolveRequest,
  UpdateRoundRequest,
} from '../../contracts/selection-rounds.contract.js';
import type { Actor } from '../../core/access/access.js';
import { addSelectionCandidates } from '../../core/selection-rounds/add-selection-candidates.js';
import { aggregateRoundScores } from '../../core/selection-rounds/aggregate-round-scores.js';
import { amendSelectionPortfolio } from '../../core/selection-rounds/amend-selection-portfolio.js';
import { approveSelectionRound } from '../../core/selection-rounds/approve-selection-round.js';
import { compareSelectionSolutions } from '../../core/selection-rounds/compare-selection-solutions.js';
import { createSelectionRound } from '../../core/selection-rounds/create-selection-round.js';
import { getScoringProgress } from '../../core/selection-rounds/get-scoring-progress.js';
import { getSelectionRound, listSelectionRounds, roundAbilities } from '../../core/selection-rounds/get-selection-round.js';
import { getSelectionSolution } from '../../core/selection-rounds/get-selection-solution.js';
import { listSelectionScores } from '../../core/selection-rounds/list-selection-scores.js';
import { recordSelectionScores } from '../../core/selection-rounds/record-selection-scores.js';
import { removeSelectionCandidate } from '../../core/selection-rounds/remove-selection-candidate.js';
import type { RoundCandidate, SelectionAmendment, SelectionRound, SelectionSolution } from '../../core/selection-rounds/round.js';
import { setSelectionRules } from '../../core/selection-rounds/set-selection-rules.js';
import { cancelSelectionSolve, startSelectionSolve } from '../../core/selection-rounds/solve-selection-round.js';
import { updateSelectionRound } from '../../core/selection-rounds/update-selection-round.js';
import { AppError } from '../../core/shared/errors.js';
import { type Language, resolveText } from '../../core/shared/language.js';
import type { ActorName } from '../actor-names.js';
import type { AppContext } from '../context.js';
import { requireUser } from '../plugins/authentication.js';
import { roundReportDocx } from '../selection/round-report.js';
import { buildScoreSheet, parseScoreSheet, XLSX_TYPE } from '../selection/score-sheet.js';
import { parseIfMatch } from './obstacles.js';

const tags = ['selection'];
const BASE = '/api/v1/selection-rounds';
const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
/** A filled-in score spreadsheet is small; 5 MB is generous. */
const XLSX_LIMIT = 5 * 1024 * 1024;

const E = { 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema } as const;

export function presentRound(round: SelectionRound, actor: Actor): RoundResponse {
  return {
    id: round.id,
    name: round.name,
    segment: round.segment,
    periodStart: round.periodStart,
    periodEnd: round.periodEnd,
    capacity: round.capacity,
    effortBudget: round.effortBudget,
    criteria: round.criteria,
    aggregation: round.aggregation,
    partners: round.partners,
    scoringDeadline: round.scoringDeadline,
    status: round.status,
    rules: round.rules,
    approvedSolutionId: round.approvedSolutionId,
    version: round.version,
    createdAt: round.createdAt.toISOString(),
    updatedAt: round.updatedAt.toISOString(),
    abilities: roundAbilities(actor, round),
  };
}

function presentCandidate(c: RoundCandidate, language: Language) {
  return {
    obstacleId: c.obstacleId,
    reference: c.reference,
    title: resolveText(c.title, language, c.sourceLanguage)?.value ?? null,
    status: c.status,
    themes: c.themes,
    effort: c.effort,
    side: c.side,
    subRegion: c.subRegion,
    leadDepartment: c.leadDepartment,
    must: c.must,
  };
}

function presentSummary(s: SelectionSolution) {
  return {
    id: s.id,
    status: s.status,
    failure: s.failure,
    objective: s.objective,
    gap: s.gap,
    createdAt: s.createdAt.toISOString(),
    finishedAt: s.finishedAt ? s.finishedAt.toISOString() : null,
  };
}

function presentAmendment(a: SelectionAmendment, names: ReadonlyMap<string, ActorName>) {
  return {
    id: a.id,
    solutionId: a.solutionId,
    obstacleId: a.obstacleId,
    change: a.change,
    reason: a.reason,
    createdAt: a.createdAt.toISOString(),
    createdBy: a.createdBy,
    createdByName: names.get(a.createdBy) ?? null,
  };
}

function presentSolution(s: SelectionSolution, amendments: SelectionAmendment[], names: ReadonlyMap<string, ActorName>) {
  return {
    ...presentSummary(s),
    bound: s.bound,
    ms: s.ms,
    selected: s.selected,
    explanations: s.explanations,
    conflicts: s.conflicts,
    comparison: s.comparison,
    params: { ...s.params, rules: s.params.rules as Record<string, unknown> },
    amendments: amendments.map((a) => presentAmendment(a, names)),
  };
}

/** Selection rounds (docs/SELECTION.md, "Rounds"): set-up, scoring (JSON and .xlsx), solving, what-if, amendments, approval, report. */
export function selectionRoundRoutes(app: FastifyInstance, context: AppContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { persistence, clock, ids, actorNames } = context;
  const rounds = persistence.selectionRounds;
  /** The names of the users who made amendments, as the amendments show who made them. */
  const namesOf = (amendments: readonly SelectionAmendment[]) => actorNames.lookup(amendments.map((a) => a.createdBy));

  app.addContentTypeParser(XLSX_TYPE, { parseAs: 'buffer', bodyLimit: XLSX_LIMIT }, (_request, body, done) => done(null, body));

  api.get(
    BASE,
    {
      preValidation: requireUser,
      schema: {
        tags,
        summary: 'Selection rounds',
        description:
          'Newest first. The secretariat and decision makers see every round; a partner user the rounds its organisation takes part in; other roles 403.',
        response: { 200: RoundListSchema, 401: ProblemSchema, 403: ProblemSchema },
      },
    },
    async (request, reply) => {
      const list = await listSelectionRounds({ actor: request.actor, rounds });
      return reply.header('cache-control', 'no-store').send({ items: list.map((r) => presentRound(r, request.actor)) });
    },
  );

  api.post(
    BASE,
    {
      preValidation: requireUser,
      schema: {
        tags,
        summary: 'Set up a selection round (the secretariat)',
        description:
          'In `draft`. Criteria default to the five seeded ones (impact 30, people_affected 20, urgency 20, solvability 15, priority_theme_fit 15), aggregation to `mean`. A capacity or an effort budget is required (400 naming `capacity`); segment and partners must exist. Audited.',
        body: CreateRoundRequest,
        response: { 201: RoundSchema, 400: ProblemSchema, ...E },
      },
    },
    async (request, reply) => {
      const round = await createSelectionRound({ actor: request.actor, input: request.body, uow: persistence, clock, ids });
      return reply
        .code(201)
        .header('etag', `"${round.version}"`)
        .header('location', `${BASE}/${round.id}`)
        .send(presentRound(round, request.actor));
    },
  );

  api.get(
    `${BASE}/:id`,
    {
      preValidation: requireUser,
      schema: {
        tags,
        summary: 'One selection round with its candidates, solutions and amendments',
        description: 'For whoever reads it (404 otherwise). The ETag is the round’s version, for If-Match.',
        params: RoundIdParams,
        response: { 200: RoundDetailSchema, ...E },
      },
    },
    async (request, reply) => {
      const found = await getSelectionRound({ actor: request.actor, id: request.params.id, rounds });
      const names = await namesOf(found.amendments);
      return reply
        .header('etag', `"${found.round.version}"`)
        .header('cache-control', 'no-store')
        .send({
          ...presentRound(found.round, request.actor),
          candidates: found.candidates.map((c) => presentCandidate(c, request.language)),
          solutions: found.solutions.map(presentSummary),
          amendments: found.amendments.map((a) => presentAmendment(a, names)),
        });
    },
  );

  api.patch(
    `${BASE}/:id`,
    {
      preValidation: requireUser,
      schema: {
        tags,
        summary: 'Change a round: set-up, weights, status draft ↔ scoring (the secretariat)',
        description:
          'With If-Match (428 without, 412 when stale). After a solve the weights may change (a what-if: solve again). An approved round no longer changes (409). Audited.',
        params: RoundIdParams,
        body: UpdateRoundRequest,
        response: { 200: RoundSchema, 400: ProblemSchema, ...E, 409: ProblemSchema, 412: ProblemSchema, 428: ProblemSchema },
      },
    },
    async (request, reply) => {
      const expectedVersion = parseIfMatch(request.headers['if-match']);
      const round = await updateSelectionRound({
        actor: request.actor,
        id: request.params.id,
        expectedVersion,
        changes: request.body,
        uow: persistence,
        clock,
      });
      return reply.header('etag', `"${round.version}"`).send(presentRound(round, request.actor));
    },
  );

  api.post(
    `${BASE}/:id/candidates`,
    {
      preValidation: requireUser,
      schema: {
        tags,
        summary: 'Add candidates: obstacles in `proposed` of the round’s segment (the secretariat)',
        description:
          'While the round is a draft or being scored (409 otherwise). Side, sub-region and lead department are derived where they can be (the side its governments lie on, its first region of the segment, the competence matrix’s lead) and else required; every problem named as `candidates.<i>.<field>`, nothing added unless all are fine. Raises the round’s version.',
        params: RoundIdParams,
        body: AddCandidatesRequest,
        response: { 201: CandidatesResponseSchema, 400: ProblemSchema, ...E, 409: ProblemSchema },
      },
    },
    async (request, reply) => {
      const { round, candidates } = await addSelectionCandidates({
        actor: request.actor,
        id: request.params.id,
        inputs: request.body.candidates,
        uow: persistence,
        clock,
      });
      return reply
        .code(201)
        .header('etag', `"${round.version}"`)
        .send({ version: round.version, items: candidates.map((c) => presentCandidate(c, request.language)) });
    },
  );

  api.delete(
    `${BASE}/:id/candidates/:obstacle`,
    {
      preValidation: requireUser,
      schema: {
        tags,
        summary: 'Remove a candidate and its scores (the secretariat)',
        description: 'While the round is a draft or being scored (409 otherwise); 404 when the obstacle is not a candidate.',
        params: CandidateParams,
        response: { 204: z.null().meta({ description: 'Removed' }), ...E, 409: ProblemSchema },
      },
    },
    async (request, reply) => {
      const round = await removeSelectionCandidate({
        actor: request.actor,
        id: request.params.id,
        obstacle: request.params.obstacle,
        uow: persistence,
        clock,
      });
      return reply.code(204).header('etag', `"${round.version}"`).send(null);
    },
  );

  api.put(
    `${BASE}/:id/rules`,
    {
      preValidation: requireUser,
      schema: {
        tags,
        summary: 'Replace the balance rules (the secretariat)',
        description:
          'With If-Match on the round (428, 412). Shares per side (0–100, min ≤ max), a maximum per theme and per lead department, a minimum per sub-region (a number for every key, or an object per key), `exactCapacity`. Sides and sub-regions of the round’s segment, known themes and departments; every problem named. Keep and leave-out are per candidate (`must`): with `keep` and/or `exclude` (ids or references of candidates, `keep.<i>` `not_a_candidate` / `duplicate`) every candidate’s `must` is set in the same write (those not named: neither). `effortBudget` sets the round’s budget in the same write.',
        params: RoundIdParams,
        body: SetRulesRequest,
        response: { 200: RoundSchema, 400: ProblemSchema, ...E, 409: ProblemSchema, 412: ProblemSchema, 428: ProblemSchema },
      },
    },
    async (request, reply) => {
      const expectedVersion = parseIfMatch(request.headers['if-match']);
      const { keep, exclude, effortBudget, ...rules } = request.body;
      const round = await setSelectionRules({
        actor: request.actor,
        id: request.params.id,
        expectedVersion,
        rules,
        ...(keep !== undefined || exclude !== undefined ? { must: { keep: keep ?? [], exclude: exclude ?? [] } } : {}),
        ...(effortBudget !== undefined ? { effortBudget } : {}),
        uow: persistence,
        clock,
      });
      return reply.header('etag', `"${round.version}"`).send(presentRound(round, request.actor));
    },
  );

  api.get(
    `${BASE}/:id/scores`,
    {
      preValidation: requireUser,
      schema: {
        tags,
        summary: 'Scores of the round',
        description:
          'A partner user sees only its own organisation’s scores until the round is solved; the secretariat (and, once solved, everyone who reads the round) all of them, or one organisation’s with `organisation`.',
        params: RoundIdParams,
        querystring: ScoresQuery,
        response: { 200: ScoreListSchema, 400: ProblemSchema, ...E },
      },
    },
    async (request, reply) => {
      const { scores } = await listSelectionScores({
        actor: request.actor,
        id: request.params.id,
        organisation: request.query.organisation,
        rounds,
      });
      return reply.header('cache-control', 'no-store').send({
        items: scores.map((s) => ({
          organisation: s.organisation,
          obstacleId: s.obstacleId,
          criterion: s.criterion,
          score: s.score,
          comment: s.comment,
          scoredAt: s.scoredAt.toISOString(),
        })),
      });
    },
  );

  api.put(
    `${BASE}/:id/scores`,
    {
      preValidation: requireUser,
      schema: {
        tags,
        summary: 'Record a partner’s scores (a batch)',
        description:
          'With If-Match on the round’s version (428, 412 when the set-up changed since: candidates, criteria, status); recording scores does not change the version, so partners score side by side. A partner user scores for its own organisation only (403 for another) and until the deadline (409 after it); the secretariat may score on a partner’s behalf (`organisation`). Each cell replaces that organisation’s earlier score; every problem named (`scores.<i>.<field>`), nothing written unless every cell is fine.',
        params: RoundIdParams,
        body: ScoresRequest,
        response: {
          200: ScoresResultSchema,
          400: ProblemSchema,
          ...E,
          409: ProblemSchema,
          412: ProblemSchema,
          428: ProblemSchema,
        },
      },
    },
    async (request, reply) => {
      const expectedVersion = parseIfMatch(request.headers['if-match']);
      const result = await recordSelectionScores({
        actor: request.actor,
        id: request.params.id,
        expectedVersion,
        organisation: request.body.organisation,
        scores: request.body.scores,
        uow: persistence,
        clock,
      });
      return reply.send(result);
    },
  );

  api.get(
    `${BASE}/:id/scores.xlsx`,
    {
      preValidation: requireUser,
      schema: {
        tags,
        summary: 'A partner’s score template (.xlsx), filled in with its scores so far',
        description:
          'One row per candidate, one column per criterion (key in row 1, label in row 2 in the caller’s language); score cells accept whole numbers 1–5 (data validation), the rest is locked. The caller’s own organisation, or `organisation` for the secretariat.',
        params: RoundIdParams,
        querystring: ScoresQuery,
        response: { 400: ProblemSchema, ...E },
      },
    },
    async (request, reply) => {
      const actor = request.actor;
      const { round, scores } = await listSelectionScores({
        actor,
        id: request.params.id,
        organisation: request.query.organisation,
        rounds,
      });
      const organisation = request.query.organisation ?? (actor.kind === 'user' ? actor.organisation : '');
      if (!round.partners.includes(organisation)) {
        throw new AppError('validation_failed', {
          fields: [{ name: 'organisation', code: 'not_participating', params: { value: organisation } }],
        });
      }
      const file = await buildScoreSheet({
        round,
        candidates: await rounds.candidates(round.id),
        scores: scores.filter((s) => s.organisation === organisation),
        organisation,
        language: request.language,
      });
      return (reply as FastifyReply)
        .type(XLSX_TYPE)
        .header('etag', `"${round.version}"`)
        .header('content-disposition', `attachment; filename="scores-${organisation}.xlsx"`)
        .header('cache-control', 'no-store')
        .send(file);
    },
  );

  api.put(
    `${BASE}/:id/scores.xlsx`,
    {
      preValidation: requireUser,
      schema: {
        tags,
        summary: 'Upload a filled-in score template (.xlsx)',
        description: `Body: the workbook (Content-Type ${XLSX_TYPE}). With If-Match on the round, as PUT …/scores. Every cell is checked and every problem named by sheet and cell (\`Scores!D5\`); nothing changes on any error. Empty cells are not scored.`,
        params: RoundIdParams,
        querystring: ScoresQuery,
        response: {
          200: ScoresResultSchema,
          400: ProblemSchema,
          ...E,
          409: ProblemSchema,
          412: ProblemSchema,
          415: ProblemSchema,
          428: ProblemSchema,
        },
      },
    },
    async (request, reply) => {
      const expectedVersion = parseIfMatch(request.headers['if-match']);
      if (!Buffer.isBuffer(request.body)) throw new AppError('unsupported_media_type');
      const round = await getSelectionRound({ actor: request.actor, id: request.params.id, rounds });
      const { scores, cellOf } = await parseScoreSheet(request.body, round.round);
      const result = await recordSelectionScores({
        actor: request.actor,
        id: request.params.id,
        expectedVersion,
        organisation: request.query.organisation,
        scores,
        fieldOf: cellOf,
        uow: persistence,
        clock,
      });
      return reply.send(result);
    },
  );

  api.get(
    `${BASE}/:id/progress`,
    {
      preValidation: requireUser,
      schema: {
        tags,
        summary: 'Scoring progress per partner (counts, not scores)',
        params: RoundIdParams,
        response: { 200: ProgressSchema, ...E },
      },
    },
    async (request, reply) => {
      const progress = await getScoringProgress({ actor: request.actor, id: request.params.id, rounds });
      return reply.header('cache-control', 'no-store').send({
        candidates: progress.candidates,
        partners: progress.partners.map((p) => ({ ...p, lastScoredAt: p.lastScoredAt ? p.lastScoredAt.toISOString() : null })),
      });
    },
  );

  api.get(
    `${BASE}/:id/aggregate`,
    {
      preValidation: requireUser,
      schema: {
        tags,
        summary: 'The aggregated score of every candidate, with its spread',
        description:
          'Weighted mean (or median) of the partners’ scores per criterion, combined by the weights (docs/SELECTION.md). The secretariat at any time; others who read the round once it is solved (409 before).',
        params: RoundIdParams,
        response: { 200: AggregateSchema, ...E, 409: ProblemSchema },
      },
    },
    async (request, reply) => {
      const { round, candidates, aggregated } = await aggregateRoundScores({
        actor: request.actor,
        id: request.params.id,
        rounds,
      });
      const references = new Map(candidates.map((c) => [c.obstacleId, c.reference]));
      return reply.header('cache-control', 'no-store').send({
        aggregation: round.aggregation,
        items: aggregated.map((a) => ({
          obstacleId: a.candidateId,
          reference: references.get(a.candidateId) ?? '',
          score: a.score,
          unscored: a.unscored,
          partial: a.partial,
          perCriterion: a.perCriterion,
          spread: a.spread,
        })),
      });
    },
  );

  api.post(
    `${BASE}/:id/solve`,
    {
      preValidation: requireUser,
      schema: {
        tags,
        summary: 'Start a solve (202 at once; poll the solution)',
        description:
          'The secretariat, while the round is being scored or solved (409 otherwise; 409 `selection_unscored` naming candidates without a score). HiGHS runs in a worker thread with the time limit and tolerance given; the answer is 202 with the solution’s id and `Location`. Weights, aggregation and rules may be given for this solve only (what-if). Cancel with POST …/solutions/{sid}/cancel.',
        params: RoundIdParams,
        body: SolveRequest,
        response: { 202: SolveAcceptedSchema, 400: ProblemSchema, ...E, 409: ProblemSchema },
      },
    },
    async (request, reply) => {
      const solution = await startSelectionSolve({
        actor: request.actor,
        id: request.params.id,
        input: request.body ?? {},
        uow: persistence,
        clock,
        ids,
        engine: context.selection.engine,
        runner: context.selection.runner,
      });
      const location = `${BASE}/${solution.roundId}/solutions/${solution.id}`;
      return reply.code(202).header('location', location).send({ id: solution.id, status: solution.status, location });
    },
  );

  api.get(
    `${BASE}/:id/solutions/:sid`,
    {
      preValidation: requireUser,
      schema: {
        tags,
        summary: 'A solution: status, portfolio, explanations, conflicts, comparison with the plain ranking',
        description:
          '`running` until the solve ends: `optimal`, `feasible` (within the tolerance, `gap`), `time_limit`, `infeasible` (with `conflicts`: the smallest sets of rule families whose relaxation makes it feasible), `cancelled` or `failed`.',
        params: SolutionParams,
        response: { 200: SolutionSchema, ...E },
      },
    },
    async (request, reply) => {
      const { solution, amendments } = await getSelectionSolution({
        actor: request.actor,
        id: request.params.id,
        solutionId: request.params.sid,
        rounds,
      });
      return reply.header('cache-control', 'no-store').send(presentSolution(solution, amendments, await namesOf(amendments)));
    },
  );

  api.post(
    `${BASE}/:id/solutions/:sid/cancel`,
    {
      preValidation: requireUser,
      schema: {
        tags,
        summary: 'Cancel a running solve (the secretariat)',
        description: 'The solution becomes `cancelled` and the solver stops; 409 when it has finished already.',
        params: SolutionParams,
        response: { 200: SolutionSchema, ...E, 409: ProblemSchema },
      },
    },
    async (request, reply) => {
      const solution = await cancelSelectionSolve({
        actor: request.actor,
        id: request.params.id,
        solutionId: request.params.sid,
        uow: persistence,
        clock,
        runner: context.selection.runner,
      });
      return reply.send(presentSolution(solution, [], new Map()));
    },
  );

  api.get(
    `${BASE}/:id/solutions/:a/compare/:b`,
    {
      preValidation: requireUser,
      schema: {
        tags,
        summary: 'Two solutions side by side (what-if)',
        description:
          'Which candidates entered (in b, not a) and left, the totals, and which weights and rule families differ. 409 when one has no portfolio.',
        params: CompareParams,
        response: { 200: CompareSchema, ...E, 409: ProblemSchema },
      },
    },
    async (request, reply) => {
      const c = await compareSelectionSolutions({
        actor: request.actor,
        id: request.params.id,
        a: request.params.a,
        b: request.params.b,
        rounds,
      });
      return reply.header('cache-control', 'no-store').send({ ...c, a: presentSummary(c.a), b: presentSummary(c.b) });
    },
  );

  api.post(
    `${BASE}/:id/amendments`,
    {
      preValidation: requireUser,
      schema: {
        tags,
        summary: 'Amend a proposed portfolio, with a reason (the secretariat)',
        description:
          'Include a candidate the solution left out, or exclude one it holds; one amendment per candidate and solution. While the round is solved (409 otherwise).',
        params: RoundIdParams,
        body: AmendRequest,
        response: { 201: AmendmentSchema, 400: ProblemSchema, ...E, 409: ProblemSchema },
      },
    },
    async (request, reply) => {
      const amendment = await amendSelectionPortfolio({
        actor: request.actor,
        id: request.params.id,
        input: request.body,
        uow: persistence,
        clock,
        ids,
      });
      return reply.code(201).send(presentAmendment(amendment, await namesOf([amendment])));
    },
  );

  api.post(
    `${BASE}/:id/approve`,
    {
      preValidation: requireUser,
      schema: {
        tags,
        summary: 'Approve the portfolio: every candidate moves on through the lifecycle (the secretariat)',
        description:
          'With If-Match on the round (428, 412). The solution’s portfolio with its amendments: in one transaction each candidate moves `proposed` → `selected`, `not_selected` or (named in `monitoringList`) `monitoring_list`, with the reason, each audited; the round becomes `approved`. A candidate no longer in `proposed` refuses the whole approval (409).',
        params: RoundIdParams,
        body: ApproveRequest,
        response: {
          200: ApproveResultSchema,
          400: ProblemSchema,
          ...E,
          409: ProblemSchema,
          412: ProblemSchema,
          428: ProblemSchema,
        },
      },
    },
    async (request, reply) => {
      const expectedVersion = parseIfMatch(request.headers['if-match']);
      const { round, moves } = await approveSelectionRound({
        actor: request.actor,
        id: request.params.id,
        expectedVersion,
        input: request.body,
        uow: persistence,
        clock,
      });
      return reply.header('etag', `"${round.version}"`).send({ ...presentRound(round, request.actor), moves });
    },
  );

  api.get(
    `${BASE}/:id/report.docx`,
    {
      preValidation: requireUser,
      schema: {
        tags,
        summary: 'The round’s report as a Word document',
        description:
          'Criteria and weights, rules, the aggregated scores with their spread, the portfolio (the approved solution, else the newest with a portfolio), the explanations and the amendments; in `lang` (default: Accept-Language). Scores only for callers who see every partner’s (409 before the round is solved for others).',
        params: RoundIdParams,
        querystring: ReportQuery,
        response: { 400: ProblemSchema, ...E, 409: ProblemSchema },
      },
    },
    async (request, reply) => {
      const language = request.query.lang ?? request.language;
      const found = await getSelectionRound({ actor: request.actor, id: request.params.id, rounds });
      const { aggregated } = await aggregateRoundScores({ actor: request.actor, id: request.params.id, rounds });
      const catalogue = await persistence.reference.catalogue();
      const file = await roundReportDocx({ ...found, aggregated, language, catalogue });
      return (reply as FastifyReply)
        .type(DOCX_TYPE)
        .header('content-disposition', `attachment; filename="selection-round-${found.round.id}-${language}.docx"`)
        .header('cache-control', 'no-store')
        .send(file);
    },
  );
}
