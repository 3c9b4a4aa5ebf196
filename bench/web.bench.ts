/**
 * Web benchmark: server-render time and bytes of the register's pages on N generated obstacles
 * (default 10,000), SQLite.
 *
 * 1. Seeds a temp SQLite file through the app's own repository (bench/seed.ts).
 * 2. Builds the app with the web mounted (`buildApp({ web: {} })`, SEARCH_WORKERS 1 as served) and
 *    measures, in-process with `inject` and one request at a time, R requests (default 200) of
 *    each case after a warm-up: the page, and as baseline the JSON API list call that the page
 *    makes. The ratio says what rendering adds to the API call.
 * 3. Bytes: the HTML of each page, and the JavaScript it references (`<script>` and
 *    `modulepreload` under /assets), each file gzipped (level 9) and summed.
 *
 *   npx tsx bench/web.bench.ts [--obstacles 10000] [--requests 200]
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { createDatabase } from '../src/db/create-database.js';
import { buildApp } from '../src/server/build-app.js';
import { defaultWebBuildDir } from '../src/server/web/mount-web.js';
import setupWebBuild from '../test-support/build-web.js';
import { seedRegister } from './seed.js';

const TARGET_P99_MS = 50;
const TARGET_JS_GZIP_BYTES = 150 * 1024;

interface Case {
  name: string;
  page: string;
  api: string;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

async function time(app: FastifyInstance, url: string, requests: number): Promise<{ p50: number; p99: number; max: number }> {
  const samples: number[] = [];
  for (let i = 0; i < requests; i++) {
    const started = performance.now();
    const response = await app.inject({ method: 'GET', url, headers: { 'accept-language': 'nl' } });
    const elapsed = performance.now() - started;
    if (response.statusCode !== 200) throw new Error(`${url} answered ${response.statusCode}`);
    samples.push(elapsed);
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p99: percentile(samples, 99), max: samples[samples.length - 1] ?? Number.NaN };
}

/** The JavaScript files a page references, gzipped and summed. */
function javaScriptBytes(html: string): { files: number; raw: number; gzip: number } {
  const urls = new Set<string>();
  for (const match of html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="(\/assets\/[^"]+\.js)"/g)) {
    if (match[1]) urls.add(match[1]);
  }
  for (const match of html.matchAll(/import\("(\/assets\/[^"]+\.js)"\)|from "(\/assets\/[^"]+\.js)"/g)) {
    const url = match[1] ?? match[2];
    if (url) urls.add(url);
  }
  const clientDir = join(defaultWebBuildDir(), 'client');
  let raw = 0;
  let gzip = 0;
  for (const url of urls) {
    const content = readFileSync(join(clientDir, url));
    raw += content.length;
    gzip += gzipSync(content, { level: 9 }).length;
  }
  return { files: urls.size, raw, gzip };
}

const kB = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;
const ms = (value: number) => value.toFixed(2);

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { obstacles: { type: 'string', default: '10000' }, requests: { type: 'string', default: '200' } },
  });
  const count = Number(values.obstacles);
  const requests = Number(values.requests);
  setupWebBuild();

  const dir = await mkdtemp(join(tmpdir(), 'schakel-web-bench-'));
  const path = join(dir, 'web.sqlite');
  const database = createDatabase({ dialect: 'sqlite', path });
  let app: FastifyInstance | undefined;
  try {
    const seeded = await seedRegister(database, {
      count,
      seed: 42,
      batch: 2_000,
      lanes: 1,
      now: new Date('2026-11-27T12:00:00Z'),
      log: (line) => console.log(line),
    });
    console.log(`seeded ${seeded.count} obstacles in ${seeded.seconds.toFixed(1)} s`);
    app = await buildApp({ database, searchWorkers: 1, web: {} });
    const first = (await app.inject({ method: 'GET', url: '/api/v1/obstacles?limit=1&sort=reference' })).json();
    const reference: string = first.items[0].reference;

    const cases: Case[] = [
      { name: 'register', page: '/obstacles', api: '/api/v1/obstacles?limit=20' },
      {
        name: 'register, search + filter',
        page: '/obstacles?q=grensarbeiders&status=reported',
        api: '/api/v1/obstacles?q=grensarbeiders&status=reported&limit=20',
      },
      { name: 'obstacle', page: `/obstacles/${reference}`, api: `/api/v1/obstacles/${reference}` },
      { name: 'home', page: '/', api: '/api/v1/obstacles?limit=1' },
      { name: 'new (form)', page: '/obstacles/new', api: '/api/v1/themes' },
    ];

    const rows: string[][] = [];
    let registerP99 = Number.NaN;
    let registerJs = Number.NaN;
    for (const c of cases) {
      await time(app, c.page, 20);
      await time(app, c.api, 20);
      const load = loadavg()[0]?.toFixed(2) ?? '?';
      const page = await time(app, c.page, requests);
      const api = await time(app, c.api, requests);
      const html = (await app.inject({ method: 'GET', url: c.page })).body;
      const js = javaScriptBytes(html);
      if (c.name === 'register') {
        registerP99 = page.p99;
        registerJs = js.gzip;
      }
      rows.push([
        c.name,
        `\`${c.page}\``,
        ms(page.p50),
        ms(page.p99),
        ms(api.p50),
        ms(api.p99),
        (page.p50 / api.p50).toFixed(1),
        kB(Buffer.byteLength(html)),
        kB(gzipSync(html, { level: 9 }).length),
        `${kB(js.gzip)} (${js.files} files, ${kB(js.raw)} raw)`,
        load,
      ]);
      console.log(rows[rows.length - 1]?.join(' | '));
    }

    const cpu = cpus();
    const commit = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).stdout.trim();
    const header = [
      'page',
      'path',
      'render p50 ms',
      'render p99 ms',
      'API p50 ms',
      'API p99 ms',
      'page ÷ API (p50)',
      'HTML',
      'HTML gzip',
      'JS gzip',
      'load avg',
    ];
    const lines = [
      `### SQLite, ${count.toLocaleString('en')} obstacles — ${new Date().toISOString().slice(0, 10)}, commit ${commit}`,
      '',
      `- Machine: ${cpu[0]?.model.trim() ?? 'unknown'}, ${cpu.length} cores, ${(totalmem() / 1024 ** 3).toFixed(1)} GiB, Node ${process.version}`,
      `- Date: ${new Date().toISOString()}`,
      `- Command: \`npx tsx bench/web.bench.ts --obstacles ${count} --requests ${requests}\``,
      `- ${requests} sequential requests per case after 20 warm-up requests, in-process (\`inject\`, Accept-Language nl); the API column is the JSON call the page makes, measured the same way`,
      '',
      `| ${header.join(' | ')} |`,
      `| ${header.map(() => '---').join(' | ')} |`,
      ...rows.map((row) => `| ${row.join(' | ')} |`),
      '',
      `Targets: register render p99 < ${TARGET_P99_MS} ms — ${registerP99 < TARGET_P99_MS ? 'met' : 'not met'} (${ms(registerP99)} ms); JavaScript ≤ 150 kB gzip on the register page — ${registerJs <= TARGET_JS_GZIP_BYTES ? 'met' : 'not met'} (${kB(registerJs)}).`,
    ];
    console.log(`\n${lines.join('\n')}\n`);
    return 0;
  } finally {
    await app?.close();
    await database.close();
    await rm(dir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
