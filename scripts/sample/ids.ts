import type { Random } from './random.ts';

// Ray ids as Ray builds them (sizes from the contract): job 4 bytes, actor 16 (12 unique + job),
// task 24 (8 unique + actor id), node and worker 28, placement group 18 (14 unique + job).

export const JOB_ID_BYTES = 4;
export const ACTOR_ID_BYTES = 16;
export const TASK_ID_BYTES = 24;
export const NODE_ID_BYTES = 28;
export const WORKER_ID_BYTES = 28;
export const PLACEMENT_GROUP_ID_BYTES = 18;

/** Job ids are a little-endian counter: job 2 is `02000000` (`AgAAAA==`). */
export function jobId(counter: number): Buffer {
  const id = Buffer.alloc(JOB_ID_BYTES);
  id.writeUInt32LE(counter);
  return id;
}

export function nodeId(random: Random): Buffer {
  return random.bytes(NODE_ID_BYTES);
}

export function workerId(random: Random): Buffer {
  return random.bytes(WORKER_ID_BYTES);
}

export function actorId(random: Random, job: Buffer): Buffer {
  return Buffer.concat([random.bytes(ACTOR_ID_BYTES - JOB_ID_BYTES), job]);
}

/** Normal tasks carry the nil actor id of their job; actor tasks the actor's id. */
export function taskId(random: Random, job: Buffer, actor?: Buffer): Buffer {
  const id = Buffer.allocUnsafe(TASK_ID_BYTES);
  const unique = TASK_ID_BYTES - ACTOR_ID_BYTES;
  for (let i = 0; i < unique; i++) id[i] = random.int(0, 255);
  if (actor) actor.copy(id, unique);
  else {
    id.fill(0xff, unique, TASK_ID_BYTES - JOB_ID_BYTES);
    job.copy(id, TASK_ID_BYTES - JOB_ID_BYTES);
  }
  return id;
}

/** The driver task id: 20 bytes of ff, then the job id. */
export function driverTaskId(job: Buffer): Buffer {
  return Buffer.concat([nilBytes(TASK_ID_BYTES - JOB_ID_BYTES), job]);
}

/** The actor creation task id: 8 bytes of ff, then the actor id. */
export function actorCreationTaskId(actor: Buffer): Buffer {
  return Buffer.concat([nilBytes(TASK_ID_BYTES - ACTOR_ID_BYTES), actor]);
}

export function placementGroupId(random: Random, job: Buffer): Buffer {
  return Buffer.concat([random.bytes(PLACEMENT_GROUP_ID_BYTES - JOB_ID_BYTES), job]);
}

export function nilBytes(length: number): Buffer {
  return Buffer.alloc(length, 0xff);
}

export const NIL_PLACEMENT_GROUP = nilBytes(PLACEMENT_GROUP_ID_BYTES);

/** ProtoJSON prints `bytes` as standard base64 with padding. */
export function b64(id: Buffer): string {
  return id.length > 32 ? id.toString('base64') : encodeBase64(id, id.length);
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
/** Every pair of base64 digits, indexed by 12 bits: one lookup per byte and a half. */
const PAIRS: string[] = Array.from(
  { length: 4096 },
  (_, i) => ALPHABET[i >> 6]! + ALPHABET[i & 63]!,
);

/** Base64 of the first `length` values of `bytes` (0-255), without a Buffer round trip. */
function encodeBase64(bytes: ArrayLike<number>, length: number): string {
  let out = '';
  let i = 0;
  for (; i + 2 < length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out += PAIRS[n >> 12]! + PAIRS[n & 4095]!;
  }
  if (length - i === 1) out += PAIRS[bytes[i]! << 4]! + '==';
  else if (length - i === 2) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
    out += PAIRS[n >> 12]! + ALPHABET[(n >> 6) & 63]! + '=';
  }
  return out;
}

const scratch = new Uint8Array(32);

/** Base64 of `length` random bytes, drawing the same numbers as `b64(random.bytes(length))`. */
export function randomBase64(random: Random, length: number): string {
  if (length > scratch.length) return b64(random.bytes(length));
  for (let i = 0; i < length; i++) scratch[i] = random.int(0, 255);
  return encodeBase64(scratch, length);
}

export function hex(id: Buffer): string {
  return id.toString('hex');
}
