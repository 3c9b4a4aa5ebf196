import { type RuleRef, type SelectionModel, type SelectionSolver, SolveCancelledError, type SolveResult } from './model.js';
import { SelectionState } from './rules.js';

/** Why a candidate is in or out of the portfolio. */
export type Explanation =
  | {
      id: string;
      selected: true;
      /** Selected because a keep rule says so (it might not be on its score). */
      kept: boolean;
    }
  | {
      id: string;
      selected: false;
      /** Left out because an exclude rule says so. */
      excluded: true;
    }
  | {
      id: string;
      selected: false;
      excluded: false;
      /**
       * The rules that adding it to the portfolio as it is would break (the capacity, the budget,
       * its theme's or department's maximum, a side's share). Empty: it would fit, but its score
       * does not pay for it (a tie, or a score ≤ 0).
       */
      blockedBy: RuleRef[];
      /**
       * The lowest score at which it would enter an optimal portfolio (strictly above it, it
       * does): exact with `resolve`, an upper bound with `swap` (a single exchange with the
       * weakest selected candidate that keeps every rule); null when neither was computed or no
       * single exchange keeps every rule. With `resolve`, `canEnter` false means that no valid
       * portfolio holds it at all.
       */
      neededScore: number | null;
      method: 'resolve' | 'swap' | 'none';
      /** The selected candidate it would replace in the cheapest single exchange, if any. */
      swapWith: string | null;
      canEnter: boolean;
    };

export interface ExplainOptions {
  model: SelectionModel;
  /** The optimal portfolio (status `optimal`: the needed scores rely on it). */
  result: SolveResult;
  solver: SelectionSolver;
  /** How many of the strongest left-out candidates get the exact needed score by a re-solve (default 10). */
  resolveTop?: number;
  /** How many left-out candidates get the swap bound, strongest first (default all). */
  swapTop?: number;
  timeLimitMs?: number;
  signal?: AbortSignal;
  /**
   * The longest the work runs without giving the event loop a turn, in ms (default 10): at 20,000
   * candidates the swap bounds take seconds of CPU, which must not stop the process answering.
   */
  sliceMs?: number;
}

/** Gives the event loop a turn (what waits: timers, requests) when `sliceMs` has passed since the last. */
function slicer(sliceMs: number, signal: AbortSignal | undefined) {
  let since = performance.now();
  return async () => {
    if (performance.now() - since < sliceMs) return;
    await new Promise((resolve) => setImmediate(resolve));
    if (signal?.aborted) throw new SolveCancelledError();
    since = performance.now();
  };
}

/**
 * Explains every candidate of an optimal portfolio (docs/SELECTION.md, "Explanations"):
 * - selected, by score or by a keep rule; left out by an exclude rule;
 * - otherwise the rules that block it: those that adding it to the portfolio would break;
 * - and the score it would need to get in. Exactly, for the `resolveTop` strongest left-out
 *   candidates: re-solve with the candidate kept, optimum O_j; the portfolio without it stays
 *   optimal at O* whatever its score, so it enters exactly when its score exceeds
 *   s_j + (O* − O_j). Cheaply, for the others: the cheapest single exchange with a selected
 *   candidate i (not kept) that keeps every rule would gain s_j − s_i, so any score above s_i gets
 *   it in: s_i is an upper bound of the needed score.
 */
export async function explainPortfolio(options: ExplainOptions): Promise<Explanation[]> {
  const { model, result, solver } = options;
  const state = SelectionState.of(model, result.selected);
  const keep = new Set(model.rules.keep ?? []);
  const exclude = new Set(model.rules.exclude ?? []);
  const { candidates } = model;

  // Selected candidates that may be exchanged, weakest first: the first valid exchange is the cheapest.
  const exchangeable = candidates
    .map((candidate, i) => ({ i, score: candidate.score }))
    .filter(({ i }) => state.selected[i] && !keep.has((candidates[i] as { id: string }).id))
    .sort((a, b) => a.score - b.score || a.i - b.i);
  const leftOut = candidates
    .map((candidate, i) => ({ i, score: candidate.score }))
    .filter(({ i }) => !state.selected[i] && !exclude.has((candidates[i] as { id: string }).id))
    .sort((a, b) => b.score - a.score || a.i - b.i);
  const swapTop = options.swapTop ?? leftOut.length;
  const resolveTop = options.resolveTop ?? 10;
  const turn = slicer(options.sliceMs ?? 10, options.signal);

  const explanations: Explanation[] = [];
  for (const [i, candidate] of candidates.entries()) {
    if (state.selected[i]) explanations.push({ id: candidate.id, selected: true, kept: keep.has(candidate.id) });
    else if (exclude.has(candidate.id)) explanations.push({ id: candidate.id, selected: false, excluded: true });
    else {
      explanations.push({
        id: candidate.id,
        selected: false,
        excluded: false,
        blockedBy: state.breaksIfSwapped(i, undefined, true),
        neededScore: null,
        method: 'none',
        swapWith: null,
        canEnter: true,
      });
    }
    if (i % 256 === 255) await turn();
  }

  // Whether an exchange keeps every rule depends on the entering candidate only through its side,
  // themes, lead department, sub-region and effort (rules.ts, breaksIfSwapped; excluded ones are not
  // here): left-out candidates alike in those share their cheapest exchange, found once.
  const cheapest = new Map<string, number>();
  for (const { i } of leftOut.slice(0, swapTop)) {
    const explanation = explanations[i];
    const entering = candidates[i];
    if (!explanation || explanation.selected || explanation.excluded || !entering) continue;
    const key = swapKey(entering);
    let found = cheapest.get(key);
    if (found === undefined) {
      found = -1;
      for (const [k, { i: out }] of exchangeable.entries()) {
        if (k % 64 === 63) await turn();
        if (state.breaksIfSwapped(i, out, true).length === 0) {
          found = k;
          break;
        }
      }
      cheapest.set(key, found);
    }
    const exchange = exchangeable[found];
    if (exchange) {
      explanation.neededScore = exchange.score;
      explanation.method = 'swap';
      explanation.swapWith = (candidates[exchange.i] as { id: string }).id;
    }
    await turn();
  }

  if (result.status === 'optimal') {
    for (const { i } of leftOut.slice(0, resolveTop)) {
      const explanation = explanations[i];
      const candidate = candidates[i];
      if (!explanation || explanation.selected || explanation.excluded || !candidate) continue;
      const forced = await solver.solve(
        { candidates, rules: { ...model.rules, keep: [...(model.rules.keep ?? []), candidate.id] } },
        { timeLimitMs: options.timeLimitMs ?? 10_000, relativeGap: 0, signal: options.signal },
      );
      if (forced.status === 'infeasible') {
        explanation.canEnter = false;
        explanation.neededScore = null;
        explanation.method = 'resolve';
        explanation.swapWith = null;
      } else if (forced.status === 'optimal') {
        explanation.neededScore = round(candidate.score + (result.objective - forced.objective));
        explanation.method = 'resolve';
      }
    }
  }
  return explanations;
}

/** What an exchange's validity depends on, of the candidate that enters. */
function swapKey(candidate: SelectionModel['candidates'][number]): string {
  const themes = [...new Set(candidate.themes)].sort().join('\u0001');
  return [candidate.side, themes, candidate.leadDepartment, candidate.subRegion, candidate.effort].join('\u0000');
}

/** Sums of decimals drift (0.1 + 0.2); the needed score is shown, so it is rounded to 1e-9. */
function round(value: number): number {
  return Math.round(value * 1e9) / 1e9;
}
