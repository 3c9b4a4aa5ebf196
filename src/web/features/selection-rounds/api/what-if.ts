/**
 * The what-if of a round as the pages handle it: the form's values pre-filled from the round, the
 * form read back into the body of POST …/solve (weights, aggregation, rules for that solve only),
 * and what a solution was solved with where that differs from the round's own set-up.
 */
import type { Problem } from '../../../../contracts/common.contract.js';
import type { RoundDetail, SolutionDetail } from './rounds-client';

export const LIMIT_FAMILIES = ['maxPerTheme', 'maxPerDepartment', 'minPerSubRegion'] as const;
export type LimitFamily = (typeof LIMIT_FAMILIES)[number];
/** The rule families a what-if can change, in the order the pages list them. */
export const BALANCE_FAMILIES = ['sideShare', ...LIMIT_FAMILIES, 'exactCapacity'] as const;

export interface WhatIfValues {
  weights: { key: string; weight: string }[];
  aggregation: string;
  exactCapacity: boolean;
  /** Per family: one limit for every key (`every`), or a limit per key named. */
  limits: Record<LimitFamily, { every: string; perKey: { key: string; value: string }[] }>;
  sides: { side: string; minPercent: string; maxPercent: string }[];
}

const text = (value: number | undefined | null): string => (value === undefined || value === null ? '' : String(value));

/** The what-if form pre-filled from the round: its weights, aggregation and rules; a share row per side. */
export function whatIfDefaults(round: RoundDetail): WhatIfValues {
  const rules = round.rules;
  const limit = (family: LimitFamily) => {
    const value = rules[family];
    if (value === undefined || typeof value === 'number') return { every: text(value), perKey: [] };
    return { every: '', perKey: Object.entries(value).map(([key, n]) => ({ key, value: String(n) })) };
  };
  const sides = [...(rules.sideShare ?? []).map((s) => s.side)];
  for (const candidate of round.candidates) if (!sides.includes(candidate.side)) sides.push(candidate.side);
  return {
    weights: round.criteria.map((c) => ({ key: c.key, weight: String(c.weight) })),
    aggregation: round.aggregation,
    exactCapacity: rules.exactCapacity === true,
    limits: {
      maxPerTheme: limit('maxPerTheme'),
      maxPerDepartment: limit('maxPerDepartment'),
      minPerSubRegion: limit('minPerSubRegion'),
    },
    sides: sides.map((side) => {
      const share = rules.sideShare?.find((s) => s.side === side);
      return { side, minPercent: text(share?.minPercent), maxPercent: text(share?.maxPercent) };
    }),
  };
}

function value(form: FormData, name: string): string {
  const v = form.get(name);
  return typeof v === 'string' ? v.trim() : '';
}

/** A number typed in the form; what is not a number is sent as typed, for the API to refuse by its name. */
function number(raw: string): number | string {
  const n = Number(raw.replace(',', '.'));
  return raw !== '' && Number.isFinite(n) ? n : raw;
}

/**
 * The form read back: the values to show again and the body of POST …/solve. Share rows left empty
 * are not sent; `sideIndex[i]` is the form row of the i-th share sent (to name a refusal's row).
 */
export function parseWhatIf(form: FormData): { values: WhatIfValues; body: Record<string, unknown>; sideIndex: number[] } {
  const weights: WhatIfValues['weights'] = [];
  for (let i = 0; form.has(`criteria.${i}.key`); i++) {
    weights.push({ key: value(form, `criteria.${i}.key`), weight: value(form, `criteria.${i}.weight`) });
  }
  const limits = {} as WhatIfValues['limits'];
  for (const family of LIMIT_FAMILIES) {
    const prefix = `rules.${family}.`;
    const perKey = [...form.keys()]
      .filter((name, index, all) => name.startsWith(prefix) && all.indexOf(name) === index)
      .map((name) => ({ key: name.slice(prefix.length), value: value(form, name) }));
    limits[family] = { every: value(form, `rules.${family}`), perKey };
  }
  const sides: WhatIfValues['sides'] = [];
  for (let i = 0; form.has(`rules.sideShare.${i}.side`); i++) {
    sides.push({
      side: value(form, `rules.sideShare.${i}.side`),
      minPercent: value(form, `rules.sideShare.${i}.minPercent`),
      maxPercent: value(form, `rules.sideShare.${i}.maxPercent`),
    });
  }
  const values: WhatIfValues = {
    weights,
    aggregation: value(form, 'aggregation'),
    exactCapacity: value(form, 'rules.exactCapacity') === 'true',
    limits,
    sides,
  };

  const rules: Record<string, unknown> = {};
  const sideIndex: number[] = [];
  const shares = sides.flatMap((s, index) => {
    if (s.minPercent === '' && s.maxPercent === '') return [];
    sideIndex.push(index);
    return [
      {
        side: s.side,
        ...(s.minPercent === '' ? {} : { minPercent: number(s.minPercent) }),
        ...(s.maxPercent === '' ? {} : { maxPercent: number(s.maxPercent) }),
      },
    ];
  });
  if (shares.length > 0) rules.sideShare = shares;
  for (const family of LIMIT_FAMILIES) {
    const { every, perKey } = limits[family];
    const named = perKey.filter((p) => p.value !== '');
    if (named.length > 0) rules[family] = Object.fromEntries(named.map((p) => [p.key, number(p.value)]));
    else if (every !== '') rules[family] = number(every);
  }
  if (values.exactCapacity) rules.exactCapacity = true;
  const body = {
    criteria: weights.map((w) => ({ key: w.key, weight: number(w.weight) })),
    ...(values.aggregation === '' ? {} : { aggregation: values.aggregation }),
    rules,
  };
  return { values, body, sideIndex };
}

/** A refusal of a what-if solve with its share rows named as the form numbers them. */
export function nameFormRows(problem: Problem, sideIndex: readonly number[]): Problem {
  if (!problem.invalidParams) return problem;
  return {
    ...problem,
    invalidParams: problem.invalidParams.map((p) => {
      const match = /^rules\.sideShare\.(\d+)\.(.+)$/.exec(p.name);
      const row = match ? sideIndex[Number(match[1])] : undefined;
      return match && row !== undefined ? { ...p, name: `rules.sideShare.${row}.${match[2]}` } : p;
    }),
  };
}

/** JSON with the keys of every object sorted: two rule values compared as values. */
function stable(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => `${JSON.stringify(k)}:${stable(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

const empty = (v: unknown) => (Array.isArray(v) && v.length === 0 ? undefined : v);

export interface SolvedWith {
  /** The criteria whose weight differs: the round's and the solution's. */
  weights: { key: string; round: number; solution: number }[];
  /** The solution's aggregation when it differs from the round's. */
  aggregation: SolutionDetail['params']['aggregation'] | null;
  /** The balance rule families whose value differs, each with the solution's value. */
  rules: { family: string; value: unknown }[];
}

/** What a solution was solved with where it differs from the round as it is now; all empty when it does not. */
export function solvedWith(round: RoundDetail, solution: SolutionDetail): SolvedWith {
  const params = solution.params;
  const weightOf = (list: { key: string; weight: number }[], key: string) => list.find((c) => c.key === key)?.weight ?? 0;
  const keys = [...new Set([...round.criteria, ...params.criteria].map((c) => c.key))];
  const weights = keys
    .map((key) => ({ key, round: weightOf(round.criteria, key), solution: weightOf(params.criteria, key) }))
    .filter((w) => w.round !== w.solution);
  const rules: SolvedWith['rules'] = [];
  const used = params.rules as Record<string, unknown>;
  const own = round.rules as Record<string, unknown>;
  for (const family of ['sideShare', ...LIMIT_FAMILIES]) {
    if (stable(empty(used[family])) !== stable(empty(own[family]))) rules.push({ family, value: empty(used[family]) ?? null });
  }
  if (round.capacity !== null) {
    const exact = (used.capacity as { exact?: number } | undefined)?.exact !== undefined;
    if (exact !== (round.rules.exactCapacity === true)) rules.push({ family: 'exactCapacity', value: exact });
  }
  return { weights, aggregation: params.aggregation === round.aggregation ? null : params.aggregation, rules };
}
