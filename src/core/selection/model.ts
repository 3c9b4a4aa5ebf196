/**
 * The selection model of a round (issue 7): candidates with an aggregated score and the balance
 * rules. Plain data, so it crosses to the solver process as it is. docs/SELECTION.md
 * describes the model and the methods.
 */

/** One obstacle that may be selected. */
export interface Candidate {
  /** A stable id (the obstacle's id); unique within the round. */
  id: string;
  /** The aggregated score (aggregate.ts); the optimiser maximises the sum over the selection. */
  score: number;
  /** The side of the border where the burden lies mainly ('a', 'b', …). */
  side: string;
  themes: readonly string[];
  leadDepartment: string;
  subRegion: string;
  /** The effort the obstacle takes (any unit, ≥ 0); counted against `effortBudget`. */
  effort: number;
}

/** A limit that holds for every key (a number) or for the keys named (a map key → limit). */
export type PerKeyLimit = number | Readonly<Record<string, number>>;

/** Bounds on the share of the selection whose burden lies on `side`, in percent (0–100). */
export interface SideShare {
  side: string;
  minPercent?: number;
  maxPercent?: number;
}

/** The balance rules; each is optional. */
export interface Rules {
  /** How many obstacles at most, or exactly. */
  capacity?: { max?: number; exact?: number };
  /** The total effort of the selection at most. */
  effortBudget?: number;
  sideShare?: readonly SideShare[];
  /** How many selected obstacles at most carry each theme. */
  maxPerTheme?: PerKeyLimit;
  /** How many selected obstacles at most each lead department carries (its load). */
  maxPerDepartment?: PerKeyLimit;
  /** How many selected obstacles at least lie in each sub-region (with a number: every sub-region of the candidates). */
  minPerSubRegion?: PerKeyLimit;
  /** Candidates that must be selected (carried over from an earlier round). */
  keep?: readonly string[];
  /** Candidates that must be left out. */
  exclude?: readonly string[];
}

export interface SelectionModel {
  candidates: readonly Candidate[];
  rules: Rules;
}

/** The families of rules, in the order they are reported; the infeasibility analysis relaxes whole families. */
export const RULE_FAMILIES = [
  'capacity',
  'effortBudget',
  'sideShare',
  'maxPerTheme',
  'maxPerDepartment',
  'minPerSubRegion',
  'keep',
  'exclude',
] as const;
export type RuleFamily = (typeof RULE_FAMILIES)[number];

/** One rule: a family and, for per-key families, the key (a side, theme, department or sub-region). */
export interface RuleRef {
  rule: RuleFamily;
  key?: string;
}

/** The families that the rules actually use. */
export function activeFamilies(rules: Rules): RuleFamily[] {
  return RULE_FAMILIES.filter((family) => {
    const value = rules[family];
    if (value === undefined) return false;
    if (Array.isArray(value)) return value.length > 0;
    if (family === 'capacity') return rules.capacity?.max !== undefined || rules.capacity?.exact !== undefined;
    return true;
  });
}

/** The rules without the families named (used to find which rules conflict). */
export function withoutFamilies(rules: Rules, families: readonly RuleFamily[]): Rules {
  const copy: Rules = { ...rules };
  for (const family of families) delete copy[family];
  return copy;
}

/** The limit of a per-key rule for `key`, or undefined when it does not apply to that key. */
export function limitFor(limit: PerKeyLimit | undefined, key: string): number | undefined {
  if (limit === undefined) return undefined;
  if (typeof limit === 'number') return limit;
  return Object.hasOwn(limit, key) ? limit[key] : undefined;
}

/** The keys a per-key rule constrains: every key seen among the candidates (a number), or the keys named. */
export function limitKeys(limit: PerKeyLimit | undefined, seen: Iterable<string>): string[] {
  if (limit === undefined) return [];
  if (typeof limit === 'number') return [...new Set(seen)].sort();
  return Object.keys(limit).sort();
}

/** The outcome of a solve. */
export type SolveStatus = 'optimal' | 'feasible' | 'infeasible' | 'time_limit';

export interface SolveOptions {
  /** Wall-clock limit of the solver itself (HiGHS `time_limit`). */
  timeLimitMs: number;
  /** The stated optimality tolerance (HiGHS `mip_rel_gap`): 0 proves optimality; 0.001 stops within 0.1%. */
  relativeGap: number;
  /** Aborting cancels the solve (a queued one never starts; a running one is stopped). */
  signal?: AbortSignal;
  /** Only ask whether some selection meets every rule (objective 0: the first valid selection ends the solve). */
  feasibilityOnly?: boolean;
}

export interface SolveResult {
  /**
   * `optimal`: proven optimal (gap 0); `feasible`: within the stated tolerance, `gap` says how far at
   * most; `time_limit`: stopped by the time limit, with the best selection found (maybe none) and its
   * gap; `infeasible`: no selection satisfies every rule.
   */
  status: SolveStatus;
  /** The ids of the selected candidates, in the candidates' order. */
  selected: string[];
  /** The total score of the selection (summed from the candidates, not the solver's float). */
  objective: number;
  /** (bound − objective) / |objective|, as HiGHS reports it; 0 when optimal; null when there is no selection. */
  gap: number | null;
  /** The best proven upper bound on the total score, when the solver has one. */
  bound: number | null;
  /** Wall-clock milliseconds of the solve in the worker (not counting the queue). */
  ms: number;
}

/** The port of the MIP solver. Implemented outside core (src/server/selection/highs-in-thread.ts). */
export interface SelectionSolver {
  solve(model: SelectionModel, options: SolveOptions): Promise<SolveResult>;
}

/** A problem with the model itself (not a conflict between rules): an unknown id, a negative limit… */
export interface ModelProblem {
  /** The dotted path of the field, e.g. `rules.keep.2` or `candidates.4.score`. */
  name: string;
  code: 'duplicate' | 'unknown_candidate' | 'not_a_number' | 'out_of_range';
}

/** Every problem of the model, so a caller can fix them all at once; empty when the model is well-formed. */
export function checkModel(model: SelectionModel): ModelProblem[] {
  const problems: ModelProblem[] = [];
  const ids = new Set<string>();
  model.candidates.forEach((candidate, i) => {
    if (ids.has(candidate.id)) problems.push({ name: `candidates.${i}.id`, code: 'duplicate' });
    ids.add(candidate.id);
    if (!Number.isFinite(candidate.score)) problems.push({ name: `candidates.${i}.score`, code: 'not_a_number' });
    if (!Number.isFinite(candidate.effort)) problems.push({ name: `candidates.${i}.effort`, code: 'not_a_number' });
    else if (candidate.effort < 0) problems.push({ name: `candidates.${i}.effort`, code: 'out_of_range' });
  });
  const { rules } = model;
  const count = (name: string, value: number | undefined) => {
    if (value === undefined) return;
    if (!Number.isFinite(value)) problems.push({ name, code: 'not_a_number' });
    else if (value < 0) problems.push({ name, code: 'out_of_range' });
  };
  count('rules.capacity.max', rules.capacity?.max);
  count('rules.capacity.exact', rules.capacity?.exact);
  count('rules.effortBudget', rules.effortBudget);
  for (const family of ['maxPerTheme', 'maxPerDepartment', 'minPerSubRegion'] as const) {
    const limit = rules[family];
    if (typeof limit === 'number') count(`rules.${family}`, limit);
    else if (limit) for (const [key, value] of Object.entries(limit)) count(`rules.${family}.${key}`, value);
  }
  rules.sideShare?.forEach((share, i) => {
    for (const bound of ['minPercent', 'maxPercent'] as const) {
      const value = share[bound];
      if (value === undefined) continue;
      if (!Number.isFinite(value)) problems.push({ name: `rules.sideShare.${i}.${bound}`, code: 'not_a_number' });
      else if (value < 0 || value > 100) problems.push({ name: `rules.sideShare.${i}.${bound}`, code: 'out_of_range' });
    }
  });
  for (const family of ['keep', 'exclude'] as const) {
    const seen = new Set<string>();
    rules[family]?.forEach((id, i) => {
      if (!ids.has(id)) problems.push({ name: `rules.${family}.${i}`, code: 'unknown_candidate' });
      else if (seen.has(id)) problems.push({ name: `rules.${family}.${i}`, code: 'duplicate' });
      seen.add(id);
    });
  }
  return problems;
}

/** Thrown by formulate() for a malformed model; the API layer turns the problems into field errors. */
export class SelectionModelError extends Error {
  constructor(readonly problems: readonly ModelProblem[]) {
    super(`selection model: ${problems.map((p) => `${p.name} ${p.code}`).join(', ')}`);
    this.name = 'SelectionModelError';
  }
}

/** A solve that was cancelled through its AbortSignal, before or while it ran. */
export class SolveCancelledError extends Error {
  constructor() {
    super('the solve was cancelled');
    this.name = 'SolveCancelledError';
  }
}
