import { checkModel, limitFor, limitKeys, type SelectionModel, SelectionModelError } from './model.js';

/** The MIP of a selection model as CPLEX LP text, for HiGHS. */
export interface Formulation {
  /** The LP text; variable `x<i>` is candidate i (0/1). */
  lp: string;
  /** Number of variables (= candidates). */
  variables: number;
  /** True when a rule can hold for no selection whatever (a row without candidates, e.g. a minimum for an empty sub-region). */
  triviallyInfeasible: boolean;
}

/** Terms per line: the LP reader takes long lines, but the text stays readable and diffable. */
const TERMS_PER_LINE = 50;

/**
 * Builds the 0/1 model: maximise Σ scoreᵢ·xᵢ (or 0 with `feasibilityOnly`) subject to every rule
 * of the model. Large models (20,000 candidates) are built from arrays joined once, never by
 * repeated string concatenation. Throws SelectionModelError for a malformed model.
 *
 *   capacity        Σ xᵢ ≤ max   or   Σ xᵢ = exact
 *   effortBudget    Σ effortᵢ·xᵢ ≤ budget
 *   sideShare s     Σ (100·[sideᵢ = s] − min)·xᵢ ≥ 0   and   Σ (max − 100·[sideᵢ = s])·xᵢ ≥ 0
 *   maxPerTheme t   Σ_{t ∈ themesᵢ} xᵢ ≤ limit        (rows that cannot bind are left out)
 *   maxPerDepartment d, minPerSubRegion r: likewise (≤, ≥)
 *   keep / exclude  xᵢ = 1 / xᵢ = 0
 */
export function formulate(model: SelectionModel, options: { feasibilityOnly?: boolean } = {}): Formulation {
  const problems = checkModel(model);
  if (problems.length > 0) throw new SelectionModelError(problems);
  const { candidates, rules } = model;
  const n = candidates.length;
  const lines: string[] = ['\\ Schakel selection model', 'Maximize'];
  let triviallyInfeasible = false;

  lines.push(
    ...terms(
      ' obj:',
      candidates.map((c, i) => [options.feasibilityOnly ? 0 : c.score, i]),
    ),
  );
  lines.push('Subject To');

  /** One row `name: Σ coef·x sense rhs`; a row without terms is checked here instead. */
  const row = (name: string, entries: [number, number][], sense: '<=' | '>=' | '=', rhs: number) => {
    const nonZero = entries.filter(([coefficient]) => coefficient !== 0);
    if (nonZero.length === 0) {
      const holds = sense === '<=' ? 0 <= rhs : sense === '>=' ? 0 >= rhs : rhs === 0;
      if (!holds) triviallyInfeasible = true;
      return;
    }
    const body = terms(` ${name}:`, nonZero);
    body[body.length - 1] += ` ${sense} ${number(rhs)}`;
    lines.push(...body);
  };
  const all = candidates.map((_, i): [number, number] => [1, i]);

  if (rules.capacity?.max !== undefined && rules.capacity.max < n) row('capacity_max', all, '<=', rules.capacity.max);
  if (rules.capacity?.exact !== undefined) row('capacity_exact', all, '=', rules.capacity.exact);
  if (rules.effortBudget !== undefined) {
    const total = candidates.reduce((sum, c) => sum + c.effort, 0);
    if (total > rules.effortBudget) {
      row(
        'effort_budget',
        candidates.map((c, i) => [c.effort, i]),
        '<=',
        rules.effortBudget,
      );
    }
  }
  (rules.sideShare ?? []).forEach((share, s) => {
    const onSide = (i: number) => (candidates[i]?.side === share.side ? 100 : 0);
    if (share.minPercent !== undefined && share.minPercent > 0) {
      row(
        `side_min_${s}`,
        candidates.map((_, i) => [onSide(i) - (share.minPercent as number), i]),
        '>=',
        0,
      );
    }
    if (share.maxPercent !== undefined && share.maxPercent < 100) {
      row(
        `side_max_${s}`,
        candidates.map((_, i) => [(share.maxPercent as number) - onSide(i), i]),
        '>=',
        0,
      );
    }
  });

  const groups = (keyOf: (i: number) => readonly string[]) => {
    const members = new Map<string, [number, number][]>();
    for (let i = 0; i < n; i++) {
      for (const key of new Set(keyOf(i))) {
        let list = members.get(key);
        if (!list) members.set(key, (list = []));
        list.push([1, i]);
      }
    }
    return members;
  };
  const perKey = (
    prefix: string,
    limit: SelectionModel['rules']['maxPerTheme'],
    keyOf: (i: number) => readonly string[],
    sense: '<=' | '>=',
  ) => {
    if (limit === undefined) return;
    const members = groups(keyOf);
    limitKeys(limit, members.keys()).forEach((key, k) => {
      const bound = limitFor(limit, key) as number;
      const entries = members.get(key) ?? [];
      if (sense === '<=' && entries.length <= bound) return;
      row(`${prefix}_${k}`, entries, sense, bound);
    });
  };
  perKey('theme_max', rules.maxPerTheme, (i) => candidates[i]?.themes ?? [], '<=');
  perKey('department_max', rules.maxPerDepartment, (i) => [candidates[i]?.leadDepartment ?? ''], '<=');
  perKey('subregion_min', rules.minPerSubRegion, (i) => [candidates[i]?.subRegion ?? ''], '>=');

  const index = new Map(candidates.map((c, i) => [c.id, i]));
  (rules.keep ?? []).forEach((id, k) => {
    row(`keep_${k}`, [[1, index.get(id) as number]], '=', 1);
  });
  (rules.exclude ?? []).forEach((id, k) => {
    row(`exclude_${k}`, [[1, index.get(id) as number]], '=', 0);
  });

  lines.push('Binary');
  for (let i = 0; i < n; i += TERMS_PER_LINE) {
    const names: string[] = [];
    for (let j = i; j < Math.min(n, i + TERMS_PER_LINE); j++) names.push(`x${j}`);
    lines.push(` ${names.join(' ')}`);
  }
  lines.push('End', '');
  return { lp: lines.join('\n'), variables: n, triviallyInfeasible };
}

/** `head c₀ x₀ + c₁ x₁ …`, broken into lines of TERMS_PER_LINE terms. */
function terms(head: string, entries: readonly (readonly [number, number])[]): string[] {
  const lines: string[] = [];
  let line: string[] = [head];
  entries.forEach(([coefficient, i], k) => {
    const sign = coefficient < 0 ? '-' : k === 0 ? '' : '+';
    line.push(`${sign}${sign ? ' ' : ''}${number(Math.abs(coefficient))} x${i}`);
    if (line.length > TERMS_PER_LINE) {
      lines.push(line.join(' '));
      line = [''];
    }
  });
  if (line.length > 1 || lines.length === 0) lines.push(line.join(' '));
  return lines;
}

/** A number as the LP reader takes it: plain decimal notation, never `1e-7`. */
function number(value: number): string {
  const text = String(value);
  return /e/i.test(text) ? value.toFixed(20).replace(/0+$/, '').replace(/\.$/, '') : text;
}
