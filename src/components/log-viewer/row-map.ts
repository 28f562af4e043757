// Long log lines wrap onto several terminal rows; this maps between rows and log lines.

/** Row (0-based) where each of the first `lineCount` lines starts, given each row's "wrapped" flag. */
export function lineStartRows(wrapped: readonly boolean[], lineCount: number): number[] {
  const starts: number[] = [];
  for (let row = 0; row < wrapped.length && starts.length < lineCount; row += 1) {
    if (!wrapped[row]) starts.push(row);
  }
  return starts;
}

/** Index of the line that row `row` belongs to. */
export function lineIndexOfRow(starts: readonly number[], row: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid]! <= row) low = mid;
    else high = mid - 1;
  }
  return Math.max(0, low);
}

/** Rows that lines first..last (indexes) cover: [first row, row count]. */
export function rowsOfLines(
  starts: readonly number[],
  totalRows: number,
  first: number,
  last: number,
): [number, number] {
  const startRow = starts[first] ?? 0;
  const endRow = last + 1 < starts.length ? starts[last + 1]! : totalRows;
  return [startRow, Math.max(1, endRow - startRow)];
}
