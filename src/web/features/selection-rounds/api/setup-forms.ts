/**
 * The set-up forms of a round page (docs/SELECTION.md, "Pages"): the balance rules (PUT …/rules) and
 * the set-up (PATCH): from the posted fields to the API's body, and from the API's field names
 * (`sideShare.0.maxPercent`, `keep.1`, `criteria.2.weight`) back to the inputs of the form. A value
 * that is not a number is sent as it is, so the API names it in the reader's language.
 */

import type { Problem } from '../../../../contracts/common.contract.js';

/** What the rules form offers: the round's sides, the keys of the per-key limits and the candidates. */
export interface RulesFormShape {
  sides: readonly string[];
  themes: readonly string[];
  departments: readonly string[];
  regions: readonly string[];
  candidates: readonly { obstacleId: string; reference: string }[];
}

/** The per-key limits of the form: each has a field for every key (`maxPerTheme`) and one per key. */
export const PER_KEY_RULES = ['maxPerTheme', 'maxPerDepartment', 'minPerSubRegion'] as const;
export type PerKeyRule = (typeof PER_KEY_RULES)[number];

export const mustField = (obstacleId: string) => `must.${obstacleId}`;
export const sideField = (index: number, bound: 'minPercent' | 'maxPercent') => `sideShare.${index}.${bound}`;
export const weightField = (criterion: string) => `weight.${criterion}`;

/**
 * The shape of a posted rules form, from its field names: the sides (hidden `sideShare.<i>.side`),
 * the keys of the per-key limits and the candidates (`must.<id>`). So the action needs no second
 * look-up, and reads exactly what the page offered (the version tells if the round changed since).
 */
export function shapeFromForm(form: FormData): RulesFormShape {
  const sides: string[] = [];
  const keys: Record<PerKeyRule, string[]> = { maxPerTheme: [], maxPerDepartment: [], minPerSubRegion: [] };
  const candidates: { obstacleId: string; reference: string }[] = [];
  for (const [name, value] of form.entries()) {
    const side = /^sideShare\.(\d+)\.side$/.exec(name);
    if (side && typeof value === 'string') sides[Number(side[1])] = value;
    const dot = name.indexOf('.');
    const rule = name.slice(0, dot) as PerKeyRule;
    if (dot > 0 && (PER_KEY_RULES as readonly string[]).includes(rule)) keys[rule].push(name.slice(dot + 1));
    if (name.startsWith('must.')) candidates.push({ obstacleId: name.slice(5), reference: name.slice(5) });
  }
  return {
    sides: sides.filter((s) => s !== undefined),
    themes: keys.maxPerTheme,
    departments: keys.maxPerDepartment,
    regions: keys.minPerSubRegion,
    candidates,
  };
}

/** A number when the text is one, else the text itself (for the API to refuse, naming the field). */
function numberOr(text: string): number | string {
  return text !== '' && Number.isFinite(Number(text)) ? Number(text) : text;
}

function text(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value.trim() : '';
}

/** The rules as the page shows them again: every field by its name. */
export type FormValues = Record<string, string>;

export interface RulesRequest {
  body: Record<string, unknown>;
  values: FormValues;
  /** Limits given both for every key and per key: the form's own refusal, named by the rule. */
  both: PerKeyRule[];
  /** The form's field for a field the API names. */
  fieldOf: (name: string) => string;
}

/** Reads the posted rules form into the body of PUT …/rules. */
export function readRulesForm(form: FormData, shape: RulesFormShape): RulesRequest {
  const values: FormValues = {};
  const body: Record<string, unknown> = {};
  const sentSides: number[] = [];
  const sideShare: Record<string, unknown>[] = [];
  shape.sides.forEach((side, i) => {
    const min = text(form, sideField(i, 'minPercent'));
    const max = text(form, sideField(i, 'maxPercent'));
    values[sideField(i, 'minPercent')] = min;
    values[sideField(i, 'maxPercent')] = max;
    if (min === '' && max === '') return;
    sentSides.push(i);
    sideShare.push({
      side,
      ...(min !== '' ? { minPercent: numberOr(min) } : {}),
      ...(max !== '' ? { maxPercent: numberOr(max) } : {}),
    });
  });
  if (sideShare.length > 0) body.sideShare = sideShare;
  const both: PerKeyRule[] = [];
  for (const rule of PER_KEY_RULES) {
    const keys = rule === 'maxPerTheme' ? shape.themes : rule === 'maxPerDepartment' ? shape.departments : shape.regions;
    const every = text(form, rule);
    values[rule] = every;
    const perKey: Record<string, number | string> = {};
    for (const key of keys) {
      const value = text(form, `${rule}.${key}`);
      values[`${rule}.${key}`] = value;
      if (value !== '') perKey[key] = numberOr(value);
    }
    if (every !== '' && Object.keys(perKey).length > 0) both.push(rule);
    else if (every !== '') body[rule] = numberOr(every);
    else if (Object.keys(perKey).length > 0) body[rule] = perKey;
  }
  values.exactCapacity = form.get('exactCapacity') === 'on' ? 'on' : '';
  if (values.exactCapacity === 'on') body.exactCapacity = true;
  const keep: string[] = [];
  const exclude: string[] = [];
  for (const candidate of shape.candidates) {
    const must = text(form, mustField(candidate.obstacleId));
    values[mustField(candidate.obstacleId)] = must;
    if (must === 'keep') keep.push(candidate.obstacleId);
    else if (must === 'exclude') exclude.push(candidate.obstacleId);
  }
  body.keep = keep;
  body.exclude = exclude;
  const budget = text(form, 'effortBudget');
  values.effortBudget = budget;
  body.effortBudget = budget === '' ? null : numberOr(budget);
  const fieldOf = (name: string): string => {
    const share = /^sideShare\.(\d+)(?:\.(\w+))?$/.exec(name);
    if (share) {
      const index = sentSides[Number(share[1])] ?? 0;
      return sideField(index, share[2] === 'maxPercent' ? 'maxPercent' : 'minPercent');
    }
    if (name === 'sideShare') return sideField(0, 'minPercent');
    const must = /^(keep|exclude)\.(\d+)$/.exec(name);
    if (must) {
      const id = (must[1] === 'keep' ? keep : exclude)[Number(must[2])];
      return id ? mustField(id) : name;
    }
    return name;
  };
  return { body, values, both, fieldOf };
}

/** The form's values of the rules now in force, to fill the form in. */
export function rulesValues(
  rules: Record<string, unknown>,
  round: { effortBudget: number | null; candidates: readonly { obstacleId: string; must: string | null }[] },
  shape: Pick<RulesFormShape, 'sides'>,
): FormValues {
  const values: FormValues = {};
  const shares = (rules.sideShare ?? []) as { side: string; minPercent?: number; maxPercent?: number }[];
  shape.sides.forEach((side, i) => {
    const share = shares.find((s) => s.side === side);
    values[sideField(i, 'minPercent')] = share?.minPercent === undefined ? '' : String(share.minPercent);
    values[sideField(i, 'maxPercent')] = share?.maxPercent === undefined ? '' : String(share.maxPercent);
  });
  for (const rule of PER_KEY_RULES) {
    const limit = rules[rule] as number | Record<string, number> | undefined;
    if (typeof limit === 'number') values[rule] = String(limit);
    else if (limit) for (const [key, value] of Object.entries(limit)) values[`${rule}.${key}`] = String(value);
  }
  values.exactCapacity = rules.exactCapacity ? 'on' : '';
  for (const candidate of round.candidates) values[mustField(candidate.obstacleId)] = candidate.must ?? '';
  values.effortBudget = round.effortBudget === null ? '' : String(round.effortBudget);
  return values;
}

/** The keys a per-key limit offers: those of the candidates, and those the rules name already. */
export function keysOf(fromCandidates: Iterable<string>, limit: unknown): string[] {
  const keys = new Set(fromCandidates);
  if (limit && typeof limit === 'object') for (const key of Object.keys(limit)) keys.add(key);
  return [...keys].sort();
}

export interface SetupRequest {
  body: Record<string, unknown>;
  values: FormValues;
  fieldOf: (name: string) => string;
}

/** Reads the posted set-up form (capacity, weights, aggregation, scoring deadline) into the PATCH body. */
export function readSetupForm(form: FormData, criteria: readonly string[]): SetupRequest {
  const values: FormValues = {};
  for (const name of ['capacity', 'aggregation', 'scoringDeadline']) values[name] = text(form, name);
  for (const key of criteria) values[weightField(key)] = text(form, weightField(key));
  const body: Record<string, unknown> = {
    capacity: values.capacity === '' ? null : numberOr(values.capacity ?? ''),
    criteria: criteria.map((key) => ({ key, weight: numberOr(values[weightField(key)] ?? '') })),
    aggregation: values.aggregation,
    scoringDeadline: values.scoringDeadline,
  };
  const fieldOf = (name: string): string => {
    const criterion = /^criteria\.(\d+)(?:\.\w+)?$/.exec(name);
    if (criterion) return weightField(criteria[Number(criterion[1])] ?? criteria[0] ?? '');
    if (name === 'criteria') return weightField(criteria[0] ?? '');
    return name;
  };
  return { body, values, fieldOf };
}

/** The problem with each field the API named renamed to the form's field. */
export function renameFields(problem: Problem, fieldOf: (name: string) => string): Problem {
  if (!problem.invalidParams) return problem;
  return { ...problem, invalidParams: problem.invalidParams.map((p) => ({ ...p, name: fieldOf(p.name) })) };
}
