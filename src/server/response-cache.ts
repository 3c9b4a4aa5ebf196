import { constants, gzipSync } from 'node:zlib';
import type { FastifyReply, FastifyRequest, onRequestAsyncHookHandler, onSendHookHandler } from 'fastify';
import { audienceOf } from '../core/access/access.js';
import type { DataKind } from '../db/change-tokens.js';

/** A serialised 200 answer and the headers of its own (the others are set per request). */
interface Entry {
  /** Encoded once: sending a Buffer skips the UTF-8 encoding a string costs on every send. */
  body: Buffer;
  /** The body gzip-compressed, made the first time a client that accepts gzip asks for it. */
  gzip: Buffer | undefined;
  etag: string | undefined;
  bytes: number;
  /** The change token of the data it was computed from (its route's kinds), when it was computed. */
  token: number;
}

/** The route hooks of one kind of kept answer. */
export interface CacheHooks {
  onRequest: onRequestAsyncHookHandler;
  onSend: onSendHookHandler<unknown>;
}

/** Answers smaller than this are sent as they are: compression would save less than it costs. */
export const GZIP_MIN_BYTES = 1024;

/**
 * The first answer of a URL is compressed at once from this size (a list page: 40–70 KiB, 15 KiB
 * compressed), where the bytes saved on the wire outweigh the compression. Smaller ones (one
 * obstacle: 2–4 KiB) go out as they are the first time and are compressed when they are asked for
 * again: a zlib call costs 45–70 µs even for 1 KiB, a quarter of a whole get, and most gets of a
 * large register are of obstacles nobody asked for since the last write.
 */
export const GZIP_AT_ONCE_BYTES = 16 * 1024;

/**
 * True when Accept-Encoding allows gzip (RFC 9110 §12.5.3): `gzip` or `*` listed with a
 * weight above zero, and not excluded by name.
 */
export function acceptsGzip(header: string | string[] | undefined): boolean {
  if (header === undefined) return false;
  let star = false;
  for (const part of (Array.isArray(header) ? header.join(',') : header).split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const allowed = q === undefined || Number(q.slice(2)) > 0;
    if (name.trim() === 'gzip') return allowed;
    if (name.trim() === '*') star = allowed;
  }
  return star;
}

/** The change token a request started under, kept from its lookup to its send. */
const startedUnder = new WeakMap<FastifyRequest, { key: string; token: number; kinds: readonly DataKind[] | undefined }>();

/**
 * Keeps the serialised answers of read requests (the list, search and one obstacle) until the next
 * committed write, so a page that many people open is computed once per change instead of once per
 * request.
 *
 * Correctness rests on the change tokens of the persistence layer, one per kind of data
 * (docs/decisions/0020-change-tokens-per-kind-of-data.md): a route says which kinds its answers
 * are made of (`hooks(kinds)`), and an answer is kept only when the token of those kinds was the
 * same before it was computed and after (a write in between makes it a one-off); it is served only
 * while that token stays the same, so a commit that wrote none of those kinds (the nightly
 * monitoring's flags and escalations, for the list) leaves it kept, and any other drops it. The
 * token of a kind changes with every commit of this process that wrote it and with every commit
 * of another connection to the file (whose kinds are not known). Where writes of other processes
 * cannot be seen (PostgreSQL without its change feed), there is no token and nothing is kept.
 *
 * The key is the method, the caller's audience, the language and the raw URL. The audience
 * (core/access `audienceOf`: the public, or a role in an organisation) is what the answers
 * depend on: what may be read, reporters' details, abilities. So a partner never gets an answer
 * kept for the public, nor the public one kept for a partner. The authentication hook runs
 * before this one. Two URLs that differ only in the order of their parameters are computed once
 * each. Only 200 answers are kept; an answer larger than an
 * eighth of the budget is not. Entries leave in least-recently-used order when the budget is full.
 * A kept answer of 1 KiB or more goes gzip-compressed to clients that accept it (browsers do),
 * compressed once (from its first reuse, or at once from 16 KiB: `GZIP_AT_ONCE_BYTES`); the routes
 * say `Vary: Accept-Encoding`.
 */
export class ResponseCache {
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;
  hits = 0;
  misses = 0;
  /** The hooks of answers that depend on every kind of data (dropped at every commit). */
  readonly onRequest: onRequestAsyncHookHandler;
  readonly onSend: onSendHookHandler<unknown>;

  constructor(
    private readonly maxBytes: number,
    private readonly changeToken: (kinds?: readonly DataKind[]) => number | undefined,
  ) {
    ({ onRequest: this.onRequest, onSend: this.onSend } = this.hooks(undefined));
  }

  get enabled(): boolean {
    return this.maxBytes > 0;
  }

  /** Bytes kept now (for tests and operations). */
  get size(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.bytes };
  }

  /**
   * The route hooks of answers made only of data of `kinds` (of every kind when undefined). A
   * route whose answers read a kind not listed would be served stale answers: list every table
   * the answer's reads and presenters touch.
   */
  hooks(kinds: readonly DataKind[] | undefined): CacheHooks {
    return {
      onRequest: (request, reply) => this.lookup(request, reply, kinds),
      onSend: (request, reply, payload) => this.keep(request, reply, payload),
    };
  }

  /**
   * Route hook: answers from the cache when it can, otherwise notes the token the request starts
   * under. Runs before validation: a kept answer came from the same raw URL, which passed it.
   */
  private async lookup(request: FastifyRequest, reply: FastifyReply, kinds: readonly DataKind[] | undefined) {
    if (!this.enabled) return;
    const token = this.changeToken(kinds);
    if (token === undefined) return;
    const key = `${request.method} ${audienceOf(request.actor)} ${request.language} ${request.url}`;
    let entry = this.entries.get(key);
    if (entry !== undefined && entry.token !== token) {
      // Data it was made of changed since.
      this.entries.delete(key);
      this.bytes -= entry.bytes;
      entry = undefined;
    }
    if (entry === undefined) {
      this.misses += 1;
      startedUnder.set(request, { key, token, kinds });
      return;
    }
    this.hits += 1;
    // Most recently used last.
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (entry.etag !== undefined) reply.header('etag', entry.etag);
    reply.type('application/json; charset=utf-8');
    if (entry.body.length >= GZIP_MIN_BYTES && acceptsGzip(request.headers['accept-encoding'])) {
      return reply.header('content-encoding', 'gzip').send(this.gzipOf(entry)) as FastifyReply;
    }
    return reply.send(entry.body) as FastifyReply;
  }

  /** Route hook: keeps a 200 answer computed while no write of its kinds committed. */
  private async keep(request: FastifyRequest, reply: FastifyReply, payload: unknown) {
    if (this.enabled) reply.header('vary', 'Accept-Language, Accept-Encoding, Cookie, Authorization');
    const started = startedUnder.get(request);
    if (started === undefined || reply.statusCode !== 200 || typeof payload !== 'string') return payload;
    startedUnder.delete(request);
    if (this.changeToken(started.kinds) !== started.token) return payload;
    const body = Buffer.from(payload);
    const bytes = body.length;
    if (bytes > this.maxBytes / 8) return payload;
    const etag = reply.getHeader('etag');
    const previous = this.entries.get(started.key);
    if (previous !== undefined) {
      // Two requests for the same URL were computed at the same time: keep the later.
      this.entries.delete(started.key);
      this.bytes -= previous.bytes;
    }
    const entry: Entry = {
      body,
      gzip: undefined,
      etag: typeof etag === 'string' ? etag : undefined,
      bytes,
      token: started.token,
    };
    this.entries.set(started.key, entry);
    this.bytes += bytes;
    this.evict();
    if (bytes >= GZIP_AT_ONCE_BYTES && acceptsGzip(request.headers['accept-encoding'])) {
      reply.header('content-encoding', 'gzip');
      return this.gzipOf(entry);
    }
    return body;
  }

  /** The compressed body, made on first use; it counts against the budget too. */
  private gzipOf(entry: Entry): Buffer {
    if (entry.gzip === undefined) {
      entry.gzip = gzipSync(entry.body, { level: constants.Z_DEFAULT_COMPRESSION });
      entry.bytes += entry.gzip.length;
      this.bytes += entry.gzip.length;
      this.evict(entry);
    }
    return entry.gzip;
  }

  /** Drops the least recently used entries (never `keep`) until the kept bytes fit the budget. */
  private evict(keep?: Entry): void {
    for (const [key, old] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      if (old === keep) continue;
      this.entries.delete(key);
      this.bytes -= old.bytes;
    }
  }
}
