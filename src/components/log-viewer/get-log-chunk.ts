import { apiPaths } from '../../../contract/paths';
import { apiFetch, apiUrl } from '../../lib/api-client';
import type { SessionScope } from '../../../contract/api';
import type { LogChunk } from './loaded-log';
import { logSourceQuery } from './log-source';
import type { LogSource } from './log-source';

/** Which part of the file: the last lines, or whole lines ending just before a byte offset. */
export type ChunkRequest = { tailLines: number } | { before: number; bytes: number };

export interface LogFileChunk extends LogChunk {
  /** The file the server resolved the source to (useful for task/actor/job sources). */
  nodeId: string | null;
  filename: string | null;
}

const LOG_FILE = '/api/v0/logs/file';

function numberHeader(headers: Headers, name: string): number | null {
  const value = headers.get(name);
  return value !== null && /^\d+$/.test(value.trim()) ? Number(value) : null;
}

/** X-Log-Filename is percent-encoded (a file name may hold any character). */
function decodedHeader(value: string | null): string | null {
  if (value === null) return null;
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

export async function getLogChunk(
  scope: SessionScope,
  source: LogSource,
  request: ChunkRequest,
  signal?: AbortSignal,
): Promise<LogFileChunk> {
  const range =
    'tailLines' in request
      ? { lines: request.tailLines }
      : { before: request.before, bytes: request.bytes };
  const response = await apiFetch(apiPaths.scoped(scope, LOG_FILE), {
    signal,
    accept: 'text/plain',
    query: { ...logSourceQuery(source), ...range },
  });
  const text = await response.text();
  const h = response.headers;
  const endOffset = numberHeader(h, 'X-Log-End-Offset');
  const fileSize = numberHeader(h, 'X-Log-File-Size') ?? endOffset ?? text.length;
  return {
    text,
    fileSize,
    startOffset: numberHeader(h, 'X-Log-Start-Offset') ?? 0,
    endOffset: endOffset ?? fileSize,
    firstLine: numberHeader(h, 'X-Log-First-Line'),
    nodeId: h.get('X-Log-Node-Id'),
    filename: decodedHeader(h.get('X-Log-Filename')),
  };
}

/** URL that streams the whole file as an attachment named `filename`. */
export function logDownloadUrl(scope: SessionScope, source: LogSource, filename: string): string {
  return apiUrl(apiPaths.scoped(scope, LOG_FILE), {
    ...logSourceQuery(source),
    download_filename: filename,
  });
}
