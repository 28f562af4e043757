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
  const owner = actor ?? Buffer.concat([nilBytes(ACTOR_ID_BYTES - JOB_ID_BYTES), job]);
  return Buffer.concat([random.bytes(TASK_ID_BYTES - ACTOR_ID_BYTES), owner]);
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
  return id.toString('base64');
}

export function hex(id: Buffer): string {
  return id.toString('hex');
}
