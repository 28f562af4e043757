import { createHash } from 'node:crypto';
import type { SessionInfo } from '../../../contract/api.ts';
import type { IngestReport } from '../ingest/ingest-report.ts';
import type { LoadedSession } from '../ingest/load-session.ts';
import type { NodeResources } from '../events/debug-state.ts';
import type { SessionSnapshot } from '../events/snapshot.ts';
import { StringPool } from '../events/string-pool.ts';
import { recordFloats, taskRecords } from '../events/task-records.ts';
import type { TaskTable } from '../events/task-table.ts';
import { codeFingerprint } from './code-fingerprint.ts';
import type { SnapshotSources } from './snapshot-sources.ts';

// The on-disk form of one reduced session (docs/snapshots.md):
//
//   header  magic "RAYHSNAP", format version, body length, where the description starts,
//           SHA-256 of the body, fingerprint of the code that wrote it (code-fingerprint.ts)
//   body    the task table's typed arrays as raw little-endian bytes, each 8-byte aligned (its
//           fixed-width values and task ids as one array of row-major records, task-records.ts);
//           every string of the task table (pool, then the task ids not in a record, with an
//           array of their rows) as one UTF-8 blob plus an array of end offsets; then a JSON description: the sources, the ingest report, the
//           entity lists and where each array lies.
//
// Arrays are read back as views of the file's bytes, without copying or parsing them.

export const SNAPSHOT_MAGIC = 'RAYHSNAP';
/** Bump on any change to what is written; files of another version are rebuilt. */
export const SNAPSHOT_FORMAT_VERSION = 4;

const HEADER_BYTES = 80;
const MAGIC_AT = 0;
const VERSION_AT = 8;
const BODY_LENGTH_AT = 16;
const META_AT_AT = 24;
const META_LENGTH_AT = 32;
const CHECKSUM_AT = 40;
const CHECKSUM_BYTES = 32;
const CODE_AT = 72;
const CODE_BYTES = 8;

/** A snapshot file that must not be used, and why. */
export class SnapshotRejected extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'SnapshotRejected';
  }
}

type ArrayKind = 'i32' | 'f64' | 'u8';
type StoredArray = Int32Array | Float64Array | Uint8Array;

interface Section {
  name: string;
  kind: ArrayKind;
  /** Byte offset inside the body. */
  at: number;
  length: number;
}

interface Description {
  sources: SnapshotSources;
  report: IngestReport;
  entities: Omit<SessionSnapshot, 'tasks' | 'nodeResources' | 'sortCache'> & {
    nodeResources: [string, NodeResources][];
  };
  tasks: { count: number; poolSize: number; asciiStrings: boolean };
  sections: Section[];
}

/** The bytes of a snapshot file, in order (views, not copies), and their total length. */
export interface EncodedSnapshot {
  chunks: Uint8Array[];
  bytes: number;
}

const KIND_OF = (array: StoredArray): ArrayKind =>
  array instanceof Int32Array ? 'i32' : array instanceof Float64Array ? 'f64' : 'u8';

function taskArrays(t: TaskTable): [string, StoredArray][] {
  return [
    ['records', t.floats],
    ['hasDefinition', t.hasDefinition],
    ['transitionState', t.transitionState],
    ['transitionTime', t.transitionTime],
    ['spanRow', t.spanRow],
    ['spanName', t.spanName],
    ['spanWorker', t.spanWorker],
    ['spanNodeIp', t.spanNodeIp],
    ['spanStart', t.spanStart],
    ['spanEnd', t.spanEnd],
  ];
}

/** Every string of the table as one blob, the end offset of each, and whether all are ASCII. */
function stringBlob(strings: readonly string[]): {
  blob: Buffer;
  ends: Int32Array;
  ascii: boolean;
} {
  const ends = new Int32Array(strings.length);
  let total = 0;
  let ascii = true;
  for (let i = 0; i < strings.length; i++) {
    const bytes = Buffer.byteLength(strings[i]!, 'utf8');
    ascii &&= bytes === strings[i]!.length;
    total += bytes;
    ends[i] = total;
  }
  const blob = Buffer.allocUnsafe(total);
  let at = 0;
  for (const s of strings) at += blob.write(s, at, 'utf8');
  return { blob, ends, ascii };
}

/**
 * The strings back from their blob. All ASCII (task ids are hex), byte offsets are character
 * offsets: one decode of the whole blob, then slices of it — a million separate decodes would
 * cost most of a warm start.
 */
function stringsOf(blob: Uint8Array, ends: Int32Array, ascii: boolean): string[] {
  const text = Buffer.from(blob.buffer, blob.byteOffset, blob.length);
  const out = new Array<string>(ends.length);
  let start = 0;
  if (ascii) {
    const all = text.toString('latin1');
    for (let i = 0; i < ends.length; i++) {
      out[i] = all.slice(start, ends[i]);
      start = ends[i]!;
    }
    return out;
  }
  for (let i = 0; i < ends.length; i++) {
    out[i] = text.toString('utf8', start, ends[i]);
    start = ends[i]!;
  }
  return out;
}

// NaN and ±Infinity are not JSON; strings that could be mistaken for their tags are escaped.
const TAG = '\u0000';
const TAGGED_NUMBERS = new Map<string, number>([
  [`${TAG}NaN`, NaN],
  [`${TAG}Infinity`, Infinity],
  [`${TAG}-Infinity`, -Infinity],
]);

function replacer(_key: string, value: unknown): unknown {
  if (typeof value === 'number' && !Number.isFinite(value)) return `${TAG}${String(value)}`;
  if (typeof value === 'string' && value.startsWith(TAG)) return TAG + value;
  return value;
}

/** Also makes every object prototype-free: keys from the data stay ordinary keys. */
function reviver(_key: string, value: unknown): unknown {
  if (typeof value === 'string' && value.startsWith(TAG)) {
    const tagged = TAGGED_NUMBERS.get(value);
    return tagged ?? value.slice(1);
  }
  if (value !== null && typeof value === 'object' && !Array.isArray(value))
    return Object.setPrototypeOf(value, null) as unknown;
  return value;
}

const padTo8 = (n: number) => (8 - (n % 8)) % 8;

export function encodeSnapshot(loaded: LoadedSession, sources: SnapshotSources): EncodedSnapshot {
  const { snapshot, report } = loaded;
  const { tasks } = snapshot;
  const { blob, ends, ascii } = stringBlob([...tasks.pool.values, ...tasks.oddTaskIds.values()]);
  const arrays: [string, StoredArray][] = [
    ...taskArrays(tasks),
    ['oddTaskIdRows', Int32Array.from(tasks.oddTaskIds.keys())],
    ['stringEnds', ends],
    ['strings', blob],
  ];
  const body: Uint8Array[] = [];
  const sections: Section[] = [];
  let at = 0;
  for (const [name, array] of arrays) {
    sections.push({ name, kind: KIND_OF(array), at, length: array.length });
    body.push(new Uint8Array(array.buffer, array.byteOffset, array.byteLength));
    const pad = padTo8(array.byteLength);
    if (pad) body.push(new Uint8Array(pad));
    at += array.byteLength + pad;
  }
  const { tasks: _tasks, nodeResources, sortCache: _sortCache, ...entities } = snapshot;
  const description: Description = {
    sources,
    report,
    entities: { ...entities, nodeResources: [...nodeResources] },
    tasks: { count: tasks.count, poolSize: tasks.pool.size, asciiStrings: ascii },
    sections,
  };
  const meta = Buffer.from(JSON.stringify(description, replacer), 'utf8');
  body.push(meta);
  const bodyBytes = at + meta.length;

  const hash = createHash('sha256');
  for (const chunk of body) hash.update(chunk);
  const header = Buffer.alloc(HEADER_BYTES);
  header.write(SNAPSHOT_MAGIC, MAGIC_AT, 'latin1');
  header.writeUInt32LE(SNAPSHOT_FORMAT_VERSION, VERSION_AT);
  header.writeBigUInt64LE(BigInt(bodyBytes), BODY_LENGTH_AT);
  header.writeBigUInt64LE(BigInt(at), META_AT_AT);
  header.writeBigUInt64LE(BigInt(meta.length), META_LENGTH_AT);
  hash.digest().copy(header, CHECKSUM_AT);
  codeFingerprint().copy(header, CODE_AT);
  return { chunks: [header, ...body], bytes: HEADER_BYTES + bodyBytes };
}

export interface DecodedSnapshot {
  loaded: LoadedSession;
  sources: SnapshotSources;
}

/** Checks the header and checksum; throws SnapshotRejected for anything not written whole by this version. */
function verifiedBody(file: Uint8Array): { body: Uint8Array; metaAt: number; metaLength: number } {
  if (file.length < HEADER_BYTES) throw new SnapshotRejected('shorter than its header');
  const header = Buffer.from(file.buffer, file.byteOffset, HEADER_BYTES);
  if (header.toString('latin1', MAGIC_AT, MAGIC_AT + SNAPSHOT_MAGIC.length) !== SNAPSHOT_MAGIC)
    throw new SnapshotRejected('not a snapshot file');
  const version = header.readUInt32LE(VERSION_AT);
  if (version !== SNAPSHOT_FORMAT_VERSION)
    throw new SnapshotRejected(`format version ${version}, expected ${SNAPSHOT_FORMAT_VERSION}`);
  if (!codeFingerprint().equals(header.subarray(CODE_AT, CODE_AT + CODE_BYTES)))
    throw new SnapshotRejected('written by other server code');
  const bodyLength = Number(header.readBigUInt64LE(BODY_LENGTH_AT));
  if (file.length - HEADER_BYTES !== bodyLength)
    throw new SnapshotRejected(
      `body is ${file.length - HEADER_BYTES} bytes, header says ${bodyLength}`,
    );
  const body = file.subarray(HEADER_BYTES);
  const checksum = createHash('sha256').update(body).digest();
  if (!checksum.equals(header.subarray(CHECKSUM_AT, CHECKSUM_AT + CHECKSUM_BYTES)))
    throw new SnapshotRejected('checksum mismatch');
  const metaAt = Number(header.readBigUInt64LE(META_AT_AT));
  const metaLength = Number(header.readBigUInt64LE(META_LENGTH_AT));
  if (metaAt + metaLength !== bodyLength) throw new SnapshotRejected('description out of bounds');
  return { body, metaAt, metaLength };
}

const BYTES_PER: Record<ArrayKind, number> = { i32: 4, f64: 8, u8: 1 };

/** Views of the body's bytes; the body must start 8-byte aligned in its ArrayBuffer. */
function sectionReader(body: Uint8Array, sections: Section[]) {
  const byName = new Map(sections.map((s) => [s.name, s]));
  const view = (name: string, kind: ArrayKind): StoredArray => {
    const s = byName.get(name);
    if (!s || s.kind !== kind) throw new SnapshotRejected(`array ${name} missing`);
    if (s.at % 8 !== 0 || s.at + s.length * BYTES_PER[kind] > body.length)
      throw new SnapshotRejected(`array ${name} out of bounds`);
    const offset = body.byteOffset + s.at;
    if (kind === 'i32') return new Int32Array(body.buffer, offset, s.length);
    if (kind === 'f64') return new Float64Array(body.buffer, offset, s.length);
    return new Uint8Array(body.buffer, offset, s.length);
  };
  return {
    i32: (name: string) => view(name, 'i32') as Int32Array,
    f64: (name: string) => view(name, 'f64') as Float64Array,
    u8: (name: string) => view(name, 'u8') as Uint8Array,
  };
}

/** Reads a snapshot file's bytes (which it keeps as the task table's storage). */
/** One row per span, ascending, each a row of the table (the timeline walks them in order). */
function spanRowsFit(spanRow: Int32Array, spans: number, count: number): boolean {
  if (spanRow.length !== spans) return false;
  for (let k = 0; k < spanRow.length; k++) {
    const row = spanRow[k]!;
    if (row < 0 || row >= count || (k > 0 && row < spanRow[k - 1]!)) return false;
  }
  return true;
}

export function decodeSnapshot(file: Uint8Array, session: SessionInfo): DecodedSnapshot {
  // Typed-array views need aligned offsets: copy the rare file that does not start aligned.
  const aligned = file.byteOffset % 8 === 0 ? file : file.slice();
  const { body, metaAt, metaLength } = verifiedBody(aligned);
  const description = JSON.parse(
    Buffer.from(body.buffer, body.byteOffset + metaAt, metaLength).toString('utf8'),
    reviver,
  ) as Description;
  const read = sectionReader(body, description.sections);
  const { count, poolSize } = description.tasks;

  const ends = read.i32('stringEnds');
  const blob = read.u8('strings');
  const oddRows = read.i32('oddTaskIdRows');
  if (ends.length !== poolSize + oddRows.length)
    throw new SnapshotRejected('string count mismatch');
  for (let i = 0, last = 0; i < ends.length; last = ends[i++]!)
    if (ends[i]! < last || ends[i]! > blob.length)
      throw new SnapshotRejected('string offsets out of order');
  const strings = stringsOf(blob, ends, description.tasks.asciiStrings);
  const pool = new StringPool();
  for (let i = 1; i < poolSize; i++) pool.intern(strings[i]!);
  if (pool.size !== poolSize) throw new SnapshotRejected('string pool has repeats');
  const oddTaskIds = new Map<number, string>();
  for (let i = 0; i < oddRows.length; i++) {
    if (!(oddRows[i]! >= 0 && oddRows[i]! < count))
      throw new SnapshotRejected('task id row out of range');
    oddTaskIds.set(oddRows[i]!, strings[poolSize + i]!);
  }

  const records = read.f64('records');
  if (records.length !== recordFloats(count))
    throw new SnapshotRejected('the task records have the wrong length');
  const tasks: TaskTable = {
    ...taskRecords(records),
    count,
    pool,
    oddTaskIds,
    hasDefinition: read.u8('hasDefinition'),
    transitionState: read.i32('transitionState'),
    transitionTime: read.f64('transitionTime'),
    spanRow: read.i32('spanRow'),
    spanName: read.i32('spanName'),
    spanWorker: read.i32('spanWorker'),
    spanNodeIp: read.i32('spanNodeIp'),
    spanStart: read.f64('spanStart'),
    spanEnd: read.f64('spanEnd'),
  };
  if (tasks.hasDefinition.length !== count)
    throw new SnapshotRejected('a task column has the wrong length');
  if (!spanRowsFit(tasks.spanRow, tasks.spanName.length, count))
    throw new SnapshotRejected('task span rows are out of order or range');
  const { nodeResources, ...entities } = description.entities;
  const snapshot: SessionSnapshot = {
    ...entities,
    tasks,
    nodeResources: new Map(nodeResources),
    sortCache: new Map(),
  };
  // The file's bytes stay alive under the arrays; its string blob and description with them.
  const approxBytes = snapshot.approxBytes + blob.length + metaLength;
  return {
    loaded: { session, snapshot, report: description.report, approxBytes },
    sources: description.sources,
  };
}
