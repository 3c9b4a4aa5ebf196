import type { Actor } from '../access/actor.js';
import { canonicalJson } from './audit-chain.js';
import type { AuditRecord } from './ports.js';

/**
 * What the audit trail records. Every change of the platform's state is one event, written in the
 * transaction of the change: obstacles (create, update, move, a duplicate merged in), sign-in
 * attempts, users, API tokens, password links and organisations. Closed union: a new kind of
 * change is a new action.
 */
export const AUDIT_ACTIONS = [
  'obstacle.create',
  'obstacle.update',
  'obstacle.transition',
  /** A duplicate was merged into this obstacle: its reporters follow this one now. */
  'obstacle.merge_in',
  /** Every password or OpenID Connect sign-in attempt, with its outcome (success, failure, throttled; a lockout as a detail). */
  'session.sign_in',
  'session.sign_out',
  'user.create',
  'user.disable',
  'user.password_set',
  'user.password_link',
  /** A user changed their own preferences (language, digest only). */
  'user.preferences',
  /** A user marked notifications of their inbox read (`notifications`: their ids). */
  'notification.read',
  'api_token.create',
  'api_token.revoke',
  'organisation.create',
  'organisation.update',
  'governing_body.create',
  'governing_body.update',
  'meeting.create',
  'meeting.update',
  /** The agenda of a meeting was set (replaced as a whole). */
  'meeting.agenda',
  /** A governing body's decision on an obstacle (its moves are `obstacle.transition` events). */
  'decision.record',
  'decision.update',
  /** A norm duration of a phase was changed (core/calendar/norms.ts). */
  'norm.update',
  /** An action or milestone of an obstacle was added, or changed (details name its obstacle). */
  'action.create',
  'action.update',
  /** An overdue action climbed a level of the escalation ladder (the nightly run; details: from, to, the obstacle). */
  'action.escalate',
  /** A cell of the competence matrix (theme × government) got other departments. */
  'competence.update',
  /** Departments were added to a routed obstacle (after a decline: the next candidate). */
  'obstacle.routing_add',
  /** A routed department accepted or declined its part (or the secretariat did on its behalf). */
  'obstacle.routing_acknowledgement',
  /** A selection round was set up, or its criteria, weights, partners, deadline or status changed. */
  'selection_round.create',
  'selection_round.update',
  /** Candidates were added to or removed from a round (details: the obstacles). */
  'selection_round.candidates',
  /** The balance rules of a round were replaced. */
  'selection_round.rules',
  /** A partner's scores were recorded (details: the organisation and how many cells). */
  'selection_round.scores',
  /** A solve was started, finished or cancelled (details: the solution). */
  'selection_round.solve',
  /** The proposed portfolio was amended (details: the obstacle, include or exclude, the reason). */
  'selection_round.amend',
  /** The portfolio was approved (the candidates' moves are `obstacle.transition` events). */
  'selection_round.approve',
  /** A state-of-play round was opened (with its items), reminded, or closed (details name the departments that missed it). */
  'state_of_play.open',
  'state_of_play.remind',
  'state_of_play.close',
  /** A department answered (or changed its answer) on a state-of-play item. */
  'state_of_play.answer',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_ENTITY_TYPES = [
  'obstacle',
  'user',
  'sign_in',
  'api_token',
  'organisation',
  'governing_body',
  'meeting',
  'decision',
  'norm',
  'action',
  'competence',
  'selection_round',
  'state_of_play_round',
  'state_of_play_item',
] as const;
export type AuditEntityType = (typeof AUDIT_ENTITY_TYPES)[number];

export interface FieldChange {
  before: unknown;
  after: unknown;
}

/** The details of an event, stored as canonical JSON in `changes`. */
export interface AuditDetails {
  /** The fields that changed, each with its value before and after (`null` before on a create). */
  fields?: Record<string, FieldChange>;
  /** A move of the lifecycle: its name (core/lifecycle TRANSITION_NAMES). */
  transition?: string;
  /** The reason given with a move. */
  reason?: string;
  /** Whatever else the event says (a sign-in's outcome, the duplicate merged in). */
  [detail: string]: unknown;
}

/**
 * Who made a change: a signed-in user or the public (an Actor), the `schakel` command line
 * (`cli`: whoever runs it has the database, not a user account), or the platform itself (`system`:
 * demo users, fixtures).
 */
export type AuditActor = Actor | 'cli' | 'system';

/** How an actor is named in the trail: a user's id, `anonymous` for the public, `cli` or `system`. */
export function auditActor(actor: AuditActor): string {
  if (typeof actor === 'string') return actor;
  return actor.kind === 'user' ? actor.userId : 'anonymous';
}

export function auditRecord(event: {
  actor: AuditActor | string;
  at: Date;
  action: AuditAction;
  entityType: AuditEntityType;
  entityId: string;
  details: AuditDetails;
}): AuditRecord {
  return {
    at: event.at.toISOString(),
    actor: typeof event.actor === 'string' ? event.actor : auditActor(event.actor),
    action: event.action,
    entityType: event.entityType,
    entityId: event.entityId,
    changes: canonicalJson(event.details),
  };
}

/**
 * The fields whose values differ between two versions of a record, with both values; fields left
 * out are the same. Values are compared as canonical JSON (key order does not count).
 */
export function changedFields<T extends object>(before: T | undefined, after: T, fields: readonly (keyof T & string)[]) {
  const changes: Record<string, FieldChange> = {};
  for (const field of fields) {
    const old = before === undefined ? null : (before[field] ?? null);
    const now = after[field] ?? null;
    if (canonicalJson(old) !== canonicalJson(now)) changes[field] = { before: old, after: now };
  }
  return changes;
}
