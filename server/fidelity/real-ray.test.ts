import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unpackRealRayRecording } from '../../e2e/support/real-ray-fixture.ts';
import { apiPaths } from '../../contract/paths.ts';
import { nodeDir } from '../history/layout.ts';
import { FsStorage } from '../storage/fs-storage.ts';
import { appOver } from '../test/storage-backends.ts';
import { compareJobs } from './compare-jobs.ts';
import { compareActors, compareNodes } from './compare-entities.ts';
import { compareDriverLogTails, compareLogLists, compareTaskLogs } from './compare-logs.ts';
import { compareTasks, compareTaskSummary } from './compare-tasks.ts';
import { compareWorkers } from './compare-workers.ts';
import { recordedSessions } from './recorded-sessions.ts';
import type { Comparison, OurAnswer } from './ray-answers.ts';
import { Tally } from './tally.ts';
import { TruthIndex } from './truth-index.ts';

// Fidelity: a recording of a real Ray cluster (e2e/fixtures/real-ray-2.58/README.md, or the one
// REAL_RAY_RECORDING names), served by our server, must answer what the live Ray Dashboard
// answered while the cluster ran. Everything is driven by `truth/INDEX.md` and the data: no id,
// name or count of one recording is written here.

/** Ray's fields this test does not compare, and why a history cannot hold them. */
export const UNCOMPARED: Record<string, string> = {
  'nodes: cpu, mem, disk, loadAvg, networkSpeed, bootTime, shm, gpus, numWorkers, storeStats, raylet ports':
    'live host metrics and process facts; no event or log records them',
  'actors: processStats, mem, gpus, tpus': 'sampled from the live worker process',
  'jobs: driver_agent_http_address': "the live dashboard agent's address, not in the history",
  'jobs: start_time and end_time to the millisecond':
    'a submission job is submitted before its first event; event_JOBS.log has whole seconds',
  'tasks: runtime_env_info.runtime_env_config, fallback_strategy, is_debugger_paused':
    'defaults the state API fills in and the live debugger state; the events hold none of them',
  'tasks: profiling_data':
    'task rows leave it out; the same profile spans answer /api/v0/tasks/timeline',
  'log lists: folders with no files': 'the collector copies regular files only',
  'workers: drivers': 'drivers send no worker events',
  'jobs: driver_node_id of DRIVER jobs':
    'Ray answers null although the driver-job event names the node; we keep it (the job page links it)',
  '/events':
    "the live answer omits the GCS's node-removed event, and ours adds the events history derives (job ends)",
};

const recording = unpackRealRayRecording();
const truth = new TruthIndex(recording.truthDir);

const sessions = recordedSessions(recording.historyRoot);
const session = sessions[0]!;
const scope = {
  namespace: session.namespace,
  kind: session.kind,
  name: session.name,
  session: session.sessionName,
};

let app: FastifyInstance;
beforeAll(async () => {
  app = await appOver(new FsStorage(recording.historyRoot));
}, 60_000);
afterAll(async () => {
  await app.close();
});

async function answer(url: string, cookie?: string): Promise<OurAnswer> {
  const res = await app.inject({ url, headers: cookie ? { cookie } : {} });
  return { status: res.statusCode, body: res.body };
}

function historyHasLogFolder(nodeId: string, folder: string): boolean {
  const dir = path.join(recording.historyRoot, nodeDir(session, nodeId), 'logs', folder);
  return existsSync(dir) && readdirSync(dir).length > 0;
}

async function compareEverything(get: Comparison['get']): Promise<Tally> {
  const c: Comparison = { truth, tally: new Tally(), get, historyHasLogFolder };
  for (const compare of [
    compareJobs,
    compareDriverLogTails,
    compareTasks,
    compareTaskSummary,
    compareActors,
    compareNodes,
    compareWorkers,
    compareLogLists,
    compareTaskLogs,
  ])
    await compare(c);
  return c.tally;
}

function expectFaithful(scheme: string, tally: Tally): void {
  console.log(`${scheme}:\n  ${tally.lines().join('\n  ')}`);
  for (const category of [
    'jobs',
    'tasks',
    'task summary',
    'actors',
    'nodes',
    'workers',
    'log lists',
  ])
    expect(tally.categories(), `no ${category} answer in truth/INDEX.md`).toContain(category);
  expect(tally.mismatches.length, `mismatches:\n${tally.report()}`).toBe(0);
}

describe(`a real Ray recording (${path.basename(path.dirname(recording.truthDir))})`, () => {
  it('records exactly one session', () => {
    expect(sessions.map((s) => s.sessionName)).toHaveLength(1);
  });

  it('answers as the live Ray Dashboard did, under the URL-scoped API', async () => {
    expectFaithful(
      'URL-scoped',
      await compareEverything((rayUrl) => answer(apiPaths.scoped(scope, rayUrl))),
    );
  }, 120_000);

  it('answers as the live Ray Dashboard did, under the cookie scheme', async () => {
    const entered = await app.inject(
      `/enter_cluster/${scope.namespace}/${scope.kind}/${scope.name}/${scope.session}`,
    );
    expect(entered.statusCode).toBe(200);
    const cookie = entered.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    expectFaithful('cookie', await compareEverything((rayUrl) => answer(rayUrl, cookie)));
  }, 120_000);
});
