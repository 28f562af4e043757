import type { Storage } from '../../storage/storage.ts';
import type { SessionInfo } from '../../../contract/api.ts';
import { forEachLimited } from './concurrency.ts';
import { fileBytes, isCorruptDataError, type FileBytes } from './file-chunks.ts';
import { emptyTally, tallyRecords, type EventSink, type FileTally } from './file-tally.ts';
import { emptyReport, type IngestReport } from './ingest-report.ts';
import { emptyProgress, type IngestProgress } from './progress.ts';
import { DEFAULT_RECORD_LIMITS, readRecordBatches, type RecordLimits } from './records.ts';
import { listSessionFiles, type SessionFile, type SessionFiles } from './session-files.ts';

// Reads every event file of one session into a sink (the reducer), counting what it could not use.

export type { AddResult, EventSink } from './file-tally.ts';

/**
 * Turns the bytes of one event file into events for the session and counts into `tally`
 * (also when the bytes fail part-way). The default adds them to the sink in this thread.
 */
export interface EventFileReader {
  read(file: SessionFile, bytes: FileBytes, tally: FileTally): Promise<void>;
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
  /** The session's files when already listed. */
  listing?: SessionFiles;
  /** Where event files are parsed (e.g. worker threads); default: into the sink, here. */
  reader?: EventFileReader;
}

const DEFAULT_CONCURRENCY = 4;
const DEFAULT_MAX_DEBUG_STATE_BYTES = 4 * 1024 * 1024;

function inProcessReader(sink: EventSink, limits: RecordLimits): EventFileReader {
  return {
    read: (file, bytes, tally) =>
      tallyRecords(
        readRecordBatches(bytes, limits),
        { legacy: file.kind === 'legacy-events', nodeId: file.nodeId },
        sink,
        tally,
      ),
  };
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
  const reader = options.reader ?? inProcessReader(sink, limits);
  const report = emptyReport();

  const listing = options.listing ?? (await listSessionFiles(storage, session));
  report.nodeIds = listing.nodeIds;
  report.nodesWithoutLogs = listing.nodesWithoutLogs;
  progress.filesTotal = listing.files.length;
  progress.bytesTotal = listing.totalBytes;

  const readEvents = async (file: SessionFile): Promise<void> => {
    const tally = emptyTally();
    try {
      const bytes = await fileBytes(storage, file.key, file.size, (n) => (progress.bytesRead += n));
      try {
        await reader.read(file, bytes, tally);
      } finally {
        await bytes.close();
      }
    } catch (error) {
      if (!isCorruptDataError(error)) throw error;
      // Events decoded before the damage stay: the reducer tolerates missing events anyway.
      report.corruptFiles.push({
        file: file.name,
        reason: error.message,
        eventsKept: tally.accepted,
      });
      options.warn?.(`Corrupt or truncated file ${file.name}: ${error.message}`);
    }
    report.events += tally.accepted;
    report.malformedLines += tally.malformed;
    report.invalidEvents += tally.invalid;
    for (const [type, count] of Object.entries(tally.unknownTypes)) {
      report.unknownEventTypes[type] = (report.unknownEventTypes[type] ?? 0) + count;
    }
    if (tally.malformed || tally.invalid || tally.unknown)
      report.filesWithProblems.push({
        file: file.name,
        malformedLines: tally.malformed,
        invalidEvents: tally.invalid,
        unknownEvents: tally.unknown,
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
