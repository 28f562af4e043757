import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unpackRealRayRecording } from '../../../e2e/support/real-ray-fixture.ts';
import { generateSampleHistory } from '../../../scripts/sample/generate.ts';
import { emptyTally, tallyBatch, tallyLines } from '../ingest/file-tally.ts';
import { splitText, type EventRecord } from '../ingest/records.ts';
import { tempFolder, type TempFolder } from '../../test/history.ts';
import * as ev from '../../test/events.ts';
import { sessionEvents } from '../../test/session.ts';
import { decodeRayEventBytes } from './decode-bytes.ts';
import { decodeRayEvent } from './decode.ts';
import { SessionReducer } from './reducer.ts';

// The byte decoder is a fast path: for every line it accepts, it must give exactly what
// decodeRayEvent(JSON.parse(line)) gives, and whole batches must reduce to the same partial
// reduction either way. Checked on a real Ray recording, a generated sample and fuzzed lines.

const MAX_RECORD_BYTES = 16 * 1024 * 1024;
const TASK_TYPES =
  /"eventType"\s*:\s*"(TASK_DEFINITION|ACTOR_TASK_DEFINITION|TASK_LIFECYCLE|TASK_PROFILE)_EVENT"/;

/** What the JSON.parse path makes of a line ('malformed' when it does not parse). */
function slowDecode(line: string) {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    return 'malformed';
  }
  return decodeRayEvent(json);
}

/** Both paths on one line; returns whether the fast path took it. */
function expectSameDecode(line: string): boolean {
  const bytes = Buffer.from(line, 'utf8');
  const fast = decodeRayEventBytes(bytes, 0, bytes.length);
  if (fast === null) return false;
  expect(fast, line).toStrictEqual(slowDecode(line));
  return true;
}

/** A batch of lines reduced both ways: tallies and partial reductions must be equal. */
function expectSameReduction(text: string): void {
  const fast = new SessionReducer();
  const fastTally = emptyTally();
  tallyLines(
    Buffer.from(text, 'utf8'),
    { legacy: false, nodeId: '' },
    fast,
    fastTally,
    MAX_RECORD_BYTES,
  );
  const slow = new SessionReducer();
  const slowTally = emptyTally();
  const records: EventRecord[] = [];
  splitText(Buffer.from(text, 'utf8').toString('utf8'), MAX_RECORD_BYTES, records);
  tallyBatch(records, { legacy: false, nodeId: '' }, slow, slowTally);
  expect(fastTally).toStrictEqual(slowTally);
  expect(fast.partial()).toStrictEqual(slow.partial());
}

function eventFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.jsonl(\.gz)?$/.test(e.name))
    .map((e) => path.join(e.parentPath, e.name));
}

function fileLines(file: string): string[] {
  const bytes = readFileSync(file);
  const text = (file.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
  return text.split('\n').filter((line) => line.trim() !== '');
}

describe('decodeRayEventBytes on recorded and generated events', () => {
  let sample: TempFolder;
  beforeAll(async () => {
    sample = await tempFolder();
    await generateSampleHistory({ out: sample.dir, seed: 11, tasks: 200 });
  }, 60_000);
  afterAll(async () => {
    await sample.remove();
  });

  it('equals the JSON.parse path on every line of the real Ray recording', () => {
    const files = eventFiles(unpackRealRayRecording().historyRoot);
    expect(files.length).toBeGreaterThan(0);
    let taskLines = 0;
    let fast = 0;
    for (const file of files) {
      const lines = fileLines(file);
      for (const line of lines) {
        if (TASK_TYPES.test(line)) taskLines++;
        if (expectSameDecode(line)) fast++;
      }
      expectSameReduction(lines.join('\n'));
    }
    // The fast path must actually take the task events, or this test checks nothing.
    expect(taskLines).toBeGreaterThan(100);
    expect(fast).toBe(taskLines);
  });

  it('equals the JSON.parse path on a generated sample', () => {
    const files = eventFiles(sample.dir);
    let fast = 0;
    for (const file of files) {
      const lines = fileLines(file);
      for (const line of lines) if (expectSameDecode(line)) fast++;
      expectSameReduction(lines.join('\r\n'));
    }
    expect(fast).toBeGreaterThan(500);
  });
});

// ---- fuzzing: the same events, written in every way JSON allows (and some it does not) ----

/** A small deterministic random source, so one fast-check seed is one line. */
function randomSource(seed: number) {
  let s = seed >>> 0 || 1;
  const next = () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
  return {
    chance: (p: number) => next() < p,
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    int: (n: number) => Math.floor(next() * n),
  };
}
type Random = ReturnType<typeof randomSource>;

const SPACES = [' ', '\t', '\r', '  ', ' \t '];

function space(r: Random): string {
  return r.chance(0.15) ? r.pick(SPACES) : '';
}

/** A JSON string literal, some characters escaped the long way. */
function stringLiteral(value: string, r: Random): string {
  const plain = JSON.stringify(value);
  if (!r.chance(0.2)) return plain;
  let out = '"';
  for (const ch of value) {
    const code = ch.charCodeAt(0);
    if (ch === '"' || ch === '\\' || code < 0x20 || r.chance(0.3)) {
      for (let k = 0; k < ch.length; k++)
        out += `\\u${ch
          .charCodeAt(k)
          .toString(16)
          .padStart(4, r.chance(0.5) ? '0' : '0')}`;
    } else if (ch === '/' && r.chance(0.5)) out += '\\/';
    else out += ch;
  }
  return `${out}"`;
}

function numberLiteral(value: number, r: Random): string {
  if (!Number.isInteger(value) || !r.chance(0.3)) return JSON.stringify(value);
  return r.pick([`${value}.0`, `${value}e0`, `${value}E+0`, `${value * 10}e-1`, `${value}.000`]);
}

const ODD_VALUES = [
  'null',
  'true',
  'false',
  '0',
  '-0',
  '1.5e3',
  '"x"',
  '[]',
  '{}',
  '"5"',
  '[1,{"a":2}]',
];
const SAME_NAMES = ['taskId', 'jobId', 'state', 'timestamp', 'eventType', 'taskAttempt', 'nodeId'];

/** Serialises `value` with shuffled keys, odd spacing, escapes, number forms, duplicate and extra keys. */
function write(value: unknown, r: Random, depth = 0): string {
  if (typeof value === 'string') return stringLiteral(value, r);
  if (typeof value === 'number') return numberLiteral(value, r);
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value))
    return `[${space(r)}${value.map((v) => write(v, r, depth + 1)).join(`${space(r)},${space(r)}`)}${space(r)}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(
    ([, v]) => v !== undefined,
  );
  const members = entries.map(
    ([k, v]) => `${stringLiteral(k, r)}${space(r)}:${space(r)}${write(v, r, depth + 1)}`,
  );
  for (let i = members.length - 1; i > 0; i--) {
    if (!r.chance(0.3)) continue;
    const j = r.int(i + 1);
    [members[i], members[j]] = [members[j]!, members[i]!];
  }
  if (entries.length > 0 && r.chance(0.15)) {
    // A duplicate key: JSON.parse keeps the last one.
    const [k] = r.pick(entries);
    const duplicate = `${stringLiteral(k, r)}:${r.pick(ODD_VALUES)}`;
    if (r.chance(0.5)) members.unshift(duplicate);
    else members.push(duplicate);
  }
  if (r.chance(0.15)) {
    // Wanted names inside a value nobody reads.
    const nested = `{"${r.pick(SAME_NAMES)}":${r.pick(ODD_VALUES)},"${r.pick(SAME_NAMES)}":{"taskId":"AAAA"}}`;
    members.splice(r.int(members.length + 1), 0, `"extra${depth}":${nested}`);
  }
  return `{${space(r)}${members.join(`${space(r)},${space(r)}`)}${space(r)}}`;
}

/** Damages a line the way broken files do: cut short, a byte replaced, junk appended. */
function damage(line: string, r: Random): string {
  const bytes = Buffer.from(line, 'utf8');
  switch (r.int(4)) {
    case 0:
      return bytes.subarray(0, r.int(bytes.length)).toString('latin1');
    case 1: {
      const at = r.int(bytes.length);
      const copy = Buffer.from(bytes);
      copy[at] = r.pick([0x00, 0x0b, 0x22, 0x5c, 0x7b, 0x7d, 0x2c, 0x3a, 0xff, 0xc3, 0x30, 0x41]);
      return copy.toString('latin1');
    }
    case 2:
      return `${line}${r.pick([',', '}', ' x', '\u00a0', '\u2028', ' \t'])}`;
    default:
      return line;
  }
}

const TASK_EVENTS = [
  ...sessionEvents().filter((e) => TASK_TYPES.test(JSON.stringify(e))),
  ev.taskDefinition({ task: ev.taskId(9), func: 'fn', className: 'pkg.Cls' }),
  ev.taskLifecycle({
    task: ev.taskId(9),
    states: [['FAILED', 5]],
    error: {
      type: 'TASK_EXECUTION_EXCEPTION',
      message: '\u001b[31mTraceback\u001b[0m: naïve — 失败 "quoted" \\ back',
    },
  }),
];

describe('decodeRayEventBytes on fuzzed lines', () => {
  it('equals JSON.parse for task events written in any JSON form', () => {
    let fast = 0;
    fc.assert(
      fc.property(fc.integer(), fc.nat(TASK_EVENTS.length - 1), (seed, which) => {
        const r = randomSource(seed);
        const line = write(TASK_EVENTS[which], r);
        if (expectSameDecode(line)) fast++;
      }),
      { numRuns: 3000 },
    );
    expect(fast).toBeGreaterThan(1000);
  });

  it('never accepts a line JSON.parse rejects, nor decodes one differently', () => {
    fc.assert(
      fc.property(fc.integer(), fc.nat(TASK_EVENTS.length - 1), (seed, which) => {
        const r = randomSource(seed);
        const line = damage(write(TASK_EVENTS[which], r), r);
        // latin1 round trip: the damaged bytes themselves, invalid UTF-8 included.
        const bytes = Buffer.from(line, 'latin1');
        const fast = decodeRayEventBytes(bytes, 0, bytes.length);
        if (fast !== null) expect(fast).toStrictEqual(slowDecode(bytes.toString('utf8')));
      }),
      { numRuns: 3000 },
    );
  });

  it('keeps unicode, escapes and odd numbers in the values it reads', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme' }),
        fc.string(),
        fc.oneof(fc.integer(), fc.double(), fc.constantFrom('7', ' 7', '-3', '1e2', 'x')),
        fc.integer(),
        (name, message, attempt, seed) => {
          const r = randomSource(seed);
          const definition = ev.taskDefinition({ task: ev.taskId(3), func: name });
          const p = (definition as unknown as { taskDefinitionEvent: Record<string, unknown> })
            .taskDefinitionEvent;
          p.taskAttempt = attempt;
          p.taskName = message;
          p.labelSelector = { [name]: message, [message]: attempt };
          expectSameDecode(write(definition, r));
          expectSameReduction(`${write(definition, r)}\n${JSON.stringify(definition)}\r\n`);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('reduces fuzzed batches (blank lines, CRLF, broken lines) to the same partial reduction', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer(), fc.nat(TASK_EVENTS.length - 1)), { maxLength: 30 }),
        (picks) => {
          const lines = picks.map(([seed, which]) => {
            const r = randomSource(seed);
            const line = write(TASK_EVENTS[which], r);
            return r.chance(0.1) ? damage(line, r) : line;
          });
          const r = randomSource(picks.length);
          expectSameReduction(
            lines.map((l) => `${l}${r.pick(['\n', '\r\n', '\n\n', '\n \n'])}`).join(''),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('turns ids into what normalizeId makes of them: hex, base64 of any padding, neither', () => {
    const idChars = fc.constantFrom(...'0123456789abcdefABCDEF+/-_=xyzé'.split(''));
    fc.assert(
      fc.property(
        fc.array(idChars, { maxLength: 40 }),
        fc.array(idChars, { maxLength: 8 }),
        (a, b) => {
          const line = JSON.stringify(
            ev.taskLifecycle({ task: ev.taskId(1), states: [['RUNNING', 1]] }),
          ).replace(/"taskId":"[^"]*"/, `"taskId":"${a.join('')}","jobId":"${b.join('')}"`);
          expectSameDecode(line);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('leaves other event types, non-objects and deep nesting to JSON.parse', () => {
    const job = JSON.stringify(ev.jobDefinition({ submissionId: 'x' }));
    const deep = `{"eventType":"TASK_LIFECYCLE_EVENT","x":${'['.repeat(100)}${']'.repeat(100)},"taskLifecycleEvent":{"taskId":"AAAA"}}`;
    const proto = `{"eventType":"TASK_DEFINITION_EVENT","taskDefinitionEvent":{"taskId":"AAAA","requiredResources":{"__proto__":1}}}`;
    for (const line of [job, '[1]', '"x"', deep, proto]) {
      const bytes = Buffer.from(line);
      expect(decodeRayEventBytes(bytes, 0, bytes.length), line).toBeNull();
    }
  });
});
