import type { FastifyInstance } from 'fastify';

declare module 'fastify' {
  interface FastifyRequest {
    /**
     * The CSP nonce of a page response (set by the web adapter, fresh per request): the one value
     * that lets the page's own inline scripts (React Router's hydration data) run.
     */
    cspNonce: string | undefined;
  }
}

/** For JSON, problems and anything else that is not a page: nothing may load, nothing may frame it. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/**
 * For HTML pages (the web app): own scripts, styles and images only, never framed. An inline
 * script runs only when it carries this response's nonce (React Router's hydration data); no
 * `unsafe-inline`, no inline styles.
 */
export function pageCsp(nonce: string | undefined): string {
  const scripts = nonce === undefined ? "script-src 'self'" : `script-src 'self' 'nonce-${nonce}'`;
  return `default-src 'self'; ${scripts}; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'`;
}

/** A page without a nonce (no inline script may run at all). */
export const PAGE_CSP = pageCsp(undefined);

export const HSTS = 'max-age=31536000; includeSubDomains';

/**
 * Security headers on every response: a strict Content-Security-Policy (inline scripts only with
 * the response's nonce, never in a frame), nosniff, no referrer to other sites, and HSTS when the request came
 * over HTTPS (directly, or through a trusted proxy that says so).
 */
export function installSecurityHeaders(app: FastifyInstance): void {
  app.decorateRequest('cspNonce', undefined);
  app.addHook('onSend', async (request, reply, payload) => {
    const page = String(reply.getHeader('content-type') ?? '').startsWith('text/html');
    reply.header('content-security-policy', page ? pageCsp(request.cspNonce) : API_CSP);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('x-frame-options', 'DENY');
    // Pages: `same-origin`, so the browser names this site as the Origin of a form post (with
    // `no-referrer` Chrome sends `Origin: null`, which the web adapter refuses as another site's);
    // nothing leaves for other sites. Everything else: no referrer at all.
    reply.header('referrer-policy', page ? 'same-origin' : 'no-referrer');
    reply.header('cross-origin-opener-policy', 'same-origin');
    if (request.protocol === 'https') reply.header('strict-transport-security', HSTS);
    return payload;
  });
}
