import { describe, expect, it } from 'vitest';
import { clampLineRange, formatLineHash, parseLineHash, selectLine } from './permalink';

describe('line permalinks', () => {
  it('parses one line and ranges, in either order', () => {
    expect(parseLineHash('#L120')).toEqual({ from: 120, to: 120 });
    expect(parseLineHash('#L120-L140')).toEqual({ from: 120, to: 140 });
    expect(parseLineHash('#L140-L120')).toEqual({ from: 120, to: 140 });
    expect(parseLineHash('L7-9')).toEqual({ from: 7, to: 9 });
  });

  it('ignores any other hash', () => {
    for (const hash of ['', '#', '#L', '#L0', '#Lx', '#top', '#L1-L2-L3', '#L12345678901'])
      expect(parseLineHash(hash)).toBeNull();
  });

  it('formats what it parses', () => {
    expect(formatLineHash({ from: 5, to: 5 })).toBe('#L5');
    expect(formatLineHash({ from: 5, to: 9 })).toBe('#L5-L9');
    expect(parseLineHash(formatLineHash({ from: 5, to: 9 }))).toEqual({ from: 5, to: 9 });
  });

  it('clamps a range to the lines that exist', () => {
    expect(clampLineRange({ from: 5, to: 50 }, 1, 20)).toEqual({ from: 5, to: 20 });
    expect(clampLineRange({ from: 30, to: 50 }, 1, 20)).toBeNull();
  });

  it('selects one line, or extends the range with shift', () => {
    expect(selectLine(null, 8, true)).toEqual({ from: 8, to: 8 });
    expect(selectLine({ from: 8, to: 8 }, 12, true)).toEqual({ from: 8, to: 12 });
    expect(selectLine({ from: 8, to: 12 }, 3, true)).toEqual({ from: 3, to: 12 });
    expect(selectLine({ from: 8, to: 12 }, 3, false)).toEqual({ from: 3, to: 3 });
  });
});
