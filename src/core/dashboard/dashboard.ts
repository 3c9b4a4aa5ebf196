import { type Actor, can, denied, readableVisibilities, readsRoutedTo } from '../access/access.js';
import { dueDate, type NormRepository, type NormValue } from '../calendar/norms.js';
import { addCalendarDays, addCalendarMonths } from '../calendar/working-days.js';
import { OPEN_STATUSES, transitionsFrom } from '../lifecycle/lifecycle.js';
import type { ActionStatus, Rag } from '../monitoring/rag.js';
import type { ObstacleStatus, Visibility } from '../obstacles/obstacle.js';
import type { Catalogue, ObstacleRepository, ReferenceDataRepository } from '../obstacles/ports.js';
import type { CompetenceRepository, RoutingRepository, RoutingRole } from '../routing/ports.js';
import { listRoutingAlerts, type RoutingAlert } from '../routing/routing-views.js';
import { validationError } from '../shared/errors.js';
import type { Language, LocalizedText } from '../shared/language.js';

/** How many obstacles each list of the dashboard shows (the total says how many there are). */
export const DASHBOARD_LIST_LIMIT = 10;

/** What the dashboard counts and lists may be narrowed to (AND across, OR within one). */
export interface DashboardFilter {
  segment?: string[];
  government?: string[];
  theme?: string[];
}

/**
 * The obstacles a dashboard is about: those the caller reads (its visibilities, and for a
 * department also what is routed to its organisation now), narrowed by the filter.
 */
export interface DashboardScope extends DashboardFilter {
  visibility: readonly Visibility[];
  /** A department: also the obstacles routed to this organisation (a routing that holds), of any visibility. */
  routedTo?: string;
}

export const DASHBOARD_FACETS = ['status', 'theme', 'segment', 'government', 'department'] as const;
export type DashboardFacet = (typeof DASHBOARD_FACETS)[number];

/** Counts per key of each facet; `department` counts the routings that hold, per organisation. */
export interface DashboardCounts {
  total: number;
  counts: Record<DashboardFacet, Record<string, number>>;
}

export interface DashboardItem {
  id: string;
  reference: string;
  status: ObstacleStatus;
  title: LocalizedText;
  sourceLanguage: Language;
  updatedAt: Date;
  /** YYYY-MM-DD: the clarification date (overdue list), else null. */
  due: string | null;
  /** The caller's organisation's routing (a department's work), else null. */
  routing: { role: RoutingRole; routedAt: Date } | null;
}

export interface DashboardList {
  total: number;
  items: DashboardItem[];
}

/** A routing of the caller's department that waits for its answer (accept or decline). */
export interface AwaitingRouting {
  obstacle: { id: string; reference: string; status: ObstacleStatus; title: LocalizedText; sourceLanguage: Language };
  role: RoutingRole;
  routedAt: Date;
  /** YYYY-MM-DD and the calendar it was counted in; null on routings made before the norms existed. */
  dueOn: string | null;
  dueCalendar: string | null;
}

/** An open action (planned, in progress) owned by the caller's organisation. */
export interface OwnedAction {
  id: string;
  title: LocalizedText;
  sourceLanguage: Language;
  obstacle: { id: string; reference: string; title: LocalizedText; sourceLanguage: Language };
  status: ActionStatus;
  progress: number;
  dueOn: string;
  /** As the monitoring last judged it. */
  rag: Rag;
  overdue: boolean;
}

/** The first entries of a longer list, with how many there are. */
export interface Page<T> {
  total: number;
  items: T[];
}

/** Reads what the dashboard shows. Implemented in db/ on both databases; all SQL lives there. */
export interface DashboardReader {
  counts(scope: DashboardScope): Promise<DashboardCounts>;
  /** The open actions (planned, in progress) of the scope's obstacles, per RAG (green, amber, red, none). */
  actionRag(scope: DashboardScope): Promise<Record<string, number>>;
  /** Open obstacles routed to the organisation now, the longest routed first. */
  routedTo(scope: DashboardScope, organisation: string, limit: number): Promise<DashboardList>;
  /** Obstacles in one of the statuses, the longest unchanged first. */
  inStatuses(scope: DashboardScope, statuses: readonly ObstacleStatus[], limit: number): Promise<DashboardList>;
  /** Obstacles still in intake whose clarification date is before `today`, the earliest first. */
  clarificationOverdue(scope: DashboardScope, today: string, limit: number): Promise<DashboardList>;
  /** Open obstacles not changed since before `before` (YYYY-MM-DD), the longest unchanged first. */
  unchangedSince(scope: DashboardScope, before: string, limit: number): Promise<DashboardList>;
  /** Routings of the organisation that hold and are still pending, the soonest due first (undated last). */
  awaitingAcknowledgement(scope: DashboardScope, organisation: string, limit: number): Promise<Page<AwaitingRouting>>;
  /** Open actions the organisation owns, of the scope's obstacles: overdue first, then by due date. */
  ownedActions(scope: DashboardScope, organisation: string, limit: number): Promise<Page<OwnedAction>>;
  /** Which of these obstacles (ids) are in the scope. */
  inScope(scope: DashboardScope, obstacleIds: readonly string[]): Promise<Set<string>>;
}

/** What the secretariat's routing alerts are read from (core/routing `listRoutingAlerts`). */
export interface RoutingAlertSources {
  obstacles: ObstacleRepository;
  routings: RoutingRepository;
  competences: CompetenceRepository;
  reference: ReferenceDataRepository;
}

/**
 * The parts of "my work" beyond the list, each null where the caller's role has no such work:
 * a department's routings to acknowledge and its organisation's open actions; for whoever reads
 * the routing alerts (the secretariat) the open alerts; for whoever works the intake the obstacles
 * past their clarification date (the `overdue` list).
 */
export interface MyWorkParts {
  acknowledgements: Page<AwaitingRouting> | null;
  actions: Page<OwnedAction> | null;
  alerts: Page<RoutingAlert> | null;
  intake: DashboardList | null;
}

export interface Dashboard extends DashboardCounts {
  filter: DashboardFilter;
  /** `routed`: what is routed to the caller's department; `moves`: obstacles in a status where the caller's role makes the next move. */
  myWork: DashboardList & { kind: 'routed' | 'moves' } & MyWorkParts;
  /** Obstacles past their clarification date (the intake clock). */
  overdue: DashboardList;
  /** Open obstacles without a change for longer than the `stale_after` norm; `before`: changed last before this day. */
  stale: DashboardList & { before: string };
  /** The open actions of these obstacles per RAG, as the monitoring last judged them. */
  rag: Record<string, number>;
}

/**
 * The open statuses in which a role makes a move (core/lifecycle), including the moves other
 * modules make (routing, decisions): what "my work" lists for roles other than departments.
 */
export function workStatuses(role: string): ObstacleStatus[] {
  return OPEN_STATUSES.filter((status) => transitionsFrom(status).some((move) => move.roles.some((r) => r === role)));
}

/**
 * The first day on which an obstacle last changed counts as not stale: an obstacle changed last
 * on day `d` is stale today when the norm's due date counted from `d` is before today. Due dates
 * grow with their start day, so this is one past the latest such `d`.
 */
export function staleBefore(norm: NormValue, today: string): string {
  const due = (from: string) => dueDate({ norm, from }).date;
  let day =
    norm.unit === 'calendar_months'
      ? addCalendarMonths(today, -norm.amount)
      : addCalendarDays(today, -(norm.unit === 'working_days' ? Math.ceil((norm.amount * 7) / 5) : norm.amount));
  // Step to the latest start day whose due date is before today.
  while (due(day) >= today) day = addCalendarDays(day, -1);
  while (due(addCalendarDays(day, 1)) < today) day = addCalendarDays(day, 1);
  return addCalendarDays(day, 1);
}

/** The scope of a caller: what it reads (core/access), narrowed by the filter. */
export function dashboardScope(actor: Actor, filter: DashboardFilter): DashboardScope {
  const routedTo = readsRoutedTo(actor);
  return { ...filter, visibility: readableVisibilities(actor), ...(routedTo !== undefined ? { routedTo } : {}) };
}

/**
 * The monitoring dashboard of a signed-in user: counts by status, theme, segment, government and
 * department, the caller's work, and the overdue and stale lists, all of only the obstacles the
 * caller reads (so no count reveals one it may not read). Unknown filter keys are a field error.
 */
export async function getDashboard(options: {
  actor: Actor;
  filter: DashboardFilter;
  catalogue: Catalogue;
  reader: DashboardReader;
  norms: NormRepository;
  /** For the routing alerts of whoever reads them (the secretariat). */
  alertSources: RoutingAlertSources;
  today: string;
  limit?: number;
}): Promise<Dashboard> {
  const { actor, filter, catalogue, reader, today } = options;
  if (!can(actor, 'read_dashboard') || actor.kind !== 'user') throw denied(actor);
  const known = {
    theme: new Set(catalogue.themes.map((t) => t.key)),
    segment: new Set(catalogue.segments.map((s) => s.key)),
    government: new Set(catalogue.governments.map((g) => g.key)),
  };
  const errors = (['segment', 'government', 'theme'] as const).flatMap((name) =>
    (filter[name] ?? []).flatMap((value) =>
      known[name].has(value) ? [] : [{ name, code: 'unknown_key' as const, params: { value } }],
    ),
  );
  if (errors.length > 0) throw validationError(errors);
  const limit = options.limit ?? DASHBOARD_LIST_LIMIT;
  const scope = dashboardScope(actor, filter);
  const norm = await options.norms.get('stale_after');
  const before = staleBefore(norm, today);
  const department = readsRoutedTo(actor);
  const [counts, work, overdue, stale, rag, acknowledgements, actions, alerts] = await Promise.all([
    reader.counts(scope),
    department !== undefined
      ? reader.routedTo(scope, department, limit)
      : reader.inStatuses(scope, workStatuses(actor.role), limit),
    reader.clarificationOverdue(scope, today, limit),
    reader.unchangedSince(scope, before, limit),
    reader.actionRag(scope),
    department !== undefined ? reader.awaitingAcknowledgement(scope, department, limit) : null,
    department !== undefined ? reader.ownedActions(scope, department, limit) : null,
    can(actor, 'read_routing_alerts') ? alertsInScope({ actor, scope, reader, sources: options.alertSources, limit }) : null,
  ]);
  return {
    filter,
    ...counts,
    myWork: {
      kind: department !== undefined ? 'routed' : 'moves',
      ...work,
      acknowledgements,
      actions,
      alerts,
      intake: can(actor, 'work_intake') ? overdue : null,
    },
    overdue,
    stale: { before, ...stale },
    rag,
  };
}

/** The routing alerts (core/routing) of the obstacles in the dashboard's scope: the first `limit`, and how many. */
async function alertsInScope(options: {
  actor: Actor;
  scope: DashboardScope;
  reader: DashboardReader;
  sources: RoutingAlertSources;
  limit: number;
}): Promise<Page<RoutingAlert>> {
  const all = await listRoutingAlerts({ actor: options.actor, ...options.sources });
  const wanted = options.scope.government;
  const byGovernment = wanted?.length ? all.filter((alert) => wanted.includes(alert.government)) : all;
  const readable = await options.reader.inScope(options.scope, [...new Set(byGovernment.map((a) => a.obstacle.id))]);
  const alerts = byGovernment.filter((alert) => readable.has(alert.obstacle.id));
  return { total: alerts.length, items: alerts.slice(0, options.limit) };
}
