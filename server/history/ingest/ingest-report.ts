// What ingest saw besides the events themselves: the raw material of the session's warnings.

export interface FileProblems {
  /** Key relative to the session folder. */
  file: string;
  malformedLines: number;
  invalidEvents: number;
  unknownEvents: number;
}

export interface CorruptFile {
  file: string;
  reason: string;
  /** Events read from the file before the corruption; they are kept. */
  eventsKept: number;
}

export interface IngestReport {
  nodeIds: string[];
  nodesWithoutLogs: string[];
  filesRead: number;
  bytesRead: number;
  /** Events the reducer accepted. */
  events: number;
  /** Lines that are not JSON or are too long, and legacy events the reducer refused. */
  malformedLines: number;
  /** JSON Ray events of a known type the reducer refused (missing payload, no id ...). */
  invalidEvents: number;
  /** Count per unknown `eventType`. */
  unknownEventTypes: Record<string, number>;
  corruptFiles: CorruptFile[];
  /** Files with malformed lines or unknown events, in key order. */
  filesWithProblems: FileProblems[];
}

export function emptyReport(): IngestReport {
  return {
    nodeIds: [],
    nodesWithoutLogs: [],
    filesRead: 0,
    bytesRead: 0,
    events: 0,
    malformedLines: 0,
    invalidEvents: 0,
    unknownEventTypes: {},
    corruptFiles: [],
    filesWithProblems: [],
  };
}
