import type { Actor, Role } from '../access/actor.js';
import type { ObstacleStatus } from '../obstacles/obstacle.js';
import { OBSTACLE_STATUSES } from '../obstacles/obstacle.js';

/**
 * The lifecycle of an obstacle (PRODUCT.md, "The lifecycle of an obstacle"): one state machine,
 * the only place that says which status may follow which, who may move an obstacle there, and
 * what the move needs. docs/LIFECYCLE.md is generated from it (`npm run docs:lifecycle`) and a
 * test fails when the two differ.
 *
 *   reported ─► intake ─► analysis ─► proposed ─► selected ─► routed ─► decided ─► in_progress ─► solved
 *                 │          │           │                      │         │               ├─► partially_solved
 *                 │          │           ├─► not_selected       │         │               └─► unsolvable
 *                 │          │           └─► monitoring_list    │         └─► unsolvable (decision: not to be solved)
 *                 ├─► closed_not_an_obstacle                    └─► analysis (declined by all departments)
 *                 ├─► referred (an information question, to a GrensInfoPunt)
 *                 └─► merged (a duplicate of another obstacle)
 *   any open status ─► withdrawn            any closed status ─► (reopened) ─► analysis
 */

/** Statuses in which work on an obstacle has ended; every other status is open. */
export const CLOSED_STATUSES = [
  'not_selected',
  'solved',
  'partially_solved',
  'unsolvable',
  'closed_not_an_obstacle',
  'referred',
  'merged',
  'withdrawn',
] as const satisfies readonly ObstacleStatus[];

export const OPEN_STATUSES: readonly ObstacleStatus[] = OBSTACLE_STATUSES.filter(
  (status) => !(CLOSED_STATUSES as readonly ObstacleStatus[]).includes(status),
);

export function isClosed(status: ObstacleStatus): boolean {
  return (CLOSED_STATUSES as readonly ObstacleStatus[]).includes(status);
}

/** Stable names of the moves (API and audit events use them; labels come from the web's texts). */
export const TRANSITION_NAMES = [
  'start_intake',
  'start_analysis',
  'close_not_an_obstacle',
  'refer',
  'merge',
  'propose',
  'select',
  'not_select',
  'put_on_monitoring_list',
  'route',
  'return_to_analysis',
  'decide',
  'decide_not_to_solve',
  'start_work',
  'solve',
  'solve_partially',
  'declare_unsolvable',
  'withdraw',
  'reopen',
] as const;
export type TransitionName = (typeof TRANSITION_NAMES)[number];

/**
 * What a move needs besides the caller's role:
 * - `analysis`: the six parts of the expert report are filled in (before `proposed`);
 * - `referredTo`: the information point the question goes to;
 * - `mergedInto`: the obstacle a duplicate is merged into;
 * - `routing`: the departments the obstacle is routed to (the routing module makes this move);
 * - `decision`: a recorded decision of a governing body (recording it makes this move).
 */
export const REQUIREMENTS = ['analysis', 'referredTo', 'mergedInto', 'routing', 'decision'] as const;
export type Requirement = (typeof REQUIREMENTS)[number];

/** What a move does besides changing the status (the use cases carry these out, in the same transaction). */
export const EFFECTS = [
  'links_duplicate_both_ways',
  'reporter_follows_survivor',
  'records_referral',
  'records_decision',
  'clears_closing',
  /** The departments it is routed to are recorded (the routing module). */
  'records_routing',
  /** The routing ends (its rows stay, with the time it ended): back in analysis, nobody holds it yet. */
  'ends_routing',
] as const;
export type Effect = (typeof EFFECTS)[number];

export interface TransitionRule {
  name: TransitionName;
  from: readonly ObstacleStatus[];
  to: ObstacleStatus;
  /** Roles that may make the move (the secretariat makes most; admins manage accounts, not cases). */
  roles: readonly Role[];
  /** Whether a reason (free text) must be given: always where the outcome is negative or closing. */
  reason: 'required' | 'optional';
  requires: readonly Requirement[];
  effects: readonly Effect[];
  /** Made only by another module's use case (routing, decisions), never by a bare status change. */
  madeBy?: 'routing' | 'decisions';
}

const SECRETARIAT: readonly Role[] = ['secretariat'];

function rule(
  name: TransitionName,
  from: readonly ObstacleStatus[],
  to: ObstacleStatus,
  options: Partial<Omit<TransitionRule, 'name' | 'from' | 'to'>> = {},
): TransitionRule {
  return {
    name,
    from,
    to,
    roles: options.roles ?? SECRETARIAT,
    reason: options.reason ?? (isClosed(to) ? 'required' : 'optional'),
    requires: options.requires ?? [],
    effects: options.effects ?? [],
    ...(options.madeBy ? { madeBy: options.madeBy } : {}),
  };
}

/** Every move there is. Closing moves need a reason (see `rule`); the others say so where they do. */
export const TRANSITIONS: readonly TransitionRule[] = [
  rule('start_intake', ['reported'], 'intake'),
  rule('start_analysis', ['intake'], 'analysis'),
  rule('close_not_an_obstacle', ['intake'], 'closed_not_an_obstacle'),
  rule('refer', ['intake'], 'referred', { requires: ['referredTo'], effects: ['records_referral'] }),
  rule('merge', ['intake'], 'merged', {
    requires: ['mergedInto'],
    effects: ['links_duplicate_both_ways', 'reporter_follows_survivor'],
  }),
  rule('propose', ['analysis'], 'proposed', { requires: ['analysis'] }),
  rule('select', ['proposed'], 'selected'),
  rule('not_select', ['proposed'], 'not_selected'),
  rule('put_on_monitoring_list', ['proposed'], 'monitoring_list', { reason: 'required' }),
  rule('route', ['selected'], 'routed', { requires: ['routing'], effects: ['records_routing'], madeBy: 'routing' }),
  rule('return_to_analysis', ['routed'], 'analysis', { reason: 'required', effects: ['ends_routing'] }),
  rule('decide', ['routed'], 'decided', {
    roles: ['secretariat', 'decision_maker'],
    requires: ['decision'],
    effects: ['records_decision'],
    madeBy: 'decisions',
  }),
  rule('decide_not_to_solve', ['decided'], 'unsolvable', {
    roles: ['secretariat', 'decision_maker'],
    requires: ['decision'],
    effects: ['records_decision'],
    madeBy: 'decisions',
  }),
  // Decision makers: recording a decision to act (core/governance/record-decision.ts) starts the work at once.
  rule('start_work', ['decided'], 'in_progress', { roles: ['secretariat', 'department', 'decision_maker'] }),
  rule('solve', ['in_progress'], 'solved'),
  rule('solve_partially', ['in_progress'], 'partially_solved'),
  rule('declare_unsolvable', ['in_progress'], 'unsolvable', { roles: ['secretariat', 'decision_maker'] }),
  rule('withdraw', OPEN_STATUSES, 'withdrawn'),
  rule('reopen', CLOSED_STATUSES, 'analysis', { reason: 'required', effects: ['clears_closing', 'ends_routing'] }),
];

/** The moves that leave a status, in the order of TRANSITIONS. */
export function transitionsFrom(status: ObstacleStatus): TransitionRule[] {
  return TRANSITIONS.filter((t) => t.from.includes(status));
}

/** The move from one status to another, if there is one (there is at most one per pair). */
export function findTransition(from: ObstacleStatus, to: ObstacleStatus): TransitionRule | undefined {
  return TRANSITIONS.find((t) => t.to === to && t.from.includes(from));
}

/** What the caller offers with a move; `present` names the requirements that are met. */
export interface TransitionRequest {
  from: ObstacleStatus;
  to: ObstacleStatus;
  actor: Actor;
  reason?: string | undefined;
  present: ReadonlySet<Requirement>;
  /** True when another module's use case makes the move (routing, recording a decision). */
  via?: 'routing' | 'decisions';
}

export type TransitionCheck =
  | { ok: true; transition: TransitionRule }
  /** No such move from this status: `allowed` are the statuses that may follow it. */
  | { ok: false; problem: 'illegal'; allowed: ObstacleStatus[] }
  /** The caller's role may not make it (the public: sign in first). */
  | { ok: false; problem: 'forbidden'; transition: TransitionRule }
  /** Made by another module's use case only. */
  | { ok: false; problem: 'made_elsewhere'; transition: TransitionRule }
  | { ok: false; problem: 'reason_required'; transition: TransitionRule }
  | { ok: false; problem: 'requirements_missing'; transition: TransitionRule; missing: Requirement[] };

/**
 * Checks a move against the machine, in the order a caller can act on: does the move exist, may
 * this caller make it, is this the way to make it, is the reason given, is the rest there.
 */
export function checkTransition(request: TransitionRequest): TransitionCheck {
  const transition = findTransition(request.from, request.to);
  if (!transition) {
    return { ok: false, problem: 'illegal', allowed: transitionsFrom(request.from).map((t) => t.to) };
  }
  const { actor } = request;
  if (actor.kind === 'anonymous' || !transition.roles.includes(actor.role)) {
    return { ok: false, problem: 'forbidden', transition };
  }
  if (transition.madeBy !== undefined && transition.madeBy !== request.via) {
    return { ok: false, problem: 'made_elsewhere', transition };
  }
  if (transition.reason === 'required' && !/\S/.test(request.reason ?? '')) {
    return { ok: false, problem: 'reason_required', transition };
  }
  const missing = transition.requires.filter((r) => !request.present.has(r));
  if (missing.length > 0) return { ok: false, problem: 'requirements_missing', transition, missing };
  return { ok: true, transition };
}

/** The statuses this caller may move an obstacle to now (for the `abilities` of a response). */
export function availableTransitions(actor: Actor, status: ObstacleStatus): TransitionRule[] {
  if (actor.kind === 'anonymous') return [];
  return transitionsFrom(status).filter((t) => t.roles.includes(actor.role) && t.madeBy === undefined);
}
