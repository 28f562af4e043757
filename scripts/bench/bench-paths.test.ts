import { describe, expect, it } from 'vitest';
import type { ManifestSession } from '../sample/manifest.ts';
import { logTailPath, TASK_PAGE_SIZE, taskPages } from './bench-paths.ts';

const session = {
  namespace: 'ml',
  kind: 'raycluster',
  name: 'train',
  sessionName: 'session_2026-01-11_19-38-40_146706_1',
  taskAttemptsByState: { FINISHED: 950, FAILED: 50 },
} as unknown as ManifestSession;

describe('taskPages', () => {
  it('spreads pages over the whole session, in the same order every run', () => {
    const offsets = (next: () => string) =>
      Array.from({ length: 200 }, () =>
        Number(new URL(next(), 'http://x').searchParams.get('offset')),
      );
    const first = offsets(taskPages(session));
    expect(offsets(taskPages(session))).toEqual(first);
    expect(first.every((o) => o % TASK_PAGE_SIZE === 0 && o >= 0 && o < 1000)).toBe(true);
    expect(new Set(first).size).toBe(10); // all ten pages of 1,000 attempts
  });

  it('asks for what the tasks view asks: the default sort, 100 rows, scoped to the session', () => {
    const path = new URL(taskPages(session)(), 'http://x');
    expect(path.pathname).toBe(
      '/api/c/ml/raycluster/train/session_2026-01-11_19-38-40_146706_1/api/v0/tasks',
    );
    expect(path.searchParams.get('sort_by')).toBe('creation_time_ms');
    expect(path.searchParams.get('limit')).toBe('100');
  });
});

describe('logTailPath', () => {
  it('names the node and file, escaped, and the 1000 last lines', () => {
    const url = new URL(
      logTailPath(session, { nodeId: 'ab12', filename: 'old/w 1.out', bytes: 9 }),
      'http://x',
    );
    expect(url.pathname.endsWith('/api/v0/logs/file')).toBe(true);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      node_id: 'ab12',
      filename: 'old/w 1.out',
      lines: '1000',
    });
  });
});
