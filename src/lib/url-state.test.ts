import { describe, expect, it } from 'vitest';
import { applyUrlStatePatch, readUrlState } from './url-state';

const spec = { state: '', sort: 'creation_time_ms', page: '1' };

describe('url state', () => {
  it('reads values with defaults', () => {
    expect(readUrlState(new URLSearchParams('state=FAILED'), spec)).toEqual({
      state: 'FAILED',
      sort: 'creation_time_ms',
      page: '1',
    });
  });

  it('drops defaults, keeps unrelated params and resets the page when a filter changes', () => {
    const next = applyUrlStatePatch(new URLSearchParams('page=4&theme=dark&state=FAILED'), spec, {
      state: 'FINISHED',
      sort: 'creation_time_ms',
    });
    expect(next.toString()).toBe('theme=dark&state=FINISHED');
  });

  it('keeps the page when only the page changes, or when nothing else changed', () => {
    expect(
      applyUrlStatePatch(new URLSearchParams('state=FAILED'), spec, { page: 3 }).toString(),
    ).toBe('state=FAILED&page=3');
    expect(
      applyUrlStatePatch(new URLSearchParams('page=2&state=FAILED'), spec, { state: 'FAILED' }).get(
        'page',
      ),
    ).toBe('2');
  });
});
