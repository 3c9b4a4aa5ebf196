import type { Actor } from '../access/access.js';
import type { Clock, UnitOfWork } from '../obstacles/ports.js';
import { validationError } from '../shared/errors.js';
import { checkRules } from './check-rules.js';
import type { BalanceRules, SelectionRound } from './round.js';
import { auditRound, requireStatus, requireVersion, roundFor, saveRound, userIdOf } from './round-access.js';

/**
 * Replaces the balance rules of a round (the secretariat), with the version the caller saw; also
 * after a solve (a what-if). Checked against the reference data, every problem named by its path in
 * the rules: sides and sub-regions of the round's segment, known themes and departments, shares
 * 0–100 with the minimum at most the maximum, limits ≥ 0. 409 once approved. Audited as
 * `selection_round.rules`.
 */
export async function setSelectionRules(options: {
  actor: Actor;
  id: string;
  expectedVersion: number | 'any';
  rules: BalanceRules;
  uow: UnitOfWork;
  clock: Clock;
}): Promise<SelectionRound> {
  const { actor, id, expectedVersion, rules, uow, clock } = options;
  return uow.transaction(async ({ selectionRounds, reference, audit }) => {
    const round = await roundFor(actor, 'manage_selection', selectionRounds, id);
    requireVersion(round, expectedVersion);
    requireStatus(round, ['draft', 'scoring', 'solved']);
    const errors = checkRules(rules, round, await reference.catalogue());
    if (errors.length > 0) throw validationError(errors);
    const now = clock.now();
    const saved = await saveRound(selectionRounds, round, { rules }, userIdOf(actor), now);
    await auditRound(audit, {
      actor,
      at: now,
      action: 'selection_round.rules',
      roundId: round.id,
      details: { fields: { rules: { before: round.rules, after: rules } } },
    });
    return saved;
  });
}
