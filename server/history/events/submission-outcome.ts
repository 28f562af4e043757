import type { ClusterEvent } from '../../../contract/ray.ts';

// How a submission job ended, from what Ray 2.58 leaves in a head node's logs rather than in
// its driver-job events (those carry only CREATED and FINISHED, see docs/architecture.md):
//   logs/events/event_JOBS.log          "Started a ray job <id>." / "Completed a ray job <id> with a status FAILED."
//   logs/jobs/supervisor-<id>.log       "... entrypoint command exited with code 3" (timestamp_ns=...)
//   logs/job-driver-<id>.log            the driver's output; Ray quotes its last lines when it fails

export type SubmissionStatus = 'SUCCEEDED' | 'FAILED' | 'STOPPED';

/** What the JOBS events say about one submission id. */
export interface SubmissionEvents {
  /** Unix ms (whole seconds: event_JOBS.log keeps no more). */
  startedMs: number | null;
  completed: { status: SubmissionStatus; timeMs: number } | null;
}

/** What the job supervisor logged about its entrypoint. */
export interface SupervisorReport {
  exitCode: number | null;
  /** The supervisor stopped the entrypoint (ray job stop). */
  stopped: boolean;
  /** When the entrypoint ended, unix ms. */
  endMs: number | null;
}

/** What the supervisor and driver logs of one submission job say (null: no such log). */
export interface SubmissionLogs {
  supervisor: SupervisorReport | null;
  /** The driver log's last lines as Ray quotes them in a failure message ('' when empty). */
  driverLogTail: string | null;
}

export type SubmissionOutcome = SubmissionEvents & SubmissionLogs;

/** A submission job and the node whose `logs/` hold its supervisor and driver logs. */
export interface SubmissionJobRef {
  submissionId: string;
  nodeId: string;
}

const STARTED = /^Started a ray job (\S+?)\.?$/;
const COMPLETED = /^Completed a ray job (\S+) with a status (SUCCEEDED|FAILED|STOPPED)\.?$/;

/** The JOBS source's events of a session, per submission id. */
export function submissionEvents(events: ClusterEvent[]): Map<string, SubmissionEvents> {
  const bySubmission = new Map<string, SubmissionEvents>();
  const entry = (id: string) => {
    let found = bySubmission.get(id);
    if (!found) bySubmission.set(id, (found = { startedMs: null, completed: null }));
    return found;
  };
  for (const event of events) {
    if (event.sourceType !== 'JOBS') continue;
    const message = event.message.trim();
    const timeMs = Math.round(event.timestamp * 1000);
    const started = STARTED.exec(message);
    if (started) {
      const e = entry(started[1]!);
      if (e.startedMs === null || timeMs < e.startedMs) e.startedMs = timeMs;
      continue;
    }
    const completed = COMPLETED.exec(message);
    if (completed) {
      const e = entry(completed[1]!);
      // A job completes once; with copies of the line, the last word stays the same anyway.
      if (!e.completed || timeMs >= e.completed.timeMs)
        e.completed = { status: completed[2] as SubmissionStatus, timeMs };
    }
  }
  return bySubmission;
}

const EXITED = /entrypoint command exited with code (-?\d+)/;
const TERMINATED =
  /has been terminated (gracefully with SIGTERM|forcefully with SIGKILL)|was stopped/;
const TIMESTAMP_NS = /\btimestamp_ns=(\d{10,})/;
const LOG_TIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2}),(\d{3})/;

/** When a supervisor line was written: its `timestamp_ns`, else the line's own (UTC) time. */
function lineTimeMs(line: string): number | null {
  const ns = TIMESTAMP_NS.exec(line);
  if (ns) return Math.round(Number(ns[1]!.slice(0, -3)) / 1000);
  const t = LOG_TIME.exec(line);
  if (!t) return null;
  const [, y, mo, d, h, mi, s, ms] = t.map(Number) as number[];
  return Date.UTC(y!, mo! - 1, d!, h!, mi!, s!, ms!);
}

/** The entrypoint's end in a `supervisor-<id>.log`; null when the log says nothing about it. */
export function parseSupervisorLog(text: string): SupervisorReport | null {
  let report: SupervisorReport | null = null;
  for (const line of text.split('\n')) {
    const exited = EXITED.exec(line);
    if (exited) {
      report = { exitCode: Number(exited[1]), stopped: false, endMs: lineTimeMs(line) };
    } else if (TERMINATED.test(line)) {
      report = { exitCode: null, stopped: true, endMs: lineTimeMs(line) };
    }
  }
  return report;
}

/** Lines and characters of the driver log Ray quotes when an entrypoint fails. */
export const FAILURE_LOG_LINES = 10;
export const FAILURE_LOG_CHARS = 20_000;

/** Ray's own tail: the last lines, then at most the last 20,000 characters of them. */
export function failureLogTail(text: string): string {
  const lines = text.split(/(?<=\n)/);
  return lines.slice(-FAILURE_LOG_LINES).join('').slice(-FAILURE_LOG_CHARS);
}

/** The status message Ray's job manager sets for each ending (its wording, so they read the same). */
export function submissionMessage(
  status: SubmissionStatus,
  exitCode: number | null,
  driverLogTail: string | null,
): string | null {
  if (status === 'SUCCEEDED') return 'Job finished successfully.';
  if (status === 'STOPPED') return 'Job was intentionally stopped.';
  if (exitCode === null) return null;
  if (!driverLogTail)
    return `Job entrypoint command failed with exit code ${exitCode}. No logs available.`;
  return (
    `Job entrypoint command failed with exit code ${exitCode}, ` +
    `last available logs (truncated to 20,000 chars):\n${driverLogTail}`
  );
}
