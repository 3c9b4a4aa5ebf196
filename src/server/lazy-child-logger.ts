import type { FastifyBaseLogger, FastifyServerOptions } from 'fastify';

type ChildLoggerFactory = NonNullable<FastifyServerOptions['childLoggerFactory']>;
type Bindings = Parameters<ChildLoggerFactory>[1];
type ChildOptions = Parameters<ChildLoggerFactory>[2];
type Level = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';
type Methods = Record<Level, (...args: unknown[]) => void>;

/**
 * The logger of one request, whose pino child is made only when it writes a line. Fastify gives
 * every request a child logger with the request id bound; making it costs pino the serialisation
 * and redaction of that binding (3–4 µs a request with the app's redaction; 5–6 % of the samples
 * of a `GET /health` profile under load, decision 0018), and at the server's level (warn) almost
 * no request ever writes a line. A line that is written goes through
 * the same pino child, with the same bindings, serializers and redaction, as before.
 */
export class LazyChildLogger {
  private made: FastifyBaseLogger | undefined;

  constructor(
    private readonly parent: FastifyBaseLogger,
    private readonly bindings: Bindings,
    private readonly options: ChildOptions,
  ) {}

  get level(): string {
    return this.made?.level ?? this.parent.level;
  }

  set level(level: string) {
    this.real().level = level;
  }

  fatal(...args: unknown[]): void {
    this.write('fatal', args);
  }

  error(...args: unknown[]): void {
    this.write('error', args);
  }

  warn(...args: unknown[]): void {
    this.write('warn', args);
  }

  info(...args: unknown[]): void {
    this.write('info', args);
  }

  debug(...args: unknown[]): void {
    this.write('debug', args);
  }

  trace(...args: unknown[]): void {
    this.write('trace', args);
  }

  silent(): void {}

  child(bindings: Bindings, options?: ChildOptions): FastifyBaseLogger {
    return this.real().child(bindings, options);
  }

  isLevelEnabled(level: string): boolean {
    const logger = (this.made ?? this.parent) as FastifyBaseLogger & { isLevelEnabled?: (level: string) => boolean };
    return logger.isLevelEnabled?.(level) ?? true;
  }

  private write(level: Level, args: unknown[]): void {
    if (this.made === undefined && !this.isLevelEnabled(level)) return;
    // A method call, so pino's `this` is the child.
    (this.real() as unknown as Methods)[level](...args);
  }

  private real(): FastifyBaseLogger {
    this.made ??= this.parent.child(this.bindings, this.options);
    return this.made;
  }
}

/**
 * Fastify's `childLoggerFactory`: a lazy child (above), except when the route asks for its own
 * level (the child must exist to hold it).
 */
export const lazyChildLoggerFactory: ChildLoggerFactory = (logger, bindings, options) =>
  hasAny(options)
    ? logger.child(bindings, options)
    : (new LazyChildLogger(logger, bindings, options) as unknown as FastifyBaseLogger);

function hasAny(options: ChildOptions | undefined): boolean {
  for (const _key in options) return true;
  return false;
}
