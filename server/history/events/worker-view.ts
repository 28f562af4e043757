import type { RayWorker } from '../../../contract/ray.ts';
import type { WorkerDefinition, WorkerTransition } from './decoded.ts';
import type { EntityRecord } from './entity-records.ts';
import { wholeMs } from './time.ts';

// Turns a worker's definition and lifecycle (WORKER_*_EVENT, sent by the GCS) into the state
// API's worker row. Drivers send no worker events, so they are not listed.

export type WorkerRecord = EntityRecord<WorkerDefinition, WorkerTransition>;

export function workerView(record: WorkerRecord, nodeIp: (nodeId: string) => string): RayWorker {
  const def = record.definition;
  const last = record.transitions.at(-1);
  const dead = record.transitions.find((t) => t.state === 'DEAD');
  const started = record.transitions.find((t) => t.startMs !== null)?.startMs ?? null;
  const ended = dead?.endMs ?? dead?.timeMs ?? null;
  const nodeId = def?.nodeId || null;
  return {
    worker_id: record.id,
    // A worker of a killed node may never report DEAD: like Ray, it stays alive.
    is_alive: last ? last.state !== 'DEAD' : true,
    worker_type: def?.workerType || 'WORKER',
    exit_type: dead?.exitType || null,
    exit_detail: dead?.exitDetail || null,
    node_id: nodeId,
    ip: nodeId ? nodeIp(nodeId) || null : null,
    pid: def?.pid ?? null,
    start_time_ms: started === null ? 0 : wholeMs(started),
    end_time_ms: ended === null ? 0 : wholeMs(ended),
  };
}
