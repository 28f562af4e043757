// The columns one task attempt is stored in: strings as ids into a StringPool, numbers as
// float64 (NaN = not recorded). Shared by the builder (ingest) and the frozen table (queries).

export const TASK_TEXT_COLUMNS = [
  'type',
  'language',
  'name',
  'funcOrClassName',
  'jobId',
  'actorId',
  'parentTaskId',
  'placementGroupId',
  'nodeId',
  'workerId',
  'errorType',
  'errorMessage',
  'requiredResources',
  'runtimeEnv',
  'labelSelector',
  'stdoutFile',
  'stderrFile',
] as const;
export type TaskTextColumn = (typeof TASK_TEXT_COLUMNS)[number];

export const TASK_NUMBER_COLUMNS = [
  'workerPid',
  'stdoutStart',
  'stdoutEnd',
  'stderrStart',
  'stderrEnd',
] as const;
export type TaskNumberColumn = (typeof TASK_NUMBER_COLUMNS)[number];

export type TextColumns = Record<TaskTextColumn, Int32Array>;
export type NumberColumns = Record<TaskNumberColumn, Float64Array>;

export function mapColumns<K extends string, B>(
  names: readonly K[],
  make: (name: K) => B,
): Record<K, B> {
  const out = {} as Record<K, B>;
  for (const name of names) out[name] = make(name);
  return out;
}
