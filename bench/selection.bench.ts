/**
 * The selection optimiser benchmark (issue [6 of 6]):
 *
 *   npm run bench -- selection [--sizes 200,2000,20000] [--runs 3] [--gap 0.001] [--exact]
 *
 * For each size a round is generated (seeded, bench/selection-round.ts: 8 themes, 2 sides,
 * 12 departments, 10 sub-regions, the places binding) and solved `--runs` times by HiGHS on this
 * thread (src/server/selection/highs-in-thread.ts, what the server's solver process runs); the
 * median is reported with:
 * - **formulate**: writing the model as an LP for HiGHS (part of the solve);
 * - **solve**: the wall time of the solve, formulation included (median), HiGHS' own time, the
 *   status and final gap;
 * - **baseline**: the plain ranking by score (greedy.ts), measured in the same run: its time, its
 *   total, whether it keeps every rule, and its gap to the optimum; the ratio solve/baseline.
 * The stated tolerance is 0 (proven optimal) up to 2,000 candidates and `--gap` (default 0.1%)
 * above. `--exact` also runs each size with an exact count of places instead of a maximum.
 * Targets: 2,000 candidates optimal (gap 0) in under 1 s; 20,000 within 0.1% in under 3 s.
 */
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { formulate } from '../src/core/selection/formulate.js';
import { compareWithGreedy, greedySelection } from '../src/core/selection/greedy.js';
import type { SelectionModel, SolveResult } from '../src/core/selection/model.js';
import { checkSelection } from '../src/core/selection/rules.js';
import { loadHighsSolver } from '../src/server/selection/highs-in-thread.js';
import { generateRound } from './selection-round.js';
import { fmt, log } from './support.js';

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1] as number;
const percent = (gap: number | null) => (gap === null ? '–' : `${fmt(gap * 100, 3)}%`);

export async function main(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      sizes: { type: 'string', default: '200,2000,20000' },
      runs: { type: 'string', default: '3' },
      gap: { type: 'string', default: '0.001' },
      'time-limit': { type: 'string', default: '60' },
      exact: { type: 'boolean', default: false },
    },
  });
  const sizes = values.sizes.split(',').map(Number);
  const runs = Number(values.runs);
  const largeGap = Number(values.gap);
  const timeLimitMs = Number(values['time-limit']) * 1000;
  if (sizes.some((n) => !Number.isInteger(n) || n < 10)) throw new Error('--sizes: whole numbers ≥ 10, comma-separated');
  if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs must be ≥ 1');

  log(
    `selection benchmark: ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), load ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}, node ${process.version}`,
  );
  const solver = await loadHighsSolver();
  const rows: string[] = [];
  let failed = false;
  await solver.solve(generateRound(50, 1), { timeLimitMs, relativeGap: 0 }); // HiGHS warmed up
  for (const n of sizes) {
    for (const variant of values.exact ? ['max', 'exact'] : ['max']) {
      const generated = generateRound(n, n);
      const places = generated.rules.capacity?.max as number;
      const model: SelectionModel =
        variant === 'exact' ? { ...generated, rules: { ...generated.rules, capacity: { exact: places } } } : generated;
      const relativeGap = n <= 2000 ? 0 : largeGap;
      const starts: number[] = [];
      const walls: number[] = [];
      const results: SolveResult[] = [];
      for (let run = 0; run < runs; run++) {
        const formulating = performance.now();
        formulate(model);
        starts.push(performance.now() - formulating);
        const started = performance.now();
        results.push(await solver.solve(model, { timeLimitMs, relativeGap }));
        walls.push(performance.now() - started);
      }
      const greedyTimes: number[] = [];
      let greedy = greedySelection(model);
      for (let run = 0; run < runs; run++) {
        greedy = greedySelection(model);
        greedyTimes.push(greedy.ms);
      }
      const result = results[walls.indexOf(median(walls))] as SolveResult;
      const broken = checkSelection(model, result.selected);
      if (broken.length > 0 || result.status === 'infeasible') failed = true;
      const comparison = compareWithGreedy(result, greedy);
      const wall = median(walls);
      const greedyMs = median(greedyTimes);
      log(
        `${fmt(n)} candidates, ${variant} ${fmt(places)} places, tolerance ${percent(relativeGap)}: ` +
          `formulate ${fmt(median(starts), 1)} ms, solve ${fmt(wall)} ms (HiGHS ${fmt(result.ms)} ms; runs ${walls.map((w) => fmt(w)).join(', ')}), ` +
          `${result.status}, gap ${percent(result.gap)}, total ${fmt(result.objective, 2)}${broken.length > 0 ? ` BREAKS ${JSON.stringify(broken)}` : ''}; ` +
          `greedy ${fmt(greedyMs, 1)} ms, total ${fmt(greedy.objective, 2)}, ${comparison.greedyValid ? 'valid' : `INVALID (${greedy.violations.map((v) => v.rule).join(', ')})`}, ` +
          `gap ${percent(comparison.greedyGap)}; solve/greedy ${fmt(wall / Math.max(greedyMs, 0.001), 0)}×`,
      );
      rows.push(
        `| ${fmt(n)} | ${variant} ${fmt(places)} | ${percent(relativeGap)} | ${fmt(median(starts), 1)} | ${fmt(wall)} | ${result.status} | ${percent(result.gap)} | ` +
          `${fmt(greedyMs, 1)} | ${comparison.greedyValid ? 'yes' : 'no'} | ${percent(comparison.greedyGap)} |`,
      );
    }
  }
  log('');
  log(
    '| candidates | places | tolerance | formulate (ms) | solve, median (ms) | status | final gap | greedy (ms) | greedy valid | greedy gap |',
  );
  log('| ---: | --- | ---: | ---: | ---: | --- | ---: | ---: | --- | ---: |');
  for (const row of rows) log(row);
  return failed ? 1 : 0;
}
