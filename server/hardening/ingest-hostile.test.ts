import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { once } from 'node:events';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionInfo, SessionScope } from '../../contract/api.ts';
import { apiPaths } from '../../contract/paths.ts';
import * as e from '../test/events.ts';
import { indexKey, sessionDir } from '../history/layout.ts';
import { headerPath } from '../routes/session/logs.ts';
import { warmParsePool } from '../history/ingest/parse-pool.ts';
import {
  expectRefused,
  expectStillServing,
  hostileHistory,
  ids,
  scoped,
  type HostileHistory,
} from '../test/hostile.ts';

// Damaged event files of every kind: the session still loads, every problem is counted and
// named in /summary, memory stays bounded, and what is cached is the right answer.

const hostile: SessionInfo = {
  namespace: 'ml',
  kind: 'raycluster',
  name: 'hostile',
  clusterName: 'hostile',
  sessionName: 'session_2026-01-12_08-00-00_000001_1',
  startTime: Date.UTC(2026, 0, 12, 8),
};
const hostileScope: SessionScope = { ...hostile, session: hostile.sessionName };
const node = e.nodeId(7);
const jsonl = (events: unknown[]) => events.map((x) => JSON.stringify(x)).join('\n') + '\n';
const EVENT_LINE_MB = 50;

let h: HostileHistory;
const eventsKey = (name: string) => `${sessionDir(hostile)}${node}/node_events/${node}-${name}`;

/** One JSON event line of `mb` megabytes, written streamed between two good events. */
async function writeHugeEventFile(key: string, mb: number): Promise<void> {
  const path = join(h.history.dir, key);
  await mkdir(dirname(path), { recursive: true });
  const out = createWriteStream(path);
  out.write(jsonl([e.nodeDefinition(node, '10.0.0.7')]));
  out.write('{"eventType":"TASK_DEFINITION_EVENT","taskDefinitionEvent":{"taskName":"');
  const block = Buffer.alloc(1024 * 1024, 'n');
  for (let i = 0; i < mb; i++) if (!out.write(block)) await once(out, 'drain');
  out.write('"}}\n');
  out.end(jsonl([e.jobDefinition({ submissionId: 'raysubmit_after_huge' })]));
  await once(out, 'finish');
}

beforeAll(async () => {
  // Parse threads start (and warm their code on a made-up session) once per process: that is
  // not memory the hostile files cost, so it happens before the RSS below is measured.
  await warmParsePool();
  h = await hostileHistory();
  await h.history.write(indexKey(hostile), '');
  await writeHugeEventFile(eventsKey('2026-01-12-08.jsonl'), EVENT_LINE_MB);
  const many = jsonl(
    Array.from({ length: 3000 }, (_, i) =>
      e.taskLifecycle({ task: e.taskId(i), states: [['FINISHED', i]], node }),
    ),
  );
  const whole = gzipSync(many);
  await h.history.write(eventsKey('2026-01-12-09.jsonl.gz'), whole.subarray(0, whole.length >> 1));
  const corrupt = Buffer.from(whole);
  corrupt.fill(0x5a, 40, 400);
  await h.history.write(eventsKey('2026-01-12-10.jsonl.gz'), corrupt);
  await h.history.write(eventsKey('2026-01-12-11.jsonl.gz'), 'plain text, not gzip\n');
  await h.history.write(eventsKey('2026-01-12-12.jsonl.gz'), Buffer.alloc(0));
  await h.history.write(
    eventsKey('2026-01-12-13.jsonl'),
    jsonl([
      { eventType: 'BOGUS_EVENT', bogusEvent: {} },
      { eventType: 'BOGUS_EVENT' },
      { eventType: 'FUTURE_EVENT_TYPE', futureEvent: { x: 1 } },
      // Ids of the wrong length and not base64 at all: kept, normalised, never a crash.
      {
        ...e.nodeDefinition(e.nodeId(8), '10.0.0.8'),
        nodeDefinitionEvent: { nodeId: 'AQID', nodeIpAddress: '10.0.0.8' },
      },
      { ...e.jobDefinition(), driverJobDefinitionEvent: { jobId: 'not base64!', entrypoint: 'x' } },
      {
        ...e.actorDefinition(e.actorId(1), 'A'),
        actorDefinitionEvent: { actorId: '%%%', className: 'Odd' },
      },
    ]) + '[1,2,\n{"eventType":\n',
  );
}, 60_000);
afterAll(() => h.close());

const url = (rayPath: string) => apiPaths.scoped(hostileScope, rayPath);

describe('hostile event files', () => {
  it('load: every problem counted and named, the good events kept, memory bounded', async () => {
    const rssBefore = process.memoryUsage().rss;
    const res = await h.app.inject(url('/summary'));
    const grown = process.memoryUsage().rss - rssBefore;
    expect(res.statusCode, res.body).toBe(200);
    const summary = res.json();
    expect(summary.events.unknown).toBe(3);
    const warnings = (summary.warnings as string[]).join('\n');
    expect(warnings).toContain(
      'Unknown event types ignored: BOGUS_EVENT (2), FUTURE_EVENT_TYPE (1).',
    );
    // The 50 MB line and the two broken lines at the end of the last file.
    expect(warnings).toContain('3 malformed event lines skipped.');
    // An empty .gz object is a gzip stream cut at byte 0: truncated too.
    for (const name of ['09.jsonl.gz', '10.jsonl.gz', '11.jsonl.gz', '12.jsonl.gz'])
      expect(warnings).toMatch(
        new RegExp(
          `Corrupt or truncated file ${node}/node_events/${node}-2026-01-12-${name.replace('.', '\\.')}`,
        ),
      );
    // The 50 MB line is skipped (longer than the 16 MiB record limit), its neighbours are kept.
    const jobs = (await h.app.inject(url('/api/jobs/'))).json() as {
      job_id: string;
      submission_id: string | null;
    }[];
    expect(jobs.map((j) => j.submission_id)).toContain('raysubmit_after_huge');
    expect(jobs.map((j) => j.job_id)).toContain('not base64!');
    const nodes = (await h.app.inject(url('/nodes?view=summary'))).json().data.summary as {
      raylet: { nodeId: string };
    }[];
    expect(nodes.map((n) => n.raylet.nodeId).sort()).toEqual(['010203', node].sort());
    // The truncated file's first events survive.
    const tasks = (await h.app.inject(url('/api/v0/tasks?limit=1'))).json().data.result;
    expect(tasks.total).toBeGreaterThan(0);
    expect(tasks.total).toBeLessThan(3000);
    expect(grown).toBeLessThan(EVENT_LINE_MB * 4 * 1024 * 1024);
  });

  it('serve from the cache afterwards the same answer, and other sessions still work', async () => {
    const first = (await h.app.inject(url('/summary'))).json();
    const again = await h.app.inject(url('/summary'));
    expect(again.json()).toEqual(first);
    await expectStillServing(h.app);
  });
});

describe('odd characters in names', () => {
  const names = [
    'with space.log',
    'ünïcödé-日本.log',
    '100%.log',
    'hash#tag.log',
    `quote"s'.log`,
    'plus+and&amp;=.log',
    'old/nested name #1.log',
  ];

  beforeAll(async () => {
    for (const name of names) await h.writeLog(name, `content of ${name}\n`);
  });

  it('list, read and search files with any character, URLs round-tripping', async () => {
    const root = (await h.app.inject(scoped(`/logs/files?node_id=${ids.head}`))).json();
    const old = (await h.app.inject(scoped(`/logs/files?node_id=${ids.head}&prefix=old/`))).json();
    const listed = [...root.files, ...old.files].map((f: { path: string }) => f.path);
    for (const name of names) {
      expect(listed).toContain(name);
      const res = await h.app.inject(
        scoped(`/api/v0/logs/file?node_id=${ids.head}&filename=${encodeURIComponent(name)}`),
      );
      expect(res.statusCode, name).toBe(200);
      expect(res.body).toBe(`content of ${name}\n`);
      expect(res.headers['x-log-filename']).toBe(headerPath(name));
      expect(decodeURIComponent(res.headers['x-log-filename'] as string)).toBe(name);
      const download = await h.app.inject(
        scoped(
          `/api/v0/logs/file?node_id=${ids.head}&filename=${encodeURIComponent(name)}&download=1`,
        ),
      );
      expect(download.headers['content-disposition']).toMatch(/^attachment; filename="[\w.-]+"$/);
    }
    const found = (await h.app.inject(scoped(`/logs/search?q=content%20of&node_id=${ids.head}`)))
      .body;
    const files = found
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
      .filter((r) => r.type === 'match')
      .map((r) => r.file);
    expect(files.sort()).toEqual([...names].sort());
  });

  it('answer a cluster name with odd characters with a 404 naming it, and round-trip its URL', async () => {
    for (const name of ['we ird', 'ü%#"\'', '..', 'a/b']) {
      const path = apiPaths.scoped(
        { namespace: 'ml', kind: 'raycluster', name, session: 'latest' },
        '/summary',
      );
      const res = await h.app.inject(path);
      if (name === 'a/b' || name === '..') expect([400, 404]).toContain(res.statusCode);
      else expectRefused(res, 404, `No sessions of raycluster ${name} in namespace ml`);
    }
    expectRefused(
      await h.app.inject(
        apiPaths.scoped({ ...hostileScope, kind: 'bogus' as 'raycluster' }, '/summary'),
      ),
      400,
      /kind must be one of/,
    );
  });
});
