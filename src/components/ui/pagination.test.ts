import { describe, expect, it } from 'vitest';
import { summarizePage } from './pagination';

describe('summarizePage', () => {
  it('counts pages and the items shown on a middle page', () => {
    expect(summarizePage(2, 25, 160)).toEqual({
      page: 2,
      pageCount: 7,
      firstItem: 26,
      lastItem: 50,
      total: 160,
      hasPrevious: true,
      hasNext: true,
    });
  });

  it('stops at the last item on the last page', () => {
    const last = summarizePage(7, 25, 160);
    expect([last.firstItem, last.lastItem, last.hasNext]).toEqual([151, 160, false]);
  });

  it('says page 1 of 1 with nothing to show', () => {
    const empty = summarizePage(1, 25, 0);
    expect([empty.pageCount, empty.firstItem, empty.lastItem]).toEqual([1, 0, 0]);
    expect(empty.hasPrevious || empty.hasNext).toBe(false);
  });
});
