import { describe, expect, it } from 'vitest';
import {
  lineNumberAt,
  loadedFromChunk,
  needsEarlierFor,
  prependChunk,
  splitLines,
} from './loaded-log';

const chunk = (text: string, startOffset: number, firstLine: number | null = null) => ({
  text,
  fileSize: 100,
  startOffset,
  endOffset: startOffset + new TextEncoder().encode(text).length,
  firstLine,
});

describe('splitLines', () => {
  it('treats a final newline as the end of the last line', () => {
    expect(splitLines('a\nb\n')).toEqual(['a', 'b']);
    expect(splitLines('a\nb')).toEqual(['a', 'b']);
    expect(splitLines('')).toEqual([]);
    expect(splitLines('\n')).toEqual(['']);
    expect(splitLines('x\r\ny\r\n')).toEqual(['x', 'y']);
  });
});

describe('paging backwards through a log', () => {
  it('does not know line numbers of a tail that starts mid-file', () => {
    const tail = loadedFromChunk(chunk('l4\nl5\n', 9));
    expect(tail.firstLine).toBeNull();
    expect(lineNumberAt(tail, 0)).toBeNull();
    expect(needsEarlierFor(tail, 5)).toBe(true);
  });

  it('numbers every line once the start of the file is prepended', () => {
    const tail = loadedFromChunk(chunk('l4\nl5\n', 9));
    const middle = prependChunk(tail, chunk('l3\n', 6));
    expect(middle.firstLine).toBeNull();
    const whole = prependChunk(middle, chunk('l1\nl2\n', 0));
    expect(whole.lines).toEqual(['l1', 'l2', 'l3', 'l4', 'l5']);
    expect(whole.startOffset).toBe(0);
    expect(whole.endOffset).toBe(15);
    expect(whole.firstLine).toBe(1);
    expect(lineNumberAt(whole, 3)).toBe(4);
    expect(lineNumberAt(whole, 4)).toBe(5);
    expect(needsEarlierFor(whole, 1)).toBe(false);
  });

  it('uses the number the server sends, and keeps counting backwards from it', () => {
    const tail = loadedFromChunk(chunk('l40\nl41\n', 500, 40));
    expect(lineNumberAt(tail, 1)).toBe(41);
    expect(needsEarlierFor(tail, 39)).toBe(true);
    const more = prependChunk(tail, chunk('l38\nl39\n', 492));
    expect(more.firstLine).toBe(38);
    expect(lineNumberAt(more, 1)).toBe(39);
  });
});
