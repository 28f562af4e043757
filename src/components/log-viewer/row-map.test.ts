import { describe, expect, it } from 'vitest';
import { lineIndexOfRow, lineStartRows, rowsOfLines } from './row-map';

// Rows: line 0 | line 1 (3 rows) | line 2 | empty viewport rows.
const wrapped = [false, false, true, true, false, false, false];

describe('rows and lines', () => {
  it('finds where each line starts, ignoring empty rows after the last line', () => {
    expect(lineStartRows(wrapped, 3)).toEqual([0, 1, 4]);
  });

  it('maps a wrapped row back to its line', () => {
    const starts = [0, 1, 4];
    expect([0, 1, 2, 3, 4].map((row) => lineIndexOfRow(starts, row))).toEqual([0, 1, 1, 1, 2]);
  });

  it('counts the rows a range of lines covers', () => {
    expect(rowsOfLines([0, 1, 4], 5, 1, 1)).toEqual([1, 3]);
    expect(rowsOfLines([0, 1, 4], 5, 0, 2)).toEqual([0, 5]);
  });
});
