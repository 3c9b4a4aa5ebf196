/**
 * What the benchmarks share for their output and their command line: the repository root and
 * bench/.out, a line on stdout, numbers and latencies as the RESULTS.md tables show them, the
 * machine a run was on, the command that ran it, the JSON record in bench/.out, text and Markdown
 * tables, and the `main` of a benchmark (options or usage, `npm run build`, clean-up on failure).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LatencySummary } from './load.js';
import { Cleanup } from './processes.js';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** Where the benchmarks write their JSON records (ignored by git). */
export const OUT_DIR = join(ROOT, 'bench', '.out');

/** A line on stdout. */
export function log(line: string): void {
  process.stdout.write(`${line}\n`);
}

/** A number with `digits` decimals and thousands separators (1,234.5); '–' for NaN and infinities. */
export function fmt(value: number, digits = 0): string {
  if (!Number.isFinite(value)) return '–';
  return value.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** Milliseconds: 2 decimals under 100, none from 100 on; `≥ ` before a lower bound (requests still open at the end). */
export function fmtMs(value: number, lowerBound = false): string {
  if (!Number.isFinite(value)) return '–';
  return `${lowerBound ? '≥ ' : ''}${fmt(value, value >= 100 ? 0 : 2)}`;
}

/** One latency of a load run (fmtMs, with its lower-bound mark). */
export function latencyMs(l: LatencySummary, key: 'p50' | 'p90' | 'p99' | 'max'): string {
  return fmtMs(l[key], l.lowerBound[key]);
}

export interface MachineFacts {
  cpu: string;
  cores: number;
  memoryGiB: number;
  node: string;
  platform: string;
}

/** The machine a run is on, as the JSON records keep it. */
export function machineFacts(): MachineFacts {
  const cpu = cpus();
  return {
    cpu: cpu[0]?.model.trim() ?? 'unknown',
    cores: cpu.length,
    memoryGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
  };
}

/** The machine in one line: `CPU, 2 cores, 7.8 GiB, Node v20.x` (and ` (linux x64)` with `platform`). */
export function describeMachine({ platform = false }: { platform?: boolean } = {}): string {
  const cpu = cpus();
  const line = `${cpu[0]?.model.trim() ?? 'unknown'}, ${cpu.length} cores, ${fmt(totalmem() / 1024 ** 3, 1)} GiB, Node ${process.version}`;
  return platform ? `${line} (${process.platform} ${process.arch})` : line;
}

/** The command that ran this benchmark, `npx tsx bench/….ts …` (`script` when argv has none). */
export function commandLine(script: string): string {
  const ran = process.argv[1] ? relative(ROOT, process.argv[1]) : script;
  return ['npx tsx', ran, ...process.argv.slice(2)].join(' ');
}

/** A git command's output in the repository, trimmed ('' when git is missing). */
export function git(...args: string[]): string {
  return spawnSync('git', args, { cwd: ROOT, encoding: 'utf8' }).stdout?.trim() ?? '';
}

/**
 * Writes `record` as bench/.out/<name>-<date>.json (the date's `:` and `.` made file-safe);
 * returns the file's path relative to the repository, for the "results written to" line.
 */
export function writeRecord(name: string, date: string, record: unknown): string {
  mkdirSync(OUT_DIR, { recursive: true });
  const file = join(OUT_DIR, `${name}-${date.replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(record, null, 2)}\n`);
  return relative(ROOT, file);
}

/** A plain-text table: the first column left-aligned, the others right-aligned, a dashed line under the header. */
export function textTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** A Markdown table: the first column left-aligned, the others right-aligned. */
export function markdownTable(header: string[], rows: string[][]): string {
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map((_, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
}

/**
 * Waits until a server has answered everything still queued from a previous run (autocannon
 * closes its connections at the end, but requests already read are still handled): /ready must
 * answer quickly (under 30 ms) twice in a row, within `timeoutMs`.
 */
export async function drain(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let quick = 0;
  while (quick < 2) {
    if (Date.now() > deadline) throw new Error(`${url} is still busy ${timeoutMs / 1000} s after a run ended`);
    const start = performance.now();
    const response = await fetch(`${url}/ready`, { signal: AbortSignal.timeout(timeoutMs) });
    await response.arrayBuffer();
    quick = performance.now() - start < 30 ? quick + 1 : 0;
  }
}

const CLOCK_TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout?.trim()) || 100;

/** The fields of /proc/<pid>/stat after the command name (which may hold spaces), from field 3 on. */
function statFields(pid: number | string): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

/**
 * CPU seconds (user + system) a process and its live children have used so far, from /proc
 * (Linux); NaN elsewhere. The children are the server processes of `WORKERS > 1` (and the
 * search worker threads are in their process already).
 */
export function cpuSeconds(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  const own = statFields(pid);
  if (!own) return Number.NaN;
  let ticks = Number(own[11]) + Number(own[12]);
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const fields = statFields(entry);
    if (fields && Number(fields[1]) === pid) ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks / CLOCK_TICKS;
}

/**
 * A benchmark's `main`: reads the options (`parse` returns undefined for --help; a thrown error
 * is printed with the usage, exit code 2), runs `npm run build` when `build` is set, then `run`;
 * on a failure prints it, runs the clean-up and returns 1. `run` runs the clean-up itself when
 * its servers must stop before it reports.
 */
export async function benchMain<O extends { build: boolean }>(
  argv: string[],
  {
    usage,
    parse,
    run,
  }: { usage: string; parse: (argv: string[]) => O | undefined; run: (options: O, cleanup: Cleanup) => Promise<number> },
): Promise<number> {
  let options: O | undefined;
  try {
    options = parse(argv);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${usage}\n`);
    return 2;
  }
  if (!options) {
    log(usage);
    return 0;
  }
  const cleanup = new Cleanup();
  try {
    if (options.build) {
      log('npm run build…');
      const built = spawnSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });
      if (built.status !== 0) throw new Error('npm run build failed');
    }
    return await run(options, cleanup);
  } catch (error) {
    process.stderr.write(`\nbenchmark failed: ${(error as Error).stack ?? String(error)}\n`);
    await cleanup.runAll();
    return 1;
  }
}
