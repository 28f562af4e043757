import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempFolder, type TempFolder } from '../../test/history.ts';
import { FsStorage } from '../../storage/fs-storage.ts';
import { sessionDir } from '../layout.ts';
import {
  TASK_SORT_KEYS,
  listActors,
  listEvents,
  listJobs,
  nodeSummary,
  queryTasks,
  sessionSummary,
} from '../events/index.ts';
import * as s from '../../test/session.ts';
import { loadSession, type LoadedSession } from './load-session.ts';
import { sharedParsePool } from './parse-pool.ts';
import { session } from '../../test/session-routes.ts';

let folder: TempFolder;
const put = (relative: string, content: string | Buffer) =>
  folder.write(`${sessionDir(session)}${relative}`, content);
const jsonLines = (items: unknown[]) => items.map((e) => JSON.stringify(e)).join('\n') + '\n';

beforeEach(async () => {
  folder = await tempFolder();
  const events = s.sessionEvents();
  // Spread over several files of both nodes, one gzipped, one cut short, one with a bad line.
  const third = Math.ceil(events.length / 3);
  await put(
    `${s.HEAD}/node_events/${s.HEAD}-2026-01-11-19.jsonl`,
    jsonLines(events.slice(0, third)),
  );
  await put(
    `${s.HEAD}/job_events/02000000/${s.HEAD}-2026-01-11-19.jsonl.gz`,
    gzipSync(jsonLines(events.slice(third, 2 * third))),
  );
  await put(
    `${s.WORKER_NODE}/node_events/${s.WORKER_NODE}-2026-01-11-19.jsonl`,
    `${jsonLines(events.slice(2 * third))}{not json\n`,
  );
  const truncated = gzipSync(jsonLines(events));
  await put(
    `${s.WORKER_NODE}/node_events/${s.WORKER_NODE}-2026-01-11-20.jsonl.gz`,
    truncated.subarray(0, truncated.length - 10),
  );
  await put(`${s.HEAD}/logs/events/event_GCS.log`, jsonLines(s.legacyEvents().map((e) => e.json)));
  await put(`${s.HEAD}/logs/debug_state.txt`, s.HEAD_DEBUG_STATE);
});
afterEach(() => folder.remove());

function answers({ snapshot, report }: LoadedSession): unknown {
  return {
    report,
    summary: sessionSummary(snapshot),
    jobs: listJobs(snapshot),
    nodes: nodeSummary(snapshot),
    actors: listActors(snapshot),
    events: listEvents(snapshot),
    tasks: TASK_SORT_KEYS.map((sortBy) =>
      queryTasks(snapshot, { sortBy, excludeDriver: false, limit: 1_000 }),
    ),
  };
}

describe('loadSession', () => {
  it('gives the same session whether files are parsed here or on worker threads', async () => {
    const storage = new FsStorage(folder.dir);
    const here = await loadSession(storage, session, { workers: 0 });
    const workers = await loadSession(storage, session, { workers: 2, parallelFromBytes: 0 });
    expect(here.snapshot.tasks.count).toBeGreaterThan(5);
    expect(here.report.corruptFiles).toHaveLength(1);
    expect(here.report.malformedLines).toBe(1);
    expect(answers(workers)).toEqual(answers(here));
  });

  it('gives the same session when one big file is cut into batches for several workers', async () => {
    // Over 2 MiB of CRLF lines (the session's events, repeated), a bad line and a long one inside.
    const events = s.sessionEvents().map((e) => JSON.stringify(e));
    const body: string[] = [];
    const long = `{"pad":"${'x'.repeat(300 * 1024)}"}`;
    for (let bytes = 0; bytes < 2.5 * 1024 * 1024; bytes += events.join('').length + long.length) {
      body.push(...events, '{not json', long);
    }
    await put(`${s.HEAD}/job_events/01000000/${s.HEAD}-2026-01-11-20.jsonl`, body.join('\r\n'));
    const storage = new FsStorage(folder.dir);
    const here = await loadSession(storage, session, { workers: 0 });
    const workers = await loadSession(storage, session, { workers: 2, parallelFromBytes: 0 });
    expect(here.report.malformedLines).toBeGreaterThan(2);
    expect(answers(workers)).toEqual(answers(here));
  });

  it('feeds the workers a big file through a few batch buffers, handed back and refilled', async () => {
    // About 20 MiB of lines: 20 batches of 1 MiB, more than can be in flight at once.
    const lines = jsonLines(s.sessionEvents());
    await put(
      `${s.HEAD}/job_events/01000000/${s.HEAD}-2026-01-11-20.jsonl`,
      lines.repeat(Math.ceil((20 * 1024 * 1024) / lines.length)),
    );
    const storage = new FsStorage(folder.dir);
    const buffers = sharedParsePool(2).batchBuffers;
    const made = buffers.made;
    const here = await loadSession(storage, session, { workers: 0 });
    const workers = await loadSession(storage, session, { workers: 2, parallelFromBytes: 0 });
    expect(answers(workers)).toEqual(answers(here));
    // At most 18 in use at once (2 workers × 5 queued, 4 files × 2 being filled): none dropped.
    expect(buffers.made - made).toBeLessThan(20);
    // Once no load runs, the free buffers are dropped.
    expect(buffers.free).toBe(0);
  });
});
