import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiPaths } from '../../../contract/paths.ts';
import type { Actor, NodeDetail, RayJob, RayTask } from '../../../contract/ray.ts';
import { tempFolder, testApp, type TempFolder } from '../../test/history.ts';
import { expected, ids, scope, session, writeFixture } from '../../test/session-routes.ts';

let history: TempFolder;
let app: FastifyInstance;

beforeAll(async () => {
  history = await tempFolder();
  await writeFixture(history);
  app = await testApp(history);
});
afterAll(async () => {
  await app.close();
  await history.remove();
});

const url = (rayPath: string) => apiPaths.scoped(scope, rayPath);
async function getJson(rayPath: string) {
  const res = await app.inject(url(rayPath));
  expect(res.statusCode, `${rayPath}: ${res.body}`).toBe(200);
  return res.json();
}

describe('/load_progress', () => {
  it('is idle before any data request, and reading it does not start a load', async () => {
    const fresh = await testApp(history);
    try {
      const progress = async () => (await fresh.inject(url('/load_progress'))).json();
      expect(await progress()).toEqual({
        state: 'idle',
        filesRead: 0,
        filesTotal: 0,
        bytesRead: 0,
        bytesTotal: 0,
      });
      expect((await progress()).state).toBe('idle');
      await fresh.inject(url('/api/jobs/'));
      const ready = await progress();
      expect(ready.state).toBe('ready');
      expect(ready.filesRead).toBe(ready.filesTotal);
      expect(ready.filesTotal).toBe(9);
      expect(ready.bytesRead).toBe(ready.bytesTotal);
    } finally {
      await fresh.close();
    }
  });
});

describe('/api/jobs/', () => {
  it('lists every job with a derived status', async () => {
    const jobs: RayJob[] = await getJson('/api/jobs/');
    const byId = Object.fromEntries(jobs.map((j) => [j.job_id, j]));
    expect(Object.keys(byId).sort()).toEqual([ids.job1, ids.job2, ids.job3]);
    expect(byId[ids.job1]).toMatchObject({
      status: 'SUCCEEDED',
      type: 'DRIVER',
      entrypoint: 'python prepare.py',
      driver_exit_code: 0,
    });
    expect(byId[ids.job2]).toMatchObject({
      status: 'FAILED',
      type: 'SUBMISSION',
      submission_id: ids.submission2,
      error_type: 'JOB_ENTRYPOINT_COMMAND_ERROR',
      driver_exit_code: 1,
      message: 'Job entrypoint command failed with exit code 1',
    });
    expect(byId[ids.job3]!.status).toBe('UNKNOWN');
  });

  it('finds one job by job id or by submission id, and 404s an unknown one', async () => {
    expect((await getJson(`/api/jobs/${ids.job2}`)).job_id).toBe(ids.job2);
    expect((await getJson(`/api/jobs/${ids.submission2}`)).job_id).toBe(ids.job2);
    const res = await app.inject(url('/api/jobs/09000000'));
    expect(res.statusCode).toBe(404);
    expect(res.json().message).toContain('09000000');
  });
});

describe('/nodes', () => {
  it('answers the summary view in the classic envelope', async () => {
    const body = await getJson('/nodes?view=summary');
    expect(body).toMatchObject({ result: true, msg: '' });
    const nodes: NodeDetail[] = body.data.summary;
    const head = nodes.find((n) => n.raylet.nodeId === ids.head)!;
    const worker = nodes.find((n) => n.raylet.nodeId === ids.worker)!;
    expect(nodes).toHaveLength(2);
    expect(head.raylet).toMatchObject({ state: 'DEAD', nodeManagerAddress: '10.0.0.5' });
    expect(worker.raylet.state).toBe('DEAD');
    expect(worker.raylet.stateMessage).not.toBe('');
    expect(Object.keys(body.data.nodeLogicalResources).sort()).toEqual(
      expect.arrayContaining([ids.head]),
    );
  });

  it('refuses another view, naming the parameter', async () => {
    const res = await app.inject(url('/nodes?view=details'));
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('view');
  });

  it('answers one node with its actors, and 404s an unknown node', async () => {
    const body = await getJson(`/nodes/${ids.worker}`);
    expect(body.data.detail.raylet.nodeId).toBe(ids.worker);
    expect(Object.keys(body.data.detail.actors)).toEqual([ids.actor]);
    expect((await app.inject(url(`/nodes/${'e5'.repeat(28)}`))).statusCode).toBe(404);
  });
});

describe('/logical/actors', () => {
  it('lists actors keyed by id and answers one actor', async () => {
    const actors: Record<string, Actor> = (await getJson('/logical/actors')).data.actors;
    expect(Object.keys(actors)).toEqual([ids.actor]);
    expect(actors[ids.actor]).toMatchObject({
      state: 'DEAD',
      className: 'Trainer',
      name: 'trainer',
      jobId: ids.job1,
    });
    const detail = (await getJson(`/logical/actors/${ids.actor}`)).data.detail;
    expect(detail.actorId).toBe(ids.actor);
    expect(detail.address.nodeId).toBe(ids.worker);
  });

  it('404s an unknown actor with a message', async () => {
    const res = await app.inject(url(`/logical/actors/${'00'.repeat(16)}`));
    expect(res.statusCode).toBe(404);
    expect(res.json().message).toContain('00'.repeat(16));
  });
});

describe('/api/v0/tasks', () => {
  it('pages every attempt in the state-API envelope, without the driver by default', async () => {
    const body = await getJson('/api/v0/tasks?detail=1&limit=2');
    const list = body.data.result;
    expect(body).toMatchObject({ result: true, msg: '' });
    expect(list).toMatchObject({
      total: expected.nonDriverAttempts,
      num_filtered: expected.nonDriverAttempts,
      partial_failure_warning: null,
      warnings: null,
    });
    expect(list.result).toHaveLength(2);
    expect(list.state_counts).toEqual({ FINISHED: 3, FAILED: 1 });
    const all = await getJson('/api/v0/tasks?exclude_driver=false');
    expect(all.data.result.num_filtered).toBe(expected.taskAttempts);
  });

  it('filters with Ray filter triples', async () => {
    const q =
      '/api/v0/tasks?filter_keys=state&filter_predicates==&filter_values=FAILED' +
      `&filter_keys=job_id&filter_predicates==&filter_values=${ids.job1}`;
    const rows: RayTask[] = (await getJson(q)).data.result.result;
    expect(rows.map((t) => [t.task_id, t.attempt_number, t.error_type])).toEqual([
      [ids.train, 0, 'TASK_EXECUTION_EXCEPTION'],
    ]);
    const notFinished = await getJson(
      '/api/v0/tasks?filter_keys=state&filter_predicates=!%3D&filter_values=FINISHED',
    );
    expect(notFinished.data.result.num_filtered).toBe(1);
  });

  it('sorts and offsets (our additions)', async () => {
    const page = async (query: string) =>
      ((await getJson(`/api/v0/tasks?${query}`)).data.result.result as RayTask[]).map(
        (t) => `${t.name}#${t.attempt_number}`,
      );
    const ascending = await page('sort_by=start_time_ms&order=asc');
    expect(ascending).toEqual([
      'Trainer.__init__#0',
      'preprocess#0',
      'train_step#0',
      'train_step#1',
    ]);
    expect(await page('sort_by=start_time_ms&order=desc')).toEqual([...ascending].reverse());
    expect(await page('sort_by=start_time_ms&offset=3')).toEqual(['train_step#1']);
  });

  it('tags each page and answers 304 without a body to a client holding it', async () => {
    const first = await app.inject(url('/api/v0/tasks?limit=2'));
    const tag = first.headers.etag as string;
    expect(tag).toMatch(/^"[^"]+"$/);
    expect(first.headers['cache-control']).toBe('private, no-cache');
    expect(first.headers['content-type']).toBe('application/json; charset=utf-8');
    // Written as text: the same bytes, in the same key order, as serialising the objects.
    expect(Object.keys(first.json())).toEqual(['result', 'msg', 'data']);
    expect(JSON.stringify(first.json())).toBe(first.body);

    const again = await app.inject({
      url: url('/api/v0/tasks?limit=2'),
      headers: { 'if-none-match': `"other", W/${tag}` },
    });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    expect(again.headers.etag).toBe(tag);

    const otherPage = await app.inject(url('/api/v0/tasks?limit=2&offset=2'));
    expect(otherPage.headers.etag).not.toBe(tag);
    const stale = await app.inject({
      url: url('/api/v0/tasks?limit=2&offset=2'),
      headers: { 'if-none-match': tag },
    });
    expect(stale.statusCode).toBe(200);
    expect(stale.json().data.result.result).toHaveLength(2);
  });

  it('compresses a page for a browser, and the page decodes to the same answer', async () => {
    const plain = await app.inject(url('/api/v0/tasks?detail=1&exclude_driver=false'));
    const zipped = await app.inject({
      url: url('/api/v0/tasks?detail=1&exclude_driver=false'),
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(zipped.rawPayload).toString()).toBe(plain.body);
  });

  it('answers pages asked at once, compressed or not, each as when asked alone', async () => {
    // Pages are written into one shared buffer; one sent as it is leaves with that buffer.
    const asked = ['offset=0', 'offset=1', 'offset=2', 'sort_by=start_time_ms', 'detail=1'];
    const alone = new Map<string, string>();
    for (const query of asked)
      alone.set(query, (await app.inject(url(`/api/v0/tasks?limit=2&${query}`))).body);
    const encodings = [undefined, 'br', 'br;q=0', 'gzip', 'identity'];
    const answers = await Promise.all(
      encodings.flatMap((encoding) =>
        asked.map(async (query) => {
          const res = await app.inject({
            url: url(`/api/v0/tasks?limit=2&${query}`),
            headers: encoding ? { 'accept-encoding': encoding } : {},
          });
          const decode = { br: brotliDecompressSync, gzip: gunzipSync }[
            String(res.headers['content-encoding']) as 'br' | 'gzip'
          ];
          return { query, encoding, body: decode ? decode(res.rawPayload).toString() : res.body };
        }),
      ),
    );
    for (const { query, encoding, body } of answers)
      expect(body, `${query} (${encoding})`).toBe(alone.get(query));
  });

  it('answers only the fields named in columns=, the same values as the whole rows', async () => {
    const whole = (await getJson('/api/v0/tasks?limit=3')).data.result;
    const some = (await getJson('/api/v0/tasks?limit=3&columns=state,task_id,start_time_ms')).data
      .result;
    expect(some.total).toBe(whole.total);
    expect(some.state_counts).toEqual(whole.state_counts);
    expect(some.result).toEqual(
      (whole.result as RayTask[]).map(({ task_id, state, start_time_ms }) => ({
        task_id,
        state,
        start_time_ms,
      })),
    );
    // A page of other fields is another answer: its own tag.
    const tagOf = async (query: string) =>
      (await app.inject(url(`/api/v0/tasks?${query}`))).headers.etag;
    expect(await tagOf('limit=3&columns=state')).not.toBe(await tagOf('limit=3'));
  });

  it('answers 400 naming the bad parameter', async () => {
    const cases: [string, string][] = [
      [
        'filter_keys=state&filter_values=FAILED',
        'filter_keys, filter_predicates and filter_values',
      ],
      ['filter_keys=colour&filter_predicates==&filter_values=red', 'filter_keys'],
      ['filter_keys=state&filter_predicates=~&filter_values=x', 'filter_predicates'],
      ['limit=0', 'limit'],
      ['limit=abc', 'limit'],
      ['offset=-1', 'offset'],
      ['sort_by=colour', 'sort_by'],
      ['order=up', 'order'],
      ['exclude_driver=maybe', 'exclude_driver'],
      ['columns=task_id,colour', 'columns: colour is not a task field'],
      ['columns=task_id,,state', 'columns: an empty name'],
    ];
    for (const [query, named] of cases) {
      const res = await app.inject(url(`/api/v0/tasks?${query}`));
      expect(res.statusCode, query).toBe(400);
      expect(res.json().message, query).toContain(named);
    }
  });
});

describe('/api/v0/tasks/summarize', () => {
  it('summarizes by function name', async () => {
    const body = await getJson('/api/v0/tasks/summarize?summary_by=func_name');
    const cluster = body.data.result.result.node_id_to_summary.cluster;
    expect(cluster.summary.train_step).toMatchObject({
      func_or_class_name: 'train_step',
      state_counts: { FAILED: 1, FINISHED: 1 },
    });
  });

  it('summarizes lineage for one job', async () => {
    const body = await getJson(`/api/v0/tasks/summarize?summary_by=lineage&job_id=${ids.job1}`);
    const cluster = body.data.result.result.node_id_to_summary.cluster;
    expect(Array.isArray(cluster.summary)).toBe(true);
    expect(cluster.summary.length).toBeGreaterThan(0);
  });

  it('refuses an unknown summary', async () => {
    const res = await app.inject(url('/api/v0/tasks/summarize?summary_by=colour'));
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('summary_by');
  });
});

describe('/api/v0/tasks/timeline', () => {
  it('answers a Chrome trace, as an attachment with download=1', async () => {
    const trace = await getJson(`/api/v0/tasks/timeline?job_id=${ids.job1}`);
    expect(Array.isArray(trace)).toBe(true);
    expect(trace.some((e: { ph: string }) => e.ph === 'X')).toBe(true);
    const res = await app.inject(url(`/api/v0/tasks/timeline?job_id=${ids.job1}&download=1`));
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="timeline-${session.sessionName}-${ids.job1}.json"`,
    );
  });
});

describe('/events', () => {
  it('groups legacy events by job, de-duplicated', async () => {
    const events = (await getJson('/events')).data.events;
    const idsOf = (list: { eventId: string }[]) => list.map((e) => e.eventId);
    expect(idsOf(events.global).filter((id) => id === 'ev-1')).toEqual(['ev-1']);
    expect(idsOf(events[ids.job2])).toContain('ev-2');
  });

  it('answers one job', async () => {
    const data = (await getJson(`/events?job_id=${ids.job2}`)).data;
    expect(data.jobId).toBe(ids.job2);
    expect(data.events.map((e: { label: string }) => e.label)).toContain('JOB_FAILED');
    expect(data.events.every((e: { jobId: string }) => e.jobId === ids.job2)).toBe(true);
  });
});

describe('/api/cluster_status', () => {
  it('answers a ray-status text', async () => {
    const text: string = (await getJson('/api/cluster_status?format=1')).data.clusterStatus;
    expect(typeof text).toBe('string');
    expect(text.length).toBeGreaterThan(0);
  });
});

describe('/summary', () => {
  it('counts and warns about everything ingest could not use', async () => {
    const summary = await getJson('/summary');
    expect(summary.jobs.total).toBe(3);
    expect(summary.nodes).toEqual({ total: 2, alive: 0, dead: 2 });
    expect(summary.tasks.attempts).toBe(expected.nonDriverAttempts);
    const text = (summary.warnings as string[]).join('\n');
    expect(text).toContain('1 malformed event line skipped');
    expect(text).toContain('1 event could not be decoded');
    expect(text).toContain('BRAND_NEW_EVENT (1)');
    expect(text).toContain(`Corrupt or truncated file ${expected.corruptFile}`);
    expect(text).toContain(`Node ${ids.worker} has no uploaded logs`);
    expect(text).toContain('1 job with no recorded end');
  });
});

describe('cookie-scoped routes', () => {
  it('answer exactly what the URL-scoped routes answer', async () => {
    const enter = await app.inject(`/enter_cluster/ml/raycluster/train/${session.sessionName}`);
    const cookie = [enter.headers['set-cookie'] ?? []]
      .flat()
      .map((c) => c.split(';')[0])
      .join('; ');
    const paths = [
      '/api/jobs/',
      `/api/jobs/${ids.job1}`,
      '/nodes?view=summary',
      `/nodes/${ids.head}`,
      '/logical/actors',
      `/logical/actors/${ids.actor}`,
      '/api/v0/tasks?limit=3&sort_by=end_time_ms',
      '/api/v0/tasks/summarize?summary_by=lineage',
      '/api/v0/tasks/timeline',
      '/events',
      '/api/cluster_status?format=1',
      '/summary',
      '/load_progress',
    ];
    for (const path of paths) {
      const cookieScoped = await app.inject({ url: path, headers: { cookie } });
      const urlScoped = await app.inject(url(path));
      expect(cookieScoped.statusCode, path).toBe(200);
      expect(cookieScoped.body, path).toBe(urlScoped.body);
    }
  });
});
