import { Writable } from 'node:stream';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { lazyChildLoggerFactory } from './lazy-child-logger.js';

function capture(): { lines: Record<string, unknown>[]; stream: Writable } {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)) as Record<string, unknown>);
      done();
    },
  });
  return { lines, stream };
}

describe('lazyChildLoggerFactory', () => {
  it('writes a request line with the request id, redacted as configured, only at enabled levels', async () => {
    const { lines, stream } = capture();
    const app = Fastify({
      logger: { level: 'warn', stream, redact: { paths: ['*.email'], censor: '[redacted]' } },
      childLoggerFactory: lazyChildLoggerFactory,
      genReqId: () => 'req-1',
    });
    app.get('/', async (request) => {
      request.log.info('not written: below the level');
      request.log.warn({ reporter: { email: 'anna@example.org' } }, 'written');
      const log = request.log as typeof request.log & { isLevelEnabled(level: string): boolean };
      expect(log.isLevelEnabled('info')).toBe(false);
      expect(log.isLevelEnabled('error')).toBe(true);
      expect(request.log.level).toBe('warn');
      return { ok: true };
    });
    await app.inject({ url: '/' });
    await app.close();
    expect(lines.map((l) => l.msg)).toEqual(['written']);
    expect(lines[0]).toMatchObject({ reqId: 'req-1', level: 40, reporter: { email: '[redacted]' } });
  });

  it('makes no pino child for a request that writes nothing, and one for a request that does', async () => {
    const { stream } = capture();
    const app = Fastify({ logger: { level: 'warn', stream }, childLoggerFactory: lazyChildLoggerFactory });
    let children = 0;
    const original = app.log.child.bind(app.log);
    app.log.child = ((...args: Parameters<typeof original>) => {
      children += 1;
      return original(...args);
    }) as typeof app.log.child;
    app.get('/quiet', async () => ({ ok: true }));
    app.get('/loud', async (request) => {
      request.log.error('something failed');
      return { ok: true };
    });
    await app.inject({ url: '/quiet' });
    expect(children).toBe(0);
    await app.inject({ url: '/loud' });
    expect(children).toBe(1);
    await app.close();
  });

  it('gives a route with its own log level a real child at once', async () => {
    const { lines, stream } = capture();
    const app = Fastify({ logger: { level: 'warn', stream }, childLoggerFactory: lazyChildLoggerFactory });
    app.get('/chatty', { logLevel: 'info' }, async (request) => {
      request.log.info('written at the route level');
      return { ok: true };
    });
    await app.inject({ url: '/chatty' });
    await app.close();
    expect(lines.map((l) => l.msg)).toContain('written at the route level');
  });
});
