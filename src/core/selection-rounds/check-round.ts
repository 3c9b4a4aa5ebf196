import type { Catalogue } from '../obstacles/ports.js';
import type { FieldError } from '../shared/errors.js';
import { CRITERIA, type RoundCriterion, type SelectionRound } from './round.js';

/** What a caller sends to set up or change a round (every field optional on a change). */
export interface RoundInput {
  name?: string;
  segment?: string;
  periodStart?: string;
  periodEnd?: string;
  capacity?: number | null;
  effortBudget?: number | null;
  criteria?: RoundCriterion[];
  aggregation?: SelectionRound['aggregation'];
  partners?: string[];
  scoringDeadline?: string;
}

/**
 * The rules of a round no schema knows, every broken one named: a known segment and partner
 * organisations (no organisation twice), a period that ends after it starts, a capacity or an
 * effort budget (at least one), criteria each once with some weight.
 */
export function checkRound(
  merged: Omit<
    SelectionRound,
    'id' | 'version' | 'createdAt' | 'createdBy' | 'updatedAt' | 'updatedBy' | 'status' | 'rules' | 'approvedSolutionId'
  >,
  catalogue: Catalogue,
  input: RoundInput,
): FieldError[] {
  const errors: FieldError[] = [];
  if (input.segment !== undefined && !catalogue.segments.some((s) => s.key === input.segment)) {
    errors.push({ name: 'segment', code: 'unknown_key', params: { value: input.segment } });
  }
  if (input.partners !== undefined) {
    const seen = new Set<string>();
    input.partners.forEach((key, i) => {
      if (!catalogue.organisations.some((o) => o.key === key))
        errors.push({ name: `partners.${i}`, code: 'unknown_key', params: { value: key } });
      else if (seen.has(key)) errors.push({ name: `partners.${i}`, code: 'duplicate' });
      seen.add(key);
    });
    if (input.partners.length === 0) errors.push({ name: 'partners', code: 'too_small', params: { min: 1 } });
  }
  if ((input.periodEnd !== undefined || input.periodStart !== undefined) && merged.periodEnd < merged.periodStart) {
    errors.push({ name: 'periodEnd', code: 'too_small', params: { min: merged.periodStart } });
  }
  if (
    (input.capacity !== undefined || input.effortBudget !== undefined) &&
    merged.capacity === null &&
    merged.effortBudget === null
  ) {
    errors.push({ name: 'capacity', code: 'required' });
  }
  if (input.criteria !== undefined) {
    const seen = new Set<string>();
    input.criteria.forEach((criterion, i) => {
      if (!(CRITERIA as readonly string[]).includes(criterion.key)) {
        errors.push({ name: `criteria.${i}.key`, code: 'unknown_key', params: { value: criterion.key } });
      } else if (seen.has(criterion.key)) errors.push({ name: `criteria.${i}.key`, code: 'duplicate' });
      seen.add(criterion.key);
    });
    if (!input.criteria.some((c) => c.weight > 0)) errors.push({ name: 'criteria', code: 'too_small', params: { min: 1 } });
  }
  return errors;
}
