import { describe, expect, it } from 'vitest';
import { describeLoadProgress, loadFraction } from './load-progress-text';

describe('load progress text', () => {
  it('says how far a cold load has read', () => {
    const p = {
      state: 'loading' as const,
      filesRead: 12,
      filesTotal: 40,
      bytesRead: 30 * 1048576,
      bytesTotal: 120 * 1048576,
    };
    expect(describeLoadProgress(p)).toBe('Reading events: 12 of 40 files, 30 MiB of 120 MiB');
    expect(loadFraction(p)).toBe(0.25);
  });
  it('says nothing once ready or before the file list is known', () => {
    expect(
      describeLoadProgress({
        state: 'ready',
        filesRead: 4,
        filesTotal: 4,
        bytesRead: 1,
        bytesTotal: 1,
      }),
    ).toBeNull();
    expect(
      describeLoadProgress({
        state: 'loading',
        filesRead: 0,
        filesTotal: 0,
        bytesRead: 0,
        bytesTotal: 0,
      }),
    ).toBeNull();
  });
});
