import { badRequest } from '../../http/errors.ts';
import { oneOf, positiveInt, single, type RawQuery } from '../../http/query-params.ts';
import { NODE_ID } from '../layout.ts';
import { safeLogPath } from './log-path.ts';
import type { LogSelection, NodeRef } from './log-source.ts';

// The query of GET /api/v0/logs/file, checked at the edge: which file, which part of it, how.

export const DEFAULT_TAIL_LINES = 1000;

export type LogContent =
  | { kind: 'tail'; lines: number }
  | { kind: 'range'; start: number; end: number }
  | { kind: 'before'; before: number; bytes: number };

export interface LogFileRequest {
  selection: LogSelection;
  content: LogContent;
  filterAnsi: boolean;
  /** null: answer text; '' : download under the file's own name; else the asked name. */
  download: string | null;
}

export function nodeIdParam(query: RawQuery, name = 'node_id'): string | undefined {
  const value = single(query, name)?.toLowerCase();
  if (value !== undefined && !NODE_ID.test(value))
    throw badRequest(`${name} must be a node id (56 hex characters)`);
  return value;
}

function nodeRef(query: RawQuery, required: string): NodeRef {
  const nodeId = nodeIdParam(query);
  const nodeIp = single(query, 'node_ip');
  if (nodeId && nodeIp) throw badRequest('give node_id or node_ip, not both');
  if (nodeId) return { nodeId };
  if (nodeIp) return { nodeIp };
  throw badRequest(`${required} needs node_id or node_ip`);
}

function selection(query: RawQuery): LogSelection {
  const given = ['filename', 'task_id', 'actor_id', 'pid', 'job_id'].filter(
    (name) => single(query, name) !== undefined,
  );
  if (given.length !== 1)
    throw badRequest(
      given.length === 0
        ? 'name the log with filename, task_id, actor_id, pid or job_id'
        : `give only one of ${given.join(', ')}`,
    );
  const suffix = oneOf(query, 'suffix', ['out', 'err'] as const) ?? 'out';
  switch (given[0]) {
    case 'filename':
      return {
        by: 'file',
        node: nodeRef(query, 'filename'),
        filename: safeLogPath(single(query, 'filename')!),
      };
    case 'task_id':
      return {
        by: 'task',
        taskId: single(query, 'task_id')!,
        attempt: positiveInt(query, 'attempt_number', { min: 0 }),
        suffix,
      };
    case 'actor_id':
      return { by: 'actor', actorId: single(query, 'actor_id')!, suffix };
    case 'pid':
      return { by: 'pid', node: nodeRef(query, 'pid'), pid: positiveInt(query, 'pid')!, suffix };
    default:
      return { by: 'job', jobId: single(query, 'job_id')! };
  }
}

function content(query: RawQuery): LogContent {
  const lines = single(query, 'lines');
  const start = positiveInt(query, 'start', { min: 0 });
  const end = positiveInt(query, 'end', { min: 0 });
  const before = positiveInt(query, 'before', { min: 0 });
  const bytes = positiveInt(query, 'bytes', { min: 1 });
  const modes = [
    lines !== undefined && 'lines',
    (start !== undefined || end !== undefined) && 'start/end',
    (before !== undefined || bytes !== undefined) && 'before/bytes',
  ].filter(Boolean);
  if (modes.length > 1) throw badRequest(`give only one of ${modes.join(', ')}`);
  if (start !== undefined || end !== undefined) {
    if (start === undefined || end === undefined) throw badRequest('start and end go together');
    if (end < start) throw badRequest('end must not be before start');
    return { kind: 'range', start, end };
  }
  if (before !== undefined || bytes !== undefined) {
    if (before === undefined || bytes === undefined)
      throw badRequest('before and bytes go together');
    return { kind: 'before', before, bytes };
  }
  if (lines === undefined) return { kind: 'tail', lines: DEFAULT_TAIL_LINES };
  if (lines === '-1') return { kind: 'tail', lines: -1 };
  return { kind: 'tail', lines: positiveInt(query, 'lines', { min: 0 })! };
}

function flag(query: RawQuery, name: string): boolean {
  const value = single(query, name);
  if (value === undefined) return false;
  if (['true', '1'].includes(value.toLowerCase())) return true;
  if (['false', '0'].includes(value.toLowerCase())) return false;
  throw badRequest(`${name} must be true or false`);
}

export function parseLogFileQuery(query: RawQuery): LogFileRequest {
  const downloadName = single(query, 'download_filename');
  return {
    selection: selection(query),
    content: content(query),
    filterAnsi: flag(query, 'filter_ansi_code'),
    download: downloadName ?? (flag(query, 'download') ? '' : null),
  };
}

/** A file name safe in a Content-Disposition header on any OS. */
export function attachmentName(name: string): string {
  const base = name
    .slice(name.lastIndexOf('/') + 1)
    .replace(/[^\w.-]+/g, '_')
    .replace(/^\.+/, '');
  return base.slice(0, 200) || 'ray.log';
}
