import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSampleHistory } from '../../scripts/sample/generate.ts';
import type { ManifestSession, SampleManifest } from '../../scripts/sample/manifest.ts';
import { apiPaths } from '../../contract/paths.ts';
import type { NativeSeries } from '../../contract/metrics/native-series-types.ts';
import { tempFolder, testApp, type TempFolder } from '../test/history.ts';

// The native charts' series over the generated sample: they must show what the generator put there.

let history: TempFolder;
let app: FastifyInstance;
let manifest: SampleManifest;
let first: ManifestSession;

beforeAll(async () => {
  history = await tempFolder();
  manifest = await generateSampleHistory({ out: history.dir, seed: 3, tasks: 80 });
  first = manifest.sessions[0]!;
  app = await testApp(history);
}, 120_000);
afterAll(async () => {
  await app.close();
  await history.remove();
});

async function series(s: ManifestSession, query = ''): Promise<NativeSeries> {
  const scope = { namespace: s.namespace, kind: s.kind, name: s.name, session: s.sessionName };
  const res = await app.inject(`${apiPaths.scoped(scope, '/metrics/native')}${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

const last = (values: number[]) => values[values.length - 1]!;

describe('GET /metrics/native on the sample session', () => {
  it("reports the generator's peak of running task attempts", async () => {
    expect(first.sessionName).toBe(manifest.runningPeak.sessionName);
    const s = await series(first);
    expect(s.runningPeak.count).toBe(manifest.runningPeak.count);
    expect(Math.floor(s.runningPeak.atMs!)).toBe(manifest.runningPeak.atMs);
    // Sampling can only miss a peak, never exceed it.
    const running = s.taskStates.find((x) => x.state === 'RUNNING');
    expect(Math.max(0, ...(running?.counts ?? []))).toBeLessThanOrEqual(s.runningPeak.count);
  });

  it('ends with every attempt in its final state, and counts each end once', async () => {
    const s = await series(first);
    const finalStates = Object.fromEntries(
      s.taskStates.map((x) => [x.state, last(x.counts)]).filter(([, n]) => n !== 0),
    );
    expect(finalStates).toEqual(first.taskAttemptsByState);
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    expect(sum(s.finished)).toBe(first.taskAttemptsByState.FINISHED ?? 0);
    expect(sum(s.failed)).toBe(first.taskAttemptsByState.FAILED ?? 0);
  });

  it('samples one time axis over the session window, with nodes, actors and job bars', async () => {
    const s = await series(first);
    expect(s.window).not.toBeNull();
    const { startMs, endMs, bucketMs } = s.window!;
    expect(s.times.length).toBeGreaterThan(10);
    expect(s.times[0]).toBe(startMs + bucketMs);
    expect(last(s.times)).toBeGreaterThanOrEqual(endMs);
    for (const column of [s.finished, s.failed, s.runningActors, s.aliveNodes])
      expect(column).toHaveLength(s.times.length);
    expect(Math.max(...s.aliveNodes)).toBeGreaterThan(0);
    expect(Math.max(...s.aliveNodes)).toBeLessThanOrEqual(first.nodes.length);
    expect(s.jobs.map((j) => j.id).sort()).toEqual(
      first.jobs
        .map((j) => j.jobId)
        .filter(Boolean)
        .sort(),
    );
    for (const job of s.jobs) expect(job.durationMs).toBe(job.endMs - job.startMs);
  });

  it('narrows tasks, actors and bars to one job with job_id', async () => {
    const whole = await series(first);
    const perJob = await Promise.all(
      whole.jobs.map((job) => series(first, `?job_id=${encodeURIComponent(job.id)}`)),
    );
    expect(perJob.map((s) => s.jobs.map((j) => j.id))).toEqual(whole.jobs.map((j) => [j.id]));
    const total = (pick: (s: NativeSeries) => number[]) =>
      perJob.reduce((n, s) => n + pick(s).reduce((a, b) => a + b, 0), 0);
    expect(total((s) => s.finished)).toBe(whole.finished.reduce((a, b) => a + b, 0));
    expect(total((s) => s.failed)).toBe(whole.failed.reduce((a, b) => a + b, 0));
  });
});
