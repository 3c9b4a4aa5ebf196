import { type Actor, can, denied } from '../access/access.js';
import type { AuditAction, AuditDetails } from '../audit/audit-record.js';
import { auditRecord } from '../audit/audit-record.js';
import type { AuditLog } from '../audit/ports.js';
import { AppError } from '../shared/errors.js';
import type { SelectionRoundRepository } from './ports.js';
import type { RoundStatus, SelectionRound } from './round.js';

/**
 * Who reads a round: the secretariat and decision makers every round, a partner user the rounds
 * its organisation takes part in. The others are refused before anything is read.
 */
export function readsRound(actor: Actor, round: SelectionRound): boolean {
  if (actor.kind === 'anonymous' || !can(actor, 'read_selection')) return false;
  return actor.role !== 'partner' || round.partners.includes(actor.organisation);
}

/** Whether the caller sees every partner's scores: the secretariat always, others once the round is solved. */
export function seesAllScores(actor: Actor, round: SelectionRound): boolean {
  if (actor.kind === 'anonymous') return false;
  return actor.role === 'secretariat' || round.status === 'solved' || round.status === 'approved';
}

/**
 * The round for a caller who may do `action`: 401 for the public, 403 for a role that may not,
 * 404 when there is no such round or the caller does not read it.
 */
export async function roundFor(
  actor: Actor,
  action: 'read_selection' | 'manage_selection' | 'score_selection' | 'approve_selection',
  rounds: SelectionRoundRepository,
  id: string,
): Promise<SelectionRound> {
  if (actor.kind === 'anonymous' || !can(actor, action)) throw denied(actor);
  const round = await rounds.findRound(id);
  if (!round || !readsRound(actor, round)) throw new AppError('selection_round_not_found', { params: { id } });
  return round;
}

/** Refuses (409) what the round's status does not allow. */
export function requireStatus(round: SelectionRound, allowed: readonly RoundStatus[]): void {
  if (!allowed.includes(round.status)) {
    throw new AppError('selection_round_status', { params: { status: round.status, allowed: allowed.join(', ') } });
  }
}

/** Refuses (412) a stale version; 'any' (If-Match: *) takes whatever is stored. */
export function requireVersion(round: SelectionRound, expectedVersion: number | 'any'): void {
  if (expectedVersion !== 'any' && round.version !== expectedVersion) {
    throw new AppError('version_conflict', { params: { current: round.version } });
  }
}

/** Writes the round with its version raised; 412 when another write came first. */
export async function saveRound(
  rounds: SelectionRoundRepository,
  round: SelectionRound,
  changes: Partial<SelectionRound>,
  by: string,
  at: Date,
): Promise<SelectionRound> {
  const next: SelectionRound = { ...round, ...changes, version: round.version + 1, updatedAt: at, updatedBy: by };
  if (!(await rounds.updateRound(next, round.version))) {
    const stored = await rounds.findRound(round.id);
    throw new AppError('version_conflict', { params: { current: stored?.version ?? '?' } });
  }
  return next;
}

export async function auditRound(
  audit: AuditLog,
  event: { actor: Actor | string; at: Date; action: AuditAction; roundId: string; details: AuditDetails },
): Promise<void> {
  await audit.append(
    auditRecord({
      actor: event.actor,
      at: event.at,
      action: event.action,
      entityType: 'selection_round',
      entityId: event.roundId,
      details: event.details,
    }),
  );
}

/** The user id of a signed-in caller (the use cases refuse the public first). */
export function userIdOf(actor: Actor): string {
  if (actor.kind !== 'user') throw new Error('a round is changed by signed-in users only');
  return actor.userId;
}
