import type { Storage } from '../../storage/storage.ts';
import type { SessionInfo } from '../../../src/types/api.ts';
import { forEachLimited } from './concurrency.ts';
import { fileChunks, isCorruptDataError } from './file-chunks.ts';
import { emptyReport, type IngestReport } from './ingest-report.ts';
import { emptyProgress, type IngestProgress } from './progress.ts';
import {
  DEFAULT_RECORD_LIMITS,
  OVERSIZED,
  readRecords,
  type EventRecord,
  type RecordLimits,
} from './records.ts';
import { listSessionFiles, type SessionFile } from './session-files.ts';

// Reads every event file of one session into a sink (the reducer), counting what it could not use.

export type AddResult = 'ok' | 'unknown' | 'invalid';

/** The part of the session reducer ingest feeds. */
export interface EventSink {
  addEvent(json: unknown): AddResult;
  addLegacyEvent(json: unknown, nodeId: string): AddResult | void;
  addDebugState(nodeId: string, text: string): void;
}

export interface IngestOptions {
  /** Updated in place while the load runs, so others can read it. */
  progress?: IngestProgress;
  limits?: RecordLimits;
  /** Files read at the same time (object storage latency hides behind this). */
  concurrency?: number;
  /** debug_state.txt is read whole, up to this many bytes. */
  maxDebugStateBytes?: number;
  warn?: (message: string) => void;
}

const DEFAULT_CONCURRENCY = 4;
const DEFAULT_MAX_DEBUG_STATE_BYTES = 4 * 1024 * 1024;

const MALFORMED = Symbol('malformed');

function parseRecord(record: EventRecord): unknown {
  if (record === OVERSIZED) return MALFORMED;
  try {
    return JSON.parse(record);
  } catch {
    return MALFORMED;
  }
}

function eventTypeOf(json: unknown): string {
  const value = (json as Record<string, unknown> | null)?.eventType;
  return typeof value === 'string' && value ? value : '(no eventType)';
}

export async function ingestSession(
  storage: Storage,
  session: SessionInfo,
  sink: EventSink,
  options: IngestOptions = {},
): Promise<IngestReport> {
  const progress = options.progress ?? emptyProgress();
  const limits = options.limits ?? DEFAULT_RECORD_LIMITS;
  const maxDebugStateBytes = options.maxDebugStateBytes ?? DEFAULT_MAX_DEBUG_STATE_BYTES;
  const report = emptyReport();

  const listing = await listSessionFiles(storage, session);
  report.nodeIds = listing.nodeIds;
  report.nodesWithoutLogs = listing.nodesWithoutLogs;
  progress.filesTotal = listing.files.length;
  progress.bytesTotal = listing.totalBytes;

  const readEvents = async (file: SessionFile): Promise<void> => {
    let malformed = 0;
    let invalid = 0;
    let unknown = 0;
    let accepted = 0;
    const legacy = file.kind === 'legacy-events';
    try {
      const chunks = await fileChunks(storage, file.key, (n) => (progress.bytesRead += n));
      for await (const record of readRecords(chunks, limits)) {
        const json = parseRecord(record);
        if (json === MALFORMED) {
          malformed++;
          continue;
        }
        const result = legacy
          ? (sink.addLegacyEvent(json, file.nodeId) ?? 'ok')
          : sink.addEvent(json);
        if (result === 'ok') accepted++;
        else if (result === 'invalid') {
          if (legacy) malformed++;
          else invalid++;
        } else {
          unknown++;
          const type = eventTypeOf(json);
          report.unknownEventTypes[type] = (report.unknownEventTypes[type] ?? 0) + 1;
        }
      }
    } catch (error) {
      if (!isCorruptDataError(error)) throw error;
      // Events decoded before the damage stay: the reducer tolerates missing events anyway.
      report.corruptFiles.push({ file: file.name, reason: error.message, eventsKept: accepted });
      options.warn?.(`Corrupt or truncated file ${file.name}: ${error.message}`);
    }
    report.events += accepted;
    report.malformedLines += malformed;
    report.invalidEvents += invalid;
    if (malformed || invalid || unknown)
      report.filesWithProblems.push({
        file: file.name,
        malformedLines: malformed,
        invalidEvents: invalid,
        unknownEvents: unknown,
      });
  };

  const readDebugState = async (file: SessionFile): Promise<void> => {
    const bytes = await storage.read(file.key, { start: 0, end: maxDebugStateBytes });
    progress.bytesRead += bytes.length;
    sink.addDebugState(file.nodeId, bytes.toString('utf8'));
  };

  await forEachLimited(listing.files, options.concurrency ?? DEFAULT_CONCURRENCY, async (file) => {
    const before = progress.bytesRead;
    if (file.kind === 'debug-state') await readDebugState(file);
    else await readEvents(file);
    // Count the listed size even when less was read (damaged file, size capped), so the bar ends full.
    const counted = progress.bytesRead - before;
    if (counted < file.size) progress.bytesRead += file.size - counted;
    progress.filesRead++;
  });

  report.filesRead = progress.filesRead;
  report.bytesRead = progress.bytesRead;
  report.corruptFiles.sort((a, b) => a.file.localeCompare(b.file));
  report.filesWithProblems.sort((a, b) => a.file.localeCompare(b.file));
  return report;
}
