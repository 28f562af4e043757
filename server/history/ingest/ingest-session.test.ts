import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempFolder, type TempFolder } from '../../test/history.ts';
import { FsStorage } from '../../storage/fs-storage.ts';
import { sessionDir } from '../layout.ts';
import { ingestSession, type AddResult, type EventSink } from './ingest-session.ts';
import { emptyProgress } from './progress.ts';
import { session } from '../../test/session-routes.ts';

const head = 'a'.repeat(56);
const worker = 'b'.repeat(56);

/** Records what ingest feeds; `eventType: "BOGUS"` is unknown, an event without one invalid. */
class RecordingSink implements EventSink {
  events: unknown[] = [];
  legacy: { json: unknown; nodeId: string }[] = [];
  debugStates: { nodeId: string; text: string }[] = [];
  addEvent(json: unknown): AddResult {
    const type = (json as { eventType?: string }).eventType;
    if (type === undefined) return 'invalid';
    if (type === 'BOGUS') return 'unknown';
    this.events.push(json);
    return 'ok';
  }
  addLegacyEvent(json: unknown, nodeId: string): AddResult {
    this.legacy.push({ json, nodeId });
    return 'ok';
  }
  addDebugState(nodeId: string, text: string): void {
    this.debugStates.push({ nodeId, text });
  }
}

const event = (n: number) => JSON.stringify({ eventType: 'TASK_LIFECYCLE_EVENT', n });
const lines = (...ns: number[]) => ns.map(event).join('\n') + '\n';

let folder: TempFolder;
let root: string;
/** Writes a file at a key relative to the session folder. */
const put = (relative: string, content: string | Buffer) =>
  folder.write(`${sessionDir(session)}${relative}`, content);

beforeEach(async () => {
  folder = await tempFolder();
  root = folder.dir;
});
afterEach(() => folder.remove());

describe('ingestSession', () => {
  it('reads node and job event files, plain and gzip, JSON Lines and JSON arrays', async () => {
    await put(`${head}/node_events/${head}-2026-01-11-19.jsonl`, lines(1, 2));
    await put(`${head}/node_events/${head}-2026-01-11-20-17.jsonl.gz`, gzipSync(lines(3)));
    await put(`${head}/job_events/02000000/${head}-2026-01-11-19`, `[${event(4)},${event(5)}]`);
    await put(
      `${worker}/job_events/02000000/${worker}-2026-01-11-19.gz`,
      gzipSync(`[${event(6)}]`),
    );
    const sink = new RecordingSink();
    const progress = emptyProgress();
    const report = await ingestSession(new FsStorage(root), session, sink, { progress });
    expect(sink.events.map((e) => (e as { n: number }).n).sort()).toEqual([1, 2, 3, 4, 5, 6]);
    expect(report.events).toBe(6);
    expect(report.nodeIds).toEqual([head, worker]);
    expect(progress.filesRead).toBe(4);
    expect(progress.filesTotal).toBe(4);
    expect(progress.bytesRead).toBe(progress.bytesTotal);
    expect(progress.bytesTotal).toBeGreaterThan(0);
  });

  it('skips files whose names are not event files, and folders that are not nodes', async () => {
    await put(`${head}/node_events/${head}-2026-01-11-19.jsonl`, lines(1));
    await put(`${head}/node_events/notes.txt`, lines(2));
    await put(`fetched_endpoints/restful__timezone`, '{"offset":"0"}');
    await put(`not-a-node/node_events/${head}-2026-01-11-19.jsonl`, lines(3));
    const sink = new RecordingSink();
    await ingestSession(new FsStorage(root), session, sink);
    expect(sink.events).toHaveLength(1);
  });

  it('counts malformed lines and unknown types per file, across CRLF, blanks and no final newline', async () => {
    const messy = [
      event(1),
      '{not json',
      '',
      JSON.stringify({ eventType: 'BOGUS' }),
      '{}',
      event(2),
    ];
    await put(`${head}/node_events/${head}-2026-01-11-19.jsonl`, messy.join('\r\n'));
    await put(`${head}/node_events/${head}-2026-01-11-20.jsonl`, lines(3));
    const sink = new RecordingSink();
    const report = await ingestSession(new FsStorage(root), session, sink);
    expect(sink.events).toHaveLength(3);
    expect(report.malformedLines).toBe(1);
    expect(report.invalidEvents).toBe(1);
    expect(report.unknownEventTypes).toEqual({ BOGUS: 1 });
    expect(report.filesWithProblems).toEqual([
      {
        file: `${head}/node_events/${head}-2026-01-11-19.jsonl`,
        malformedLines: 1,
        invalidEvents: 1,
        unknownEvents: 1,
      },
    ]);
  });

  it('reads a line of several megabytes spread over many chunks', async () => {
    const long = JSON.stringify({ eventType: 'TASK_LIFECYCLE_EVENT', n: 7, pad: 'x'.repeat(3e6) });
    await put(
      `${head}/node_events/${head}-2026-01-11-19.jsonl.gz`,
      gzipSync(`${long}\n${event(8)}`),
    );
    const sink = new RecordingSink();
    const report = await ingestSession(new FsStorage(root), session, sink);
    expect(sink.events.map((e) => (e as { n: number }).n)).toEqual([7, 8]);
    expect(report.malformedLines).toBe(0);
  });

  it('keeps the events before a truncated gzip file breaks off and names the file', async () => {
    const whole = gzipSync(lines(...Array.from({ length: 2000 }, (_, i) => i)));
    const name = `${head}/node_events/${head}-2026-01-11-19.jsonl.gz`;
    await put(name, whole.subarray(0, Math.floor(whole.length / 2)));
    await put(`${head}/node_events/${head}-2026-01-11-20.jsonl.gz`, Buffer.from('not gzip at all'));
    await put(`${head}/node_events/${head}-2026-01-11-21.jsonl`, lines(9999));
    const warnings: string[] = [];
    const sink = new RecordingSink();
    const report = await ingestSession(new FsStorage(root), session, sink, {
      warn: (m) => warnings.push(m),
    });
    expect(report.corruptFiles.map((f) => f.file)).toEqual([
      name,
      `${head}/node_events/${head}-2026-01-11-20.jsonl.gz`,
    ]);
    const kept = report.corruptFiles[0]!.eventsKept;
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThan(2000);
    expect(report.events).toBe(kept + 1);
    expect(warnings.join('\n')).toContain(name);
  });

  it('reads legacy events and debug_state.txt, and names nodes without logs', async () => {
    await put(`${head}/logs/events/event_GCS.log`, '{"event_id":"e1","label":"X"}\n');
    await put(`${head}/logs/events/other.log`, '{"event_id":"e2"}\n');
    await put(`${head}/logs/debug_state.txt`, 'Node ID: aaaa\n');
    await put(`${worker}/node_events/${worker}-2026-01-11-19.jsonl`, lines(1));
    const sink = new RecordingSink();
    const report = await ingestSession(new FsStorage(root), session, sink);
    expect(sink.legacy).toEqual([{ json: { event_id: 'e1', label: 'X' }, nodeId: head }]);
    expect(sink.debugStates).toEqual([{ nodeId: head, text: 'Node ID: aaaa\n' }]);
    expect(report.nodesWithoutLogs).toEqual([worker]);
  });

  it('fails the whole load when storage fails (so it is retried, not cached half-read)', async () => {
    await put(`${head}/node_events/${head}-2026-01-11-19.jsonl`, lines(1));
    const storage = new FsStorage(root);
    const reset = async () => {
      throw new Error('connection reset');
    };
    storage.stream = reset;
    storage.openReader = reset;
    await expect(ingestSession(storage, session, new RecordingSink())).rejects.toThrow(
      'connection reset',
    );
  });
});
