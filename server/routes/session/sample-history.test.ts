import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSampleHistory } from '../../../scripts/sample/generate.ts';
import type { ManifestSession, SampleManifest } from '../../../scripts/sample/manifest.ts';
import { apiPaths } from '../../../contract/paths.ts';
import type { NodeDetail, RayJob } from '../../../contract/ray.ts';
import { tempFolder, type TempFolder } from '../../test/history.ts';
import { appOver, historyBackends, type OpenedHistory } from '../../test/storage-backends.ts';

// The API over the generated sample history must tell the story its manifest records, whether
// the history sits in a folder or in an object store (s3rver).

let history: TempFolder;
let app: FastifyInstance;
let manifest: SampleManifest;

beforeAll(async () => {
  history = await tempFolder();
  manifest = await generateSampleHistory({ out: history.dir, seed: 7, tasks: 60 });
}, 60_000);
afterAll(async () => {
  await history.remove();
});

function scopeOf(s: ManifestSession) {
  return { namespace: s.namespace, kind: s.kind, name: s.name, session: s.sessionName };
}

async function getJson(s: ManifestSession, rayPath: string) {
  const res = await app.inject(apiPaths.scoped(scopeOf(s), rayPath));
  expect(res.statusCode, `${s.sessionName}${rayPath}: ${res.body}`).toBe(200);
  return res.json();
}

describe.each(historyBackends)('API over the sample history in a $name', (backend) => {
  let opened: OpenedHistory;
  beforeAll(async () => {
    opened = await backend.open(history.dir);
    app = await appOver(opened.storage);
  }, 120_000);
  afterAll(async () => {
    await app.close();
    await opened.close();
  });

  it('derives every job status the manifest records', async () => {
    for (const s of manifest.sessions) {
      const jobs: RayJob[] = await getJson(s, '/api/jobs/');
      const statuses = Object.fromEntries(jobs.map((j) => [j.job_id, j.status]));
      expect(statuses, s.sessionName).toEqual(
        Object.fromEntries(s.jobs.map((j) => [j.jobId, j.status])),
      );
    }
  });

  it('explains the failed RayJob: error type, exit code, found by submission id', async () => {
    const failed = manifest.failedRayJob;
    const s = manifest.sessions.find((x) => x.sessionName === failed.sessionName)!;
    const job: RayJob = await getJson(s, `/api/jobs/${failed.submissionId}`);
    expect(job).toMatchObject({
      job_id: failed.jobId,
      status: 'FAILED',
      error_type: failed.errorType,
      driver_exit_code: failed.exitCode,
      // Ray's own words, quoting the driver log's last lines (read from the head's logs).
      message: s.jobs.find((j) => j.jobId === failed.jobId)!.message,
    });
    expect(job.message).toMatch(/^Job entrypoint command failed with exit code 1, last available/);
  });

  it('counts alive and dead nodes as the manifest does', async () => {
    for (const s of manifest.sessions) {
      const nodes: NodeDetail[] = (await getJson(s, '/nodes?view=summary')).data.summary;
      const states = Object.fromEntries(nodes.map((n) => [n.raylet.nodeId, n.raylet.state]));
      expect(states, s.sessionName).toEqual(
        Object.fromEntries(s.nodes.map((n) => [n.nodeId, n.state])),
      );
      const summary = await getJson(s, '/summary');
      expect(summary.nodes).toEqual({
        total: s.nodes.length,
        alive: s.nodes.filter((n) => n.state === 'ALIVE').length,
        dead: s.nodes.filter((n) => n.state === 'DEAD').length,
      });
    }
  });

  it('counts task attempts per state and per job as the manifest does', async () => {
    // The first session's planted malformed lines swallow a few lifecycle events, so its
    // counts can only fall short of the plan by at most that many.
    const lost = (s: ManifestSession) =>
      s.sessionName === manifest.oddities.sessionName ? manifest.oddities.malformedLines : 0;
    const total = (counts: Record<string, number>) =>
      Object.values(counts).reduce((sum, n) => sum + n, 0);
    for (const s of manifest.sessions) {
      const counts: Record<string, number> = (await getJson(s, '/api/v0/tasks?limit=1')).data.result
        .state_counts;
      if (lost(s) === 0) expect(counts, s.sessionName).toEqual(s.taskAttemptsByState);
      else {
        expect(total(s.taskAttemptsByState) - total(counts)).toBeGreaterThanOrEqual(0);
        expect(total(s.taskAttemptsByState) - total(counts)).toBeLessThanOrEqual(lost(s));
      }
      for (const job of s.jobs) {
        const filtered = await getJson(
          s,
          `/api/v0/tasks?limit=1&filter_keys=job_id&filter_predicates==&filter_values=${job.jobId}`,
        );
        const found: number = filtered.data.result.num_filtered;
        expect(job.taskAttempts - found, job.jobId).toBeGreaterThanOrEqual(0);
        expect(job.taskAttempts - found, job.jobId).toBeLessThanOrEqual(lost(s));
      }
    }
  });

  it('warns about the oddities planted in the first session', async () => {
    const s = manifest.sessions.find((x) => x.sessionName === manifest.oddities.sessionName)!;
    const warnings: string[] = (await getJson(s, '/summary')).warnings;
    for (const type of manifest.oddities.unknownEventTypes)
      expect(warnings.join('\n')).toContain(type);
    for (const node of s.nodes.filter((n) => !n.hasLogs))
      expect(warnings.join('\n')).toContain(node.nodeId);
    // Worker events are Ray's, not oddities: read, never reported as unknown.
    expect(warnings.join('\n')).not.toContain('WORKER_');
  });

  it("lists the workers the GCS reported, on the session's nodes", async () => {
    const s = manifest.sessions.find((x) => x.sessionName === manifest.oddities.sessionName)!;
    const workers: { node_id: string; pid: number; is_alive: boolean }[] = (
      await getJson(s, '/api/v0/workers?limit=10000')
    ).data.result.result;
    expect(workers.length).toBeGreaterThan(0);
    const nodeIds = new Set(s.nodes.map((n) => n.nodeId));
    expect(workers.every((w) => nodeIds.has(w.node_id) && w.pid > 0)).toBe(true);
    expect(workers.some((w) => !w.is_alive)).toBe(true);
  });
});
