import { describe, expect, it } from 'vitest';
import { createNdjsonParser } from './ndjson';
import { addSearchEvents, emptySearchView, highlightPieces } from './search-results';
import type { SearchMatch } from './search-results';

const match = (file: string, line: number): SearchMatch => ({
  type: 'match',
  nodeId: 'n1',
  file,
  line,
  offset: 0,
  text: 'x',
  ranges: [[0, 1]],
  before: [],
  after: [],
});

describe('NDJSON parsing', () => {
  it('joins lines split across chunks', () => {
    const parser = createNdjsonParser();
    expect(parser.push('{"a":1}\n{"b"')).toEqual([{ a: 1 }]);
    expect(parser.push(':2}')).toEqual([]);
    expect(parser.push('\n\n{"c":3}')).toEqual([{ b: 2 }]);
    expect(parser.end()).toEqual([{ c: 3 }]);
  });
});

describe('grouping search hits', () => {
  it('groups by file in arrival order, and records the end', () => {
    let view = addSearchEvents(emptySearchView, [match('a.log', 3), match('b.log', 1)]);
    view = addSearchEvents(view, [
      match('a.log', 9),
      { type: 'file', nodeId: 'n1', file: 'a.log', matches: 2 },
      {
        type: 'done',
        filesScanned: 5,
        filesTotal: 5,
        bytesScanned: 100,
        matches: 3,
        truncated: false,
      },
    ]);
    expect(view.files.map((f) => [f.file, f.matches.map((m) => m.line)])).toEqual([
      ['a.log', [3, 9]],
      ['b.log', [1]],
    ]);
    expect(view.matchCount).toBe(3);
    expect(view.filesSeen).toBe(1);
    expect(view.done?.filesScanned).toBe(5);
  });
});

describe('highlighting match ranges', () => {
  it('cuts the text into plain and matched pieces', () => {
    expect(highlightPieces('an error here', [[3, 8]])).toEqual([
      { text: 'an ', match: false },
      { text: 'error', match: true },
      { text: ' here', match: false },
    ]);
  });

  it('survives overlapping, unsorted and out-of-range ranges', () => {
    expect(
      highlightPieces('abcdef', [
        [4, 99],
        [0, 2],
        [1, 3],
      ]),
    ).toEqual([
      { text: 'abc', match: true },
      { text: 'd', match: false },
      { text: 'ef', match: true },
    ]);
  });
});
