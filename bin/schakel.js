#!/usr/bin/env node
// The `schakel` command. Runs the built CLI from dist/ (`npm run build`, which `npm install` runs too).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  console.error('schakel: not built yet. Run `npm run build` (or `npm install`) in the project folder first.');
  process.exit(1);
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2));
