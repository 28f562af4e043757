// Ray ids arrive as standard base64 (ProtoJSON bytes) or, from some producers, as hex.
// Everything inside the server uses lowercase hex.

const LOWER_HEX = /^(?:[0-9a-f]{2})*$/;
const HEX_DIGITS = Buffer.from('0123456789abcdef', 'latin1');
const BASE64_VALUE = new Int8Array(128).fill(-1);
for (const [i, c] of [
  ...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/',
].entries()) {
  BASE64_VALUE[c.charCodeAt(0)] = i;
}
BASE64_VALUE['-'.charCodeAt(0)] = 62;
BASE64_VALUE['_'.charCodeAt(0)] = 63;

/** Hex digits are written here, then read as one string: adding two digits at a time to a string
 * builds a rope that every later hash or comparison of the id walks (task ids are Map keys). */
let hexScratch = Buffer.alloc(128);

/** Hex of standard or url-safe base64 (padding optional), or null when it is not base64. */
function base64ToHex(value: string): string | null {
  let end = value.length;
  while (end > 0 && value.charCodeAt(end - 1) === 61) end--;
  if (value.length - end > 2 || end % 4 === 1) return null;
  const digits = Math.floor((end * 6) / 8) * 2;
  if (digits > hexScratch.length) hexScratch = Buffer.alloc(digits);
  const out = hexScratch;
  let n = 0;
  let bits = 0;
  let buffer = 0;
  for (let i = 0; i < end; i++) {
    const code = value.charCodeAt(i);
    const v = code < 128 ? BASE64_VALUE[code]! : -1;
    if (v < 0) return null;
    buffer = ((buffer << 6) | v) & 0xffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      const byte = (buffer >> bits) & 0xff;
      out[n++] = HEX_DIGITS[byte >> 4]!;
      out[n++] = HEX_DIGITS[byte & 15]!;
    }
  }
  return out.toString('latin1', 0, n);
}

// Ingest sees the same ids (jobs, nodes, workers, parents ...) over and over: remember the
// latest conversions. Cleared when full, so memory stays bounded whatever the input.
const CACHE_LIMIT = 1 << 16;
let converted = new Map<string, string>();

/** Lowercase hex of an id given as base64 (padded or not, url-safe too) or hex; '' for nothing. */
export function normalizeId(value: unknown): string {
  if (typeof value !== 'string' || value === '') return '';
  const known = converted.get(value);
  if (known !== undefined) return known;
  const hex = convert(value);
  if (converted.size >= CACHE_LIMIT) converted = new Map();
  converted.set(value, hex);
  return hex;
}

let lastTaskText = '';
let lastTaskHex = '';

/**
 * normalizeId for the ids of task events' own tasks, without the cache: a session has about as
 * many of them as attempts, each seen a few times, so they would only churn the cache (clearing
 * it every 65k tasks, with the few job, node and worker ids that do repeat). Only the last one
 * is kept: about half of all task events follow one of the same task.
 */
export function normalizeTaskId(value: unknown): string {
  if (typeof value !== 'string' || value === '') return '';
  if (value !== lastTaskText) {
    lastTaskHex = convert(value);
    lastTaskText = value;
  }
  return lastTaskHex;
}

function convert(value: string): string {
  return LOWER_HEX.test(value) ? value : (base64ToHex(value) ?? value.toLowerCase());
}

/** A nil id is all `ff`; an empty id counts as nil too. */
export function isNilId(hex: string): boolean {
  return /^f*$/.test(hex);
}

/** The driver's task id starts with 20 bytes of `ff`. */
export function isDriverTaskId(hex: string): boolean {
  return hex.length > 40 && hex.startsWith('f'.repeat(40));
}

/** Task ids end with the 16-byte id of the actor they belong to (actor creation and actor tasks). */
export function actorIdOfTask(taskIdHex: string): string {
  return taskIdHex.length === 48 ? taskIdHex.slice(16) : '';
}

/** An actor id of 12 `ff` bytes then the job id stands for "no actor" (normal tasks, drivers). */
function isNoActor(actorHex: string): boolean {
  return actorHex.startsWith('f'.repeat(24));
}

/**
 * What a task id says about the task, for attempts seen only through lifecycle events:
 * task id = 8 unique bytes + the 16-byte actor id (actor creation tasks have nil unique bytes).
 */
export function taskTypeFromId(taskIdHex: string): string {
  if (isDriverTaskId(taskIdHex)) return 'DRIVER_TASK';
  const actor = actorIdOfTask(taskIdHex);
  if (!actor || isNoActor(actor)) return 'NORMAL_TASK';
  return taskIdHex.startsWith('f'.repeat(16)) ? 'ACTOR_CREATION_TASK' : 'ACTOR_TASK';
}

/** The actor a task belongs to according to its id ('' for normal and driver tasks). */
export function actorOfTaskId(taskIdHex: string): string {
  const actor = actorIdOfTask(taskIdHex);
  return actor && !isNoActor(actor) ? actor : '';
}
