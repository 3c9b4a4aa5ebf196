/**
 * The rules of ResponseCache on a bare Fastify app with a token the test controls: what is kept,
 * for how long, and what never is.
 */

import { gunzipSync } from 'node:zlib';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { ANONYMOUS } from '../core/access/access.js';
import { acceptsGzip, GZIP_AT_ONCE_BYTES, GZIP_MIN_BYTES, ResponseCache } from './response-cache.js';

interface Harness {
  app: FastifyInstance;
  cache: ResponseCache;
  /** How many times the handler really ran. */
  computed: () => number;
  setToken: (token: number | undefined) => void;
  /** Runs inside the handler, between lookup and send. */
  during: (work: () => void) => void;
}

const apps: FastifyInstance[] = [];
afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.close()));
});

async function harness(maxBytes: number): Promise<Harness> {
  let token: number | undefined = 1;
  let computed = 0;
  let duringWork: (() => void) | undefined;
  const cache = new ResponseCache(maxBytes, () => token);
  const app = Fastify();
  app.decorateRequest('language', 'nl');
  app.decorateRequest('actor', null, []);
  app.addHook('onRequest', async (request) => {
    request.language = request.headers['accept-language'] === 'fr' ? 'fr' : 'nl';
    request.actor = ANONYMOUS;
  });
  const hooks = { onRequest: cache.onRequest, onSend: cache.onSend };
  app.get('/things', hooks, async (request, reply) => {
    computed += 1;
    duringWork?.();
    const { size, status } = request.query as { size?: string; status?: string };
    reply.header('etag', `"${computed}"`);
    if (status) reply.code(Number(status));
    return { n: computed, language: request.language, filler: 'x'.repeat(Number(size ?? 10)) };
  });
  await app.ready();
  apps.push(app);
  return {
    app,
    cache,
    computed: () => computed,
    setToken: (value) => {
      token = value;
    },
    during: (work) => {
      duringWork = work;
    },
  };
}

async function get(app: FastifyInstance, url: string, language = 'nl') {
  const response = await app.inject({ method: 'GET', url, headers: { 'accept-language': language } });
  return { status: response.statusCode, body: response.json() as { n: number; language: string }, headers: response.headers };
}

describe('ResponseCache', () => {
  it('answers a repeated request from what it kept, with the same body and ETag', async () => {
    const h = await harness(1_000_000);
    const first = await get(h.app, '/things?a=1');
    const second = await get(h.app, '/things?a=1');
    expect(h.computed()).toBe(1);
    expect(second.body).toEqual(first.body);
    expect(second.headers.etag).toBe('"1"');
    expect(second.headers['content-type']).toBe('application/json; charset=utf-8');
    expect({ hits: h.cache.hits, misses: h.cache.misses }).toEqual({ hits: 1, misses: 1 });
  });

  it('keeps one answer per language and per URL', async () => {
    const h = await harness(1_000_000);
    await get(h.app, '/things?a=1');
    const french = await get(h.app, '/things?a=1', 'fr');
    const other = await get(h.app, '/things?a=2');
    expect(french.body.language).toBe('fr');
    expect(other.body.n).toBe(3);
    expect((await get(h.app, '/things?a=1', 'fr')).body.n).toBe(2);
    expect(h.computed()).toBe(3);
  });

  it('drops everything when the change token changes', async () => {
    const h = await harness(1_000_000);
    await get(h.app, '/things');
    h.setToken(2);
    expect((await get(h.app, '/things')).body.n).toBe(2);
    expect((await get(h.app, '/things')).body.n).toBe(2);
    expect(h.cache.size.entries).toBe(1);
  });

  it('keeps an answer made of some kinds of data across commits of other kinds, and drops it at a commit of its own', async () => {
    const counts = new Map<string, number>();
    const cache = new ResponseCache(1_000_000, (kinds) =>
      (kinds ?? ['obstacles', 'actions']).reduce((sum, kind) => sum + (counts.get(kind) ?? 0), 0),
    );
    const bump = (kind: string) => counts.set(kind, (counts.get(kind) ?? 0) + 1);
    let computed = 0;
    const app = Fastify();
    apps.push(app);
    app.decorateRequest('language', 'nl');
    app.decorateRequest('actor', null, []);
    app.addHook('onRequest', async (request) => {
      request.actor = ANONYMOUS;
    });
    app.get('/list', cache.hooks(['obstacles']), async () => ({ n: ++computed }));
    app.get('/any', { onRequest: cache.onRequest, onSend: cache.onSend }, async () => ({ n: ++computed }));
    const n = async (url: string) => (await app.inject({ method: 'GET', url })).json().n as number;
    expect(await n('/list')).toBe(1);
    expect(await n('/any')).toBe(2);
    bump('actions');
    expect(await n('/list')).toBe(1);
    expect(await n('/any')).toBe(3);
    bump('obstacles');
    expect(await n('/list')).toBe(4);
    expect(await n('/list')).toBe(4);
    expect(await n('/any')).toBe(5);
  });

  it('does not keep an answer when a write committed while it was computed', async () => {
    const h = await harness(1_000_000);
    h.during(() => h.setToken(2));
    await get(h.app, '/things');
    h.during(() => {});
    expect((await get(h.app, '/things')).body.n).toBe(2);
    expect(h.cache.size.entries).toBe(1);
  });

  it('keeps nothing without a token (writes it cannot see) or without a budget', async () => {
    const noToken = await harness(1_000_000);
    noToken.setToken(undefined);
    await get(noToken.app, '/things');
    await get(noToken.app, '/things');
    expect(noToken.computed()).toBe(2);

    const noBudget = await harness(0);
    await get(noBudget.app, '/things');
    await get(noBudget.app, '/things');
    expect(noBudget.computed()).toBe(2);
    expect(noBudget.cache.size).toEqual({ entries: 0, bytes: 0 });
  });

  it('keeps only 200 answers', async () => {
    const h = await harness(1_000_000);
    await get(h.app, '/things?status=404');
    await get(h.app, '/things?status=404');
    expect(h.computed()).toBe(2);
  });

  it('stays within its budget, dropping the least recently used first, and skips answers over an eighth of it', async () => {
    // Each answer is about 1,040 bytes: eight fit in 9,000, a ninth does not.
    const h = await harness(9_000);
    for (let k = 0; k < 8; k += 1) await get(h.app, `/things?size=1000&k=${k}`);
    expect(h.cache.size.entries).toBe(8);
    await get(h.app, '/things?size=1000&k=0'); // a hit: k=0 becomes the most recently used
    await get(h.app, '/things?size=1000&k=8'); // over the budget: k=1, the least recently used, leaves
    expect(h.cache.size.entries).toBe(8);
    expect(h.cache.size.bytes).toBeLessThanOrEqual(9_000);
    expect((await get(h.app, '/things?size=1000&k=0')).body.n).toBe(1);
    expect((await get(h.app, '/things?size=1000&k=1')).body.n).toBe(10);

    const before = h.computed();
    await get(h.app, '/things?size=1200&k=big');
    await get(h.app, '/things?size=1200&k=big');
    expect(h.computed()).toBe(before + 2);
  });

  it('sends kept answers of 1 KiB and more gzip-compressed to clients that accept it, compressed once', async () => {
    const h = await harness(1_000_000);
    const url = `/things?size=${GZIP_MIN_BYTES * 4}`;
    const plain = await h.app.inject({ method: 'GET', url });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toBe('Accept-Language, Accept-Encoding, Cookie, Authorization');
    for (let i = 0; i < 2; i += 1) {
      const zipped = await h.app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'gzip, deflate, br' } });
      expect(zipped.headers['content-encoding']).toBe('gzip');
      expect(zipped.headers.vary).toBe('Accept-Language, Accept-Encoding, Cookie, Authorization');
      expect(Number(zipped.headers['content-length'])).toBeLessThan(plain.rawPayload.length / 4);
      expect(gunzipSync(zipped.rawPayload).equals(plain.rawPayload)).toBe(true);
    }
    expect(h.computed()).toBe(1);
    // The first answer of a URL below GZIP_AT_ONCE_BYTES goes as it is, and compressed from its first reuse.
    const fresh = `${url}&k=new`;
    const first = await h.app.inject({ method: 'GET', url: fresh, headers: { 'accept-encoding': 'gzip' } });
    expect(first.headers['content-encoding']).toBeUndefined();
    expect(first.json().n).toBe(2);
    const again = await h.app.inject({ method: 'GET', url: fresh, headers: { 'accept-encoding': 'gzip' } });
    expect(again.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(again.rawPayload).toString()).n).toBe(2);
    // From GZIP_AT_ONCE_BYTES the first answer is compressed too.
    const large = await h.app.inject({
      method: 'GET',
      url: `/things?size=${GZIP_AT_ONCE_BYTES + 100}`,
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(large.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(large.rawPayload).toString()).n).toBe(3);
    // Small answers go as they are.
    const small = await h.app.inject({ method: 'GET', url: '/things?size=10', headers: { 'accept-encoding': 'gzip' } });
    await h.app.inject({ method: 'GET', url: '/things?size=10', headers: { 'accept-encoding': 'gzip' } });
    expect(small.headers['content-encoding']).toBeUndefined();
  });

  it.each([
    ['gzip', true],
    ['gzip, deflate, br, zstd', true],
    ['GZIP;q=0.5', true],
    ['br, *', true],
    ['gzip;q=0', false],
    ['gzip;q=0, *', false],
    ['*;q=0', false],
    ['br', false],
    ['identity', false],
    ['', false],
  ] as const)('Accept-Encoding %j allows gzip: %s', (header, expected) => {
    expect(acceptsGzip(header)).toBe(expected);
  });
});
