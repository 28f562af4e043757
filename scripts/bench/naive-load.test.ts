import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempFolder, type TempFolder } from '../../server/test/history.ts';
import { session, writeFixture } from '../../server/test/session-routes.ts';
import { FsStorage } from '../../server/storage/fs-storage.ts';
import { naiveLoad } from './naive-load.ts';

let history: TempFolder;
beforeAll(async () => {
  history = await tempFolder();
  await writeFixture(history);
});
afterAll(() => history.remove());

describe('naiveLoad (the bench baseline)', () => {
  it('keeps every parsable event of JSONL, gzip and JSON-array files, skipping bad lines', async () => {
    const { events, bytesRead } = await naiveLoad(new FsStorage(history.dir), session);
    const types = events.map(
      (e) => (e as { eventType?: string; event_id?: string }).eventType ?? 'legacy',
    );
    // 4 node events (the corrupt gzip file skipped), 9 + 7 parsable job 1 lines, 2 + 2 for jobs
    // 2 and 3, 3 legacy lines.
    expect(events).toHaveLength(4 + 9 + 7 + 2 + 2 + 3);
    expect(types).toContain('DRIVER_JOB_LIFECYCLE_EVENT');
    expect(types).toContain('BRAND_NEW_EVENT');
    expect(types.filter((t) => t === 'legacy')).toHaveLength(3);
    expect(bytesRead).toBeGreaterThan(0);
  });
});
