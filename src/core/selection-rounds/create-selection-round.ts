import { type Actor, can, denied } from '../access/access.js';
import type { Clock, IdGenerator, UnitOfWork } from '../obstacles/ports.js';
import { validationError } from '../shared/errors.js';
import { checkRound, type RoundInput } from './check-round.js';
import { DEFAULT_CRITERIA, type SelectionRound } from './round.js';
import { auditRound, userIdOf } from './round-access.js';

export type NewRound = Required<
  Pick<RoundInput, 'name' | 'segment' | 'periodStart' | 'periodEnd' | 'partners' | 'scoringDeadline'>
> &
  Pick<RoundInput, 'capacity' | 'effortBudget' | 'criteria' | 'aggregation'>;

/**
 * Sets up a selection round (the secretariat) in `draft`: the criteria default to the five seeded
 * ones with their weights, aggregation to the mean. Refusals: 401/403, 400 (fields, all named).
 * The round and its audit event are one transaction.
 */
export async function createSelectionRound(options: {
  actor: Actor;
  input: NewRound;
  uow: UnitOfWork;
  clock: Clock;
  ids: IdGenerator;
}): Promise<SelectionRound> {
  const { actor, input, uow, clock, ids } = options;
  if (actor.kind === 'anonymous' || !can(actor, 'manage_selection')) throw denied(actor);
  return uow.transaction(async ({ selectionRounds, reference, audit }) => {
    const now = clock.now();
    const by = userIdOf(actor);
    const round: SelectionRound = {
      id: ids.newId(),
      name: input.name.trim(),
      segment: input.segment,
      periodStart: input.periodStart,
      periodEnd: input.periodEnd,
      capacity: input.capacity ?? null,
      effortBudget: input.effortBudget ?? null,
      criteria: input.criteria ?? DEFAULT_CRITERIA.map((c) => ({ ...c })),
      aggregation: input.aggregation ?? 'mean',
      partners: input.partners,
      scoringDeadline: input.scoringDeadline,
      status: 'draft',
      rules: {},
      approvedSolutionId: null,
      version: 1,
      createdAt: now,
      createdBy: by,
      updatedAt: now,
      updatedBy: by,
    };
    const errors = checkRound(round, await reference.catalogue(), {
      ...input,
      capacity: input.capacity ?? null,
      effortBudget: input.effortBudget ?? null,
    });
    if (errors.length > 0) throw validationError(errors);
    await selectionRounds.insertRound(round);
    await auditRound(audit, {
      actor,
      at: now,
      action: 'selection_round.create',
      roundId: round.id,
      details: { round: snapshot(round) },
    });
    return round;
  });
}

/** A round as the audit trail records it. */
export function snapshot(round: SelectionRound) {
  return {
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
  };
}
