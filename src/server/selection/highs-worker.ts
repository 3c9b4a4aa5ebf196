/**
 * The source of the HiGHS worker thread. It is plain CommonJS evaluated from this string (as the
 * search and audit workers are), so it runs the same from src/ under tsx/vitest and from dist/;
 * it needs only the `highs` package, whose resolved path it is given. HiGHS (WASM) loads once per
 * worker; each solve gets a fresh model, which is disposed afterwards.
 *
 * Message in:  { id, lp, timeLimitSeconds, relativeGap }
 * Message out: { id, modelStatus, hasSolution, selected: Int32Array (variable indices), objective,
 *                gap, bound, ms } or { id, error }
 */
export const HIGHS_WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const loading = require(workerData.highs)();
loading.then(() => parentPort.postMessage({ ready: true }), (error) => parentPort.postMessage({ loadError: String(error && error.message) }));
parentPort.on('message', async (message) => {
  const highs = await loading;
  const model = highs.createModel();
  try {
    const started = performance.now();
    model.options.set({
      output_flag: false,
      time_limit: message.timeLimitSeconds,
      mip_rel_gap: message.relativeGap,
      random_seed: 0,
    });
    model.readModel({ format: 'lp', data: message.lp });
    model.run();
    const modelStatus = model.getModelStatus();
    const info = (name) => { try { return Number(model.info.get(name)); } catch { return null; } };
    // primal_solution_status 2 = a feasible primal solution exists (HiGHS' kSolutionStatusFeasible).
    const hasSolution = info('primal_solution_status') === 2;
    const selected = [];
    if (hasSolution) {
      const values = model.getSolution().colValue;
      for (let col = 0; col < values.length; col++) {
        if (values[col] > 0.5) selected.push(Number(model.getColName(col).slice(1)));
      }
    }
    const indices = Int32Array.from(selected);
    parentPort.postMessage({
      id: message.id,
      modelStatus,
      hasSolution,
      selected: indices,
      objective: hasSolution ? model.getObjectiveValue() : null,
      gap: hasSolution ? info('mip_gap') : null,
      bound: info('mip_dual_bound'),
      ms: performance.now() - started,
    }, [indices.buffer]);
  } catch (error) {
    parentPort.postMessage({ id: message.id, error: String(error && error.message) });
  } finally {
    model.dispose();
  }
});
`;
