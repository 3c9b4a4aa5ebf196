/**
 * Child processes and cleanup for the benchmark: servers on free loopback ports, waiting for
 * /ready, and a cleanup list that runs at the end, on failure, and on Ctrl-C.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';

/** A port that was free a moment ago: the OS picks it for a listener on port 0. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      if (address === null || typeof address === 'string') {
        probe.close();
        reject(new Error('could not read the port of a listener on port 0'));
        return;
      }
      probe.close(() => resolve(address.port));
    });
  });
}

export interface ServerProcess {
  name: string;
  url: string;
  child: ChildProcess;
  /** The last lines it printed (stdout and stderr). */
  output: () => string;
  stop: () => Promise<void>;
  stopSync: () => void;
}

/** Starts `node <args>` with PORT and HOST=127.0.0.1 set and waits until GET /ready answers 200. */
export async function startServer(options: {
  name: string;
  args: string[];
  env: Record<string, string>;
  cwd: string;
  readyTimeoutMs?: number;
}): Promise<ServerProcess> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, ...options.env, PORT: String(port), HOST: '127.0.0.1' };
  // The children run as they would in production, without the loader the benchmark runs under.
  delete env.NODE_OPTIONS;
  const child = spawn(process.execPath, options.args, { cwd: options.cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString('utf8').split('\n'));
    if (lines.length > 80) lines.splice(0, lines.length - 80);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exited: string | undefined;
  const exit = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exited = signal ? `signal ${signal}` : `code ${code}`;
      resolve();
    });
  });
  const output = () => lines.join('\n').trim();
  const stopSync = () => {
    if (exited === undefined && child.exitCode === null) child.kill('SIGKILL');
  };
  const stop = async () => {
    if (exited !== undefined || child.exitCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exit;
    clearTimeout(timer);
  };
  const server: ServerProcess = { name: options.name, url: `http://127.0.0.1:${port}`, child, output, stop, stopSync };

  const deadline = Date.now() + (options.readyTimeoutMs ?? 120_000);
  for (;;) {
    if (exited !== undefined) throw new Error(`${options.name} exited (${exited}) before it was ready:\n${output()}`);
    try {
      const response = await fetch(`${server.url}/ready`, { signal: AbortSignal.timeout(2_000) });
      await response.arrayBuffer();
      if (response.ok) return server;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(
        `${options.name} did not answer /ready within ${(options.readyTimeoutMs ?? 120_000) / 1000} s:\n${output()}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

interface Task {
  name: string;
  run: () => Promise<void>;
  runSync: () => void;
}

/**
 * Things to undo, last registered first. `runAll` is the normal path; on SIGINT/SIGTERM it runs
 * and the process exits; on a bare `exit` only the synchronous halves can run.
 */
export class Cleanup {
  private tasks: Task[] = [];
  private running: Promise<void> | undefined;

  constructor() {
    const onSignal = (signal: NodeJS.Signals) => {
      process.stderr.write(`\n${signal}: stopping the servers and removing temporary files…\n`);
      void this.runAll().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    process.once('exit', () => {
      for (const task of this.tasks.reverse()) {
        try {
          task.runSync();
        } catch {
          // best effort: the process is ending
        }
      }
    });
  }

  add(name: string, run: () => Promise<void>, runSync: () => void): void {
    this.tasks.push({ name, run, runSync });
  }

  runAll(): Promise<void> {
    this.running ??= (async () => {
      while (this.tasks.length > 0) {
        const task = this.tasks.pop();
        if (!task) break;
        try {
          await task.run();
        } catch (error) {
          process.stderr.write(`cleanup "${task.name}" failed: ${(error as Error).message}\n`);
          try {
            task.runSync();
          } catch {
            // nothing more to do
          }
        }
      }
    })().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }
}

/**
 * The hello-world server (bench/hello-server.ts, run from `cwd`) that the HTTP benchmarks state
 * their rates against; `cleanup` stops it.
 */
export async function startHelloWorld(cleanup: Cleanup, cwd: string): Promise<ServerProcess> {
  const hello = await startServer({
    name: 'hello-world',
    args: ['--import', 'tsx', 'bench/hello-server.ts'],
    env: {},
    cwd,
  });
  cleanup.add('stop hello-world', hello.stop, hello.stopSync);
  return hello;
}
