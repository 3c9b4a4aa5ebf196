import { availableTransitions, findTransition } from '../lifecycle/lifecycle.js';
import { OBSTACLE_STATUSES, type ObstacleStatus, type Visibility } from '../obstacles/obstacle.js';
import { AppError } from '../shared/errors.js';
import type { Actor } from './actor.js';

export { type Actor, ANONYMOUS, ROLES, type Role } from './actor.js';

/**
 * Who may do what. The one place that decides: routes and use cases ask `can`, none decides on
 * its own. Pure: it reads the actor (role and organisation) and the resource (an obstacle's
 * visibility, status and reporting organisation), nothing else. Who may move an obstacle from one
 * status to another comes from the roles of the moves in core/lifecycle.
 */

/** What `can` decides on an obstacle (existing, or about to be created). */
export interface ObstacleResource {
  visibility: Visibility;
  status: ObstacleStatus;
  /** The organisation that reported it, when one did. */
  reporterOrganisation: string | null | undefined;
  /** For `transition_obstacle`: the status it would move to. */
  to?: ObstacleStatus;
  /** The departments (organisation keys) it is routed to now; they read it whatever its visibility. */
  routedTo?: readonly string[];
  /** The departments that lead it now (routings of role `lead`): they add its actions. */
  leads?: readonly string[];
  /** For `report_action`: the organisation that owns the action. */
  actionOwner?: string;
}

export const ACTIONS = [
  'read_obstacle',
  /** See the reporter's personal data (name, e-mail, phone). */
  'read_reporter',
  'create_obstacle',
  'edit_obstacle',
  /** Move it to another status (`to`): the caller's role must be one that makes that move (core/lifecycle). */
  'transition_obstacle',
  /** Route it to departments (selected → routed): the secretariat. */
  'route_obstacle',
  'manage_users',
  'manage_organisations',
  /** Add and change governing bodies, plan meetings and set their agendas (the secretariat). */
  'manage_governance',
  /** Record and correct decisions of governing bodies (the secretariat and decision makers). */
  'record_decision',
  /** Read meetings and their agendas: signed-in users only (agendas are working documents, not public). */
  'read_meetings',
  /** Work the intake queue: whoever takes reported obstacles into intake (core/lifecycle `start_intake`). */
  'work_intake',
  /** Set the norm durations of the phases (the secretariat). Reading them: any signed-in user. */
  'manage_norms',
  /** Read one's own inbox and mark its notifications read: every signed-in user, only their own. */
  'read_inbox',
  /** Change one's own preferences (language, digest only): every signed-in user. */
  'set_own_preferences',
  /** Add an action or milestone to an obstacle: the secretariat, or a lead department once it is routed. */
  'add_action',
  /** Change an action's plan (title, owner, due date, weight, decision): the secretariat. */
  'manage_action',
  /** Report on an action (status, progress, evidence, notes): the secretariat, or the owner organisation's department users. */
  'report_action',
  /** Read the overdue and stale lists (of the obstacles the caller reads): signed-in users. */
  'read_monitoring',
  /** Read the competence matrix and its history: signed-in users. */
  'read_competences',
  /** Edit the competence matrix (the secretariat). */
  'manage_competences',
  /**
   * Accept or decline a routing: a department user (for its own organisation: the use case
   * checks that) or the secretariat on the department's behalf.
   */
  'acknowledge_routing',
  /** "My obstacles": what is routed to the caller's own department (department users). */
  'read_my_obstacles',
  /** The routing alerts: governments where no department accepted or is pending (the secretariat). */
  'read_routing_alerts',
  /** Read the dashboard (counts and work lists of what the caller reads): signed-in users only. */
  'read_dashboard',
  /**
   * Read selection rounds: the secretariat and decision makers all of them, partner users the
   * rounds their organisation takes part in (the use case checks that).
   */
  'read_selection',
  /** Set up selection rounds (criteria, candidates, rules), solve them and amend the portfolio: the secretariat. */
  'manage_selection',
  /** Score the candidates of a round: partner users for their own organisation (the use case checks that), or the secretariat on a partner's behalf. */
  'score_selection',
  /** Approve a round's portfolio, moving every candidate on through the lifecycle: the secretariat. */
  'approve_selection',
  /** Read state-of-play rounds: the secretariat (every department), department users (their own items). */
  'read_state_of_play',
  /** Open, remind and close state-of-play rounds (the secretariat). */
  'manage_state_of_play',
  /** Answer on the state-of-play items of one's own department (department users). */
  'answer_state_of_play',
  /** Read the escalation ladder's climbs: the secretariat all, a department those of its own actions. */
  'read_escalations',
] as const;
export type Action = (typeof ACTIONS)[number];

/** The actions on one obstacle; the others are about the platform as a whole. */
export type ObstacleAction = Extract<
  Action,
  | 'read_obstacle'
  | 'read_reporter'
  | 'create_obstacle'
  | 'edit_obstacle'
  | 'transition_obstacle'
  | 'route_obstacle'
  | 'add_action'
  | 'manage_action'
  | 'report_action'
>;
export type PlatformAction = Exclude<Action, ObstacleAction>;

/** Statuses in which the reporting partner may still change its report. */
const PARTNER_EDITABLE: ReadonlySet<ObstacleStatus> = new Set(['reported', 'intake']);

/** Statuses in which a lead department adds actions: routed to it, decided, in progress. */
const LEAD_ACTIONABLE: ReadonlySet<ObstacleStatus> = new Set(['routed', 'decided', 'in_progress']);

/**
 * The visibilities each kind of caller reads, whatever the obstacle. A department also reads the
 * obstacles routed to its organisation, of any visibility (`reads`, and `routedTo` of a list).
 */
export function readableVisibilities(actor: Actor): readonly Visibility[] {
  if (actor.kind === 'anonymous') return ['public'];
  switch (actor.role) {
    case 'secretariat':
      return ['public', 'partners', 'internal'];
    case 'partner':
    case 'department':
    case 'decision_maker':
    case 'observer':
    case 'admin':
      return ['public', 'partners'];
  }
}

function reads(actor: Actor, obstacle: ObstacleResource): boolean {
  return readableVisibilities(actor).includes(obstacle.visibility) || routedToOwn(actor, obstacle);
}

/** A department reading an obstacle routed to its organisation. */
function routedToOwn(actor: Actor, obstacle: ObstacleResource): boolean {
  return actor.kind === 'user' && actor.role === 'department' && (obstacle.routedTo ?? []).includes(actor.organisation);
}

/** The organisation whose routed obstacles a caller reads besides its visibilities (departments). */
export function readsRoutedTo(actor: Actor): string | undefined {
  return actor.kind === 'user' && actor.role === 'department' ? actor.organisation : undefined;
}

function ownOrganisation(actor: Actor, obstacle: ObstacleResource): boolean {
  return actor.kind === 'user' && obstacle.reporterOrganisation != null && obstacle.reporterOrganisation === actor.organisation;
}

export function can(actor: Actor, action: ObstacleAction, resource: ObstacleResource): boolean;
export function can(actor: Actor, action: PlatformAction): boolean;
export function can(actor: Actor, action: Action, resource?: ObstacleResource): boolean {
  switch (action) {
    case 'manage_users':
    case 'manage_organisations':
      return actor.kind === 'user' && actor.role === 'admin';
    case 'manage_governance':
      return actor.kind === 'user' && actor.role === 'secretariat';
    case 'record_decision':
      return actor.kind === 'user' && (actor.role === 'secretariat' || actor.role === 'decision_maker');
    case 'read_meetings':
    case 'read_inbox':
    case 'set_own_preferences':
    case 'read_monitoring':
    case 'read_dashboard':
      return actor.kind === 'user';
    case 'manage_norms':
    case 'manage_competences':
    case 'read_routing_alerts':
    case 'manage_selection':
    case 'approve_selection':
    case 'manage_state_of_play':
      return actor.kind === 'user' && actor.role === 'secretariat';
    case 'read_selection':
      return (
        actor.kind === 'user' && (actor.role === 'secretariat' || actor.role === 'decision_maker' || actor.role === 'partner')
      );
    case 'score_selection':
      return actor.kind === 'user' && (actor.role === 'secretariat' || actor.role === 'partner');
    case 'read_escalations':
      return actor.kind === 'user' && (actor.role === 'secretariat' || actor.role === 'department');
    case 'add_action':
      if (resource === undefined || actor.kind === 'anonymous' || !reads(actor, resource)) return false;
      if (actor.role === 'secretariat') return true;
      return (
        actor.role === 'department' && (resource.leads ?? []).includes(actor.organisation) && LEAD_ACTIONABLE.has(resource.status)
      );
    case 'manage_action':
      return resource !== undefined && actor.kind === 'user' && actor.role === 'secretariat' && reads(actor, resource);
    case 'report_action':
      if (resource === undefined || actor.kind === 'anonymous' || !reads(actor, resource)) return false;
      return (
        actor.role === 'secretariat' ||
        (actor.role === 'department' && resource.actionOwner !== undefined && resource.actionOwner === actor.organisation)
      );
    case 'read_competences':
      return actor.kind === 'user';
    case 'acknowledge_routing':
      return actor.kind === 'user' && (actor.role === 'department' || actor.role === 'secretariat');
    case 'read_my_obstacles':
    case 'answer_state_of_play':
      return actor.kind === 'user' && actor.role === 'department';
    case 'read_state_of_play':
      return actor.kind === 'user' && (actor.role === 'secretariat' || actor.role === 'department');
    case 'work_intake':
      return actor.kind === 'user' && findTransition('reported', 'intake')?.roles.includes(actor.role) === true;
    case 'read_obstacle':
      return resource !== undefined && reads(actor, resource);
    case 'read_reporter':
      if (resource === undefined || !reads(actor, resource)) return false;
      if (actor.kind === 'anonymous') return false;
      return actor.role === 'secretariat' || (actor.role === 'partner' && ownOrganisation(actor, resource));
    case 'create_obstacle':
      if (resource === undefined) return false;
      // The public reports obstacles (PRODUCT.md), but speaks for no organisation.
      if (actor.kind === 'anonymous') return resource.reporterOrganisation == null;
      switch (actor.role) {
        case 'secretariat':
          return true;
        case 'partner':
          // A partner reports for its own organisation, and may not hide the report from itself.
          return ownOrganisation(actor, resource) && reads(actor, resource);
        case 'department':
        case 'decision_maker':
        case 'observer':
        case 'admin':
          return false;
      }
      break;
    case 'edit_obstacle':
      if (resource === undefined || actor.kind === 'anonymous') return false;
      switch (actor.role) {
        case 'secretariat':
          return true;
        case 'partner':
          return ownOrganisation(actor, resource) && reads(actor, resource) && PARTNER_EDITABLE.has(resource.status);
        case 'department':
        case 'decision_maker':
        case 'observer':
        case 'admin':
          return false;
      }
      break;
    case 'route_obstacle':
      return resource !== undefined && actor.kind === 'user' && actor.role === 'secretariat' && reads(actor, resource);
    case 'transition_obstacle': {
      if (resource === undefined || actor.kind === 'anonymous' || !reads(actor, resource)) return false;
      if (resource.to === undefined) return movesAnything(actor);
      const move = findTransition(resource.status, resource.to);
      return move?.roles.includes(actor.role) === true;
    }
  }
  const unhandled: never = action as never;
  throw new Error(`no rule for ${String(unhandled)}`);
}

/** Whether the actor's role makes any move at all (the others are refused before anything else). */
function movesAnything(actor: Actor): boolean {
  return actor.kind === 'user' && OBSTACLE_STATUSES.some((status) => availableTransitions(actor, status).length > 0);
}

/**
 * The actions on an obstacle a response offers its caller (the web shows only these): `edit`, and
 * `transition:<status>` for each status the caller may move it to now with POST …/transitions.
 */
export const OBSTACLE_ABILITIES: readonly ObstacleAbility[] = [
  'edit',
  ...OBSTACLE_STATUSES.map((s) => `transition:${s}` as const),
];
export type ObstacleAbility = 'edit' | `transition:${ObstacleStatus}`;

export function obstacleAbilities(actor: Actor, obstacle: ObstacleResource): ObstacleAbility[] {
  const abilities: ObstacleAbility[] = can(actor, 'edit_obstacle', obstacle) ? ['edit'] : [];
  if (!can(actor, 'transition_obstacle', obstacle)) return abilities;
  // Moves another module makes (routing, decisions) are not offered: they have their own endpoints.
  for (const move of availableTransitions(actor, obstacle.status)) {
    if (can(actor, 'transition_obstacle', { ...obstacle, to: move.to })) abilities.push(`transition:${move.to}`);
  }
  return abilities;
}

/** What the caller may do on the platform as a whole (for "who am I"). */
export const PLATFORM_ABILITIES = [
  'create_obstacle',
  'manage_users',
  'manage_organisations',
  'manage_governance',
  'record_decision',
  'work_intake',
  'manage_norms',
  'manage_competences',
  'read_my_obstacles',
  'read_routing_alerts',
  'manage_selection',
  'score_selection',
  'read_state_of_play',
  'manage_state_of_play',
  'read_escalations',
] as const;
export type PlatformAbility = (typeof PLATFORM_ABILITIES)[number];

export function platformAbilities(actor: Actor): PlatformAbility[] {
  const abilities: PlatformAbility[] = [];
  // Whether the caller may report at all: a report for its own organisation (or none), visible to partners.
  const draft: ObstacleResource = {
    visibility: 'partners',
    status: 'reported',
    reporterOrganisation: actor.kind === 'user' && actor.role === 'partner' ? actor.organisation : null,
  };
  if (can(actor, 'create_obstacle', draft)) abilities.push('create_obstacle');
  if (can(actor, 'manage_users')) abilities.push('manage_users');
  if (can(actor, 'manage_organisations')) abilities.push('manage_organisations');
  if (can(actor, 'manage_governance')) abilities.push('manage_governance');
  if (can(actor, 'record_decision')) abilities.push('record_decision');
  if (can(actor, 'work_intake')) abilities.push('work_intake');
  if (can(actor, 'manage_norms')) abilities.push('manage_norms');
  if (can(actor, 'manage_competences')) abilities.push('manage_competences');
  if (can(actor, 'read_my_obstacles')) abilities.push('read_my_obstacles');
  if (can(actor, 'read_routing_alerts')) abilities.push('read_routing_alerts');
  if (can(actor, 'manage_selection')) abilities.push('manage_selection');
  if (can(actor, 'score_selection')) abilities.push('score_selection');
  if (can(actor, 'read_state_of_play')) abilities.push('read_state_of_play');
  if (can(actor, 'manage_state_of_play')) abilities.push('manage_state_of_play');
  if (can(actor, 'read_escalations')) abilities.push('read_escalations');
  return abilities;
}

/**
 * The audience of an answer: callers with the same audience get the same answers from the
 * obstacle routes (kept answers are keyed by it). Every input of `can` that comes from the actor
 * is in it.
 */
export function audienceOf(actor: Actor): string {
  return actor.kind === 'anonymous' ? 'public' : `${actor.role}:${actor.organisation}`;
}

/** What `can` needs to know of an obstacle (or of a report about to be made). */
export function obstacleAccess(obstacle: {
  visibility: Visibility;
  status: ObstacleStatus;
  reporter: { organisation?: string | undefined };
  routedTo?: readonly string[] | undefined;
}): ObstacleResource {
  return {
    visibility: obstacle.visibility,
    status: obstacle.status,
    reporterOrganisation: obstacle.reporter.organisation ?? null,
    ...(obstacle.routedTo?.length ? { routedTo: obstacle.routedTo } : {}),
  };
}

/** The error for a refused action: the public is asked to sign in (401), a user is refused (403). */
export function denied(actor: Actor): AppError {
  return new AppError(actor.kind === 'anonymous' ? 'unauthenticated' : 'forbidden');
}

/** The organisation a report is made for: a partner's own when it names none (it may name no other). */
export function reportingOrganisation(actor: Actor, named: string | undefined): string | undefined {
  if (named === undefined && actor.kind === 'user' && actor.role === 'partner') return actor.organisation;
  return named;
}

/**
 * The platform itself, for work an operator runs from the command line (loading the demo
 * obstacles): it acts with the secretariat's rights. Never the actor of an HTTP request.
 */
export const SYSTEM_ACTOR: Actor = Object.freeze({
  kind: 'user',
  userId: 'system',
  role: 'secretariat',
  organisation: 'secretariat',
});
