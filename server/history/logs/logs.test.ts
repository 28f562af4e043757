import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { tempFolder, type TempFolder } from '../../test/history.ts';
import { FsStorage } from '../../storage/fs-storage.ts';
import { inThisThread } from './block-matches.ts';
import { globMatcher } from './glob.ts';
import { groupByCategory, logCategory } from './log-categories.ts';
import { recordedLogPath, safeLogFolder, safeLogPath } from './log-path.ts';
import { lineRange, linesBefore } from './line-range.ts';
import { scanLines } from './search-scan.ts';
import { compileSearch, matchRanges, runawayReason } from './search-pattern.ts';
import { tailLines } from './tail.ts';

// The log logic without HTTP: categories, path safety, ANSI, tail, line ranges, search.

let folder: TempFolder;
let storage: FsStorage;
const numbered = (n: number) =>
  Array.from({ length: n }, (_, i) => `line ${i + 1} ${'x'.repeat(i % 37)}`).join('\n') + '\n';
const BIG = numbered(20_000); // ~500 KB, many tail chunks

beforeAll(async () => {
  folder = await tempFolder({
    'big.log': BIG,
    'no-final-newline.log': 'a\nb\nc',
    'one-long-line.log': 'y'.repeat(5000),
    'empty.log': '',
  });
  storage = new FsStorage(folder.dir);
});
afterAll(() => folder.remove());

const whole = (text: string) => ({ start: 0, end: Buffer.byteLength(text) });

describe('log categories', () => {
  it('sorts Ray file names into Ray categories', () => {
    expect(logCategory('worker-abc-01000000-12.out')).toBe('worker_out');
    expect(logCategory('worker-abc-01000000-12.err')).toBe('worker_err');
    expect(logCategory('python-core-worker-abc_12.log')).toBe('core_worker');
    expect(logCategory('python-core-driver-abc_12.log')).toBe('driver');
    // Ray 2.58 lists a submission's driver output with the internal files, not under `driver`.
    expect(logCategory('job-driver-raysubmit_1.log')).toBe('internal');
    expect(logCategory('raylet.out')).toBe('raylet');
    expect(logCategory('old/raylet.1.out')).toBe('raylet');
    expect(logCategory('gcs_server.err')).toBe('gcs_server');
    expect(logCategory('monitor.log')).toBe('autoscaler');
    // Ray tests substrings in order: only names with `monitor` are the autoscaler's.
    expect(logCategory('autoscaler.out')).toBe('internal');
    expect(logCategory('log_monitor.log')).toBe('internal');
    expect(logCategory('dashboard_JobHead.log')).toBe('internal');
    expect(logCategory('dashboard_agent.log')).toBe('agent');
    expect(logCategory('runtime_env_agent.log')).toBe('agent');
    expect(logCategory('dashboard.log')).toBe('dashboard');
    expect(logCategory('debug_state.txt')).toBe('internal');
    expect(logCategory('old/')).toBe('internal');
  });

  it('lists every category, empty ones too', () => {
    const groups = groupByCategory(['raylet.out', 'events/']);
    expect(Object.keys(groups)).toHaveLength(10);
    expect(groups.raylet).toEqual(['raylet.out']);
    expect(groups.internal).toEqual(['events/']);
    expect(groups.driver).toEqual([]);
  });

  it('filters by glob, matching names in subfolders too', () => {
    const match = globMatcher('raylet*.out');
    expect(match('raylet.out')).toBe(true);
    expect(match('old/raylet.1.out')).toBe(true);
    expect(match('raylet.err')).toBe(false);
    expect(globMatcher('old/*')('raylet.out')).toBe(false);
  });
});

describe('log paths', () => {
  it('accepts plain relative paths', () => {
    expect(safeLogPath('old/raylet.1.out')).toBe('old/raylet.1.out');
    expect(safeLogFolder('old')).toBe('old/');
    expect(safeLogFolder('')).toBe('');
  });

  it.each(['../x', 'old/../../x', '/etc/passwd', 'a\\b', 'a\u0000b', '%2e%2e/x', 'a//b', './x'])(
    'refuses %j with a 400',
    (path) => {
      expect(() => safeLogPath(path)).toThrow(expect.objectContaining({ statusCode: 400 }));
    },
  );

  it('makes the absolute paths Ray records relative to logs/', () => {
    expect(recordedLogPath('/tmp/ray/session_x/logs/worker-a.out')).toBe('worker-a.out');
    expect(recordedLogPath('worker-a.out')).toBe('worker-a.out');
  });
});

describe('tail', () => {
  it('returns the last N lines reading only the chunks it needs', async () => {
    const read = vi.spyOn(storage, 'read');
    const slice = await tailLines(storage, 'big.log', whole(BIG), 5, 4096);
    const expected = BIG.split('\n').slice(-6).join('\n');
    expect(slice.bytes.toString()).toBe(expected);
    expect(slice.end).toBe(Buffer.byteLength(BIG));
    expect(slice.start).toBe(Buffer.byteLength(BIG) - Buffer.byteLength(expected));
    expect(slice.firstLine).toBeNull();
    const reads = read.mock.results.length;
    expect(reads).toBe(1);
    read.mockRestore();
  });

  it('reads more chunks only as far back as the lines go', async () => {
    const read = vi.spyOn(storage, 'read');
    const slice = await tailLines(storage, 'big.log', whole(BIG), 1000, 4096);
    expect(slice.bytes.toString().split('\n')).toHaveLength(1001); // 1000 lines + final ''
    const calls = await Promise.all(read.mock.results.map((r) => r.value as Promise<Buffer>));
    const total = calls.reduce((sum, b) => sum + b.length, 0);
    expect(total).toBeLessThan(slice.bytes.length + 4096);
    expect(total).toBeLessThan(Buffer.byteLength(BIG) / 10);
    read.mockRestore();
  });

  it('returns everything with line 1 when asked for more lines than the file has, or -1', async () => {
    for (const lines of [50_000, -1]) {
      const slice = await tailLines(storage, 'big.log', whole(BIG), lines, 4096);
      expect(slice.bytes.toString()).toBe(BIG);
      expect(slice.firstLine).toBe(1);
    }
  });

  it('handles a missing final newline, 0 lines and an empty file', async () => {
    const text = 'a\nb\nc';
    expect(
      (await tailLines(storage, 'no-final-newline.log', whole(text), 2)).bytes.toString(),
    ).toBe('b\nc');
    expect((await tailLines(storage, 'no-final-newline.log', whole(text), 0)).bytes.length).toBe(0);
    expect((await tailLines(storage, 'empty.log', { start: 0, end: 0 }, 10)).bytes.length).toBe(0);
  });

  it("stays inside a window (a task attempt's range)", async () => {
    const lines = BIG.split('\n');
    const start = Buffer.byteLength(lines.slice(0, 10).join('\n') + '\n');
    const end = Buffer.byteLength(lines.slice(0, 20).join('\n') + '\n');
    const slice = await tailLines(storage, 'big.log', { start, end }, 100, 64);
    expect(slice.bytes.toString()).toBe(lines.slice(10, 20).join('\n') + '\n');
    expect(slice.firstLine).toBeNull();
  });
});

describe('line ranges', () => {
  it('widens a range to whole lines, and pages put the file back together', async () => {
    const pieces: Buffer[] = [];
    let start = 0;
    const size = Buffer.byteLength(BIG);
    while (start < size) {
      const slice = await lineRange(storage, 'big.log', whole(BIG), start, start + 7777);
      expect(slice.start).toBe(start);
      expect(BIG.slice(0, slice.end).endsWith('\n')).toBe(true);
      pieces.push(slice.bytes);
      start = slice.end;
    }
    expect(Buffer.concat(pieces).toString()).toBe(BIG);
  });

  it('snaps a start inside a line back to the line start', async () => {
    const slice = await lineRange(storage, 'big.log', whole(BIG), 3, 4);
    expect(slice.start).toBe(0);
    expect(slice.bytes.toString()).toBe('line 1 \n');
    expect(slice.firstLine).toBe(1);
  });

  it('pages backwards with before/bytes, whole lines only, back to the start', async () => {
    const pieces: Buffer[] = [];
    let before = Buffer.byteLength(BIG);
    while (before > 0) {
      const slice = await linesBefore(storage, 'big.log', whole(BIG), before, 5000);
      expect(slice.end).toBe(before);
      expect(slice.start === 0 || BIG[slice.start - 1] === '\n').toBe(true);
      pieces.unshift(slice.bytes);
      before = slice.start;
    }
    expect(Buffer.concat(pieces).toString()).toBe(BIG);
  });

  it('cuts a line longer than the page instead of looping', async () => {
    const slice = await linesBefore(
      storage,
      'one-long-line.log',
      { start: 0, end: 5000 },
      5000,
      100,
    );
    expect(slice).toMatchObject({ start: 4900, end: 5000 });
  });
});

describe('search patterns', () => {
  it('refuses regexes that can run away', () => {
    expect(runawayReason('(a+)+$')).toMatch(/nested quantifiers/);
    expect(runawayReason('(\\w*\\s?)*x')).toMatch(/nested quantifiers/);
    expect(runawayReason('(a|aa)*b')).toMatch(/alternation/);
    expect(runawayReason('(x)\\1')).toMatch(/backreferences/);
    expect(runawayReason('a(?=b)')).toMatch(/lookarounds/);
    expect(runawayReason('(?<!a)b')).toMatch(/lookarounds/);
    expect(runawayReason('ERROR.*worker \\d+ (died|exited)')).toBeNull();
    expect(runawayReason('[(a+)+]+')).toBeNull();
    expect(() => compileSearch('(a+)+', 'regex')).toThrow(
      expect.objectContaining({ statusCode: 400 }),
    );
    expect(() => compileSearch('([a-', 'regex')).toThrow(
      expect.objectContaining({ statusCode: 400 }),
    );
  });

  it('finds ranges case-insensitively in plain mode, exactly in case mode', () => {
    expect(matchRanges(compileSearch('err', 'plain'), 'Err x ERR err')).toEqual([
      [0, 3],
      [6, 9],
      [10, 13],
    ]);
    expect(matchRanges(compileSearch('err', 'case'), 'Err x ERR err')).toEqual([[10, 13]]);
    expect(matchRanges(compileSearch('a.c', 'case'), 'abc a.c')).toEqual([[4, 7]]);
    expect(matchRanges(compileSearch('\\d+', 'regex'), 'a 12 b 345')).toEqual([
      [2, 4],
      [7, 10],
    ]);
  });
});

describe('scanning lines', () => {
  const scan = async (chunks: string[], query: string, context: number) => {
    const out = [];
    const progress = { bytes: 0 };
    const stream = Readable.from(chunks.map((c) => Buffer.from(c)));
    for await (const m of scanLines(
      stream,
      inThisThread(compileSearch(query, 'plain')),
      context,
      progress,
    ))
      out.push(m);
    return { matches: out, bytes: progress.bytes };
  };

  it('reports line numbers, byte offsets and context across chunk boundaries', async () => {
    const text = 'one\ntwo\nthree hit\nfour\r\nfive hit\nsix\n';
    const { matches, bytes } = await scan(
      [text.slice(0, 5), text.slice(5, 13), text.slice(13)],
      'hit',
      1,
    );
    expect(bytes).toBe(text.length);
    expect(matches).toEqual([
      { line: 3, offset: 8, text: 'three hit', ranges: [[6, 9]], before: ['two'], after: ['four'] },
      { line: 5, offset: 24, text: 'five hit', ranges: [[5, 8]], before: ['four'], after: ['six'] },
    ]);
  });

  it('matches text split by colour codes, and reports it stripped', async () => {
    const { matches } = await scan(['a\n\u001b[31mbad\u001b[0m thing\n'], 'bad thing', 0);
    expect(matches).toMatchObject([{ line: 2, text: 'bad thing', ranges: [[0, 9]] }]);
  });

  it('keeps context right when whole blocks without matches are skipped', async () => {
    const lines = Array.from({ length: 3000 }, (_, i) => `l${i + 1}`);
    lines[2500] = 'needle';
    const text = lines.join('\n') + '\n';
    const chunks = [];
    for (let i = 0; i < text.length; i += 1000) chunks.push(text.slice(i, i + 1000));
    const { matches } = await scan(chunks, 'needle', 2);
    expect(matches).toEqual([
      {
        line: 2501,
        offset: text.indexOf('needle'),
        text: 'needle',
        ranges: [[0, 6]],
        before: ['l2499', 'l2500'],
        after: ['l2502', 'l2503'],
      },
    ]);
  });

  it('finds a match on a last line without a newline', async () => {
    const { matches } = await scan(['x\nlast hit'], 'hit', 3);
    expect(matches).toMatchObject([{ line: 2, before: ['x'], after: [] }]);
  });
});
