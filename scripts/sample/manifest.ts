import type { SessionKind } from '../../contract/api.ts';

// `sample-manifest.json`: facts about the generated history that tests assert against.
// It sits at the storage root, where the server must ignore it like any other junk object.

export const MANIFEST_FILE = 'sample-manifest.json';

export interface ManifestNode {
  nodeId: string;
  ip: string;
  hostname: string;
  isHead: boolean;
  group: string;
  instanceTypeName: string;
  /** Last lifecycle state in the events. */
  state: 'ALIVE' | 'DEAD';
  deathReason: string | null;
  /** Whether `<nodeId>/logs/` was written. */
  hasLogs: boolean;
}

export interface ManifestJob {
  jobId: string;
  submissionId: string | null;
  type: 'SUBMISSION' | 'DRIVER';
  /** What Ray's job table said; a stopped job has no errorType, and no exit code in Ray 2.58. */
  status: 'SUCCEEDED' | 'FAILED' | 'STOPPED';
  exitCode: number | null;
  errorType: string;
  message: string;
  entrypoint: string;
  startTimeMs: number;
  endTimeMs: number;
  /** Key of `job-driver-<submissionId>.log` on the head node (SUBMISSION jobs). */
  driverLogKey: string | null;
  /** Task attempts of this job, driver task excluded. */
  taskAttempts: number;
}

export interface ManifestSession {
  namespace: string;
  kind: SessionKind;
  name: string;
  clusterName: string;
  ownerName: string | null;
  sessionName: string;
  startTimeMs: number;
  endTimeMs: number;
  indexKey: string;
  /** Folder of the session's history, ending with '/'. */
  dir: string;
  light: boolean;
  gzipEvents: boolean;
  nodes: ManifestNode[];
  jobs: ManifestJob[];
  /** Final state of every task attempt (normal, actor creation and actor tasks; no driver tasks). */
  taskAttemptsByState: Record<string, number>;
  actorsByState: Record<string, number>;
  eventFiles: string[];
  /** Legacy `logs/events/event_*.log` events, not counting the repeated lines. */
  legacyEvents: number;
}

export interface SampleManifest {
  generator: 'ray-history-sample';
  seed: number;
  options: { tasks: number; logMb: number; sessions: number; startTime?: number };
  rayVersion: string;
  pythonVersion: string;
  timezone: { offset: string; value: string };
  sessions: ManifestSession[];
  /** Index keys and root objects that are not sessions and must be ignored. */
  ignoredKeys: string[];
  /** Lines in the first session's job events that are not valid events: truncated JSON, garbage, an unknown eventType. */
  oddities: {
    sessionName: string;
    key: string;
    malformedLines: number;
    unknownEventTypes: string[];
    jsonArrayFile: string | null;
  };
  failedRayJob: {
    namespace: string;
    rayJobName: string;
    clusterName: string;
    sessionName: string;
    jobId: string;
    submissionId: string;
    errorType: string;
    exitCode: number | null;
    driverLogKey: string;
    /** Last traceback line of the driver log, without its ANSI colour codes. */
    tracebackLastLine: string;
  };
  deadNodeMarker: { text: string; sessionName: string; nodeId: string; key: string };
  /** Highest number of task attempts RUNNING at once in the first session (driver tasks excluded; an attempt ending exactly when another starts does not overlap it). */
  runningPeak: { sessionName: string; count: number; atMs: number };
  /** The worker log grown by --log-mb, if any. */
  largeLog: { key: string; bytes: number } | null;
}
