/**
 * `npm run bench -- [options]`: the register benchmark (bench/register.bench.ts);
 * `npm run bench -- history [options]`: the history benchmark (bench/history.bench.ts);
 * `npm run bench -- selection [options]`: the selection optimiser benchmark (bench/selection.bench.ts);
 * `npm run bench -- selection-http [options]`: a solve started through the API under load (bench/selection-http.bench.ts);
 * `npm run bench -- dashboard [options]`: the dashboard and monitoring benchmark (bench/dashboard.bench.ts: dashboard,
 *   nightly job, list during the job).
 */
const [first, ...rest] = process.argv.slice(2);
if (first === 'dashboard') {
  const { main } = await import('./dashboard.bench.js');
  process.exitCode = await main(rest);
} else if (first === 'history') {
  const { main } = await import('./history.bench.js');
  process.exitCode = await main(rest);
} else if (first === 'selection-http') {
  const { main } = await import('./selection-http.bench.js');
  process.exitCode = await main(rest);
} else if (first === 'selection') {
  const { main } = await import('./selection.bench.js');
  process.exitCode = await main(rest);
} else {
  const { main } = await import('./register.bench.js');
  process.exitCode = await main(first === 'register' ? rest : process.argv.slice(2));
}
