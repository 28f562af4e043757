import { stripAnsi } from '../../../contract/ansi.ts';
import { decodeRayEvent } from './decode.ts';
import type { DecodedEvent, StateAt, TaskLifecycle, TaskLogPieces } from './decoded.ts';
import { normalizeId } from './ids.ts';
import { parseTimestampMs, plusNanos } from './time.ts';

// A fast path for the events that make up almost all of a big session (task definitions,
// lifecycle and profile events): one pass over the line's bytes that checks the whole line is
// JSON, as JSON.parse would, but builds only the values decodeRayEvent reads (a few ids, times
// and names out of ~800 bytes), then hands that pruned object to decodeRayEvent itself. So the
// decoding rules stay in one place, and the result equals decodeRayEvent(JSON.parse(line)).
//
// Anything this pass is not sure about (another event type, a value of an unexpected shape, a
// key spelled with escapes that decodes to a wanted name is handled, a `__proto__` key, deep
// nesting, invalid JSON) answers null, and the caller takes the JSON.parse path for that line.
// decode-bytes.test.ts holds both paths equal on real, generated and fuzzed lines.

/** What to keep of a value. */
type Shape =
  | { kind: 'scalar' }
  /** A Ray id (read by normalizeId): base64 turns into hex straight from the bytes. */
  | { kind: 'id' }
  | { kind: 'object'; fields: Field[] }
  /** An object whose keys are data (resources, labels): every key kept, values scalar. */
  | { kind: 'map' }
  | { kind: 'array'; of: Shape };

interface Field {
  name: string;
  bytes: Uint8Array;
  shape: Shape;
}

const SCALAR: Shape = { kind: 'scalar' };
const ID: Shape = { kind: 'id' };
const MAP: Shape = { kind: 'map' };

function object(fields: Record<string, Shape>): Shape {
  return {
    kind: 'object',
    fields: Object.entries(fields).map(([name, shape]) => ({
      name,
      bytes: Buffer.from(name, 'latin1'),
      shape,
    })),
  };
}

function scalars(...names: string[]): Record<string, Shape> {
  return Object.fromEntries(names.map((name) => [name, SCALAR]));
}

function ids(...names: string[]): Record<string, Shape> {
  return Object.fromEntries(names.map((name) => [name, ID]));
}

const descriptor = object(scalars('functionName', 'className'));
const func = object({
  pythonFunctionDescriptor: descriptor,
  javaFunctionDescriptor: descriptor,
  cppFunctionDescriptor: descriptor,
});
const definitionCommon = {
  ...scalars('taskAttempt', 'language'),
  ...ids('taskId', 'jobId', 'parentTaskId', 'placementGroupId'),
  ...scalars('serializedRuntimeEnv'),
  requiredResources: MAP,
  labelSelector: MAP,
};

/**
 * Every key decodeRayEvent reads for the event types below (decode.ts): a key missing here
 * would be read as absent. Other event types are rare and take the JSON.parse path.
 */
const ENVELOPE = object({
  ...scalars('eventType', 'timestamp'),
  taskDefinitionEvent: object({
    ...definitionCommon,
    ...scalars('taskType', 'taskName'),
    taskFunc: func,
  }),
  actorTaskDefinitionEvent: object({
    ...definitionCommon,
    ...scalars('actorTaskName'),
    ...ids('actorId'),
    actorFunc: func,
  }),
  taskLifecycleEvent: object({
    ...scalars('taskAttempt', 'workerPid'),
    ...ids('taskId', 'nodeId', 'workerId', 'jobId'),
    stateTransitions: { kind: 'array', of: object(scalars('state', 'timestamp')) },
    rayErrorInfo: object(scalars('errorType', 'errorMessage')),
    taskLogInfo: object(
      scalars('stdoutFile', 'stderrFile', 'stdoutStart', 'stdoutEnd', 'stderrStart', 'stderrEnd'),
    ),
  }),
  taskProfileEvents: object({
    ...scalars('attemptNumber'),
    ...ids('taskId', 'jobId'),
    profileEvents: object({
      ...scalars('componentType', 'nodeIpAddress'),
      ...ids('componentId'),
      events: { kind: 'array', of: object(scalars('eventName', 'startTime', 'endTime')) },
    }),
  }),
});

const FAST_TYPES = new Set([
  'TASK_DEFINITION_EVENT',
  'ACTOR_TASK_DEFINITION_EVENT',
  'TASK_LIFECYCLE_EVENT',
  'TASK_PROFILE_EVENT',
]);

/** Thrown (never escapes this file) when the line needs the JSON.parse path. */
const GIVE_UP = { giveUp: true };

/** Deeper values are skipped by recursion; past this the line takes the JSON.parse path. */
const MAX_DEPTH = 64;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const MINUS = 0x2d;
const DIGIT_0 = 0x30;
const DIGIT_9 = 0x39;

function isDigit(c: number): boolean {
  return c >= DIGIT_0 && c <= DIGIT_9;
}

function isHex(c: number): boolean {
  return isDigit(c) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46);
}

/**
 * Buffer's own slicing methods (what `toString(encoding, start, end)` calls after choosing one
 * by name): called directly, strings cost noticeably less on this path. Present in every Node
 * version this server supports, though not in @types/node.
 */
interface SlicingBuffer extends Buffer {
  latin1Slice(start: number, end: number): string;
  utf8Slice(start: number, end: number): string;
}

/** One line's bytes and a position in them. */
class Scanner {
  b = Buffer.alloc(0) as SlicingBuffer;
  i = 0;
  end = 0;
  /** Set by skipString: the string had an escape / a byte over 0x7f. */
  escaped = false;
  nonAscii = false;

  reset(b: Buffer, start: number, end: number): void {
    this.b = b as SlicingBuffer;
    this.i = start;
    this.end = end;
  }

  /** The byte at the position, or -1 past the end. */
  peek(): number {
    return this.i < this.end ? this.b[this.i]! : -1;
  }

  /** Skips JSON whitespace; returns the next byte (-1 at the end). */
  space(): number {
    const b = this.b;
    let i = this.i;
    while (i < this.end) {
      const c = b[i]!;
      if (c !== 0x20 && c !== 0x09 && c !== 0x0d && c !== 0x0a) break;
      i++;
    }
    this.i = i;
    return i < this.end ? b[i]! : -1;
  }

  expect(c: number): void {
    if (this.space() !== c) throw GIVE_UP;
    this.i++;
  }

  /** Skips a string (at its opening quote); returns the index of its closing quote. */
  skipString(): number {
    const b = this.b;
    const end = this.end;
    let i = this.i + 1;
    let escaped = false;
    let nonAscii = false;
    for (;;) {
      if (i >= end) throw GIVE_UP;
      const c = b[i]!;
      // Printable ASCII other than `"` and `\`: nearly every byte of a string.
      if (c > QUOTE && c < 0x80 && c !== BACKSLASH) {
        i++;
        continue;
      }
      if (c === QUOTE) break;
      if (c === BACKSLASH) {
        escaped = true;
        const e = i + 1 < end ? b[i + 1]! : -1;
        if (e === 0x75) {
          // \uXXXX
          if (i + 5 >= end) throw GIVE_UP;
          for (let k = i + 2; k < i + 6; k++) if (!isHex(b[k]!)) throw GIVE_UP;
          i += 6;
          continue;
        }
        // " \ / b f n r t
        if (
          e !== QUOTE &&
          e !== BACKSLASH &&
          e !== 0x2f &&
          e !== 0x62 &&
          e !== 0x66 &&
          e !== 0x6e &&
          e !== 0x72 &&
          e !== 0x74
        )
          throw GIVE_UP;
        i += 2;
        continue;
      }
      if (c < 0x20) throw GIVE_UP;
      if (c >= 0x80) nonAscii = true;
      i++;
    }
    this.escaped = escaped;
    this.nonAscii = nonAscii;
    this.i = i + 1;
    return i;
  }

  /** A string's value (at its opening quote), decoded as JSON.parse would. */
  string(): string {
    const start = this.i;
    const close = this.skipString();
    if (this.escaped) return JSON.parse(this.b.utf8Slice(start, close + 1)) as string;
    return this.nonAscii
      ? this.b.utf8Slice(start + 1, close)
      : this.b.latin1Slice(start + 1, close);
  }

  /** Skips a number (grammar of RFC 8259); returns where it started. */
  skipNumber(): number {
    const b = this.b;
    const end = this.end;
    const start = this.i;
    let i = start;
    if (b[i] === MINUS) i++;
    if (i >= end) throw GIVE_UP;
    if (b[i] === DIGIT_0) i++;
    else if (isDigit(b[i]!)) while (i < end && isDigit(b[i]!)) i++;
    else throw GIVE_UP;
    if (i < end && b[i] === 0x2e) {
      i++;
      if (i >= end || !isDigit(b[i]!)) throw GIVE_UP;
      while (i < end && isDigit(b[i]!)) i++;
    }
    if (i < end && (b[i] === 0x65 || b[i] === 0x45)) {
      i++;
      if (i < end && (b[i] === 0x2b || b[i] === MINUS)) i++;
      if (i >= end || !isDigit(b[i]!)) throw GIVE_UP;
      while (i < end && isDigit(b[i]!)) i++;
    }
    this.i = i;
    return start;
  }

  number(): number {
    const start = this.skipNumber();
    const b = this.b;
    const negative = b[start] === MINUS;
    const first = negative ? start + 1 : start;
    // Short plain integers, the usual case, without building a string.
    if (this.i - first <= 15) {
      let n = 0;
      let k = first;
      for (; k < this.i; k++) {
        const c = b[k]!;
        if (!isDigit(c)) break;
        n = n * 10 + (c - DIGIT_0);
      }
      if (k === this.i) return negative ? -n : n;
    }
    return Number(b.toString('latin1', start, this.i));
  }

  literal(word: string, value: boolean | null): boolean | null {
    const b = this.b;
    if (this.i + word.length > this.end) throw GIVE_UP;
    for (let k = 0; k < word.length; k++) if (b[this.i + k] !== word.charCodeAt(k)) throw GIVE_UP;
    this.i += word.length;
    return value;
  }

  /**
   * An id string (at its opening quote) as normalizeId will see it: plain base64 becomes its
   * lowercase hex here, from the bytes, which normalizeId then keeps as it is (as it keeps any
   * lowercase hex); anything else is the string itself, for normalizeId to judge.
   */
  id(): string {
    const start = this.i;
    const close = this.skipString();
    if (this.escaped || this.nonAscii) {
      this.i = start;
      return this.string();
    }
    return hexOfBase64(this.b, start + 1, close) ?? this.b.latin1Slice(start + 1, close);
  }

  /** A string, number, boolean or null (after whitespace); objects and arrays give up. */
  scalar(): string | number | boolean | null {
    const c = this.space();
    if (c === QUOTE) return this.string();
    if (c === MINUS || isDigit(c)) return this.number();
    if (c === 0x74) return this.literal('true', true);
    if (c === 0x66) return this.literal('false', false);
    if (c === 0x6e) return this.literal('null', null);
    throw GIVE_UP;
  }

  /** Checks and skips any value. */
  skip(depth: number): void {
    const c = this.space();
    if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (depth >= MAX_DEPTH) throw GIVE_UP;
      this.i++;
      const close = c === OPEN_BRACE ? CLOSE_BRACE : CLOSE_BRACKET;
      if (this.space() === close) {
        this.i++;
        return;
      }
      do {
        if (c === OPEN_BRACE) {
          if (this.space() !== QUOTE) throw GIVE_UP;
          this.skipString();
          this.expect(COLON);
        }
        this.skip(depth + 1);
      } while (!this.memberEnd(close));
      return;
    }
    if (c === QUOTE) this.skipString();
    else this.scalar();
  }

  /** After a member's value: true at the object's end, false before the next member. */
  memberEnd(close: number): boolean {
    const next = this.space();
    this.i++;
    if (next === close) return true;
    if (next !== COMMA) throw GIVE_UP;
    return false;
  }

  /** Set by readKey: the key's bytes `[keyStart, keyClose)` and whether it had escapes. */
  keyStart = 0;
  keyClose = 0;
  keyEscaped = false;

  /** A key (after whitespace) and the colon after it, into keyStart, keyClose, keyEscaped. */
  readKey(): void {
    if (this.space() !== QUOTE) throw GIVE_UP;
    this.keyStart = this.i + 1;
    this.keyClose = this.skipString();
    this.keyEscaped = this.escaped;
    this.expect(COLON);
  }

  /** A key (at its quote) and the colon after it; `key` is set when it had escapes. */
  key(): { start: number; close: number; key: string | null } {
    const start = this.i;
    const close = this.skipString();
    // An escaped key is decoded (it may spell a wanted name); others are compared as bytes.
    const key = this.escaped ? (JSON.parse(this.b.utf8Slice(start, close + 1)) as string) : null;
    this.expect(COLON);
    return { start: start + 1, close, key };
  }

  /** The field of `fields` named by the key (`key`, or the bytes `[start, end)`), or undefined. */
  field(fields: Field[], key: string | null, start: number, end: number): Field | undefined {
    if (key !== null) {
      for (const f of fields) if (f.name === key) return f;
      return undefined;
    }
    const b = this.b;
    const length = end - start;
    next: for (const f of fields) {
      const name = f.bytes;
      if (name.length !== length || name[0] !== b[start]) continue;
      for (let k = 1; k < length; k++) if (name[k] !== b[start + k]) continue next;
      return f;
    }
    return undefined;
  }

  /** A value pruned to `shape`; values of another shape give up unless the decoders ignore them. */
  value(shape: Shape, depth: number): unknown {
    if (depth >= MAX_DEPTH) throw GIVE_UP;
    const c = this.space();
    switch (shape.kind) {
      case 'scalar':
        return this.scalar();
      case 'id':
        return c === QUOTE ? this.id() : this.scalar();
      case 'object': {
        if (c !== OPEN_BRACE) return this.scalar();
        // Wanted keys are fixed names, never `__proto__`: a plain object behaves as JSON.parse's.
        const out: Record<string, unknown> = {};
        this.i++;
        if (this.space() === CLOSE_BRACE) {
          this.i++;
          return out;
        }
        do {
          if (this.space() !== QUOTE) throw GIVE_UP;
          const k = this.key();
          const f = this.field(shape.fields, k.key, k.start, k.close);
          if (f) out[f.name] = this.value(f.shape, depth + 1);
          else this.skip(depth + 1);
        } while (!this.memberEnd(CLOSE_BRACE));
        return out;
      }
      case 'map': {
        if (c !== OPEN_BRACE) return this.scalar();
        const out: Record<string, unknown> = {};
        this.i++;
        if (this.space() === CLOSE_BRACE) {
          this.i++;
          return out;
        }
        do {
          if (this.space() !== QUOTE) throw GIVE_UP;
          const k = this.key();
          const name = k.key ?? this.b.utf8Slice(k.start, k.close);
          if (name === '__proto__') throw GIVE_UP;
          out[name] = this.scalar();
        } while (!this.memberEnd(CLOSE_BRACE));
        return out;
      }
      case 'array': {
        if (c !== OPEN_BRACKET) return this.scalar();
        this.i++;
        const out: unknown[] = [];
        if (this.space() === CLOSE_BRACKET) {
          this.i++;
          return out;
        }
        do out.push(this.value(shape.of, depth + 1));
        while (!this.memberEnd(CLOSE_BRACKET));
        return out;
      }
    }
  }
}

const BASE64_VALUE = new Int8Array(256).fill(-1);
for (const [i, c] of [
  ...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/',
].entries()) {
  BASE64_VALUE[c.charCodeAt(0)] = i;
}
BASE64_VALUE[0x2d] = 62; // '-', url-safe
BASE64_VALUE[0x5f] = 63; // '_', url-safe
const HEX_DIGITS = Buffer.from('0123456789abcdef', 'latin1');
const EQUALS = 0x3d;
let hexOut = Buffer.alloc(64) as SlicingBuffer;

/**
 * What normalizeId (ids.ts) turns the ASCII string `b[start, end)` into when that is lowercase
 * hex or base64, computed from the bytes; null when it is neither (or empty): then normalizeId
 * must see the string. Same rules as ids.ts: hex first, then standard or url-safe base64 with
 * up to two `=`, left-over bits dropped.
 */
function hexOfBase64(b: Buffer, start: number, end: number): string | null {
  if (end === start) return null;
  let lowerHex = (end - start) % 2 === 0;
  for (let i = start; lowerHex && i < end; i++) {
    const c = b[i]!;
    lowerHex = (c >= DIGIT_0 && c <= DIGIT_9) || (c >= 0x61 && c <= 0x66);
  }
  // Lowercase hex stays as it is: normalizeId keeps it (and would not read it as base64).
  if (lowerHex) return null;
  let stop = end;
  while (stop > start && b[stop - 1] === EQUALS) stop--;
  if (end - stop > 2 || (stop - start) % 4 === 1) return null;
  const length = Math.floor(((stop - start) * 6) / 8) * 2;
  if (hexOut.length < length) hexOut = Buffer.alloc(length * 2) as SlicingBuffer;
  let bits = 0;
  let buffer = 0;
  let o = 0;
  for (let i = start; i < stop; i++) {
    const v = BASE64_VALUE[b[i]!]!;
    if (v < 0) return null;
    buffer = ((buffer << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      const byte = (buffer >> bits) & 0xff;
      hexOut[o++] = HEX_DIGITS[byte >> 4]!;
      hexOut[o++] = HEX_DIGITS[byte & 15]!;
    }
  }
  return hexOut.latin1Slice(0, o);
}

const bytesOf = (name: string) => Buffer.from(name, 'latin1');
const K = {
  eventType: bytesOf('eventType'),
  timestamp: bytesOf('timestamp'),
  taskLifecycleEvent: bytesOf('taskLifecycleEvent'),
  taskId: bytesOf('taskId'),
  taskAttempt: bytesOf('taskAttempt'),
  stateTransitions: bytesOf('stateTransitions'),
  rayErrorInfo: bytesOf('rayErrorInfo'),
  nodeId: bytesOf('nodeId'),
  workerId: bytesOf('workerId'),
  workerPid: bytesOf('workerPid'),
  jobId: bytesOf('jobId'),
  taskLogInfo: bytesOf('taskLogInfo'),
  state: bytesOf('state'),
  errorType: bytesOf('errorType'),
  errorMessage: bytesOf('errorMessage'),
  stdoutFile: bytesOf('stdoutFile'),
  stderrFile: bytesOf('stderrFile'),
  stdoutStart: bytesOf('stdoutStart'),
  stdoutEnd: bytesOf('stdoutEnd'),
  stderrStart: bytesOf('stderrStart'),
  stderrEnd: bytesOf('stderrEnd'),
};
const LIFECYCLE_TYPE = bytesOf('TASK_LIFECYCLE_EVENT');

/** What a lifecycle payload says: a TaskLifecycle but its kind (and the event's time). */
type LifecycleParts = Omit<TaskLifecycle, 'kind'>;

/** The last whole second parsed from bytes (`YYYY-MM-DDTHH:MM:SS`) and its unix ms. */
const lastSecond = new Uint8Array(19);
let lastSecondMs = NaN;

/**
 * Task lifecycle events, the bulk of a session, read straight into a TaskLifecycle: no
 * intermediate objects and no strings for numbers, times or the event type. The rules are
 * decode.ts's taskLifecycle (normalizeId, attemptOf, transitions, logPieces, asInt, stripAnsi),
 * for the shapes Ray writes; any other shape of a value it reads gives up (GIVE_UP) and the line
 * takes the JSON.parse path.
 */
class LifecycleReader {
  private readonly s: Scanner;

  constructor(s: Scanner) {
    this.s = s;
  }

  /** Whether the key just read (`[start, close)`, unescaped) is `name`. */
  private is(name: Uint8Array): boolean {
    const s = this.s;
    if (s.keyEscaped || s.keyClose - s.keyStart !== name.length) return false;
    const b = s.b;
    for (let k = 0; k < name.length; k++) if (b[s.keyStart + k] !== name[k]) return false;
    return true;
  }

  /** The event of a line (at its `{`), null when it is not a lifecycle event or needs JSON.parse. */
  line(): DecodedEvent | null {
    const s = this.s;
    let lifecycle = false;
    let eventTimeMs: number | null = null;
    let payload: LifecycleParts | null = null;
    s.expect(OPEN_BRACE);
    if (s.space() === CLOSE_BRACE) return null;
    do {
      s.readKey();
      if (s.keyEscaped) throw GIVE_UP;
      if (this.is(K.eventType)) {
        if (s.space() !== QUOTE) throw GIVE_UP;
        const start = s.i + 1;
        const close = s.skipString();
        lifecycle = !s.escaped && this.equals(start, close, LIFECYCLE_TYPE);
        // Another type (Ray writes the type before the payload): the general way, at once.
        if (!lifecycle) return null;
      } else if (this.is(K.timestamp)) {
        if (s.space() !== QUOTE) throw GIVE_UP;
        const quote = s.i;
        eventTimeMs = this.time(quote, s.skipString());
      } else if (this.is(K.taskLifecycleEvent)) {
        payload = this.payload();
      } else s.skip(1);
    } while (!s.memberEnd(CLOSE_BRACE));
    if (s.space() !== -1 || !lifecycle || !payload || payload.taskId === '') return null;
    // The key order of decode.ts's result, so both paths' events share one object shape.
    const p = payload;
    return {
      kind: 'taskLifecycle',
      eventTimeMs,
      taskId: p.taskId,
      attempt: p.attempt,
      transitions: p.transitions,
      errorType: p.errorType,
      errorMessage: p.errorMessage,
      nodeId: p.nodeId,
      workerId: p.workerId,
      workerPid: p.workerPid,
      jobId: p.jobId,
      logInfo: p.logInfo,
    };
  }

  private equals(start: number, end: number, name: Uint8Array): boolean {
    if (end - start !== name.length) return false;
    const b = this.s.b;
    for (let k = 0; k < name.length; k++) if (b[start + k] !== name[k]) return false;
    return true;
  }

  /** decode.ts's taskLifecycle, without the event time. */
  private payload(): LifecycleParts {
    const s = this.s;
    if (s.space() !== OPEN_BRACE) throw GIVE_UP;
    s.i++;
    const p: LifecycleParts = {
      taskId: '',
      attempt: 0,
      transitions: [],
      errorType: '',
      errorMessage: '',
      nodeId: '',
      workerId: '',
      workerPid: null,
      jobId: '',
      logInfo: null,
    };
    if (s.space() === CLOSE_BRACE) {
      s.i++;
      return p;
    }
    do {
      s.readKey();
      if (s.keyEscaped) throw GIVE_UP;
      if (this.is(K.taskId)) p.taskId = this.id();
      else if (this.is(K.taskAttempt)) p.attempt = Math.max(0, this.int() ?? 0);
      else if (this.is(K.stateTransitions)) p.transitions = this.transitions();
      else if (this.is(K.rayErrorInfo)) this.error(p);
      else if (this.is(K.nodeId)) p.nodeId = this.id();
      else if (this.is(K.workerId)) p.workerId = this.id();
      else if (this.is(K.workerPid)) p.workerPid = this.int() || null;
      else if (this.is(K.jobId)) p.jobId = this.id();
      else if (this.is(K.taskLogInfo)) p.logInfo = this.logInfo();
      else s.skip(2);
    } while (!s.memberEnd(CLOSE_BRACE));
    return p;
  }

  /** normalizeId of a string value. */
  private id(): string {
    if (this.s.space() !== QUOTE) throw GIVE_UP;
    return normalizeId(this.s.id());
  }

  private text(): string {
    if (this.s.space() !== QUOTE) throw GIVE_UP;
    return this.s.string();
  }

  /** asInt of a number, or of a string of digits (as log offsets are written). */
  private int(): number | null {
    const s = this.s;
    const c = s.space();
    if (c === QUOTE) {
      const start = s.i + 1;
      const close = s.skipString();
      if (s.escaped || s.nonAscii) throw GIVE_UP;
      return integerText(s.b, start, close);
    }
    if (c !== MINUS && !isDigit(c)) throw GIVE_UP;
    const n = s.number();
    return Number.isFinite(n) ? Math.trunc(n) : null;
  }

  /** transitions() of decode.ts: items with a state and a readable time. */
  private transitions(): StateAt[] {
    const s = this.s;
    if (s.space() !== OPEN_BRACKET) throw GIVE_UP;
    s.i++;
    const out: StateAt[] = [];
    if (s.space() === CLOSE_BRACKET) {
      s.i++;
      return out;
    }
    do {
      if (s.space() !== OPEN_BRACE) {
        s.skip(3);
        continue;
      }
      s.i++;
      let state = '';
      let timeMs: number | null = null;
      if (s.space() === CLOSE_BRACE) s.i++;
      else
        do {
          s.readKey();
          if (s.keyEscaped) throw GIVE_UP;
          if (this.is(K.state)) state = this.text();
          else if (this.is(K.timestamp)) {
            if (s.space() !== QUOTE) throw GIVE_UP;
            const start = s.i;
            timeMs = this.time(start, s.skipString());
          } else s.skip(4);
        } while (!s.memberEnd(CLOSE_BRACE));
      if (state && timeMs !== null) out.push({ state, timeMs });
    } while (!s.memberEnd(CLOSE_BRACKET));
    return out;
  }

  private error(p: LifecycleParts): void {
    const s = this.s;
    if (s.space() !== OPEN_BRACE) throw GIVE_UP;
    s.i++;
    let type = '';
    let message = '';
    if (s.space() === CLOSE_BRACE) s.i++;
    else
      do {
        s.readKey();
        if (s.keyEscaped) throw GIVE_UP;
        if (this.is(K.errorType)) type = this.text();
        else if (this.is(K.errorMessage)) message = this.text();
        else s.skip(3);
      } while (!s.memberEnd(CLOSE_BRACE));
    p.errorType = type;
    p.errorMessage = stripAnsi(message);
  }

  private logInfo(): TaskLogPieces {
    const s = this.s;
    if (s.space() !== OPEN_BRACE) throw GIVE_UP;
    s.i++;
    const log: TaskLogPieces = {
      stdoutFile: '',
      stderrFile: '',
      stdoutStart: null,
      stdoutEnd: null,
      stderrStart: null,
      stderrEnd: null,
    };
    if (s.space() === CLOSE_BRACE) {
      s.i++;
      return log;
    }
    do {
      s.readKey();
      if (s.keyEscaped) throw GIVE_UP;
      if (this.is(K.stdoutFile)) log.stdoutFile = this.text();
      else if (this.is(K.stderrFile)) log.stderrFile = this.text();
      else if (this.is(K.stdoutStart)) log.stdoutStart = this.int();
      else if (this.is(K.stdoutEnd)) log.stdoutEnd = this.int();
      else if (this.is(K.stderrStart)) log.stderrStart = this.int();
      else if (this.is(K.stderrEnd)) log.stderrEnd = this.int();
      else s.skip(3);
    } while (!s.memberEnd(CLOSE_BRACE));
    return log;
  }

  /**
   * parseTimestampMs of the string at `[quote, close]`, just skipped (its escaped and nonAscii
   * flags are the scanner's): the common `…THH:MM:SS[.fraction]Z`
   * from the bytes (the rules of time.ts's parseUtc), anything else from its string.
   */
  private time(quote: number, close: number): number | null {
    const s = this.s;
    const b = s.b;
    const start = quote + 1;
    const n = close - start;
    if (
      s.escaped ||
      s.nonAscii ||
      n < 20 ||
      n > 30 ||
      b[start + 10] !== 0x54 ||
      b[close - 1] !== 0x5a
    )
      return this.timeOfString(quote, close);
    if (n > 20 && b[start + 19] !== 0x2e) return this.timeOfString(quote, close);
    let nanos = 0;
    for (let i = start + 20; i < close - 1; i++) {
      const digit = b[i]! - DIGIT_0;
      if (digit < 0 || digit > 9) return this.timeOfString(quote, close);
      nanos = nanos * 10 + digit;
    }
    for (let i = n; i < 30; i++) nanos *= 10;
    let same = !Number.isNaN(lastSecondMs);
    for (let k = 0; same && k < 19; k++) same = b[start + k] === lastSecond[k];
    if (!same) {
      const ms = Date.parse(`${b.latin1Slice(start, start + 19)}Z`);
      if (Number.isNaN(ms)) return this.timeOfString(quote, close);
      lastSecond.set(b.subarray(start, start + 19));
      lastSecondMs = ms;
    }
    return plusNanos(lastSecondMs, nanos);
  }

  private timeOfString(quote: number, close: number): number | null {
    const s = this.s;
    const value = s.escaped
      ? (JSON.parse(s.b.utf8Slice(quote, close + 1)) as string)
      : s.b.utf8Slice(quote + 1, close);
    return parseTimestampMs(value);
  }
}

/** asInt of the ASCII string `b[start, end)`: `-?digits` (no spaces), else null. */
function integerText(b: Buffer, start: number, end: number): number | null {
  const negative = b[start] === MINUS;
  const first = negative ? start + 1 : start;
  if (first >= end) return null;
  let n = 0;
  for (let k = first; k < end; k++) {
    const c = b[k]!;
    // Spaces around the digits (asInt trims them) are rare: not taken here.
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x0b || c === 0x0c)
      throw GIVE_UP;
    if (!isDigit(c)) return null;
    n = n * 10 + (c - DIGIT_0);
  }
  if (end - first > 15) return Number((b as SlicingBuffer).latin1Slice(start, end));
  return negative ? -n : n;
}

const scanner = new Scanner();
const lifecycleReader = new LifecycleReader(scanner);

/**
 * decodeRayEvent(JSON.parse(line)) for the line `bytes[start, end)` (no newline) when it is a
 * task definition, lifecycle or profile event that decodes; otherwise null (use JSON.parse).
 */
export function decodeRayEventBytes(
  bytes: Buffer,
  start: number,
  end: number,
): DecodedEvent | null {
  try {
    scanner.reset(bytes, start, end);
    const lifecycle = lifecycleReader.line();
    if (lifecycle) return lifecycle;
  } catch (error) {
    if (error !== GIVE_UP && !(error instanceof SyntaxError)) throw error;
  }
  // Not a lifecycle event, or one in a form the direct reader does not take: the general way.
  scanner.reset(bytes, start, end);
  try {
    if (scanner.space() !== OPEN_BRACE) return null;
    const envelope = scanner.value(ENVELOPE, 0) as Record<string, unknown>;
    if (scanner.space() !== -1) return null;
    const type = envelope.eventType;
    if (typeof type !== 'string' || !FAST_TYPES.has(type)) return null;
    const event = decodeRayEvent(envelope);
    return event.kind === 'unknown' || event.kind === 'invalid' ? null : event;
  } catch (error) {
    if (error === GIVE_UP) return null;
    // JSON.parse of an escaped string the scan accepted: the line is not ours to judge.
    if (error instanceof SyntaxError) return null;
    throw error;
  }
}
