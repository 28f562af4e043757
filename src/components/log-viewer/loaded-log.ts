// The part of a log file the viewer holds: whole lines from byte startOffset to endOffset, and
// the number of the first line once it is known (it is, as soon as the start of the file is in).

export interface LogChunk {
  text: string;
  fileSize: number;
  startOffset: number;
  endOffset: number;
  /** 1-based number of the chunk's first line, when the server knows it. */
  firstLine: number | null;
}

export interface LoadedLog {
  lines: string[];
  fileSize: number;
  startOffset: number;
  endOffset: number;
  firstLine: number | null;
}

/** "a\nb\n" → ["a", "b"]: a final newline ends the last line, it does not start another. */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  const body = text.endsWith('\n') ? text.slice(0, -1) : text;
  return body.split('\n').map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
}

export function loadedFromChunk(chunk: LogChunk): LoadedLog {
  return {
    lines: splitLines(chunk.text),
    fileSize: chunk.fileSize,
    startOffset: chunk.startOffset,
    endOffset: chunk.endOffset,
    firstLine: chunk.firstLine ?? (chunk.startOffset === 0 ? 1 : null),
  };
}

/** `earlier` (the bytes just before `log`) joined in front of `log`, numbering kept right. */
export function prependChunk(log: LoadedLog, earlier: LogChunk): LoadedLog {
  const added = splitLines(earlier.text);
  let firstLine = earlier.firstLine ?? (earlier.startOffset === 0 ? 1 : null);
  if (firstLine === null && log.firstLine !== null) firstLine = log.firstLine - added.length;
  return {
    lines: [...added, ...log.lines],
    fileSize: Math.max(log.fileSize, earlier.fileSize),
    startOffset: Math.min(earlier.startOffset, log.startOffset),
    endOffset: log.endOffset,
    firstLine,
  };
}

export function reachedStart(log: LoadedLog): boolean {
  return log.startOffset <= 0;
}

/** Line number of lines[index], or null while the numbering is unknown. */
export function lineNumberAt(log: LoadedLog, index: number): number | null {
  return log.firstLine === null ? null : log.firstLine + index;
}

/** Whether showing line `line` needs earlier bytes: its number is unknown or before the loaded part. */
export function needsEarlierFor(log: LoadedLog, line: number): boolean {
  if (reachedStart(log)) return false;
  return log.firstLine === null || line < log.firstLine;
}
