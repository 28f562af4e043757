import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import {
  startRayDashboardReplay,
  type RayDashboardReplay,
} from '../../e2e/support/ray-dashboard-replay.ts';
import { unpackRealRayRecording } from '../../e2e/support/real-ray-fixture.ts';
import { buildApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import { FsStorage } from '../storage/fs-storage.ts';
import {
  rayClusterObject,
  startKubeApiStandIn,
  type KubeApiStandIn,
} from '../test/kube-api-stand-in.ts';
import { KubeDiscovery, kubeConfigFromEnvironment } from './kube-discovery.ts';
import { LiveClusters } from './live-clusters.ts';

// Discovery through @kubernetes/client-node against a loopback stand-in of the Kubernetes API;
// the dashboards behind the service proxy are the replay of the recording's real answers.

const RECORDED_SESSION = 'session_2026-12-02_02-36-26_169760_6368';
const { historyRoot, truthDir } = unpackRealRayRecording();
let kube: KubeApiStandIn;
let replay: RayDashboardReplay;
let kubeconfig: string;

function liveClusters(env: NodeJS.ProcessEnv = {}): LiveClusters {
  const config = loadConfig({ LIVE_CACHE_SECONDS: '0', LIVE_TIMEOUT_MS: '2000', ...env });
  return LiveClusters.fromEnvironment(config.live, { KUBECONFIG: kubeconfig, ...env });
}

const discovery = () =>
  new KubeDiscovery(kubeConfigFromEnvironment({ KUBECONFIG: kubeconfig })!, []);

async function appWith(env: NodeJS.ProcessEnv): Promise<FastifyInstance> {
  const config = loadConfig({ SESSION_INDEX_TTL_SECONDS: '0', LIVE_CACHE_SECONDS: '0', ...env });
  return buildApp({
    config,
    storage: new FsStorage(historyRoot),
    live: LiveClusters.fromEnvironment(config.live, { KUBECONFIG: kubeconfig }),
    logger: false,
  });
}

beforeAll(async () => {
  kube = await startKubeApiStandIn();
  replay = await startRayDashboardReplay({ truthDir });
  kubeconfig = kube.writeKubeconfig(mkdtempSync(join(tmpdir(), 'kubeconfig-')));
});
afterAll(async () => {
  await kube.close();
  await replay.close();
});
beforeEach(() => {
  kube.mode = 'ok';
  kube.requests.length = 0;
  kube.rayClusters = [
    rayClusterObject({
      namespace: 'data-eng',
      name: 'nightly-features-raycluster-8zq4d',
      owner: { kind: 'RayJob', name: 'nightly-features', via: 'ownerReference' },
    }),
    rayClusterObject({
      namespace: 'serving',
      name: 'chat-raycluster-x2k9p',
      owner: { kind: 'RayService', name: 'chat', via: 'labels' },
      token: true,
      created: '2026-12-02T03:10:00Z',
    }),
    rayClusterObject({ namespace: 'ml', name: 'scratch' }),
    rayClusterObject({ namespace: 'ml', name: 'going-away', deleting: true }),
  ];
  kube.secrets.set('serving/chat-raycluster-x2k9p', {
    auth_token: Buffer.from('chat-ray-token').toString('base64'),
  });
});

describe('discovery', () => {
  it('lists RayClusters with their owner (reference or labels), head Service and auth mode', async () => {
    const clusters = await discovery().listClusters();
    expect(clusters).toEqual([
      expect.objectContaining({
        namespace: 'data-eng',
        kind: 'rayjob',
        name: 'nightly-features',
        clusterName: 'nightly-features-raycluster-8zq4d',
        headService: { name: 'nightly-features-raycluster-8zq4d-head-svc', port: 8265 },
        dashboardUrl:
          'http://nightly-features-raycluster-8zq4d-head-svc.data-eng.svc.cluster.local:8265',
        auth: { mode: 'none' },
      }),
      expect.objectContaining({
        namespace: 'serving',
        kind: 'rayservice',
        name: 'chat',
        clusterName: 'chat-raycluster-x2k9p',
        auth: { mode: 'token', secretName: 'chat-raycluster-x2k9p' },
        startTime: Date.parse('2026-12-02T03:10:00Z'),
      }),
      expect.objectContaining({ namespace: 'ml', kind: 'raycluster', name: 'scratch' }),
    ]);
    expect(kube.requests).toEqual(['/apis/ray.io/v1/rayclusters']);
  });

  it('lists per namespace when LIVE_NAMESPACES is set (namespaced RBAC)', async () => {
    const live = liveClusters({ LIVE_NAMESPACES: 'ml,serving' });
    await live.list();
    expect(kube.requests.slice(0, 2)).toEqual([
      '/apis/ray.io/v1/namespaces/ml/rayclusters',
      '/apis/ray.io/v1/namespaces/serving/rayclusters',
    ]);
  });

  it('reads the Ray token from the Secret KubeRay created (key auth_token), once per period', async () => {
    const live = liveClusters({ LIVE_CACHE_SECONDS: '60' });
    const chat = (await discovery().listClusters()).find((c) => c.name === 'chat')!;
    expect(await live.token(chat)).toBe('chat-ray-token');
    expect(await live.token(chat)).toBe('chat-ray-token');
    expect(kube.requests.filter((p) => p.includes('/secrets/'))).toEqual([
      '/api/v1/namespaces/serving/secrets/chat-raycluster-x2k9p',
    ]);
  });

  it('without a service account or KUBECONFIG there is no discovery', () => {
    expect(kubeConfigFromEnvironment({})).toBeNull();
    expect(kubeConfigFromEnvironment({ KUBECONFIG: '/nonexistent/kubeconfig' })).toBeNull();
    expect(liveClusters({ LIVE: 'off' }).enabled).toBe(false);
  });
});

describe('the sessions list with discovery', () => {
  it('shows the discovered cluster whose dashboard answers as its newest, live session', async () => {
    kube.services.set('data-eng/nightly-features-raycluster-8zq4d-head-svc:8265', replay.url);
    const app = await appWith({ LIVE_PROXY: 'kubernetes' });
    const page = (await app.inject('/api/sessions')).json();
    // The other clusters' head Services have no endpoints: not running, so not listed.
    expect(
      page.sessions.map((s: { name: string; sessionName: string }) => [s.name, s.sessionName]),
    ).toEqual([
      ['nightly-features', 'live'],
      ['nightly-features', RECORDED_SESSION],
    ]);
    // And its pages are read through the API server's service proxy.
    const jobs = await app.inject('/api/c/data-eng/rayjob/nightly-features/live/api/jobs/');
    expect(jobs.statusCode).toBe(200);
    expect(kube.requests).toContain(
      '/api/v1/namespaces/data-eng/services/nightly-features-raycluster-8zq4d-head-svc:8265/proxy/api/jobs/',
    );
    await app.close();
  });

  it('a 403 from Kubernetes degrades to history with a notice, never a failed list', async () => {
    kube.mode = 'forbidden';
    const app = await appWith({});
    const res = await app.inject('/api/sessions');
    expect(res.statusCode).toBe(200);
    expect(res.json().sessions.map((s: { sessionName: string }) => s.sessionName)).toEqual([
      RECORDED_SESSION,
    ]);
    expect(res.json().liveNotice).toMatch(
      /^Running clusters are not shown: Kubernetes refused to list RayClusters \(forbidden/,
    );
    await app.close();
  });

  it('an outage of the API server degrades the same way', async () => {
    kube.mode = 'outage';
    const app = await appWith({});
    const res = await app.inject('/api/sessions');
    expect(res.statusCode).toBe(200);
    expect(res.json().liveNotice).toMatch(
      /Kubernetes API unreachable while trying to list RayClusters/,
    );
    expect(res.json().total).toBe(1);
    await app.close();
  });

  it('LIVE=off: the Kubernetes API is never asked', async () => {
    const app = await appWith({ LIVE: 'off' });
    const page = (await app.inject('/api/sessions')).json();
    expect(page.total).toBe(1);
    expect(page).not.toHaveProperty('liveNotice');
    expect(kube.requests).toEqual([]);
    await app.close();
  });
});
