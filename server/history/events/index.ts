// Public surface of the event reducer: decode Ray events, reduce a session, query the snapshot.

export { normalizeId, isNilId, isDriverTaskId } from './ids.ts';
export { parseTimestampMs } from './time.ts';
export { decodeRayEvent, KNOWN_EVENT_TYPES } from './decode.ts';
export type { DecodeResult, DecodedEvent } from './decoded.ts';
export { SessionReducer, type AddResult } from './reducer.ts';
export type { SessionSnapshot, EventCounts } from './snapshot.ts';
export { parseDebugState, type NodeResources } from './debug-state.ts';
export { deriveJobStatus } from './job-view.ts';
export { deathReasonText } from './node-view.ts';
export {
  listJobs,
  findJob,
  nodeSummary,
  nodeDetail,
  nodeLogicalResources,
  listActors,
  findActor,
} from './entity-queries.ts';
export {
  queryTasks,
  lentTaskListJson,
  taskListJson,
  taskAttempts,
  TASK_FILTER_KEYS,
  type TaskQuery,
  type TaskFilter,
  type TaskFilterKey,
} from './task-query.ts';
export { TASK_SORT_KEYS, type TaskSortKey } from './task-sort.ts';
export { summarizeByFunc } from './func-summary.ts';
export { summarizeLineage } from './lineage-summary.ts';
export { taskTimeline } from './timeline.ts';
export { listEvents } from './events-query.ts';
export { GLOBAL_EVENTS } from './legacy-events.ts';
export { clusterStatus } from './cluster-status.ts';
export { sessionSummary, type IngestStats } from './session-summary.ts';
