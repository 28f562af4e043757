import { formatBytes } from '../../lib/format';

// Where a log comes from: one file of a node, or a task's / actor's / job's own log, resolved by
// the server. Every log surface (file page, task, actor and job tabs) speaks this union.

export type LogSuffix = 'out' | 'err';

export type LogSource =
  | { kind: 'file'; nodeId: string; filename: string }
  | { kind: 'task'; taskId: string; attempt?: number; suffix: LogSuffix }
  | { kind: 'actor'; actorId: string; suffix: LogSuffix }
  | { kind: 'job'; jobId: string };

/** The query parameters of /api/v0/logs/file that select `source`. */
export function logSourceQuery(source: LogSource): Record<string, string | number | undefined> {
  switch (source.kind) {
    case 'file':
      return { node_id: source.nodeId, filename: source.filename };
    case 'task':
      return { task_id: source.taskId, attempt_number: source.attempt, suffix: source.suffix };
    case 'actor':
      return { actor_id: source.actorId, suffix: source.suffix };
    case 'job':
      return { job_id: source.jobId };
  }
}

/** A stable key for caches and React keys. */
export function logSourceKey(source: LogSource): string {
  return JSON.stringify([source.kind, ...Object.values(logSourceQuery(source))]);
}

/** The file name a download of `source` is saved as. */
export function downloadName(source: LogSource, resolvedFilename: string | null): string {
  const base =
    resolvedFilename ?? (source.kind === 'file' ? source.filename : `${source.kind}.log`);
  return base.split('/').pop() || 'log.txt';
}

/** The browser tab's title for `source`: the file's name, then whose log it is. */
export function logTitle(
  source: LogSource,
  resolvedFilename: string | null,
  context: string | undefined,
): string {
  const file = resolvedFilename ?? (source.kind === 'file' ? source.filename : null);
  const name = file?.split('/').pop() || null;
  return [name, context].filter(Boolean).join(' · ') || 'Log';
}

/** What an empty log says: a whole file, or one task's, actor's or driver's part of a file. */
export function emptyLogText(
  source: LogSource,
  resolvedFilename: string | null,
  fileSize: number,
): { title: string; detail: string } {
  const file = resolvedFilename ?? (source.kind === 'file' ? source.filename : null);
  const name = file?.split('/').pop() || null;
  if (source.kind === 'file')
    return { title: 'This file is empty', detail: `${name ?? 'The file'} holds no bytes.` };
  const where = source.kind !== 'job' && source.suffix === 'err' ? 'stderr' : 'stdout';
  const part =
    fileSize === 0
      ? `${name ?? 'The file'} is empty.`
      : `Its part of ${name ?? 'the file'} is empty; the whole file holds ${formatBytes(fileSize)} ("Whole file" shows it).`;
  switch (source.kind) {
    case 'task': {
      const attempt =
        source.attempt === undefined ? 'The latest attempt' : `Attempt ${source.attempt}`;
      return {
        title: `${attempt} wrote nothing to ${where}`,
        detail: `${part} Ray does not write an attempt's exception to its worker's log.`,
      };
    }
    case 'actor':
      return { title: `The actor wrote nothing to ${where}`, detail: part };
    case 'job':
      return { title: 'The driver wrote nothing to its log', detail: part };
  }
}
