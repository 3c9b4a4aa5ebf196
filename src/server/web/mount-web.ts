/**
 * Mounts the web app (React Router's framework mode, built by Vite into dist/web) in the Fastify
 * app: one process and one port for pages and API.
 *
 * - `/assets/*`: the client bundle's files; their names hold a content hash, so they are cached for a year.
 * - every other path outside `/api`: a Fetch API `Request` handed to React Router's request handler,
 *   whose `Response` is streamed back. Form posts (application/x-www-form-urlencoded) reach the
 *   route actions as they came (multipart/form-data too, for file uploads, up to UPLOAD_BODY_BYTES;
 *   other posts up to MAX_BODY_BYTES): this plugin's own content-type parsers keep bodies raw, and it is
 *   encapsulated, so the API keeps parsing JSON only and refusing everything else with 415.
 * - loaders and actions get their data through `apiFetch` in the load context: an in-process
 *   request to this app's JSON API (`inject`), never a call into core or db. It carries the page
 *   request's session cookie (only that cookie) and network address, so the API sees the same
 *   caller as the browser; `publicApiFetch` carries neither (reference data, the same for all).
 * - every page answer gets a fresh CSP nonce (load context `nonce`, `request.cspNonce` for the
 *   header), `Cache-Control: no-store` (it holds the nonce and the CSRF token), and form posts
 *   from other sites are refused (403) before any action runs.
 */
import { createReadStream, existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { FastifyInstance, FastifyReply, FastifyRequest, InjectOptions } from 'fastify';
import type { ServerBuild } from 'react-router';
import { MAX_BODY_BYTES } from '../plugins/problem.js';
import { forwardedCookie, isCrossSite, newNonce, secureSessionCookies } from './page-request.js';

export interface WebOptions {
  /** The folder of the Vite build (with client/ and server/); default dist/web of this checkout. */
  buildDir?: string;
  /** The app's COOKIE_SECURE setting (buildApp passes it): the session cookie set through a page over HTTPS. */
  cookieSecure?: 'auto' | 'always' | 'never';
}

/** What the API calls of one page request carry from it. */
export interface ForwardedCaller {
  /** `schakel_session=…`, or undefined for the public. */
  cookie?: string | undefined;
  /** The browser's network address (sign-in throttling counts per address). */
  remoteAddress?: string | undefined;
}

/** A fetch() that reaches this app's API in-process; what the web's loaders and actions are given. */
export type ApiFetch = (path: string, init?: RequestInit) => Promise<Response>;

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
};

/** The largest form post with a file: a 5 MiB file (the API's .xlsx limit) and the form's other fields. */
export const UPLOAD_BODY_BYTES = 5 * 1024 * 1024 + 64 * 1024;

const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/** The folder that holds package.json, searched upwards from this file (src/… under tsx, dist/… when built). */
function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find the project folder (no package.json above mount-web)');
    dir = parent;
  }
}

export function defaultWebBuildDir(): string {
  return join(projectRoot(), 'dist', 'web');
}

export function createApiFetch(app: FastifyInstance, caller: ForwardedCaller = {}): ApiFetch {
  return async (path, init) => {
    const headers: Record<string, string> = {};
    new Headers(init?.headers).forEach((value, key) => {
      headers[key] = value;
    });
    // Only what the adapter forwards: a loader cannot add another cookie or credentials of its own.
    delete headers.cookie;
    delete headers.authorization;
    if (caller.cookie !== undefined) headers.cookie = caller.cookie;
    const method = (init?.method ?? 'GET').toUpperCase() as NonNullable<InjectOptions['method']>;
    const given = init?.body;
    // JSON as text, or bytes (an uploaded .xlsx forwarded as it came).
    const body = given instanceof Uint8Array ? Buffer.from(given.buffer, given.byteOffset, given.byteLength) : given;
    if (body !== undefined && body !== null && typeof body !== 'string' && !Buffer.isBuffer(body)) {
      throw new Error('apiFetch sends text (JSON) or bytes (Uint8Array) only');
    }
    const answer = await app.inject({
      method,
      url: path,
      headers,
      ...(caller.remoteAddress !== undefined ? { remoteAddress: caller.remoteAddress } : {}),
      ...(typeof body === 'string' || Buffer.isBuffer(body) ? { payload: body } : {}),
    });
    const responseHeaders = new Headers();
    for (const [key, value] of Object.entries(answer.headers)) {
      if (value === undefined) continue;
      if (Array.isArray(value)) for (const v of value) responseHeaders.append(key, String(v));
      else responseHeaders.set(key, String(value));
    }
    const nullBody = NULL_BODY_STATUSES.has(answer.statusCode) || method === 'HEAD';
    return new Response(nullBody ? null : answer.rawPayload, { status: answer.statusCode, headers: responseHeaders });
  };
}

function toFetchRequest(request: FastifyRequest, reply: FastifyReply): Request {
  const url = new URL(request.url, `${request.protocol}://${request.host || 'localhost'}`);
  const headers = new Headers();
  for (const [key, value] of Object.entries(request.headers)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) headers.append(key, v);
    else headers.set(key, value);
  }
  const controller = new AbortController();
  reply.raw.once('close', () => {
    if (!reply.raw.writableFinished) controller.abort();
  });
  const method = request.method.toUpperCase();
  const body = method !== 'GET' && method !== 'HEAD' && Buffer.isBuffer(request.body) ? request.body : undefined;
  return new Request(url, { method, headers, body, signal: controller.signal });
}

export async function mountWeb(app: FastifyInstance, options: WebOptions = {}): Promise<void> {
  const buildDir = resolve(options.buildDir ?? defaultWebBuildDir());
  const serverEntry = join(buildDir, 'server', 'index.js');
  const assetsDir = join(buildDir, 'client', 'assets');
  if (!existsSync(serverEntry)) {
    throw new Error(`The web app is not built: ${serverEntry} is missing. Run \`npm run build\` first.`);
  }
  // React picks its production or development build from NODE_ENV when it is first loaded, which
  // is here (react-router, which loads React, is imported only now for that reason). Unset means
  // production, as @react-router/serve does: the development build renders several times slower.
  // Tests run with NODE_ENV=test and keep React's checks.
  process.env.NODE_ENV ??= 'production';
  const { createRequestHandler } = await import('react-router');
  const build = (await import(pathToFileURL(serverEntry).href)) as ServerBuild;
  const handle = createRequestHandler(build, 'production');
  const publicApiFetch = createApiFetch(app);
  const cookieSecure = options.cookieSecure ?? 'auto';

  await app.register(async (web) => {
    // Raw bodies for the pages' forms; the API (outside this plugin) keeps its JSON-only parsers.
    web.removeAllContentTypeParsers();
    web.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: MAX_BODY_BYTES }, (_request, body, done) => {
      done(null, body);
    });
    // File uploads (a filled-in score sheet): the API's own limit for the file, and room for the form around it.
    web.addContentTypeParser(
      'multipart/form-data',
      { parseAs: 'buffer', bodyLimit: UPLOAD_BODY_BYTES },
      (_request, body, done) => {
        done(null, body);
      },
    );

    web.get('/assets/*', async (request, reply) => {
      const relative = (request.params as { '*': string })['*'];
      const file = resolve(assetsDir, relative);
      if (!file.startsWith(assetsDir + sep)) return reply.callNotFound();
      const info = await stat(file).catch(() => undefined);
      if (!info?.isFile()) return reply.callNotFound();
      return reply
        .header('content-type', CONTENT_TYPES[extname(file)] ?? 'application/octet-stream')
        .header('content-length', info.size)
        .header('cache-control', 'public, max-age=31536000, immutable')
        .header('x-content-type-options', 'nosniff')
        .send(createReadStream(file));
    });

    const pageHandler = async (request: FastifyRequest, reply: FastifyReply) => {
      const path = request.url.split('?')[0] ?? '/';
      if (path === '/api' || path.startsWith('/api/')) return reply.callNotFound();
      if (request.method === 'POST' && isCrossSite(request.headers as Record<string, string | undefined>, request.host)) {
        return reply.code(403).header('content-type', 'text/plain; charset=utf-8').send('Forbidden: a form of another site');
      }
      const nonce = newNonce();
      request.cspNonce = nonce;
      const apiFetch = createApiFetch(app, { cookie: forwardedCookie(request.headers.cookie), remoteAddress: request.ip });
      const response = await handle(toFetchRequest(request, reply), { apiFetch, publicApiFetch, nonce });
      reply.code(response.status);
      response.headers.forEach((value, key) => {
        if (key !== 'set-cookie') reply.header(key, value);
      });
      const cookies = secureSessionCookies(response.headers.getSetCookie(), request.protocol === 'https', cookieSecure);
      if (cookies.length > 0) reply.header('set-cookie', cookies);
      // The page holds this response's nonce and the session's CSRF token: never kept anywhere.
      reply.header('cache-control', 'no-store');
      reply.header('x-content-type-options', 'nosniff');
      reply.header('referrer-policy', 'same-origin');
      reply.header('x-frame-options', 'DENY');
      if (!response.body || request.method === 'HEAD') return reply.send();
      return reply.send(Readable.fromWeb(response.body as NodeReadableStream<Uint8Array>));
    };
    web.route({ method: ['GET', 'POST'], url: '/', handler: pageHandler });
    web.route({ method: ['GET', 'POST'], url: '/*', handler: pageHandler });
  });
}
