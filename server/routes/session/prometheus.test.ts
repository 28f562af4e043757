import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { apiPaths } from '../../../contract/paths.ts';
import type {
  PrometheusCatalogue,
  PrometheusSeries,
} from '../../../contract/metrics/prometheus-types.ts';
import { tempFolder, testApp, type TempFolder } from '../../test/history.ts';
import { PROMETHEUS_PADDING_MS } from '../../metrics/prometheus-series.ts';
import { scope, session, writeFixture } from '../../test/session-routes.ts';

// /metrics/prometheus[/<id>] against an HTTP stand-in for Prometheus' API: what the server asks
// (query, window, step, headers) and how each upstream failure reaches the browser. The real
// Prometheus is exercised end to end in e2e/prometheus.spec.ts.

/** The fixture's events span 0..600 s after this (server/test/session-routes.ts). */
const FIRST_EVENT_MS = Date.UTC(2026, 0, 11, 19, 38, 40);
const LAST_EVENT_MS = FIRST_EVENT_MS + 600_000;

type Handler = (url: URL, req: IncomingMessage, res: ServerResponse) => void;

let history: TempFolder;
let upstream: Server;
let upstreamUrl: string;
let handler: Handler;
const asked: { url: URL; headers: IncomingMessage['headers'] }[] = [];

const json = (res: ServerResponse, status: number, body: unknown) =>
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));

/** A matrix answer: each evaluation time of the request gets `value(t)`. */
function matrixAnswer(
  series: { metric: Record<string, string>; value: (t: number) => string }[],
): Handler {
  return (url, _req, res) => {
    const start = Number(url.searchParams.get('start'));
    const end = Number(url.searchParams.get('end'));
    const step = Number(url.searchParams.get('step'));
    const result = series.map(({ metric, value }) => {
      const values: [number, string][] = [];
      for (let t = start; t <= end; t += step) values.push([t, value(t)]);
      return { metric, values };
    });
    json(res, 200, { status: 'success', data: { resultType: 'matrix', result } });
  };
}

beforeAll(async () => {
  history = await tempFolder();
  await writeFixture(history);
  upstream = createServer((req, res) => {
    const url = new URL(req.url!, 'http://stand-in');
    asked.push({ url, headers: req.headers });
    handler(url, req, res);
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}/prom/`;
});
afterAll(async () => {
  upstream.closeAllConnections();
  await new Promise((resolve) => upstream.close(resolve));
  await history.remove();
});
beforeEach(() => {
  asked.length = 0;
  handler = (_url, _req, res) => json(res, 404, { status: 'error', error: 'unexpected request' });
});

async function withApp(env: NodeJS.ProcessEnv, body: (app: FastifyInstance) => Promise<void>) {
  const app = await testApp(history, env);
  try {
    await body(app);
  } finally {
    await app.close();
  }
}

/** A port nothing listens on: one the system just handed out and took back. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

const configured = { PROMETHEUS_URL: '', PROMETHEUS_HEADERS: 'x-arms-token=s3cret-token' };
const envFor = () => ({ ...configured, PROMETHEUS_URL: upstreamUrl });
const seriesUrl = (id: string, query = '') =>
  `${apiPaths.scoped(scope, `/metrics/prometheus/${id}`)}${query}`;

describe('GET <scope>/metrics/prometheus', () => {
  it('lists the catalogue and says whether Prometheus is configured', async () => {
    await withApp({}, async (app) => {
      const res = await app.inject(apiPaths.scoped(scope, '/metrics/prometheus'));
      expect(res.statusCode).toBe(200);
      const body = res.json<PrometheusCatalogue>();
      expect(body.configured).toBe(false);
      expect(body.metrics.map((m) => m.id)).toContain('node-cpu');
      expect(res.body).not.toContain('ray_node_cpu_utilization{');
    });
    await withApp(envFor(), async (app) => {
      const body = (await app.inject(apiPaths.scoped(scope, '/metrics/prometheus'))).json();
      expect(body.configured).toBe(true);
    });
  });
});

describe('GET <scope>/metrics/prometheus/<id>', () => {
  it("runs query_range for the session's label over its padded window, with the configured headers", async () => {
    handler = matrixAnswer([
      { metric: { instance: '10.0.0.6:8080' }, value: () => '62.5' },
      { metric: { instance: '10.0.0.5:8080' }, value: (t) => (t % 2 === 0 ? '37.5' : 'NaN') },
    ]);
    await withApp(envFor(), async (app) => {
      const res = await app.inject(seriesUrl('node-cpu'));
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.body).not.toContain('s3cret');

      expect(asked).toHaveLength(1);
      const { url, headers } = asked[0]!;
      expect(url.pathname).toBe('/prom/api/v1/query_range');
      expect(headers['x-arms-token']).toBe('s3cret-token');
      expect(url.searchParams.get('query')).toBe(
        `avg by (instance) (ray_node_cpu_utilization{SessionName="${session.sessionName}"})`,
      );
      const start = Number(url.searchParams.get('start'));
      const end = Number(url.searchParams.get('end'));
      expect(url.searchParams.get('step')).toBe('1');
      expect(start).toBe(Math.floor((FIRST_EVENT_MS - PROMETHEUS_PADDING_MS) / 1000));
      expect(end).toBe(Math.ceil((LAST_EVENT_MS + PROMETHEUS_PADDING_MS) / 1000));

      const body = res.json<PrometheusSeries>();
      expect(body.metric).toMatchObject({ id: 'node-cpu', unit: 'percent' });
      expect(body.window).toEqual({ startMs: start * 1000, endMs: end * 1000, stepMs: 1000 });
      expect(body.times).toHaveLength(end - start + 1);
      expect(body.times[1]! - body.times[0]!).toBe(1000);
      // Sorted by legend; NaN samples become gaps.
      expect(body.series.map((s) => s.name)).toEqual(['10.0.0.5:8080', '10.0.0.6:8080']);
      const [first, second] = body.series;
      expect(second!.values.every((v) => v === 62.5)).toBe(true);
      body.times.forEach((t, i) =>
        expect(first!.values[i]).toBe((t / 1000) % 2 === 0 ? 37.5 : null),
      );
      expect(first!.labels).toEqual({ instance: '10.0.0.5:8080' });
      expect(body.omittedSeries).toBe(0);
    });
  });

  it('runs every target of a metric and names each series by its legend', async () => {
    handler = (url, req, res) => {
      const running = url.searchParams.get('query')!.includes('RUNNING');
      matrixAnswer([{ metric: {}, value: () => (running ? '12' : '3') }])(url, req, res);
    };
    await withApp(envFor(), async (app) => {
      const body = (await app.inject(seriesUrl('running-pending-tasks', '?step=60'))).json();
      expect(asked).toHaveLength(2);
      expect(asked.every((a) => a.url.searchParams.get('step') === '60')).toBe(true);
      expect(body.series.map((s: { name: string }) => s.name)).toEqual(['pending', 'running']);
      expect(body.series[1].values[0]).toBe(12);
    });
  });

  it('keeps the 40 largest series of a metric with too many', async () => {
    handler = matrixAnswer(
      Array.from({ length: 45 }, (_, i) => ({
        metric: { instance: `node-${i}` },
        value: () => String(i),
      })),
    );
    await withApp(envFor(), async (app) => {
      const body = (await app.inject(seriesUrl('node-disk', '?step=60'))).json<PrometheusSeries>();
      expect(body.series).toHaveLength(40);
      expect(body.omittedSeries).toBe(5);
      expect(body.series.map((s) => s.name)).not.toContain('node-4');
      expect(body.series.map((s) => s.name)).toContain('node-5');
    });
  });

  it('answers 404 naming an unknown metric, and refuses a query from the browser', async () => {
    await withApp(envFor(), async (app) => {
      const res = await app.inject(seriesUrl('rm-rf'));
      expect(res.statusCode).toBe(404);
      expect(res.json().message).toMatch(/Unknown Prometheus metric "rm-rf".*node-cpu/);

      const sneaky = await app.inject(seriesUrl('node-cpu', '?query=up'));
      expect(sneaky.statusCode).toBe(400);
      expect(sneaky.json().message).toMatch(/unknown query parameter query/);

      const step = await app.inject(seriesUrl('node-cpu', '?step=0'));
      expect(step.statusCode).toBe(400);
      expect(step.json().message).toMatch(/step must be/);
      expect(asked).toHaveLength(0);
    });
  });

  it('answers 503 with how to set it up when Prometheus is not configured', async () => {
    await withApp({}, async (app) => {
      const res = await app.inject(seriesUrl('node-cpu'));
      expect(res.statusCode).toBe(503);
      expect(res.json().message).toMatch(/Prometheus is not configured: set PROMETHEUS_URL/);
    });
  });

  it("answers 502 with Prometheus' own error message", async () => {
    handler = (_url, _req, res) =>
      json(res, 422, {
        status: 'error',
        errorType: 'execution',
        error: 'query processing would load too many samples into memory',
      });
    await withApp(envFor(), async (app) => {
      const res = await app.inject(seriesUrl('node-cpu'));
      expect(res.statusCode).toBe(502);
      expect(res.json().message).toBe(
        'Prometheus answered HTTP 422 (execution): query processing would load too many samples into memory',
      );
    });
  });

  it('answers 502 when the URL is not a Prometheus API (an HTML page, a 404)', async () => {
    handler = (_url, _req, res) =>
      res.writeHead(200, { 'content-type': 'text/html' }).end('<html>login</html>');
    await withApp(envFor(), async (app) => {
      const res = await app.inject(seriesUrl('node-cpu'));
      expect(res.statusCode).toBe(502);
      expect(res.json().message).toMatch(/not its JSON API/);
      expect(res.body).not.toContain('<html>');
    });
  });

  it('answers 502 when Prometheus is unreachable or too slow, and nothing stays cached', async () => {
    await withApp({ PROMETHEUS_URL: `http://127.0.0.1:${await closedPort()}/` }, async (app) => {
      const res = await app.inject(seriesUrl('node-cpu'));
      expect(res.statusCode).toBe(502);
      expect(res.json().message).toMatch(/Prometheus is unreachable: .*ECONNREFUSED/);
    });

    const hanging: ServerResponse[] = [];
    handler = (_url, _req, res) => hanging.push(res);
    await withApp({ ...envFor(), PROMETHEUS_TIMEOUT_MS: '200' }, async (app) => {
      const slow = await app.inject(seriesUrl('node-cpu'));
      expect(slow.statusCode).toBe(502);
      expect(slow.json().message).toBe('Prometheus did not answer within 0.2 s.');

      handler = matrixAnswer([{ metric: { instance: 'a' }, value: () => '1' }]);
      const again = await app.inject(seriesUrl('node-cpu'));
      expect(again.statusCode).toBe(200);
      expect(again.json().series[0].name).toBe('a');
    });
    for (const res of hanging) res.destroy();
  });
});
