import { activeFamilies, type RuleFamily, type SelectionModel, type SelectionSolver, withoutFamilies } from './model.js';

export interface ConflictReport {
  /**
   * The smallest sets of rule families whose relaxation (removing the family altogether) makes the
   * round feasible: every set of that smallest size that works. Empty when the round is feasible
   * as it is, or when not even removing every family helps (a malformed model).
   */
  conflicts: RuleFamily[][];
  /** Sets whose check ran out of time: neither proven feasible nor infeasible. */
  undetermined: RuleFamily[][];
  /** How many feasibility checks were solved. */
  checks: number;
}

/**
 * Says which rules conflict when a round is infeasible. Every rule family the round uses is
 * relaxed in turn (removed), then every pair, then every triple…, each checked for feasibility
 * (HiGHS with a zero objective: the first valid selection ends the check); the first size at
 * which some relaxation is feasible is reported, with every set of that size that works. With
 * eight families there are at most 255 checks, and in practice one or two sizes are tried.
 */
export async function findConflicts(options: {
  model: SelectionModel;
  solver: SelectionSolver;
  /** Per check. */
  timeLimitMs: number;
  signal?: AbortSignal;
}): Promise<ConflictReport> {
  const { model, solver, timeLimitMs, signal } = options;
  const families = activeFamilies(model.rules);
  const report: ConflictReport = { conflicts: [], undetermined: [], checks: 0 };
  const check = async (relaxed: RuleFamily[]) => {
    report.checks += 1;
    const result = await solver.solve(
      { candidates: model.candidates, rules: withoutFamilies(model.rules, relaxed) },
      { timeLimitMs, relativeGap: 0, feasibilityOnly: true, signal },
    );
    if (result.status === 'infeasible') return 'infeasible';
    // Out of time before any valid selection was found: not known either way.
    return result.status === 'time_limit' && result.gap === null ? 'unknown' : 'feasible';
  };
  if ((await check([])) !== 'infeasible') return report;
  for (let size = 1; size <= families.length; size++) {
    for (const relaxed of combinations(families, size)) {
      const outcome = await check(relaxed);
      if (outcome === 'feasible') report.conflicts.push(relaxed);
      else if (outcome === 'unknown') report.undetermined.push(relaxed);
    }
    if (report.conflicts.length > 0) break;
  }
  return report;
}

/** The k-element subsets of `items`, in lexicographic order of positions. */
export function combinations<T>(items: readonly T[], k: number): T[][] {
  const out: T[][] = [];
  const pick = (start: number, chosen: T[]) => {
    if (chosen.length === k) {
      out.push([...chosen]);
      return;
    }
    for (let i = start; i <= items.length - (k - chosen.length); i++) {
      chosen.push(items[i] as T);
      pick(i + 1, chosen);
      chosen.pop();
    }
  };
  pick(0, []);
  return out;
}
