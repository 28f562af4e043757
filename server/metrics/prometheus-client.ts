import { HttpError } from '../http/errors.ts';

// One Prometheus HTTP API call, query_range, with the configured headers (e.g. an ARMS token;
// never logged or echoed). Every failure becomes a 502 naming what went wrong upstream.

export interface PrometheusEndpoint {
  url: string;
  headers: Record<string, string>;
  timeoutMs: number;
}

export interface RangeWindow {
  /** Unix seconds, whole multiples of the step. */
  startS: number;
  endS: number;
  stepS: number;
}

export interface MatrixSeries {
  metric: Record<string, string>;
  /** [unix seconds, value as Prometheus prints it ("1.5", "NaN", "+Inf")]. */
  values: [number, string][];
}

/** Upstream answers can be long (a whole HTML page from a proxy): keep messages readable. */
const MAX_MESSAGE = 500;

const upstream = (message: string) =>
  new HttpError(502, message.length > MAX_MESSAGE ? `${message.slice(0, MAX_MESSAGE)}…` : message);

/** "fetch failed" says nothing: the cause (ECONNREFUSED, ENOTFOUND...) does. */
function networkReason(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: unknown }).cause;
  if (cause instanceof Error) {
    const code = (cause as { code?: unknown }).code;
    return typeof code === 'string' && !cause.message.includes(code)
      ? `${cause.message} (${code})`
      : cause.message;
  }
  return error.message;
}

function isMatrix(value: unknown): value is MatrixSeries[] {
  return (
    Array.isArray(value) &&
    value.every(
      (s: unknown) =>
        typeof s === 'object' &&
        s !== null &&
        typeof (s as MatrixSeries).metric === 'object' &&
        Array.isArray((s as MatrixSeries).values),
    )
  );
}

interface ApiAnswer {
  status?: unknown;
  error?: unknown;
  errorType?: unknown;
  data?: { resultType?: unknown; result?: unknown };
}

export async function queryRange(
  endpoint: PrometheusEndpoint,
  query: string,
  window: RangeWindow,
  fetchImpl: typeof fetch = fetch,
): Promise<MatrixSeries[]> {
  const url = new URL(`${endpoint.url.replace(/\/+$/, '')}/api/v1/query_range`);
  url.searchParams.set('query', query);
  url.searchParams.set('start', String(window.startS));
  url.searchParams.set('end', String(window.endS));
  url.searchParams.set('step', String(window.stepS));

  let response: Response;
  try {
    response = await fetchImpl(url, {
      headers: { accept: 'application/json', ...endpoint.headers },
      signal: AbortSignal.timeout(endpoint.timeoutMs),
    });
  } catch (error) {
    if (error instanceof Error && error.name === 'TimeoutError')
      throw upstream(`Prometheus did not answer within ${endpoint.timeoutMs / 1000} s.`);
    throw upstream(`Prometheus is unreachable: ${networkReason(error)}`);
  }

  let body: ApiAnswer;
  try {
    body = (await response.json()) as ApiAnswer;
  } catch (error) {
    if (error instanceof Error && error.name === 'TimeoutError')
      throw upstream(`Prometheus did not answer within ${endpoint.timeoutMs / 1000} s.`);
    throw upstream(
      `Prometheus answered HTTP ${response.status} with a body that is not its JSON API (is PROMETHEUS_URL the API's base URL?).`,
    );
  }
  if (body?.status !== 'success') {
    const kind = typeof body?.errorType === 'string' ? ` (${body.errorType})` : '';
    const detail = typeof body?.error === 'string' ? `: ${body.error}` : '.';
    throw upstream(`Prometheus answered HTTP ${response.status}${kind}${detail}`);
  }
  if (body.data?.resultType !== 'matrix' || !isMatrix(body.data.result))
    throw upstream('Prometheus answered query_range without a matrix result.');
  return body.data.result;
}
