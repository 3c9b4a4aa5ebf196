/**
 * Summarises a V8 .cpuprofile (from `node --cpu-prof`): self time per function and per package
 * or file, and total (inclusive) time of the functions named on the command line.
 *
 *   npx tsx bench/cpuprofile-summary.ts <file.cpuprofile> [--top 40] [--inclusive name1,name2,…]
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

function area(url: string): string {
  if (url === '') return '(native / V8)';
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const rest = url.slice(modules + 'node_modules/'.length).split('/');
    return rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1]}` : (rest[0] ?? url);
  }
  if (url.startsWith('node:')) return url;
  const dist = url.indexOf('/dist/');
  if (dist >= 0) return `schakel ${url.slice(dist + 1)}`;
  return url;
}

export function summarise(profile: Profile, top: number, inclusiveNames: string[]): string {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const selfTime = new Map<number, number>();
  profile.samples.forEach((id, i) => {
    selfTime.set(id, (selfTime.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const total = [...selfTime.values()].reduce((a, b) => a + b, 0);

  const byFunction = new Map<string, number>();
  const byArea = new Map<string, number>();
  for (const [id, us] of selfTime) {
    const node = byId.get(id);
    if (!node) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const key = `${functionName || '(anonymous)'}  ${area(url)}${url ? `:${lineNumber + 1}` : ''}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + us);
    byArea.set(area(url), (byArea.get(area(url)) ?? 0) + us);
  }

  // Inclusive time: a sample counts once for every named function on its stack.
  const inclusive = new Map<string, number>(inclusiveNames.map((n) => [n, 0]));
  if (inclusiveNames.length > 0) {
    profile.samples.forEach((id, i) => {
      const seen = new Set<string>();
      for (let current: number | undefined = id; current !== undefined; current = parent.get(current)) {
        const name = byId.get(current)?.callFrame.functionName ?? '';
        if (inclusive.has(name) && !seen.has(name)) {
          seen.add(name);
          inclusive.set(name, (inclusive.get(name) ?? 0) + (profile.timeDeltas[i] ?? 0));
        }
      }
    });
  }

  const pct = (us: number) => `${((100 * us) / total).toFixed(1).padStart(5)} %`;
  const lines = [`total sampled ${(total / 1e6).toFixed(2)} s`, '', 'self time by package / file:'];
  for (const [key, us] of [...byArea].sort((a, b) => b[1] - a[1]).slice(0, 20)) lines.push(`  ${pct(us)}  ${key}`);
  lines.push('', `self time by function (top ${top}):`);
  for (const [key, us] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, top)) lines.push(`  ${pct(us)}  ${key}`);
  if (inclusiveNames.length > 0) {
    lines.push('', 'inclusive time of named functions:');
    for (const [name, us] of inclusive) lines.push(`  ${pct(us)}  ${name}`);
  }
  return lines.join('\n');
}

/** Zeroes the time of every sample before the final `micros` of the profile. */
function onlyLast(profile: Profile, micros: number): void {
  const end = profile.timeDeltas.reduce((a, b) => a + b, 0);
  let at = 0;
  profile.timeDeltas = profile.timeDeltas.map((delta) => {
    at += delta;
    return at < end - micros ? 0 : delta;
  });
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    top: { type: 'string', default: '40' },
    inclusive: { type: 'string', default: '' },
    // Only the samples of the profile's final S seconds (the load, without the server's start-up).
    last: { type: 'string', default: '' },
  },
});
const file = positionals[0];
if (!file) {
  process.stderr.write('usage: npx tsx bench/cpuprofile-summary.ts <file.cpuprofile> [--top 40] [--inclusive a,b] [--last S]\n');
  process.exitCode = 2;
} else {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  if (values.last !== '') onlyLast(profile, Number(values.last) * 1e6);
  const names = values.inclusive.split(',').filter((n) => n !== '');
  process.stdout.write(`${summarise(profile, Number(values.top), names)}\n`);
}
