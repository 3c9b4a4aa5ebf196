import type { Actor } from '../access/access.js';
import { changedFields } from '../audit/audit-record.js';
import type { Clock, UnitOfWork } from '../obstacles/ports.js';
import { type FieldError, validationError } from '../shared/errors.js';
import { checkRound, type RoundInput } from './check-round.js';
import { snapshot } from './create-selection-round.js';
import type { SelectionRound } from './round.js';
import { auditRound, requireStatus, requireVersion, roundFor, saveRound, userIdOf } from './round-access.js';

export type RoundChanges = RoundInput & {
  /** `scoring` opens the round to the partners' scores; `draft` takes it back for setting up. */
  status?: 'draft' | 'scoring';
};

const SNAPSHOT_FIELDS = [
  'name',
  'segment',
  'periodStart',
  'periodEnd',
  'capacity',
  'effortBudget',
  'criteria',
  'aggregation',
  'partners',
  'scoringDeadline',
  'status',
] as const;

/**
 * Changes a round (the secretariat), with the version the caller saw: its set-up, the weights
 * (also after a solve: a what-if), and its status between `draft` and `scoring`. An approved round
 * no longer changes (409); the segment only while it is a draft without candidates (400).
 * Refusals: 401/403, 404, 412, 409, 400 (fields, all named). Audited as `selection_round.update`.
 */
export async function updateSelectionRound(options: {
  actor: Actor;
  id: string;
  expectedVersion: number | 'any';
  changes: RoundChanges;
  uow: UnitOfWork;
  clock: Clock;
}): Promise<SelectionRound> {
  const { actor, id, expectedVersion, changes, uow, clock } = options;
  return uow.transaction(async ({ selectionRounds, reference, audit }) => {
    const round = await roundFor(actor, 'manage_selection', selectionRounds, id);
    requireVersion(round, expectedVersion);
    requireStatus(round, ['draft', 'scoring', 'solved']);
    const errors: FieldError[] = [];
    if (changes.status !== undefined && changes.status !== round.status && round.status === 'solved') {
      // A solved round stays solved: what-ifs are solved again, not scored again.
      errors.push({ name: 'status', code: 'invalid_value', params: { allowed: 'solved' } });
    }
    if (changes.segment !== undefined && changes.segment !== round.segment) {
      const candidates = await selectionRounds.candidates(round.id);
      if (round.status !== 'draft' || candidates.length > 0) {
        errors.push({ name: 'segment', code: 'invalid_value', params: { allowed: round.segment } });
      }
    }
    const merged: SelectionRound = {
      ...round,
      ...(changes.name !== undefined ? { name: changes.name.trim() } : {}),
      ...(changes.segment !== undefined ? { segment: changes.segment } : {}),
      ...(changes.periodStart !== undefined ? { periodStart: changes.periodStart } : {}),
      ...(changes.periodEnd !== undefined ? { periodEnd: changes.periodEnd } : {}),
      ...(changes.capacity !== undefined ? { capacity: changes.capacity } : {}),
      ...(changes.effortBudget !== undefined ? { effortBudget: changes.effortBudget } : {}),
      ...(changes.criteria !== undefined ? { criteria: changes.criteria } : {}),
      ...(changes.aggregation !== undefined ? { aggregation: changes.aggregation } : {}),
      ...(changes.partners !== undefined ? { partners: changes.partners } : {}),
      ...(changes.scoringDeadline !== undefined ? { scoringDeadline: changes.scoringDeadline } : {}),
      ...(changes.status !== undefined && round.status !== 'solved' ? { status: changes.status } : {}),
    };
    errors.push(...checkRound(merged, await reference.catalogue(), changes));
    if (errors.length > 0) throw validationError(errors);
    const now = clock.now();
    const saved = await saveRound(selectionRounds, round, merged, userIdOf(actor), now);
    const fields = changedFields(snapshot(round), snapshot(saved), SNAPSHOT_FIELDS);
    if (Object.keys(fields).length > 0) {
      await auditRound(audit, { actor, at: now, action: 'selection_round.update', roundId: round.id, details: { fields } });
    }
    return saved;
  });
}
