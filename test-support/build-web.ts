/**
 * Vitest global setup: builds the web bundle (dist/web, `react-router build`) when it is missing
 * or older than its sources, so that `npm test` on a fresh clone has what the e2e journeys serve.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const BUILT = join(ROOT, 'dist', 'web', 'server', 'index.js');
const SOURCES = ['src/web', 'src/contracts', 'vite.config.ts', 'react-router.config.ts', 'package-lock.json'];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

export function webBuildIsCurrent(): boolean {
  if (!existsSync(BUILT)) return false;
  const built = statSync(BUILT).mtimeMs;
  return SOURCES.every((source) => newestMtime(join(ROOT, source)) <= built);
}

export default function setup(): void {
  if (webBuildIsCurrent()) return;
  const started = Date.now();
  const result = spawnSync(process.execPath, [join(ROOT, 'node_modules', '@react-router', 'dev', 'bin.js'), 'build'], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (result.status !== 0) {
    throw new Error(`react-router build failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
  console.log(`built the web bundle for the e2e journeys in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
