import type { Actor } from '../access/access.js';
import type { Clock, UnitOfWork } from '../obstacles/ports.js';
import { type FieldError, validationError } from '../shared/errors.js';
import { checkRules } from './check-rules.js';
import type { BalanceRules, Must, RoundCandidate, SelectionRound } from './round.js';
import { auditRound, requireStatus, requireVersion, roundFor, saveRound, userIdOf } from './round-access.js';

/** The candidates to keep and to leave out: every other candidate is neither. */
export interface MustChoice {
  keep: readonly string[];
  exclude: readonly string[];
}

/** Each named obstacle must be a candidate (by id or reference), and in one list only. */
function checkMust(must: MustChoice, candidates: readonly RoundCandidate[]): { errors: FieldError[]; byId: Map<string, Must> } {
  const errors: FieldError[] = [];
  const byId = new Map<string, Must>();
  const find = (value: string) => candidates.find((c) => c.obstacleId === value || c.reference === value);
  for (const list of ['keep', 'exclude'] as const) {
    must[list].forEach((value, i) => {
      const candidate = find(value);
      if (!candidate) errors.push({ name: `${list}.${i}`, code: 'not_a_candidate', params: { value } });
      else if (byId.has(candidate.obstacleId)) errors.push({ name: `${list}.${i}`, code: 'duplicate' });
      else byId.set(candidate.obstacleId, list);
    });
  }
  return { errors, byId };
}

/**
 * Replaces the balance rules of a round (the secretariat), with the version the caller saw; also
 * after a solve (a what-if). Checked against the reference data, every problem named by its path in
 * the rules: sides and sub-regions of the round's segment, known themes and departments, shares
 * 0–100 with the minimum at most the maximum, limits ≥ 0. With `must`, the candidates to keep and
 * to leave out are set in the same write (each a candidate, in one list only; the others neither);
 * with `effortBudget`, the round's budget (a round needs a capacity or a budget). 409 once
 * approved. Audited as `selection_round.rules`.
 */
export async function setSelectionRules(options: {
  actor: Actor;
  id: string;
  expectedVersion: number | 'any';
  rules: BalanceRules;
  must?: MustChoice;
  effortBudget?: number | null;
  uow: UnitOfWork;
  clock: Clock;
}): Promise<SelectionRound> {
  const { actor, id, expectedVersion, rules, must, effortBudget, uow, clock } = options;
  return uow.transaction(async ({ selectionRounds, reference, audit }) => {
    const round = await roundFor(actor, 'manage_selection', selectionRounds, id);
    requireVersion(round, expectedVersion);
    requireStatus(round, ['draft', 'scoring', 'solved']);
    const errors = checkRules(rules, round, await reference.catalogue());
    if (effortBudget === null && round.capacity === null) errors.push({ name: 'effortBudget', code: 'required' });
    const candidates = must ? await selectionRounds.candidates(round.id) : [];
    const chosen = must ? checkMust(must, candidates) : undefined;
    if (chosen) errors.push(...chosen.errors);
    if (errors.length > 0) throw validationError(errors);
    const now = clock.now();
    const saved = await saveRound(
      selectionRounds,
      round,
      { rules, ...(effortBudget !== undefined ? { effortBudget } : {}) },
      userIdOf(actor),
      now,
    );
    const fields: Record<string, { before: unknown; after: unknown }> = { rules: { before: round.rules, after: rules } };
    if (effortBudget !== undefined && effortBudget !== round.effortBudget) {
      fields.effortBudget = { before: round.effortBudget, after: effortBudget };
    }
    if (chosen) {
      const before = (kind: Must) => candidates.filter((c) => c.must === kind).map((c) => c.obstacleId);
      const after = (kind: Must) => candidates.filter((c) => chosen.byId.get(c.obstacleId) === kind).map((c) => c.obstacleId);
      await selectionRounds.setMust(round.id, { keep: after('keep'), exclude: after('exclude') });
      for (const kind of ['keep', 'exclude'] as const) {
        if (before(kind).join() !== after(kind).join()) fields[kind] = { before: before(kind), after: after(kind) };
      }
    }
    await auditRound(audit, { actor, at: now, action: 'selection_round.rules', roundId: round.id, details: { fields } });
    return saved;
  });
}
