// Line permalinks: `#L120` or `#L120-L140` in the URL of a log file.

export interface LineRange {
  from: number;
  to: number;
}

const HASH = /^#?L(\d{1,9})(?:-L?(\d{1,9}))?$/;

/** The range named by a URL hash, ordered; null for any other hash. */
export function parseLineHash(hash: string): LineRange | null {
  const m = HASH.exec(hash.trim());
  if (!m) return null;
  const a = Number(m[1]);
  const b = m[2] === undefined ? a : Number(m[2]);
  if (a < 1 || b < 1) return null;
  return { from: Math.min(a, b), to: Math.max(a, b) };
}

/** `#L120` for one line, `#L120-L140` for a range. */
export function formatLineHash(range: LineRange): string {
  return range.to === range.from ? `#L${range.from}` : `#L${range.from}-L${range.to}`;
}

/** The part of `range` inside lines first..last, or null when they do not overlap. */
export function clampLineRange(range: LineRange, first: number, last: number): LineRange | null {
  const from = Math.max(range.from, first);
  const to = Math.min(range.to, last);
  return from <= to ? { from, to } : null;
}

/** Clicking line `line`; with shift, extending the current range towards it. */
export function selectLine(current: LineRange | null, line: number, extend: boolean): LineRange {
  if (!extend || !current) return { from: line, to: line };
  return line < current.from ? { from: line, to: current.to } : { from: current.from, to: line };
}
