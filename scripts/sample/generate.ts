import { access, mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { indexKey, sessionDir } from '../../server/history/layout.ts';
import { PYTHON_VERSION, RAY_VERSION } from './endpoints.ts';
import { submittedUs } from './jobs.ts';
import { MANIFEST_FILE, type ManifestSession, type SampleManifest } from './manifest.ts';
import { OutputTree } from './output.ts';
import { createRandom, type Random } from './random.ts';
import { FIRST_SESSION_START_US, extraSessions, mainSessions } from './scenario.ts';
import { writeSession, type SessionResult } from './session.ts';
import { unixMs } from './time.ts';

// Generates a deterministic sample of what the KubeRay history collector uploads.

export interface SampleOptions {
  /** Folder to write; emptied first when it holds an earlier sample. */
  out: string;
  seed?: number;
  /** Normal tasks across the first session's jobs (the largest session). */
  tasks?: number;
  /** Grow one worker log of the first session to this many MB. */
  logMb?: number;
  /** Total sessions; past the four main ones, light RayCluster sessions are added. */
  sessions?: number;
  /**
   * Unix ms at which the first session starts (the others keep their spacing): a history dated
   * now, for tests against live systems such as Prometheus. Absent: the fixed January 2026 dates.
   */
  startTime?: number;
}

export const DEFAULTS = { seed: 42, tasks: 300, logMb: 0, sessions: 4 } as const;

/** Root objects and index keys that are not sessions: readers must skip them. */
const IGNORED: Record<string, string> = {
  'junk-at-root.txt': 'not part of the history layout\n',
  'cluster-metadata/README': 'index keys live below kind folders\n',
  'cluster-metadata/raycluster/ml-team_raycluster-train/not-a-session': '',
  'cluster-metadata/raycluster/ml-team_raycluster-train/session_2026-13-45_25-61-00_000000_1': '',
  'cluster-metadata/rayjob/ml-team_rayjob-etl/session_2026-01-13_03-00-11_004512_1': '',
  'cluster-metadata/raycluster/Bad_Name_cluster/session_2026-01-11_19-38-40_146706_1': '',
  'cluster-metadata/raynode/ml-team_raycluster-train/session_2026-01-11_19-38-40_146706_1': '',
};

export async function generateSampleHistory(options: SampleOptions): Promise<SampleManifest> {
  const seed = options.seed ?? DEFAULTS.seed;
  const tasks = options.tasks ?? DEFAULTS.tasks;
  const logMb = options.logMb ?? DEFAULTS.logMb;
  const random = createRandom(seed);
  await prepareFolder(options.out);
  const out = new OutputTree(options.out);
  const marker = `preempted-node-marker-${random.hex(16)}`;
  const { startTime } = options;
  if (startTime !== undefined && !Number.isSafeInteger(startTime))
    throw new Error(`startTime must be whole unix milliseconds, got ${startTime}`);
  const shiftUs = startTime === undefined ? 0 : startTime * 1000 - FIRST_SESSION_START_US;
  const plans = mainSessions(random.fork('main'), tasks, shiftUs);
  const extra = extraSessions(
    random.fork('extra'),
    Math.max(0, (options.sessions ?? DEFAULTS.sessions) - plans.length),
    shiftUs,
  );
  const results: SessionResult[] = [];
  for (const [i, plan] of [...plans, ...extra].entries()) {
    const first = i === 0;
    results.push(
      await writeSession(out, plan, sessionRandom(random, plan.info.sessionName, i), {
        trackPeak: first,
        deadNodeMarker: first ? marker : null,
        logPaddingMb: first ? logMb : 0,
        withOddities: first,
      }),
    );
  }
  for (const [key, body] of Object.entries(IGNORED)) await out.writeFile(key, body);
  await out.closeAll();
  // startTime only when given: manifests of the fixed dates stay byte-identical.
  const recorded = {
    tasks,
    logMb,
    sessions: results.length,
    ...(startTime !== undefined && { startTime }),
  };
  const manifest = buildManifest(seed, recorded, results, marker);
  await out.writeFile(MANIFEST_FILE, `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

function sessionRandom(random: Random, name: string, index: number): Random {
  return random.fork(`${index}:${name}`);
}

/** Refuses to empty a folder that does not look like an earlier sample. */
async function prepareFolder(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  const entries = await readdir(dir);
  if (entries.length === 0) return;
  const isSample = await access(join(dir, MANIFEST_FILE)).then(
    () => true,
    () => false,
  );
  if (!isSample)
    throw new Error(`${dir} is not empty and holds no ${MANIFEST_FILE}; refusing to overwrite it`);
  await Promise.all(entries.map((e) => rm(join(dir, e), { recursive: true, force: true })));
}

function buildManifest(
  seed: number,
  options: SampleManifest['options'],
  results: SessionResult[],
  marker: string,
): SampleManifest {
  const [train, , etl] = results;
  if (!train || !etl) throw new Error('the main sessions are missing');
  const failed = etl.jobs[0]!;
  const markerKey = train.found.markerKey;
  if (!markerKey || !train.peak || !train.oddities)
    throw new Error('the first session lacks its marker, peak or oddities');
  const deadNode = train.plan.nodes.find((n) => n.death)!;
  return {
    generator: 'ray-history-sample',
    seed,
    options,
    rayVersion: RAY_VERSION,
    pythonVersion: PYTHON_VERSION,
    timezone: { offset: '+08:00', value: 'Asia/Shanghai' },
    sessions: results.map(manifestSession),
    ignoredKeys: [...Object.keys(IGNORED), MANIFEST_FILE],
    oddities: { sessionName: train.plan.info.sessionName, ...train.oddities },
    failedRayJob: {
      namespace: etl.plan.info.namespace,
      rayJobName: etl.plan.info.name,
      clusterName: etl.plan.info.clusterName,
      sessionName: etl.plan.info.sessionName,
      jobId: failed.jobIdHex,
      submissionId: failed.plan.submissionId,
      errorType: failed.end.errorType,
      exitCode: failed.end.exitCode,
      driverLogKey: failed.driverLogKey!,
      tracebackLastLine: failed.lastTracebackLine!,
    },
    deadNodeMarker: {
      text: marker,
      sessionName: train.plan.info.sessionName,
      nodeId: deadNode.idHex,
      key: markerKey,
    },
    runningPeak: {
      sessionName: train.plan.info.sessionName,
      count: train.peak.count,
      atMs: unixMs(train.peak.atUs),
    },
    largeLog: train.found.largeLog ?? null,
  };
}

function manifestSession(r: SessionResult): ManifestSession {
  const { info } = r.plan;
  return {
    namespace: info.namespace,
    kind: info.kind,
    name: info.name,
    clusterName: info.clusterName,
    ownerName: info.ownerName ?? null,
    sessionName: info.sessionName,
    startTimeMs: info.startTime,
    endTimeMs: unixMs(r.endUs),
    indexKey: indexKey(info),
    dir: sessionDir(info),
    light: r.plan.light,
    gzipEvents: r.plan.gzipEvents,
    nodes: r.plan.nodes.map((n) => ({
      nodeId: n.idHex,
      ip: n.ip,
      hostname: n.hostname,
      isHead: n.isHead,
      group: n.group,
      instanceTypeName: n.instanceTypeName,
      state: n.death ? 'DEAD' : 'ALIVE',
      deathReason: n.death?.info.reason ?? null,
      hasLogs: n.isHead || !r.plan.light,
    })),
    jobs: r.jobs.map((j) => ({
      jobId: j.jobIdHex,
      submissionId: j.plan.submissionId || null,
      type: j.plan.type,
      status: j.plan.outcome,
      exitCode: j.end.exitCode,
      errorType: j.end.errorType,
      message: j.end.message,
      entrypoint: j.plan.entrypoint,
      // A submission job starts when submitted (Ray 2.58 keeps that time in whole seconds).
      startTimeMs: unixMs(
        j.plan.type === 'SUBMISSION' && j.plan.outcomeIn === 'logs'
          ? submittedUs(j.startUs)
          : j.startUs,
      ),
      endTimeMs: unixMs(j.endUs),
      driverLogKey: j.driverLogKey,
      taskAttempts: r.stats.attemptsByJob[j.jobIdHex] ?? 0,
    })),
    taskAttemptsByState: r.stats.attemptsByState,
    actorsByState: r.stats.actorsByState,
    eventFiles: r.eventFiles,
    legacyEvents: r.legacyEvents,
  };
}
