import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeRayEvent, normalizeId, parseTimestampMs } from './index.ts';
import { asInt } from './fields.ts';
import { normalizeTaskId } from './ids.ts';
import * as ev from '../../test/events.ts';

describe('normalizeId', () => {
  it('turns base64 ids into lowercase hex', () => {
    expect(normalizeId('AgAAAA==')).toBe('02000000');
    expect(normalizeId(ev.b64(ev.nodeId(7)))).toBe(ev.nodeId(7));
  });

  it('keeps hex as hex', () => {
    expect(normalizeId('02000000')).toBe('02000000');
    expect(normalizeId(ev.taskId(3))).toBe(ev.taskId(3));
  });

  it('gives the hex of any base64 id, padded or not, standard or url-safe', () => {
    // Text that is already lowercase hex of whole bytes is read as hex (the test above): a short
    // base64 id can look like that ("abcd" is three bytes), so such encodings are not asked here.
    const looksHex = (text: string) => /^(?:[0-9a-f]{2})*$/.test(text);
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 80 }),
        fc.boolean(),
        (bytes, urlSafe) => {
          const buffer = Buffer.from(bytes);
          const hex = buffer.toString('hex');
          const padded = buffer.toString('base64');
          for (const text of [
            urlSafe ? buffer.toString('base64url') : padded,
            padded.replace(/=+$/, ''),
          ])
            if (!looksHex(text)) expect(normalizeId(text)).toBe(hex);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('reads a short base64 id that looks like hex as hex', () => {
    expect(Buffer.from('abcd', 'base64').toString('base64')).toBe('abcd');
    expect(normalizeId('abcd')).toBe('abcd');
  });

  it('gives an empty string for nothing', () => {
    expect(normalizeId(null)).toBe('');
    expect(normalizeId('')).toBe('');
    expect(normalizeId(undefined)).toBe('');
  });

  it('converts task ids (uncached) exactly as other ids', () => {
    const texts = fc.oneof(
      fc.uint8Array({ minLength: 0, maxLength: 30 }).map((b) => Buffer.from(b).toString('base64')),
      fc.uint8Array({ minLength: 0, maxLength: 30 }).map((b) => Buffer.from(b).toString('hex')),
      fc.string(),
    );
    fc.assert(
      fc.property(texts, (text) => {
        expect(normalizeTaskId(text)).toBe(normalizeId(text));
      }),
      { numRuns: 500 },
    );
    expect(normalizeTaskId(7)).toBe('');
  });
});

describe('asInt', () => {
  it('reads quoted int64s of any length as Number does, and nothing else', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), (n) => {
        const text = String(n);
        expect(asInt(text)).toBe(Number(text));
        expect(asInt(`0${text.replace('-', '')}`)).toBe(Number(text.replace('-', '')));
      }),
      { numRuns: 500 },
    );
    for (const text of ['', '-', '1.5', '1e3', ' 12', 'x1', '--1']) {
      expect(asInt(text)).toBe(/^\s*-?\d+\s*$/.test(text) ? Number(text) : null);
    }
  });
});

describe('parseTimestampMs', () => {
  it('keeps sub-millisecond order of RFC 3339 nanosecond timestamps', () => {
    const a = parseTimestampMs('2026-01-11T19:38:40.123456789Z')!;
    const b = parseTimestampMs('2026-01-11T19:38:40.123457000Z')!;
    expect(Math.floor(a)).toBe(Date.UTC(2026, 0, 11, 19, 38, 40, 123));
    expect(a).toBeLessThan(b);
  });

  it('reads `…Z` times from their digits exactly as Date.parse reads the same time at +00:00', () => {
    const pad = (n: number, width: number) => String(n).padStart(width, '0');
    const time = fc
      .record({
        year: fc.oneof(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 1999, max: 2101 })),
        month: fc.integer({ min: 0, max: 13 }),
        day: fc.integer({ min: 0, max: 32 }),
        hour: fc.integer({ min: 0, max: 25 }),
        minute: fc.integer({ min: 0, max: 61 }),
        second: fc.integer({ min: 0, max: 61 }),
        fraction: fc.stringMatching(/^(\.\d{1,9})?$/),
      })
      .map(
        (t) =>
          `${pad(t.year, 4)}-${pad(t.month, 2)}-${pad(t.day, 2)}T${pad(t.hour, 2)}:` +
          `${pad(t.minute, 2)}:${pad(t.second, 2)}${t.fraction}`,
      );
    fc.assert(
      fc.property(time, (t) => {
        expect(parseTimestampMs(`${t}Z`)).toBe(parseTimestampMs(`${t}+00:00`));
      }),
      { numRuns: 3000 },
    );
    expect(parseTimestampMs('2024-02-29T23:59:59.999999999Z')).toBe(
      Date.UTC(2024, 1, 29, 23, 59, 59, 999) + 0.999,
    );
    expect(parseTimestampMs('2026-02-30T00:00:00Z')).toBe(Date.parse('2026-02-30T00:00:00Z'));
    expect(parseTimestampMs('2026-13-01T00:00:00Z')).toBeNull();
  });

  it('reads quoted int64 counts by magnitude and rejects junk', () => {
    expect(parseTimestampMs('1768160320000')).toBe(1768160320000);
    expect(parseTimestampMs('1768160320000000000')).toBe(1768160320000);
    expect(parseTimestampMs('yesterday')).toBeNull();
  });
});

describe('decodeRayEvent', () => {
  it('decodes a task definition with ids in hex and the function name Ray shows', () => {
    const decoded = decodeRayEvent(
      ev.taskDefinition({ task: ev.taskId(1), func: 'step', className: 'mod.Trainer', attempt: 2 }),
    );
    expect(decoded).toMatchObject({
      kind: 'taskDefinition',
      taskId: ev.taskId(1),
      attempt: 2,
      jobId: ev.JOB,
      funcOrClassName: 'Trainer.step',
      name: 'Trainer.step',
      parentTaskId: ev.driverTaskId(),
      requiredResources: { CPU: 1 },
    });
  });

  it('decodes actor task definitions as ACTOR_TASK with their actor', () => {
    const actor = ev.actorId(1);
    const decoded = decodeRayEvent(
      ev.actorTaskDefinition({
        task: ev.actorTaskId(1, actor),
        actor,
        className: 'Counter',
        method: 'inc',
      }),
    );
    expect(decoded).toMatchObject({
      kind: 'taskDefinition',
      taskType: 'ACTOR_TASK',
      actorId: actor,
      name: 'Counter.inc',
    });
  });

  it('parses quoted int64 fields (pids, log offsets, exit codes)', () => {
    const life = decodeRayEvent(
      ev.taskLifecycle({
        task: ev.taskId(1),
        states: [['RUNNING', 1]],
        pid: 77,
        log: { stdoutFile: 'worker-x.out', stdoutStart: '10', stdoutEnd: '2048' },
      }),
    );
    expect(life).toMatchObject({
      workerPid: 77,
      logInfo: { stdoutStart: 10, stdoutEnd: 2048, stderrStart: null },
    });
    const job = decodeRayEvent(ev.jobDefinition());
    expect(job).toMatchObject({
      kind: 'jobDefinition',
      driverPid: 4242,
      driverNodeId: ev.nodeId(1),
    });
  });

  it('decodes every one of the ten event types', () => {
    const actor = ev.actorId(1);
    const events = [
      ev.taskDefinition({ task: ev.taskId(1) }),
      ev.actorTaskDefinition({
        task: ev.actorTaskId(1, actor),
        actor,
        className: 'A',
        method: 'm',
      }),
      ev.taskLifecycle({ task: ev.taskId(1), states: [['RUNNING', 1]] }),
      ev.taskProfile({
        task: ev.taskId(1),
        worker: ev.workerId(1),
        ip: '10.0.0.1',
        spans: [['task:execute', 1, 2]],
      }),
      ev.jobDefinition(),
      ev.jobLifecycle(ev.JOB, [{ state: 'CREATED', ms: 0 }]),
      ev.nodeDefinition(ev.nodeId(1), '10.0.0.1'),
      ev.nodeLifecycle(ev.nodeId(1), [{ state: 'ALIVE', ms: 0 }]),
      ev.actorDefinition(actor, 'A'),
      ev.actorLifecycle(actor, [{ state: 'ALIVE', ms: 1 }]),
    ];
    const kinds = events.map((e) => decodeRayEvent(e).kind);
    expect(kinds).toEqual([
      'taskDefinition',
      'taskDefinition',
      'taskLifecycle',
      'taskProfile',
      'jobDefinition',
      'jobLifecycle',
      'nodeDefinition',
      'nodeLifecycle',
      'actorDefinition',
      'actorLifecycle',
    ]);
  });

  it('reads profile span times in nanoseconds into milliseconds', () => {
    const decoded = decodeRayEvent(
      ev.taskProfile({
        task: ev.taskId(1),
        worker: ev.workerId(1),
        ip: '10.0.0.1',
        spans: [['task:execute', 5, 7.5]],
      }),
    );
    expect(decoded).toMatchObject({
      spans: [{ name: 'task:execute', startMs: ev.msAt(5), endMs: ev.msAt(7.5) }],
    });
  });

  it('tells unknown event types from invalid events', () => {
    expect(decodeRayEvent({ eventType: 'SOMETHING_NEW', somethingNew: {} })).toEqual({
      kind: 'unknown',
      eventType: 'SOMETHING_NEW',
    });
    expect(decodeRayEvent('text').kind).toBe('invalid');
    expect(decodeRayEvent({ eventType: 'TASK_LIFECYCLE_EVENT' }).kind).toBe('invalid');
    expect(decodeRayEvent({ eventType: 'TASK_LIFECYCLE_EVENT', taskLifecycleEvent: {} }).kind).toBe(
      'invalid',
    );
  });
});
