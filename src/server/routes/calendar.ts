import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  CalendarKeyParams,
  CalendarListSchema,
  DueDateQuery,
  DueDateSchema,
  HolidayListSchema,
  HolidaysQuery,
  NormListSchema,
  NormPhaseParams,
  NormSchema,
  UpdateNormRequest,
} from '../../contracts/calendar.contract.js';
import { ProblemSchema } from '../../contracts/common.contract.js';
import { listNorms, updateNorm } from '../../core/calendar/manage-norms.js';
import { dueDate, type Norm } from '../../core/calendar/norms.js';
import {
  CALENDAR_KEYS,
  type CalendarKey,
  calendarLabel,
  type Holiday,
  holidays,
  isCalendarKey,
} from '../../core/calendar/working-days.js';
import { AppError, validationError } from '../../core/shared/errors.js';
import type { Language } from '../../core/shared/language.js';
import type { AppContext } from '../context.js';
import { requireUser } from '../plugins/authentication.js';
import { normPhaseLabel } from '../presenters/labels.js';
import { parseIfMatch } from './obstacles.js';

const tags = ['calendars and norms'];
const problems = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema };

/** The governments each calendar counts for (the calendar of a government is core/calendar `calendarOf`). */
const GOVERNMENTS_OF: Record<CalendarKey, string[]> = {
  nl: ['nl'],
  be: ['be'],
  vl: ['vl'],
  de: ['de'],
  'de-nw': ['de-nw'],
  'de-ni': ['de-ni'],
  weekends: [],
};

function presentNorm(norm: Norm, language: Language) {
  return {
    phase: norm.phase,
    label: normPhaseLabel(norm.phase, language),
    amount: norm.amount,
    unit: norm.unit,
    version: norm.version,
    updatedAt: norm.updatedAt.toISOString(),
    updatedBy: norm.updatedBy,
  };
}

function presentCalendar(key: CalendarKey, language: Language) {
  return { key, label: calendarLabel(key, language), governments: GOVERNMENTS_OF[key] };
}

function presentHoliday(holiday: Holiday, language: Language) {
  return { date: holiday.date, name: holiday.name[language], names: holiday.name };
}

function withVersion(reply: FastifyReply, version: number): FastifyReply {
  return reply.header('etag', `"${version}"`);
}

function calendarParam(key: string): CalendarKey {
  if (!isCalendarKey(key)) throw new AppError('calendar_not_found', { params: { key } });
  return key;
}

/**
 * Working-day calendars (public: the holidays are public facts, and anyone may check a due date
 * by hand) and the norm durations per phase (signed-in users read them; the secretariat sets them).
 */
export function calendarRoutes(app: FastifyInstance, context: AppContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { persistence, clock } = context;

  api.get(
    '/api/v1/norms',
    {
      preValidation: requireUser,
      schema: {
        tags,
        summary: 'The norm durations per phase',
        description: 'For signed-in users. Every due date Schakel computes comes from one of these.',
        response: { 200: NormListSchema, 401: ProblemSchema },
      },
    },
    async (request) => {
      const norms = await listNorms({ actor: request.actor, norms: persistence.norms });
      return { items: norms.map((n) => presentNorm(n, request.language)) };
    },
  );

  api.put(
    '/api/v1/norms/:phase',
    {
      preValidation: requireUser,
      schema: {
        tags,
        summary: 'Set the norm duration of a phase (the secretariat)',
        description:
          'Amount (1–366) and unit, with `If-Match` (428 without, 412 when stale). Due dates already given keep their date. Audited.',
        params: NormPhaseParams,
        body: UpdateNormRequest,
        response: { 200: NormSchema, ...problems, 404: ProblemSchema, 412: ProblemSchema, 428: ProblemSchema },
      },
    },
    async (request, reply) => {
      const expectedVersion = parseIfMatch(request.headers['if-match']);
      const norm = await updateNorm({
        actor: request.actor,
        phase: request.params.phase,
        expectedVersion,
        value: request.body,
        uow: persistence,
        clock,
      });
      return withVersion(reply, norm.version).send(presentNorm(norm, request.language));
    },
  );

  api.get(
    '/api/v1/calendars',
    {
      schema: {
        tags,
        summary: 'The working-day calendars',
        description: 'One per government with public holidays of its own; `weekends` for the others.',
        response: { 200: CalendarListSchema },
      },
    },
    async (request) => ({
      language: request.language,
      items: CALENDAR_KEYS.map((key) => presentCalendar(key, request.language)),
    }),
  );

  api.get(
    '/api/v1/calendars/:key/holidays',
    {
      schema: {
        tags,
        summary: 'The public holidays of a calendar in a year',
        params: CalendarKeyParams,
        querystring: HolidaysQuery,
        response: { 200: HolidayListSchema, 400: ProblemSchema, 404: ProblemSchema },
      },
    },
    async (request) => {
      const key = calendarParam(request.params.key);
      const year = request.query.year ?? clock.now().getUTCFullYear();
      return {
        calendar: presentCalendar(key, request.language),
        year,
        items: holidays(key, year).map((h) => presentHoliday(h, request.language)),
      };
    },
  );

  api.get(
    '/api/v1/calendars/:key/due-date',
    {
      schema: {
        tags,
        summary: 'A due date counted in a calendar',
        description:
          'From a day, the current norm of a `phase` or a number of `workingDays` (one of the two), with the holidays the count passed over: to check a due date by hand. The norms are read from the database; phases in calendar days or months count in the plain calendar (`gregorian`).',
        params: CalendarKeyParams,
        querystring: DueDateQuery,
        response: { 200: DueDateSchema, 400: ProblemSchema, 404: ProblemSchema },
      },
    },
    async (request) => {
      const key = calendarParam(request.params.key);
      const { from, phase, workingDays } = request.query;
      if ((phase === undefined) === (workingDays === undefined)) {
        throw validationError([{ name: phase === undefined ? 'phase' : 'workingDays', code: 'one_of_required' }]);
      }
      const norm = phase ? await persistence.norms.get(phase) : { amount: workingDays ?? 0, unit: 'working_days' as const };
      const due = dueDate({ norm: { ...norm, ...(phase ? { phase } : {}) }, from, government: key });
      return {
        from,
        date: due.date,
        calendar: due.calendar,
        phase: due.phase,
        amount: norm.amount,
        unit: norm.unit,
        skippedHolidays: due.skippedHolidays.map((h) => presentHoliday(h, request.language)),
      };
    },
  );
}
