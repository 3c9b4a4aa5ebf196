/**
 * autocannon, programmatically, with exact latencies: autocannon's own histogram keeps whole
 * milliseconds, so every 2xx response time is also recorded here (floating-point ms) and the
 * percentiles are computed from those.
 */
import autocannon from 'autocannon';

export interface LoadRequest {
  /** A fixed path, or a function that gives the path of each request. */
  path: string | (() => string);
}

export interface LoadOptions {
  url: string;
  connections: number;
  seconds: number;
  /** The sequence each connection sends, round and round. */
  requests: LoadRequest[];
  title: string;
  /** Headers sent with every request (for example Accept-Encoding). */
  headers?: Record<string, string>;
  /** Ends the run early when it settles (e.g. when a job ends); `seconds` is then the longest it runs. */
  until?: Promise<unknown>;
}

export interface LatencySummary {
  /** Completed (2xx) responses. */
  count: number;
  /**
   * Requests with no answer when the run ended. Each counts with the time it had waited by then,
   * a lower bound of its latency; a percentile that lands on one is marked in `lowerBound`.
   */
  unfinished: number;
  /** Mean of the completed requests. */
  mean: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  lowerBound: { p50: boolean; p90: boolean; p99: boolean; max: boolean };
}

export interface LoadResult {
  title: string;
  connections: number;
  seconds: number;
  /** Mean of autocannon's per-second request counts. */
  requestsPerSecond: number;
  /** Completed 2xx responses divided by the run's duration. */
  okPerSecond: number;
  latency: LatencySummary;
  /** Latencies per entry of `requests` (by position in each connection's sequence). */
  latencyByRequest: LatencySummary[];
  /** autocannon's own (whole-millisecond) latency percentiles, for reference. */
  autocannonLatency: { p50: number; p99: number; mean: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  bytesPerResponse: number;
  total: number;
}

/**
 * Latency percentiles of the completed requests together with the unfinished ones, each of those
 * at the time it had waited when the run ended (so a percentile that lands on one is a lower bound).
 */
export function summarize(values: number[], waiting: number[] = []): LatencySummary {
  const all = [...values.map((v) => ({ v, open: false })), ...waiting.map((v) => ({ v, open: true }))].sort((a, b) => a.v - b.v);
  const at = (q: number) => all[Math.min(all.length - 1, Math.max(0, Math.ceil(q * all.length) - 1))];
  let sum = 0;
  for (const v of values) sum += v;
  const p50 = at(0.5);
  const p90 = at(0.9);
  const p99 = at(0.99);
  const max = at(1);
  return {
    count: values.length,
    unfinished: waiting.length,
    mean: values.length > 0 ? sum / values.length : Number.NaN,
    p50: p50?.v ?? Number.NaN,
    p90: p90?.v ?? Number.NaN,
    p99: p99?.v ?? Number.NaN,
    max: max?.v ?? Number.NaN,
    lowerBound: { p50: p50?.open ?? false, p90: p90?.open ?? false, p99: p99?.open ?? false, max: max?.open ?? false },
  };
}

/** Runs one autocannon instance to the end. */
export function runLoad(options: LoadOptions): Promise<LoadResult> {
  const latencies: number[][] = options.requests.map(() => []);
  // Position of each connection in its sequence (responses so far); connections never answered are not in it.
  const position = new Map<object, number>();
  const lastAnswer = new Map<object, number>();
  const started = performance.now();
  const requests: autocannon.Request[] = options.requests.map((request) =>
    typeof request.path === 'string'
      ? { method: 'GET', path: request.path }
      : {
          method: 'GET',
          setupRequest: (req: autocannon.Request) => {
            const path = (request.path as () => string)();
            return { ...req, path };
          },
        },
  );
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        duration: options.seconds,
        requests,
        ...(options.headers ? { headers: options.headers } : {}),
        timeout: 60,
        title: options.title,
      },
      (error, result) => {
        if (error) {
          reject(error);
          return;
        }
        // Requests that had no answer when the run ended: at most one per connection (no pipelining),
        // sent when that connection got its previous answer (or at the start), of the type it was waiting for.
        const end = performance.now();
        const open: { type: number; waited: number }[] = [];
        for (let i = position.size; i < options.connections; i++) open.push({ type: 0, waited: end - started });
        for (const [client, index] of position) {
          open.push({ type: index % latencies.length, waited: end - (lastAnswer.get(client) ?? started) });
        }
        open.sort((a, b) => b.waited - a.waited);
        const unanswered = open.slice(0, Math.max(0, result.requests.sent - result.requests.total));
        const waiting = latencies.map((_, type) => unanswered.filter((u) => u.type === type).map((u) => u.waited));
        const all = latencies.flat();
        resolve({
          title: options.title,
          connections: options.connections,
          seconds: options.until ? result.duration : options.seconds,
          requestsPerSecond: result.requests.average,
          okPerSecond: result['2xx'] / result.duration,
          latency: summarize(all, waiting.flat()),
          latencyByRequest: latencies.map((values, type) => summarize(values, waiting[type] ?? [])),
          autocannonLatency: { p50: result.latency.p50, p99: result.latency.p99, mean: result.latency.mean },
          non2xx: result.non2xx,
          errors: result.errors,
          timeouts: result.timeouts,
          statusCodes: Object.fromEntries(
            Object.entries(result.statusCodeStats ?? {}).map(([code, stat]) => [code, (stat as { count?: number }).count ?? 0]),
          ),
          bytesPerResponse: result.requests.total > 0 ? result.throughput.total / result.requests.total : 0,
          total: result.requests.total,
        });
      },
    );
    options.until?.then(
      () => instance.stop(),
      () => instance.stop(),
    );
    instance.on('response', (client: object, statusCode: number, _bytes: number, responseTime: number) => {
      // Without pipelining each connection gets its answers in the order of its sequence.
      const index = position.get(client) ?? 0;
      position.set(client, index + 1);
      lastAnswer.set(client, performance.now());
      if (statusCode >= 200 && statusCode < 300) latencies[index % latencies.length]?.push(responseTime);
    });
  });
}

/** Throws, loudly, when a run had any non-2xx response or connection error. */
export function assertClean(result: LoadResult): void {
  if (result.non2xx === 0 && result.errors === 0 && result.timeouts === 0) return;
  throw new Error(
    `${result.title}: ${result.non2xx} non-2xx responses, ${result.errors} errors, ${result.timeouts} timeouts ` +
      `(status codes: ${JSON.stringify(result.statusCodes)}). The benchmark counts only successful requests: fix this first.`,
  );
}
