import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from './commands.js';

/** A port nobody listens on right now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** The pids of the live server processes whose parent is `pid` (Linux /proc; not tsx's esbuild). */
function childrenOf(pid: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The command name is in parentheses and may hold spaces: the fields after it are fixed.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[1]) !== pid || fields[0] === 'Z') continue;
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes('schakel-cli.ts')) children.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return children.sort();
}

async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** An obstacle as the secretariat reports it. */
const REPORT = {
  title: { nl: 'Grensarbeiders verliezen kinderbijslag' },
  summary: { nl: 'Een grensarbeider die in België woont verliest de Nederlandse kinderbijslag.' },
  sourceLanguage: 'nl',
  segment: 'nl-vl',
  themes: ['cross_border_work'],
  type: 'legal',
  visibility: 'public',
  reporter: { type: 'citizen', name: 'Anna de Vries', email: 'anna@example.org' },
};

/** Signs in as the demo secretariat (`--demo-if-empty` makes the demo users): cookie and CSRF headers. */
async function signIn(base: string): Promise<Record<string, string>> {
  const response = await fetch(`${base}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', connection: 'close' },
    body: JSON.stringify({ email: 'secretariaat@schakel.example', password: DEMO_PASSWORD }),
  });
  expect(response.status).toBe(200);
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] as string;
  return { cookie, 'x-csrf-token': ((await response.json()) as { csrfToken: string }).csrfToken };
}

describe('schakel serve with WORKERS=2 (node:cluster)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'schakel-cluster-'));
  let primary: ChildProcess | undefined;
  afterAll(() => {
    if (primary?.pid && primary.exitCode === null) {
      for (const child of childrenOf(primary.pid)) process.kill(child, 'SIGKILL');
      primary.kill('SIGKILL');
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves from two processes on one port, replaces a worker that dies, and stops them all on SIGTERM', async () => {
    const port = await freePort();
    const child = spawn(process.execPath, ['--import', 'tsx', 'test-support/schakel-cli.ts', 'serve', '--demo-if-empty'], {
      env: {
        ...process.env,
        DATABASE_URL: `sqlite:${join(dir, 'cluster.sqlite')}`,
        PORT: String(port),
        HOST: '127.0.0.1',
        WORKERS: '2',
        SEARCH_WORKERS: '0',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    primary = child;
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    const pid = child.pid as number;

    await waitFor('the banner', () => (output.includes('Schakel is running at') ? true : undefined), 60_000);
    expect(output).toContain(`http://localhost:${port}`);
    expect(output).toContain('2 server processes');
    const first = await waitFor('two workers', () => (childrenOf(pid).length === 2 ? childrenOf(pid) : undefined)).catch(
      (error: Error) => {
        throw new Error(`${error.message}; children ${childrenOf(pid).join(', ')}; output:\n${output}`);
      },
    );

    const base = `http://127.0.0.1:${port}`;
    for (let i = 0; i < 10; i++) {
      const response = await fetch(`${base}/api/v1/themes`, { headers: { 'accept-language': 'en' } });
      expect(response.status).toBe(200);
      expect(((await response.json()) as { items: unknown[] }).items.length).toBeGreaterThan(5);
    }

    // A write through one process is read by both: a new connection each time, which the
    // primary hands to the workers in turn; the answers they keep must not be stale.
    const listed = async (): Promise<string[]> => {
      const response = await fetch(`${base}/api/v1/obstacles?limit=100`, { headers: { connection: 'close', ...secretariat } });
      expect(response.status).toBe(200);
      return ((await response.json()) as { items: { reference: string }[] }).items.map((o) => o.reference);
    };
    const secretariat = await signIn(base);
    for (let i = 0; i < 4; i++) await listed();
    const created = await fetch(`${base}/api/v1/obstacles`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', connection: 'close', ...secretariat },
      body: JSON.stringify(REPORT),
    });
    expect(created.status).toBe(201);
    const { reference } = (await created.json()) as { reference: string };
    for (let i = 0; i < 6; i++) expect(await listed()).toContain(reference);

    // A worker that dies is replaced, and the port keeps answering meanwhile.
    const victim = first[0] as number;
    process.kill(victim, 'SIGKILL');
    const second = await waitFor('a replacement worker', () => {
      const now = childrenOf(pid);
      return now.length === 2 && !now.includes(victim) ? now : undefined;
    });
    expect(second).toContain(first[1]);
    await waitFor('an answer after the replacement', async () =>
      (await fetch(`${base}/health`).catch(() => undefined))?.status === 200 ? true : undefined,
    );
    expect(output).toContain(`Server process ${victim} ended (SIGKILL)`);

    // SIGTERM stops the workers, then the primary, cleanly.
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    for (const worker of second) expect(() => process.kill(worker, 0)).toThrow();
  }, 120_000);
});
