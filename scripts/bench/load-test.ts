import autocannon from 'autocannon';

// One loopback load run with autocannon: requests per second, latency percentiles, and every
// kind of failure (connection errors, timeouts, non-2xx answers).

export interface LoadRun {
  seconds: number;
  connections: number;
  /** Path of each request; called once per request, so a generator can vary it. */
  nextPath: () => string;
  /** Per-request timeout, seconds (autocannon's default is 10). */
  timeoutSeconds?: number;
}

export interface LoadResult {
  requests: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Connection errors, timeouts included. */
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodes: Record<string, number>;
}

/** What a browser sends: responses are compressed as they would be for the SPA. */
const BROWSER_HEADERS = { accept: 'application/json, */*', 'accept-encoding': 'gzip, deflate, br' };

export async function runLoad(origin: string, run: LoadRun): Promise<LoadResult> {
  const result = await autocannon({
    url: origin,
    connections: run.connections,
    duration: run.seconds,
    timeout: run.timeoutSeconds ?? 10,
    headers: BROWSER_HEADERS,
    requests: [
      { method: 'GET', setupRequest: (request) => ({ ...request, path: run.nextPath() }) },
    ],
  });
  const statusCodes: Record<string, number> = {};
  for (const [code, stat] of Object.entries(result.statusCodeStats ?? {}))
    statusCodes[code] = stat.count ?? 0;
  return {
    requests: result.requests.total,
    requestsPerSecond: result.requests.total / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    statusCodes,
  };
}

/** A failure count for budgets: anything that was not a 2xx answer. */
export const failures = (r: LoadResult) => r.errors + r.non2xx;

/** Cycles through `paths` in order; each call returns the next. */
export function cycle(paths: readonly string[]): () => string {
  if (paths.length === 0) throw new Error('cycle: no paths');
  let i = 0;
  return () => paths[i++ % paths.length]!;
}
