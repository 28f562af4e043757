import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSampleHistory } from '../../../scripts/sample/generate.ts';
import type { ManifestSession, SampleManifest } from '../../../scripts/sample/manifest.ts';
import { apiPaths } from '../../../contract/paths.ts';
import type { Actor, RayTask } from '../../../contract/ray.ts';
import { nodeLogsDir } from '../../history/layout.ts';
import { tempFolder, testApp, type TempFolder } from '../../test/history.ts';

// The logs API over the generated sample history: every way to name a file, every way to read it.

let history: TempFolder;
let app: FastifyInstance;
let manifest: SampleManifest;
let s: ManifestSession;

beforeAll(async () => {
  history = await tempFolder();
  manifest = await generateSampleHistory({ out: history.dir, seed: 7, tasks: 40 });
  s = manifest.sessions.find((x) => x.sessionName === manifest.deadNodeMarker.sessionName)!;
  app = await testApp(history);
}, 60_000);
afterAll(async () => {
  await app.close();
  await history.remove();
});

const scope = (x: ManifestSession) => ({
  namespace: x.namespace,
  kind: x.kind,
  name: x.name,
  session: x.sessionName,
});
const info = (x: ManifestSession) => ({
  ...x,
  ownerName: x.ownerName ?? undefined,
  startTime: x.startTimeMs,
});
const get = (path: string, x: ManifestSession = s) => app.inject(apiPaths.scoped(scope(x), path));
const head = () => s.nodes.find((n) => n.isHead)!;
const dead = () => s.nodes.find((n) => n.state === 'DEAD')!;
const fileBytes = (x: ManifestSession, nodeId: string, path: string) =>
  readFile(join(history.dir, nodeLogsDir(info(x), nodeId), path));
const fileUrl = (nodeId: string, filename: string, more = '') =>
  `/api/v0/logs/file?node_id=${nodeId}&filename=${encodeURIComponent(filename)}${more}`;

describe('listing logs', () => {
  it('lists every node, the dead one included, with whether it left logs', async () => {
    const res = await get('/logs/nodes');
    expect(res.statusCode).toBe(200);
    const nodes = res.json().nodes as { nodeId: string; state: string; hasLogs: boolean }[];
    expect(nodes.map((n) => n.nodeId).sort()).toEqual(s.nodes.map((n) => n.nodeId).sort());
    for (const n of s.nodes)
      expect(nodes.find((x) => x.nodeId === n.nodeId)).toMatchObject({
        ip: n.ip,
        hostname: n.hostname,
        isHead: n.isHead,
        state: n.state,
        hasLogs: n.hasLogs,
      });
    expect(nodes.find((x) => x.nodeId === dead().nodeId)).toMatchObject({
      deathReason: expect.stringMatching(/Preempted/),
    });
  });

  it("groups every node's files by category in Ray's shape, folders with a trailing /", async () => {
    for (const node of s.nodes.filter((n) => n.hasLogs)) {
      const res = await get(`/api/v0/logs?node_id=${node.nodeId}`);
      expect(res.statusCode).toBe(200);
      const { result, msg, data } = res.json();
      expect([result, msg]).toEqual([true, '']);
      const onDisk = await readdir(join(history.dir, nodeLogsDir(info(s), node.nodeId)), {
        withFileTypes: true,
      });
      const listed = Object.values(data.result as Record<string, string[]>)
        .flat()
        .sort();
      expect(listed).toEqual(onDisk.map((d) => (d.isDirectory() ? `${d.name}/` : d.name)).sort());
      expect(data.result.raylet).toContain('raylet.out');
      expect(data.result.internal).toContain('old/');
    }
    const deadLogs = (await get(`/api/v0/logs?node_id=${dead().nodeId}&glob=worker-*.out`)).json();
    expect(deadLogs.data.result.worker_out.length).toBeGreaterThan(0);
    expect(deadLogs.data.result.raylet).toEqual([]);
  });

  it('lists one folder with sizes, times and categories', async () => {
    const res = await get(`/logs/files?node_id=${dead().nodeId}&prefix=old/`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ nodeId: dead().nodeId, prefix: 'old/' });
    const bytes = await fileBytes(s, dead().nodeId, 'old/raylet.1.out');
    expect(body.files).toEqual([
      {
        path: 'old/raylet.1.out',
        name: 'raylet.1.out',
        isFolder: false,
        size: bytes.length,
        mtime: expect.any(Number),
        category: 'raylet',
      },
    ]);
    const top = (await get(`/logs/files?node_id=${dead().nodeId}`)).json();
    expect(top.files).toContainEqual(
      expect.objectContaining({ path: 'events/', isFolder: true, category: 'internal' }),
    );
  });

  it('refuses a missing or malformed node id', async () => {
    expect((await get('/api/v0/logs')).statusCode).toBe(400);
    expect((await get('/logs/files?node_id=xyz')).statusCode).toBe(400);
  });
});

describe('reading a file by node and name', () => {
  const node = () => dead().nodeId;
  const markerFile = () => manifest.deadNodeMarker.key.split('/logs/')[1]!;

  it('returns the last 1000 lines by default, with offsets and the resolved file', async () => {
    const bytes = await fileBytes(s, node(), markerFile());
    const res = await get(fileUrl(node(), markerFile()));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(res.body).toBe(bytes.toString('utf8').split('\n').slice(-1001).join('\n'));
    expect(res.headers['x-log-file-size']).toBe(String(bytes.length));
    expect(res.headers['x-log-end-offset']).toBe(String(bytes.length));
    expect(res.headers['x-log-node-id']).toBe(node());
    expect(res.headers['x-log-filename']).toBe(markerFile());
  });

  it('returns the last N lines, or all with -1 and line 1', async () => {
    const text = (await fileBytes(s, node(), 'raylet.out')).toString();
    const two = await get(fileUrl(node(), 'raylet.out', '&lines=2'));
    expect(two.body).toBe(text.split('\n').slice(-3).join('\n'));
    expect(Number(two.headers['x-log-start-offset'])).toBe(
      Buffer.byteLength(text) - Buffer.byteLength(two.body),
    );
    expect(two.headers['x-log-first-line']).toBeUndefined();
    const all = await get(fileUrl(node(), 'raylet.out', '&lines=-1'));
    expect(all.body).toBe(text);
    expect(all.headers['x-log-first-line']).toBe('1');
  });

  it('pages forwards by byte ranges and backwards by before/bytes to the exact file', async () => {
    const text = (await fileBytes(s, node(), 'raylet.out')).toString();
    let forward = '';
    for (let start = 0; start < Buffer.byteLength(text);) {
      const res = await get(fileUrl(node(), 'raylet.out', `&start=${start}&end=${start + 100}`));
      expect(Number(res.headers['x-log-start-offset'])).toBe(start);
      forward += res.body;
      start = Number(res.headers['x-log-end-offset']);
    }
    expect(forward).toBe(text);
    let backward = '';
    for (let before = Buffer.byteLength(text); before > 0;) {
      const res = await get(fileUrl(node(), 'raylet.out', `&before=${before}&bytes=300`));
      backward = res.body + backward;
      before = Number(res.headers['x-log-start-offset']);
    }
    expect(backward).toBe(text);
  });

  it('strips ANSI codes only when asked', async () => {
    const raw = await get(fileUrl(node(), 'raylet.out', '&lines=1'));
    expect(raw.body).toContain('\u001b[31m');
    const clean = await get(fileUrl(node(), 'raylet.out', '&lines=1&filter_ansi_code=true'));
    expect(clean.body).not.toContain('\u001b');
    expect(clean.body).toContain('Raylet received SIGTERM');
  });

  it('downloads the whole file as an attachment with a safe name', async () => {
    const bytes = await fileBytes(s, node(), 'raylet.out');
    const res = await get(fileUrl(node(), 'raylet.out', '&download_filename=../my%20log"x.txt'));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toBe('attachment; filename="my_log_x.txt"');
    expect(res.rawPayload.equals(bytes)).toBe(true);
    const plain = await get(fileUrl(node(), 'old/raylet.1.out', '&download=1'));
    expect(plain.headers['content-disposition']).toBe('attachment; filename="raylet.1.out"');
  });

  it('resolves node_ip to the node', async () => {
    const res = await get(`/api/v0/logs/file?node_ip=${dead().ip}&filename=raylet.out&lines=1`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['x-log-node-id']).toBe(node());
  });

  it.each([
    '../raylet.out',
    '%2e%2e/%2e%2e/sample-manifest.json',
    '%252e%252e/raylet.out',
    '/etc/passwd',
    'old\\..\\raylet.out',
    'raylet.out%00.txt',
    'old/../../../x',
  ])('refuses the path %s with a 400', async (filename) => {
    const res = await get(`/api/v0/logs/file?node_id=${node()}&filename=${filename}`);
    expect(res.statusCode).toBe(400);
  });

  it('answers 404 with a message for a missing file or node', async () => {
    const missing = await get(fileUrl(node(), 'nope.log'));
    expect(missing.statusCode).toBe(404);
    expect(missing.json().message).toMatch(/No log file nope.log/);
    expect((await get('/api/v0/logs/file?node_ip=10.9.9.9&filename=raylet.out')).statusCode).toBe(
      404,
    );
  });

  it('refuses bad combinations and numbers, naming the parameter', async () => {
    const cases: [string, RegExp][] = [
      ['/api/v0/logs/file', /filename, task_id/],
      [`/api/v0/logs/file?filename=raylet.out`, /node_id or node_ip/],
      [fileUrl(node(), 'raylet.out', '&lines=abc'), /lines/],
      [fileUrl(node(), 'raylet.out', '&lines=5&start=0&end=4'), /only one of/],
      [fileUrl(node(), 'raylet.out', '&start=9&end=4'), /end/],
      [fileUrl(node(), 'raylet.out', '&before=9'), /before and bytes/],
      [fileUrl(node(), 'raylet.out', '&task_id=ab'), /only one of/],
    ];
    for (const [url, message] of cases) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.json().message, url).toMatch(message);
    }
  });
});

describe('resolving a file by task, actor, pid and job', () => {
  it('returns exactly the lines of the task attempt, latest attempt by default', async () => {
    const page = (await get('/api/v0/tasks?detail=1&limit=10000')).json();
    const tasks = (page.data.result.result as RayTask[]).filter(
      (t) => t.task_log_info?.stdout_end !== undefined && t.node_id,
    );
    expect(tasks.length).toBeGreaterThan(5);
    for (const t of tasks.slice(0, 8)) {
      const log = t.task_log_info!;
      const bytes = await fileBytes(s, t.node_id!, log.stdout_file!.split('/').pop()!);
      const res = await get(
        `/api/v0/logs/file?task_id=${t.task_id}&attempt_number=${t.attempt_number}&suffix=out&lines=-1`,
      );
      expect(res.statusCode).toBe(200);
      expect(res.body).toBe(bytes.subarray(log.stdout_start, log.stdout_end).toString());
      expect(res.body).toMatch(/^:task_name:/);
      expect(res.headers['x-log-start-offset']).toBe(String(log.stdout_start));
    }
    const retried = (page.data.result.result as RayTask[]).find(
      (t) => t.attempt_number > 0 && t.task_log_info,
    );
    if (retried) {
      const latest = await get(`/api/v0/logs/file?task_id=${retried.task_id}&suffix=err`);
      expect(latest.statusCode).toBe(200);
      expect(latest.headers['x-log-start-offset']).toBe(
        String(retried.task_log_info!.stderr_start),
      );
    }
    expect((await get('/api/v0/logs/file?task_id=ffff0000&suffix=out')).statusCode).toBe(404);
  });

  it("finds an actor's worker output on its node, and a process by pid", async () => {
    const actors = Object.values(
      (await get('/logical/actors')).json().data.actors as Record<string, Actor>,
    ).filter((a) => a.address.workerId && a.pid);
    expect(actors.length).toBeGreaterThan(0);
    const actor = actors[0]!;
    const res = await get(`/api/v0/logs/file?actor_id=${actor.actorId}&suffix=err&lines=-1`);
    expect(res.statusCode).toBe(200);
    const file = res.headers['x-log-filename'] as string;
    expect(file).toMatch(new RegExp(`^worker-${actor.address.workerId}-.*\\.err$`));
    expect(res.headers['x-log-node-id']).toBe(actor.address.nodeId);
    expect(res.body).toBe((await fileBytes(s, actor.address.nodeId, file)).toString());

    const byPid = await get(
      `/api/v0/logs/file?pid=${file.split('-').pop()!.split('.')[0]}&node_id=${actor.address.nodeId}&suffix=err`,
    );
    expect(byPid.statusCode).toBe(200);
    expect(byPid.headers['x-log-filename']).toBe(file);
  });

  it("finds the failed RayJob's driver log by job id and by submission id", async () => {
    const failed = manifest.failedRayJob;
    const rayjob = manifest.sessions.find((x) => x.sessionName === failed.sessionName)!;
    for (const id of [failed.jobId, failed.submissionId]) {
      const res = await get(`/api/v0/logs/file?job_id=${id}&filter_ansi_code=true`, rayjob);
      expect(res.statusCode).toBe(200);
      expect(res.headers['x-log-filename']).toBe(`job-driver-${failed.submissionId}.log`);
      expect(res.body.trimEnd().split('\n').pop()).toBe(failed.tracebackLastLine);
    }
  });

  it('explains that a DRIVER job has no job-driver log', async () => {
    const job = s.jobs.find((j) => j.type === 'DRIVER')!;
    const res = await get(`/api/v0/logs/file?job_id=${job.jobId}`);
    expect(res.statusCode).toBe(404);
    expect(res.json().message).toMatch(/DRIVER/);
  });
});

describe('cookie-scoped forms', () => {
  it('answer the same as URL-scoped ones', async () => {
    const enter = await app.inject(
      `/enter_cluster/${s.namespace}/${s.kind}/${s.name}/${s.sessionName}`,
    );
    const cookie = [enter.headers['set-cookie'] ?? []]
      .flat()
      .map((c) => c.split(';')[0])
      .join('; ');
    for (const path of [
      '/logs/nodes',
      `/api/v0/logs?node_id=${dead().nodeId}`,
      fileUrl(head().nodeId, 'raylet.out', '&lines=5'),
    ]) {
      const scoped = await get(path);
      const viaCookie = await app.inject({ url: path, headers: { cookie } });
      expect(viaCookie.statusCode, path).toBe(200);
      expect(viaCookie.body, path).toBe(scoped.body);
    }
  });
});
