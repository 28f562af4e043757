import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiPaths } from '../../../contract/paths.ts';
import { tempFolder, testApp, type TempFolder } from '../../test/history.ts';
import { scope, session, writeFixture } from '../../test/session-routes.ts';

let history: TempFolder;
let prometheus: Server;
let prometheusUrl: string;
const seenHeaders: Record<string, string | string[] | undefined>[] = [];

beforeAll(async () => {
  history = await tempFolder();
  await writeFixture(history);
  prometheus = createServer((req, res) => {
    seenHeaders.push(req.headers);
    res.writeHead(req.url === '/prom/-/healthy' ? 200 : 404).end('ok');
  });
  await new Promise<void>((resolve) => prometheus.listen(0, '127.0.0.1', resolve));
  prometheusUrl = `http://127.0.0.1:${(prometheus.address() as AddressInfo).port}/prom`;
});
afterAll(async () => {
  await new Promise((resolve) => prometheus.close(resolve));
  await history.remove();
});

async function withApp(env: NodeJS.ProcessEnv, body: (app: FastifyInstance) => Promise<void>) {
  const app = await testApp(history, env);
  try {
    await body(app);
  } finally {
    await app.close();
  }
}

describe('/api/grafana_health', () => {
  it("answers Ray's shape with Grafana on the request host's port 3000 and the stock dashboards", async () => {
    await withApp({}, async (app) => {
      const res = await app.inject({
        url: apiPaths.scoped(scope, '/api/grafana_health'),
        headers: { host: 'history.example.com:8080' },
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({
        result: true,
        msg: 'Grafana running',
        data: {
          grafanaHost: 'http://history.example.com:3000',
          grafanaOrgId: 1,
          sessionName: session.sessionName,
          dashboardUids: {
            default: 'rayDefaultDashboard',
            data: 'rayDataDashboard',
            serve: 'rayServeDashboard',
            serveDeployment: 'rayServeDeploymentDashboard',
          },
          dashboardDatasource: 'Prometheus',
        },
      });
    });
  });

  it('reports GRAFANA_URL, org, dashboard overrides and datasource from the configuration', async () => {
    const env = {
      GRAFANA_URL: 'https://ops.example.com/grafana/',
      GRAFANA_ORG_ID: '7',
      GRAFANA_DASHBOARDS: 'default=armsRay,serve=armsServe',
      GRAFANA_DATASOURCE: 'arms-prom',
    };
    await withApp(env, async (app) => {
      const { data } = (await app.inject(apiPaths.scoped(scope, '/api/grafana_health'))).json();
      expect(data.grafanaHost).toBe('https://ops.example.com/grafana');
      expect(data.grafanaOrgId).toBe(7);
      expect(data.dashboardUids.default).toBe('armsRay');
      expect(data.dashboardUids.serve).toBe('armsServe');
      expect(data.dashboardUids.data).toBe('rayDataDashboard');
      expect(data.dashboardDatasource).toBe('arms-prom');
    });
  });
});

describe('/api/prometheus_health', () => {
  it('says so when Prometheus is not configured', async () => {
    await withApp({}, async (app) => {
      const res = await app.inject(apiPaths.scoped(scope, '/api/prometheus_health'));
      expect(res.statusCode).toBe(200);
      expect(res.json().result).toBe(false);
      expect(res.json().msg).toMatch(/PROMETHEUS_URL/);
    });
  });

  it('probes the configured Prometheus with the configured headers, without echoing them', async () => {
    const env = { PROMETHEUS_URL: prometheusUrl, PROMETHEUS_HEADERS: 'x-arms-token=s3cret' };
    await withApp(env, async (app) => {
      const res = await app.inject(apiPaths.scoped(scope, '/api/prometheus_health'));
      expect(res.json()).toEqual({ result: true, msg: 'prometheus running' });
      expect(res.body).not.toContain('s3cret');
      expect(seenHeaders.at(-1)?.['x-arms-token']).toBe('s3cret');
    });
  });

  it('reports an unreachable Prometheus', async () => {
    await withApp({ PROMETHEUS_URL: 'http://127.0.0.1:1/' }, async (app) => {
      const body = (await app.inject(apiPaths.scoped(scope, '/api/prometheus_health'))).json();
      expect(body.result).toBe(false);
      expect(body.msg).toMatch(/unreachable/);
    });
  });
});
