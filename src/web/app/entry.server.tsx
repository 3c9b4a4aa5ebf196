import { PassThrough } from 'node:stream';
import { createReadableStreamFromReadable } from '@react-router/node';
import { renderToPipeableStream } from 'react-dom/server';
import { type AppLoadContext, type EntryContext, ServerRouter } from 'react-router';
import { NonceContext } from '../lib/nonce';

export const streamTimeout = 5_000;

/**
 * Renders the whole page before answering (onAllReady), so that a reader without JavaScript, a
 * crawler and `curl` all get the complete HTML. Every inline script (React's and React Router's)
 * carries the response's CSP nonce; the adapter puts the same nonce in the header.
 */
export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  routerContext: EntryContext,
  loadContext: AppLoadContext,
): Promise<Response> {
  const nonce = loadContext.nonce;
  return new Promise((resolve, reject) => {
    let status = responseStatusCode;
    let ready = false;
    const page = (
      <NonceContext.Provider value={nonce}>
        <ServerRouter context={routerContext} url={request.url} nonce={nonce} />
      </NonceContext.Provider>
    );
    const { pipe, abort } = renderToPipeableStream(page, {
      nonce,
      onAllReady() {
        ready = true;
        const body = new PassThrough();
        responseHeaders.set('content-type', 'text/html; charset=utf-8');
        resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status }));
        pipe(body);
      },
      onShellError(error: unknown) {
        reject(error);
      },
      onError(error: unknown) {
        status = 500;
        if (ready) console.error(error);
      },
    });
    setTimeout(abort, streamTimeout + 1_000);
  });
}
