import { createRequire } from 'node:module';
import type { Highs } from 'highs';
import { formulate } from '../../core/selection/formulate.js';
import {
  type SelectionModel,
  type SelectionSolver,
  SolveCancelledError,
  type SolveOptions,
  type SolveResult,
} from '../../core/selection/model.js';
import { checkSelection, totalScore } from '../../core/selection/rules.js';

/** HiGHS' model status codes (`highs.constants.modelStatus`). */
const MODEL_STATUS = { optimal: 7, infeasible: 8, unboundedOrInfeasible: 9, timeLimit: 13 } as const;

/** A gap at or below this is reported as proven optimal. */
const OPTIMAL_GAP = 1e-9;

/** What one HiGHS run found, before it is read as a SolveResult. */
interface HighsAnswer {
  modelStatus: number;
  hasSolution: boolean;
  /** The indices of the selected candidates (the variables x<i> at 1). */
  selected: number[];
  gap: number | null;
  bound: number | null;
  ms: number;
}

/**
 * Loads HiGHS (WASM) and returns a SelectionSolver that runs it on the calling thread. A HiGHS
 * run is synchronous: it holds the thread for the whole solve and cannot be interrupted, so this
 * solver belongs where nothing else waits on the thread — the solver process
 * (solve-process-main.ts), a test, a benchmark — never in the server's request thread. A solve
 * whose signal is aborted before it starts is refused; each solve gets a fresh model, disposed
 * afterwards.
 */
export async function loadHighsSolver(): Promise<SelectionSolver> {
  const loader = createRequire(import.meta.url)('highs') as () => Promise<Highs>;
  const highs = await loader();

  function run(lp: string, options: SolveOptions): HighsAnswer {
    const started = performance.now();
    const model = highs.createModel();
    try {
      model.options.set('output_flag', false);
      model.options.set('time_limit', Math.max(0.001, options.timeLimitMs / 1000));
      model.options.set('mip_rel_gap', options.relativeGap);
      model.options.set('random_seed', 0);
      model.readModel({ format: 'lp', data: lp });
      model.run();
      const info = (name: string): number | null => {
        try {
          return Number(model.info.get(name));
        } catch {
          return null;
        }
      };
      // primal_solution_status 2 = a feasible primal solution exists (HiGHS' kSolutionStatusFeasible).
      const hasSolution = info('primal_solution_status') === 2;
      const selected: number[] = [];
      if (hasSolution) {
        const values = model.getSolution().colValue;
        for (let col = 0; col < values.length; col++) {
          if ((values[col] ?? 0) > 0.5) selected.push(Number(model.getColName(col).slice(1)));
        }
      }
      return {
        modelStatus: model.getModelStatus(),
        hasSolution,
        selected,
        gap: hasSolution ? info('mip_gap') : null,
        bound: info('mip_dual_bound'),
        ms: performance.now() - started,
      };
    } finally {
      model.dispose();
    }
  }

  return {
    async solve(model: SelectionModel, options: SolveOptions): Promise<SolveResult> {
      if (options.signal?.aborted) throw new SolveCancelledError();
      const formulation = formulate(model, { feasibilityOnly: options.feasibilityOnly });
      // No variables, or a rule no selection can meet: nothing for HiGHS to do.
      if (formulation.variables === 0 || formulation.triviallyInfeasible) {
        const feasible = !formulation.triviallyInfeasible && checkSelection(model, []).length === 0;
        return {
          status: feasible ? 'optimal' : 'infeasible',
          selected: [],
          objective: 0,
          gap: feasible ? 0 : null,
          bound: feasible ? 0 : null,
          ms: 0,
        };
      }
      return toResult(model, options, run(formulation.lp, options));
    },
  };
}

function toResult(model: SelectionModel, options: SolveOptions, answer: HighsAnswer): SolveResult {
  const chosen = new Set(answer.selected);
  const selected = model.candidates.filter((_, i) => chosen.has(i)).map((c) => c.id);
  const objective = totalScore(model, selected);
  const bound = options.feasibilityOnly ? null : answer.bound;
  const base = { selected, objective, bound, ms: answer.ms };
  switch (answer.modelStatus) {
    case MODEL_STATUS.optimal: {
      const gap = options.feasibilityOnly ? 0 : Math.max(0, answer.gap ?? 0);
      return gap <= OPTIMAL_GAP ? { ...base, status: 'optimal', gap: 0 } : { ...base, status: 'feasible', gap };
    }
    case MODEL_STATUS.infeasible:
    case MODEL_STATUS.unboundedOrInfeasible:
      return { status: 'infeasible', selected: [], objective: 0, gap: null, bound: null, ms: answer.ms };
    case MODEL_STATUS.timeLimit:
      return answer.hasSolution
        ? { ...base, status: 'time_limit', gap: answer.gap }
        : { status: 'time_limit', selected: [], objective: 0, gap: null, bound, ms: answer.ms };
    default:
      throw new Error(`HiGHS ended with model status ${answer.modelStatus}`);
  }
}
