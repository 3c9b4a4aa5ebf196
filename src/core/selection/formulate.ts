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

  const all = Array.from({ length: n }, (_, i) => i);
  lines.push(...terms(' obj:', all, (k) => (options.feasibilityOnly ? 0 : (candidates[k] as { score: number }).score)));
  lines.push('Subject To');

  /** One row `name: Σ coef(k)·x_{vars[k]} sense rhs`; a row without non-zero terms is checked here instead. */
  const row = (
    name: string,
    vars: readonly number[],
    coefficient: (k: number) => number,
    sense: '<=' | '>=' | '=',
    rhs: number,
  ) => {
    const kept: number[] = [];
    const values: number[] = [];
    for (let k = 0; k < vars.length; k++) {
      const value = coefficient(k);
      if (value !== 0) {
        kept.push(vars[k] as number);
        values.push(value);
      }
    }
    if (kept.length === 0) {
      const holds = sense === '<=' ? 0 <= rhs : sense === '>=' ? 0 >= rhs : rhs === 0;
      if (!holds) triviallyInfeasible = true;
      return;
    }
    const body = terms(` ${name}:`, kept, (k) => values[k] as number);
    body[body.length - 1] += ` ${sense} ${number(rhs)}`;
    lines.push(...body);
  };
  const one = () => 1;

  if (rules.capacity?.max !== undefined && rules.capacity.max < n) row('capacity_max', all, one, '<=', rules.capacity.max);
  if (rules.capacity?.exact !== undefined) row('capacity_exact', all, one, '=', rules.capacity.exact);
  if (rules.effortBudget !== undefined) {
    const total = candidates.reduce((sum, c) => sum + c.effort, 0);
    if (total > rules.effortBudget)
      row('effort_budget', all, (k) => (candidates[k] as { effort: number }).effort, '<=', rules.effortBudget);
  }
  (rules.sideShare ?? []).forEach((share, s) => {
    const onSide = (k: number) => (candidates[k]?.side === share.side ? 100 : 0);
    const { minPercent, maxPercent } = share;
    if (minPercent !== undefined && minPercent > 0) row(`side_min_${s}`, all, (k) => onSide(k) - minPercent, '>=', 0);
    if (maxPercent !== undefined && maxPercent < 100) row(`side_max_${s}`, all, (k) => maxPercent - onSide(k), '>=', 0);
  });

  const groups = (keyOf: (i: number) => readonly string[]) => {
    const members = new Map<string, number[]>();
    for (let i = 0; i < n; i++) {
      for (const key of new Set(keyOf(i))) {
        let list = members.get(key);
        if (!list) {
          list = [];
          members.set(key, list);
        }
        list.push(i);
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
      const vars = members.get(key) ?? [];
      if (sense === '<=' && vars.length <= bound) return;
      row(`${prefix}_${k}`, vars, one, sense, bound);
    });
  };
  perKey('theme_max', rules.maxPerTheme, (i) => candidates[i]?.themes ?? [], '<=');
  perKey('department_max', rules.maxPerDepartment, (i) => [candidates[i]?.leadDepartment ?? ''], '<=');
  perKey('subregion_min', rules.minPerSubRegion, (i) => [candidates[i]?.subRegion ?? ''], '>=');

  const index = new Map(candidates.map((c, i) => [c.id, i]));
  (rules.keep ?? []).forEach((id, k) => {
    row(`keep_${k}`, [index.get(id) as number], one, '=', 1);
  });
  (rules.exclude ?? []).forEach((id, k) => {
    row(`exclude_${k}`, [index.get(id) as number], one, '=', 0);
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

/** `head c₀ x_{v₀} + c₁ x_{v₁} …`, broken into lines of TERMS_PER_LINE terms. */
function terms(head: string, vars: readonly number[], coefficient: (k: number) => number): string[] {
  const lines: string[] = [];
  const texts = new Map<number, string>();
  let line = head;
  for (let k = 0; k < vars.length; k++) {
    const value = coefficient(k);
    let text = k === 0 ? undefined : texts.get(value);
    if (text === undefined) {
      text = `${value < 0 ? '- ' : k === 0 ? '' : '+ '}${number(Math.abs(value))}`;
      if (k > 0) texts.set(value, text);
    }
    line += ` ${text} x${vars[k]}`;
    if ((k + 1) % TERMS_PER_LINE === 0 && k + 1 < vars.length) {
      lines.push(line);
      line = '';
    }
  }
  lines.push(line);
  return lines;
}

/** A number as the LP reader takes it: plain decimal notation, never `1e-7`. */
function number(value: number): string {
  const text = String(value);
  return text.includes('e') ? value.toFixed(20).replace(/0+$/, '').replace(/\.$/, '') : text;
}
