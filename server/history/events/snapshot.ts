import type { Actor, ClusterEvent, NodeDetail, RayJob, RayWorker } from '../../../contract/ray.ts';
import type { NodeResources } from './debug-state.ts';
import type { TaskTable } from './task-table.ts';

// Everything one session's events reduce to, ready for queries. Immutable once built, except
// for the lazily filled sort caches (derived data, same answers either way).

export interface EventCounts {
  /** Ray events accepted (repeats included). */
  accepted: number;
  unknown: number;
  invalid: number;
  /** Distinct legacy cluster events. */
  legacy: number;
}

export interface SessionSnapshot {
  sessionLive: boolean;
  tasks: TaskTable;
  /** Sorted by id. */
  jobs: RayJob[];
  actors: Actor[];
  /** Worker processes (WORKER_*_EVENT), sorted by id. */
  workers: RayWorker[];
  nodes: NodeDetail[];
  /** debug_state.txt resources per node id. */
  nodeResources: Map<string, NodeResources>;
  /** Legacy cluster events, sorted by time then id. */
  clusterEvents: ClusterEvent[];
  counts: EventCounts;
  /** First and last time seen in any event, unix ms (null without events). */
  firstEventMs: number | null;
  lastEventMs: number | null;
  /** Rough heap size, for the snapshot cache's byte budget. */
  approxBytes: number;
  /** Lazily built row orders per sort key (all rows, ascending, missing values last). */
  sortCache: Map<string, SortedRows>;
}

export interface SortedRows {
  rows: Int32Array;
  /** Rows [0, withValue) have a value for the key; the rest do not. */
  withValue: number;
}
