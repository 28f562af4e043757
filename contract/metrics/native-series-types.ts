// The answer of GET <scope>/metrics/native: a session's activity over time, computed on the
// server from the reduced events (docs/metrics.md). No imports: the server uses it too.

export interface NativeSeries {
  /** Null window: the session recorded no events. */
  window: { startMs: number; endMs: number; bucketMs: number } | null;
  /** Sample times, unix ms: the end of each bucket. */
  times: number[];
  /** Task attempts in each state at each sample time (driver tasks excluded). */
  taskStates: { state: string; counts: number[] }[];
  /** Attempts that ended FINISHED / FAILED within each bucket. */
  finished: number[];
  failed: number[];
  /** Actors alive at each sample time. */
  runningActors: number[];
  /** Nodes alive at each sample time (whole cluster, also for one job). */
  aliveNodes: number[];
  /** Most attempts RUNNING at once, exactly (not sampled); an attempt ending when another starts does not overlap it. */
  runningPeak: { count: number; atMs: number | null };
  /** One bar per job, for the Gantt chart. */
  jobs: NativeJobBar[];
}

export interface NativeJobBar {
  id: string;
  status: string;
  startMs: number;
  /** The session's end when the job recorded none. */
  endMs: number;
  durationMs: number;
  /** False when endMs is the session's end, not the job's. */
  ended: boolean;
}
