import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
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

// A live session through the proxy, against a stand-in for the real Ray 2.58 dashboard that
// replays its recorded answers (no live Ray dashboard can run here), over the same recording's
// history: `data-eng/rayjob/nightly-features` (RayCluster nightly-features-raycluster-8zq4d).

const TOKEN = 'ray-token-3f9c1d7e5b2a48c6';
const SCOPE = '/api/c/data-eng/rayjob/nightly-features';
const RECORDED_SESSION = 'session_2026-12-02_02-36-26_169760_6368';
const { historyRoot, truthDir } = unpackRealRayRecording();
const truth = (file: string) => readFileSync(join(truthDir, 'after-node-kill', file), 'utf8');

let replay: RayDashboardReplay;
let app: FastifyInstance;

async function appFor(url: string, env: NodeJS.ProcessEnv = {}): Promise<FastifyInstance> {
  const tokenFile = join(mkdtempSync(join(tmpdir(), 'live-token-')), 'token');
  writeFileSync(tokenFile, `${TOKEN}\n`);
  const config = loadConfig({
    SESSION_INDEX_TTL_SECONDS: '0',
    LIVE_CLUSTERS: `data-eng/rayjob/nightly-features=${url}`,
    LIVE_RAY_TOKEN_FILE: tokenFile,
    LIVE_CACHE_SECONDS: '0',
    LIVE_TIMEOUT_MS: '2000',
    ...env,
  });
  return buildApp({ config, storage: new FsStorage(historyRoot), logger: false });
}

beforeAll(async () => {
  replay = await startRayDashboardReplay({ truthDir, token: TOKEN });
  app = await appFor(replay.url);
});
afterAll(async () => {
  await app.close();
  await replay.close();
});
beforeEach(() => {
  replay.requests.length = 0;
});

describe('a running cluster named in LIVE_CLUSTERS', () => {
  it('heads the sessions list as a live session, above its recorded one', async () => {
    const page = (await app.inject(`/api/sessions`)).json();
    expect(page.sessions.map((s: { sessionName: string }) => s.sessionName)).toEqual([
      'live',
      RECORDED_SESSION,
    ]);
    expect(page.sessions[0]).toMatchObject({
      namespace: 'data-eng',
      kind: 'rayjob',
      name: 'nightly-features',
      live: 'running',
    });
    expect(page.total).toBe(2);
    expect(page).not.toHaveProperty('liveNotice');
  });

  it('answers jobs, task summaries, actors and nodes with the dashboard’s own bodies', async () => {
    for (const [path, file] of [
      ['/api/jobs/', 'api_jobs.json'],
      ['/logical/actors', 'logical_actors.json'],
      ['/nodes?view=summary', 'nodes__view=summary.json'],
      [
        '/api/v0/tasks/summarize?summary_by=func_name',
        'api_v0_tasks_summarize__summary_by=func_name.json',
      ],
    ] as const) {
      const res = await app.inject(`${SCOPE}/live${path}`);
      expect(res.statusCode, path).toBe(200);
      expect(res.body, path).toBe(truth(file));
      expect(res.headers['cache-control']).toBe('no-store');
    }
  });

  it('pages, sorts and counts the dashboard’s task list the way the tasks view asks', async () => {
    const res = await app.inject(
      `${SCOPE}/live/api/v0/tasks?detail=true&limit=5&offset=10&sort_by=name&order=desc`,
    );
    expect(res.statusCode).toBe(200);
    const page = res.json().data.result;
    // The recording's answer after the node kill: 1,582 attempts, 1,571 FINISHED and 11 FAILED.
    expect(page.num_filtered).toBe(1582);
    expect(page.state_counts).toEqual({ FINISHED: 1571, FAILED: 11 });
    expect(page.result).toHaveLength(5);
    const names = page.result.map((t: { name: string }) => t.name);
    expect([...names].sort().reverse()).toEqual(names);
    // Ray is asked for its whole list (its own cap), and only with parameters it knows.
    expect(replay.requests.map((r) => r.url)).toContain(
      '/api/v0/tasks?detail=true&limit=10000&exclude_driver=true',
    );
  });

  it('lists the nodes and the top of a node’s logs for the logs view', async () => {
    const nodes = (await app.inject(`${SCOPE}/live/logs/nodes`)).json().nodes;
    expect(
      nodes.map((n: { nodeId: string; state: string; hasLogs: boolean }) => [
        n.nodeId.slice(0, 8),
        n.state,
        n.hasLogs,
      ]),
    ).toEqual(
      expect.arrayContaining([
        ['0e5354e0', 'ALIVE', true],
        ['8e85786f', 'DEAD', false],
      ]),
    );
    const head = '0e5354e0ad0bf25496376436a2160845ad130ace49a6c091bbf0e0c4';
    const files = (await app.inject(`${SCOPE}/live/logs/files?node_id=${head}`)).json().files;
    const names = files.map((f: { path: string }) => f.path);
    expect(names).toEqual(expect.arrayContaining(['raylet.out', 'events/', 'jobs/']));
    expect(files.find((f: { path: string }) => f.path === 'jobs/')).toMatchObject({
      isFolder: true,
    });
    const nested = await app.inject(`${SCOPE}/live/logs/files?node_id=${head}&prefix=jobs/`);
    expect(nested.statusCode).toBe(404);
  });

  it('sends the Ray token to the dashboard and never back, and none of the caller’s headers', async () => {
    const res = await app.inject({
      url: `${SCOPE}/live/api/jobs/`,
      headers: { cookie: 'session_name=x', authorization: 'Bearer our-own-login' },
    });
    expect(res.statusCode).toBe(200);
    const forwarded = replay.requests.find((r) => r.url === '/api/jobs/');
    expect(forwarded).toMatchObject({ authorization: `Bearer ${TOKEN}`, cookie: undefined });
    expect(JSON.stringify(res.headers)).not.toContain(TOKEN);
    expect(res.body).not.toContain(TOKEN);
  });

  it('refuses writes before they reach the dashboard: submission, stop, delete', async () => {
    for (const [method, path] of [
      ['POST', '/api/jobs/'],
      ['POST', '/api/jobs/raysubmit_fKduHyumvV74njXH/stop'],
      ['DELETE', '/api/jobs/raysubmit_fKduHyumvV74njXH'],
      ['PUT', '/api/jobs/'],
    ] as const) {
      for (const url of [`${SCOPE}/live${path}`, path]) {
        const res = await app.inject({ method, url, payload: { entrypoint: 'rm -rf /' } });
        expect(res.statusCode, `${method} ${url}`).toBeGreaterThanOrEqual(400);
      }
    }
    expect(replay.requests).toEqual([]);
  });

  it('forwards only the read paths the SPA uses', async () => {
    const notForwarded = await app.inject(`${SCOPE}/live/api/v0/workers?detail=1`);
    expect(notForwarded.statusCode).toBe(404);
    const recordedOnly = await app.inject(`${SCOPE}/live/summary`);
    expect(recordedOnly.statusCode).toBe(404);
    expect(recordedOnly.json().message).toMatch(/recorded history/);
    expect(replay.requests.map((r) => r.url)).toEqual(
      expect.not.arrayContaining([expect.stringContaining('workers')]),
    );
  });

  it('forwards the Ray path after the scope, under a BASE_PATH too, and HEAD as HEAD', async () => {
    const sub = await appFor(replay.url, { BASE_PATH: '/ray' });
    replay.requests.length = 0;
    const res = await sub.inject(`/ray${SCOPE}/live/nodes?view=summary`);
    expect(res.body).toBe(truth('nodes__view=summary.json'));
    const head = await sub.inject({ method: 'HEAD', url: `/ray${SCOPE}/live/api/jobs/` });
    expect(head.statusCode).toBe(200);
    expect(head.body).toBe('');
    expect(replay.requests.filter((r) => r.url !== '/timezone')).toMatchObject([
      { method: 'GET', url: '/nodes?view=summary' },
      { method: 'HEAD', url: '/api/jobs/' },
    ]);
    await sub.close();
  });

  it('also answers the upstream form: /enter_cluster/…/live, then root paths', async () => {
    const enter = await app.inject('/enter_cluster/data-eng/rayjob/nightly-features/live');
    expect(enter.json()).toMatchObject({ result: 'success', session: 'live' });
    const cookies = Object.fromEntries(enter.cookies.map((c) => [c.name, c.value]));
    const res = await app.inject({ url: '/api/jobs/', cookies });
    expect(res.body).toBe(truth('api_jobs.json'));
  });

  it('says which session it is: live, started when the server learned of it', async () => {
    const info = (await app.inject(`${SCOPE}/live/info`)).json();
    expect(info).toMatchObject({ sessionName: 'live', live: 'running' });
  });

  it('keeps the namespace rules: a closed namespace is 403 and never reaches the dashboard', async () => {
    const closed = await appFor(replay.url, { ALLOWED_NAMESPACES: 'ml' });
    replay.requests.length = 0;
    const res = await closed.inject(`${SCOPE}/live/api/jobs/`);
    expect(res.statusCode).toBe(403);
    const page = (await closed.inject('/api/sessions')).json();
    expect(page.sessions).toEqual([]);
    expect(replay.requests.filter((r) => r.url !== '/timezone')).toEqual([]);
    await closed.close();
  });
});

describe('when the head stops', () => {
  it('the same URLs answer from the recorded history, marked ended', async () => {
    const stopped = await startRayDashboardReplay({ truthDir, token: TOKEN });
    const url = stopped.url;
    const local = await appFor(url);
    expect((await local.inject(`${SCOPE}/live/info`)).json().live).toBe('running');
    await stopped.close();

    const info = (await local.inject(`${SCOPE}/live/info`)).json();
    expect(info).toMatchObject({ sessionName: RECORDED_SESSION, live: 'ended' });
    const jobs = (await local.inject(`${SCOPE}/live/api/jobs/`)).json();
    expect(jobs.map((j: { job_id: string }) => j.job_id).sort()).toEqual(
      expect.arrayContaining(['03000000', '04000000', '05000000', '06000000', '08000000']),
    );
    const page = (await local.inject('/api/sessions')).json();
    expect(page.sessions.map((s: { sessionName: string }) => s.sessionName)).toEqual([
      RECORDED_SESSION,
    ]);
    await local.close();
  });

  it('a cluster with no recording is a 404 that says so', async () => {
    const res = await app.inject('/api/c/data-eng/raycluster/elsewhere/live/api/jobs/');
    expect(res.statusCode).toBe(404);
    expect(res.json().message).toBe(
      'raycluster elsewhere in namespace data-eng is not running and has no recorded history',
    );
  });
});

describe('bounds of the proxy', () => {
  it('a dashboard answer above LIVE_MAX_RESPONSE_MB is a 502 naming the cluster', async () => {
    const small = await appFor(replay.url, { LIVE_MAX_RESPONSE_MB: '1' });
    // The recorded task list is 3.8 MB.
    const res = await small.inject(`${SCOPE}/live/api/v0/tasks?detail=1&limit=10000`);
    expect(res.statusCode).toBe(502);
    expect(res.json().message).toBe(
      'The Ray Dashboard of RayJob nightly-features (RayCluster nightly-features) in namespace data-eng answered more than 1 MB (LIVE_MAX_RESPONSE_MB)',
    );
    await small.close();
  });

  it('a dashboard that stops answering is a 502 after LIVE_TIMEOUT_MS, not a stalled request', async () => {
    const { createServer } = await import('node:http');
    // Up (the probe is answered) but stalling on everything else.
    const stalling = createServer((request, response) => {
      if (request.url === '/timezone') response.end('{"offset": "+00:00", "value": "UTC"}');
    });
    await new Promise<void>((resolve) => stalling.listen(0, '127.0.0.1', resolve));
    const { port } = stalling.address() as { port: number };
    const local = await appFor(`http://127.0.0.1:${port}`, { LIVE_TIMEOUT_MS: '300' });
    const started = Date.now();
    const res = await local.inject(`${SCOPE}/live/api/jobs/`);
    expect(res.statusCode).toBe(502);
    expect(res.json().message).toMatch(
      /^The Ray Dashboard of RayJob nightly-features .* did not answer within 300 ms/,
    );
    expect(Date.now() - started).toBeLessThan(3000);
    await local.close();
    stalling.closeAllConnections();
    stalling.close();
  });

  it('a dashboard that breaks off mid-answer is a 502 at once, not at the timeout', async () => {
    const { createServer } = await import('node:http');
    const breaking = createServer((request, response) => {
      if (request.url === '/timezone') return response.end('{"offset": "+00:00", "value": "UTC"}');
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
      response.write('[{"job_id": "03000000"');
      setTimeout(() => request.socket.destroy(), 50);
    });
    await new Promise<void>((resolve) => breaking.listen(0, '127.0.0.1', resolve));
    const { port } = breaking.address() as { port: number };
    const local = await appFor(`http://127.0.0.1:${port}`, { LIVE_TIMEOUT_MS: '20000' });
    const started = Date.now();
    const res = await local.inject(`${SCOPE}/live/api/jobs/`);
    expect(res.statusCode).toBe(502);
    expect(res.json().message).toMatch(
      /^The Ray Dashboard of RayJob nightly-features .* cannot be reached/,
    );
    expect(Date.now() - started).toBeLessThan(5000);
    await local.close();
    breaking.close();
  });
});
