import type { RayJob, RayTask } from '../../../contract/ray';
import { stripAnsi } from '../../../contract/ansi';

// Why a job failed, read from its message: the exception's last line, and which task it names.

/** Ray's header before the driver's last output; not part of the exception itself. */
const HEADER = /^Job entrypoint command failed with exit code \d+, last available logs.*:$/;

/** The message as lines, colour codes removed, blank lines and Ray's header left out. */
function messageLines(message: string): string[] {
  return stripAnsi(message)
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '' && !HEADER.test(line.trim()));
}

/**
 * The line a reader wants first: the exception that ended the job (the traceback's last line,
 * e.g. "ValueError: corrupt record ..."). Null when the message is empty.
 */
export function exceptionLine(message: string | null | undefined): string | null {
  if (!message) return null;
  return messageLines(message).at(-1)?.trim() ?? null;
}

/** Whether the message has more to show than its exception line (a traceback to expand). */
export function hasTraceback(message: string | null | undefined): boolean {
  return Boolean(message) && messageLines(message ?? '').length > 1;
}

/** The message with colour codes removed, line breaks kept: the full traceback. */
export function readableMessage(message: string): string {
  return stripAnsi(message).replace(/\s+$/, '');
}

export interface NamedTask {
  name: string;
  pid: number;
}

// `ray::preprocess() (pid=7422, ip=10.117.50.201)`; actor methods read `ray::Worker.run()`.
const NAMED_TASK = /ray::([\w.<>-]+)\(\)\s*\(pid=(\d+)/g;

/** The task a Ray error names (the innermost, i.e. last, mention), if any. */
export function namedTask(message: string | null | undefined): NamedTask | null {
  if (!message) return null;
  let found: NamedTask | null = null;
  for (const match of stripAnsi(message).matchAll(NAMED_TASK)) {
    found = { name: match[1] ?? '', pid: Number(match[2]) };
  }
  return found;
}

function matchesName(task: RayTask, name: string): boolean {
  return task.func_or_class_name === name || task.name === name;
}

/**
 * The failed attempt that caused the job's failure: the one the error names (function name and
 * worker pid), else the earliest failed attempt. `failed` are the job's failed attempts.
 */
export function rootCauseAttempt(job: RayJob, failed: readonly RayTask[]): RayTask | null {
  const named = namedTask(job.message);
  if (named) {
    const match = failed.find((t) => matchesName(t, named.name) && t.worker_pid === named.pid);
    if (match) return match;
  }
  return earliest(failed);
}

function failedAt(task: RayTask): number {
  return task.end_time_ms || task.start_time_ms || task.creation_time_ms || Infinity;
}

function earliest(tasks: readonly RayTask[]): RayTask | null {
  let first: RayTask | null = null;
  for (const task of tasks) if (!first || failedAt(task) < failedAt(first)) first = task;
  return first;
}

/**
 * A DRIVER job ran a script on the head node by hand: its output went to the submitting
 * terminal, so history has no driver log for it. Only SUBMISSION jobs have one.
 */
export function hasDriverLog(job: RayJob): boolean {
  return job.type === 'SUBMISSION' && Boolean(job.job_id);
}
