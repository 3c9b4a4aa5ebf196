/**
 * Proves that the dependency rule (`.dependency-cruiser.cjs`, run by `npm run check:arch`) really
 * fails on violations: it is run, exactly as `check:arch` runs it, on the fixture in
 * test-support/arch-fixture/src, which breaks every rule of the config once or more, and on the real
 * src, which must break none.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const FIXTURE = join(ROOT, 'test-support', 'arch-fixture');
const CONFIG = join(ROOT, '.dependency-cruiser.cjs');
const DEPCRUISE = join(ROOT, 'node_modules', '.bin', process.platform === 'win32' ? 'depcruise.cmd' : 'depcruise');

const config = createRequire(import.meta.url)(CONFIG) as { forbidden: { name: string }[] };
const RULES = config.forbidden.map((rule) => rule.name);

interface Run {
  code: number | null;
  output: string;
}

/** `depcruise src --config <config>` in `cwd`, as `npm run check:arch` runs it (default `err` output). */
function depcruise(cwd: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(DEPCRUISE, ['src', '--config', CONFIG, '--no-progress'], { cwd, env: { ...process.env, NO_COLOR: '1' } });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

interface Violation {
  rule: string;
  from: string;
  to: string;
}

/** The violations of the `err` report: lines such as `error core-is-plain: src/core/a.ts → node_modules/…`. */
function violations(output: string): Violation[] {
  return [...output.matchAll(/^\s*error ([\w-]+): (\S+) →\s*(\S*)/gm)].map(([, rule = '', from = '', to = '']) => ({
    rule,
    from,
    to,
  }));
}

describe('the dependency rule (npm run check:arch)', () => {
  let fixture: Run;
  let real: Run;

  beforeAll(async () => {
    [fixture, real] = await Promise.all([depcruise(FIXTURE), depcruise(ROOT)]);
  }, 60_000);

  it('has rules to check', () => {
    expect(RULES).toEqual(
      expect.arrayContaining([
        'core-is-plain',
        'web-talks-to-the-api',
        'contracts-stand-alone',
        'db-implements-core',
        'server-not-cli-or-web-internals',
        'no-circular',
      ]),
    );
  });

  it('fails (non-zero exit) on the fixture that breaks the rules', () => {
    expect(fixture.output).not.toMatch(/ERROR:|TS\d{4}/);
    expect(fixture.code, fixture.output).not.toBe(0);
    expect(fixture.code).toBe(violations(fixture.output).length);
  });

  it('reports a violation of every rule of the config', () => {
    const broken = new Set(violations(fixture.output).map((v) => v.rule));
    for (const rule of RULES) expect(broken, `no fixture breaks ${rule}`).toContain(rule);
  });

  it.each([
    ['core-is-plain', 'src/core/bad-core.ts', /node_modules\/fastify\//],
    ['core-is-plain', 'src/core/bad-kysely.ts', /node_modules\/kysely\//],
    ['web-talks-to-the-api', 'src/web/bad-web.ts', /^src\/core\/x\.ts$/],
    ['web-talks-to-the-api', 'src/web/bad-web.ts', /^src\/db\/y\.ts$/],
    ['contracts-stand-alone', 'src/contracts/bad-contracts.ts', /^src\/core\/x\.ts$/],
    ['db-implements-core', 'src/db/bad-db.ts', /^src\/server\/z\.ts$/],
    ['server-not-cli-or-web-internals', 'src/server/bad-server.ts', /^src\/cli\/w\.ts$/],
    ['no-circular', 'src/core/cycle-a.ts', /.*/],
  ] as const)('reports %s for %s', (rule, from, to) => {
    const found = violations(fixture.output).filter((v) => v.rule === rule && v.from === from && to.test(v.to));
    expect(found, fixture.output).not.toHaveLength(0);
  });

  it('reports nothing for the allowed imports of the fixture (x.ts, y.ts, z.ts, w.ts import nothing)', () => {
    const sources = new Set(violations(fixture.output).map((v) => v.from));
    for (const file of ['src/core/x.ts', 'src/db/y.ts', 'src/server/z.ts', 'src/cli/w.ts']) expect(sources).not.toContain(file);
  });

  it('finds no violation in the real src', () => {
    expect(violations(real.output), real.output).toEqual([]);
    expect(real.code, real.output).toBe(0);
    expect(real.output).toMatch(/no dependency violations found/);
  });
});
