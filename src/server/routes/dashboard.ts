import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ProblemSchema } from '../../contracts/common.contract.js';
import {
  type DashboardItemResponse,
  DashboardQuery,
  type DashboardResponse,
  DashboardSchema,
} from '../../contracts/dashboard.contract.js';
import { audienceOf } from '../../core/access/access.js';
import {
  type AwaitingRouting,
  type Dashboard,
  type DashboardItem,
  type DashboardList,
  getDashboard,
  type OwnedAction,
  type Page,
} from '../../core/dashboard/dashboard.js';
import { type Language, resolveText } from '../../core/shared/language.js';
import type { AppContext } from '../context.js';
import { DashboardCache } from '../dashboard-cache.js';
import { requireUser } from '../plugins/authentication.js';

function presentItem(item: DashboardItem, language: Language): DashboardItemResponse {
  return {
    id: item.id,
    reference: item.reference,
    status: item.status,
    title: resolveText(item.title, language, item.sourceLanguage) ?? null,
    updatedAt: item.updatedAt.toISOString(),
    due: item.due,
    routing: item.routing ? { role: item.routing.role, routedAt: item.routing.routedAt.toISOString() } : null,
  };
}

function presentList(list: DashboardList, language: Language) {
  return { total: list.total, items: list.items.map((item) => presentItem(item, language)) };
}

type MyWork = DashboardResponse['myWork'];

function presentPage<T, R>(page: Page<T> | null, present: (item: T) => R): { total: number; items: R[] } | null {
  return page === null ? null : { total: page.total, items: page.items.map(present) };
}

function presentAcknowledgement(
  item: AwaitingRouting,
  language: Language,
): NonNullable<MyWork['acknowledgements']>['items'][number] {
  const { obstacle } = item;
  return {
    obstacle: {
      id: obstacle.id,
      reference: obstacle.reference,
      status: obstacle.status,
      title: resolveText(obstacle.title, language, obstacle.sourceLanguage) ?? null,
    },
    role: item.role,
    routedAt: item.routedAt.toISOString(),
    dueOn: item.dueOn,
    dueCalendar: item.dueCalendar,
  };
}

function presentAction(item: OwnedAction, language: Language): NonNullable<MyWork['actions']>['items'][number] {
  const { obstacle } = item;
  if (item.status !== 'planned' && item.status !== 'in_progress') throw new Error(`closed action ${item.id} in my work`);
  return {
    id: item.id,
    title: resolveText(item.title, language, item.sourceLanguage) ?? null,
    obstacle: {
      id: obstacle.id,
      reference: obstacle.reference,
      title: resolveText(obstacle.title, language, obstacle.sourceLanguage) ?? null,
    },
    status: item.status,
    progress: item.progress,
    dueOn: item.dueOn,
    rag: item.rag,
    overdue: item.overdue,
  };
}

export function presentDashboard(dashboard: Dashboard, generatedAt: Date, language: Language): DashboardResponse {
  return {
    filter: dashboard.filter,
    total: dashboard.total,
    counts: dashboard.counts,
    myWork: {
      kind: dashboard.myWork.kind,
      ...presentList(dashboard.myWork, language),
      acknowledgements: presentPage(dashboard.myWork.acknowledgements, (item) => presentAcknowledgement(item, language)),
      actions: presentPage(dashboard.myWork.actions, (item) => presentAction(item, language)),
      alerts: presentPage(dashboard.myWork.alerts, (alert) => alert),
      intake: dashboard.myWork.intake === null ? null : presentList(dashboard.myWork.intake, language),
    },
    overdue: presentList(dashboard.overdue, language),
    stale: { before: dashboard.stale.before, ...presentList(dashboard.stale, language) },
    rag: dashboard.rag,
    generatedAt: generatedAt.toISOString(),
  };
}

/** The monitoring dashboard: counts and work lists of what the caller reads. */
export function dashboardRoutes(app: FastifyInstance, context: AppContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { persistence, clock } = context;
  const cache = new DashboardCache(() => persistence.changeToken());

  api.get(
    '/api/v1/dashboard',
    {
      preValidation: requireUser,
      schema: {
        tags: ['monitoring'],
        summary: 'The monitoring dashboard (signed-in users)',
        description:
          'Counts by status, theme, segment, government and department (routings that hold) of the obstacles the caller reads, with its work (`myWork`: for a department also the routings waiting for its answer and the open actions its organisation owns, overdue first; for the secretariat also the open routing alerts and the overdue intake), the obstacles past their clarification date and the stale ones (the `stale_after` norm), ten of each with their total. Filters `segment`, `government`, `theme` (comma-separated keys; an unknown key is 400 naming the field). Keys, not labels: the reference endpoints give the labels. 401 for the public. Kept per process until the next change of the data, per role and organisation (nothing in it depends on the person).',
        querystring: DashboardQuery,
        response: { 200: DashboardSchema, 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema },
      },
    },
    async (request, reply) => {
      const filter = Object.fromEntries(
        (['segment', 'government', 'theme'] as const).flatMap((name) => {
          const values = request.query[name];
          return values?.length ? [[name, [...new Set(values)].sort()]] : [];
        }),
      );
      const now = clock.now();
      const today = now.toISOString().slice(0, 10);
      const key = `${audienceOf(request.actor)} ${today} ${JSON.stringify(filter)}`;
      const kept = await cache.get(
        key,
        async () =>
          getDashboard({
            actor: request.actor,
            filter,
            catalogue: await persistence.catalogue.get(),
            reader: persistence.dashboard,
            norms: persistence.norms,
            alertSources: {
              obstacles: persistence.obstacles,
              routings: persistence.routings,
              competences: persistence.competences,
              reference: persistence.reference,
            },
            today,
          }),
        () => clock.now(),
      );
      let answer = kept.answers.get(request.language);
      if (answer === undefined) {
        // Serialised once per kept dashboard and language; typed by DashboardResponse (presentDashboard).
        answer = Buffer.from(JSON.stringify(presentDashboard(kept.dashboard, kept.generatedAt, request.language)));
        kept.answers.set(request.language, answer);
      }
      // A Buffer goes out as it is (no serializer); it was made from a DashboardResponse above.
      const raw: FastifyReply = reply;
      return raw.header('cache-control', 'private, no-cache').type('application/json; charset=utf-8').send(answer);
    },
  );
}
