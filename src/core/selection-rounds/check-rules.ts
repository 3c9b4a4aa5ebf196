import type { Catalogue } from '../obstacles/ports.js';
import { checkModel, type PerKeyLimit } from '../selection/model.js';
import type { FieldError } from '../shared/errors.js';
import type { BalanceRules, SelectionRound } from './round.js';

/**
 * The balance rules checked against the round and the reference data, every problem named by its
 * path in the rules: sides and sub-regions of the round's segment, known themes and departments,
 * shares 0–100 with the minimum at most the maximum, limits ≥ 0, an exact count only with a capacity.
 */
export function checkRules(
  rules: BalanceRules,
  round: Pick<SelectionRound, 'segment' | 'capacity'>,
  catalogue: Catalogue,
): FieldError[] {
  const segment = catalogue.segments.find((s) => s.key === round.segment);
  const errors: FieldError[] = checkModel({ candidates: [], rules }).map((p) => ({
    name: p.name.replace(/^rules\./, ''),
    code: p.code === 'out_of_range' ? 'too_big' : 'invalid_value',
    ...(p.code === 'out_of_range' ? { params: { max: 100 } } : {}),
  }));
  const sides = new Set(segment?.sides.map((s) => s.side) ?? []);
  const seenSides = new Set<string>();
  rules.sideShare?.forEach((share, i) => {
    if (!sides.has(share.side)) {
      errors.push({ name: `sideShare.${i}.side`, code: 'other_segment', params: { value: share.side, segment: round.segment } });
    } else if (seenSides.has(share.side)) errors.push({ name: `sideShare.${i}.side`, code: 'duplicate' });
    seenSides.add(share.side);
    if (share.minPercent !== undefined && share.maxPercent !== undefined && share.minPercent > share.maxPercent) {
      errors.push({ name: `sideShare.${i}.maxPercent`, code: 'too_small', params: { min: share.minPercent } });
    }
  });
  const keysOf = (limit: PerKeyLimit | undefined) => (limit === undefined || typeof limit === 'number' ? [] : Object.keys(limit));
  const regions = new Set(segment?.sides.flatMap((s) => s.regions) ?? []);
  for (const key of keysOf(rules.minPerSubRegion)) {
    if (!regions.has(key))
      errors.push({ name: `minPerSubRegion.${key}`, code: 'other_segment', params: { value: key, segment: round.segment } });
  }
  for (const key of keysOf(rules.maxPerTheme)) {
    if (!catalogue.themes.some((t) => t.key === key))
      errors.push({ name: `maxPerTheme.${key}`, code: 'unknown_key', params: { value: key } });
  }
  for (const key of keysOf(rules.maxPerDepartment)) {
    if (!catalogue.organisations.some((o) => o.key === key)) {
      errors.push({ name: `maxPerDepartment.${key}`, code: 'unknown_key', params: { value: key } });
    }
  }
  if (rules.exactCapacity && round.capacity === null)
    errors.push({ name: 'exactCapacity', code: 'invalid_value', params: { allowed: 'false' } });
  return errors;
}
