import type { RayTask, TaskLogInfo, TaskState } from '../../../contract/ray.ts';
import { isNilId } from './ids.ts';
import { taskIdOf } from './task-ids.ts';
import type { TaskTable } from './task-table.ts';
import { wholeMs } from './time.ts';

// Materialises one stored task attempt as the Ray state-API Task object. Only the rows of the
// page being answered are ever turned into objects.

function optionalId(t: TaskTable, id: number): string | null {
  const value = t.pool.get(id);
  return value && !isNilId(value) ? value : null;
}

function optionalMs(ms: number): number | null {
  return Number.isNaN(ms) ? null : wholeMs(ms);
}

function optionalNumber(n: number): number | undefined {
  return Number.isNaN(n) ? undefined : n;
}

function logInfo(t: TaskTable, row: number): TaskLogInfo | null {
  const n = t.numbers;
  const info: TaskLogInfo = {
    stdout_file: t.pool.get(t.text.stdoutFile.at(row)) || undefined,
    stderr_file: t.pool.get(t.text.stderrFile.at(row)) || undefined,
    stdout_start: optionalNumber(n.stdoutStart.at(row)),
    stdout_end: optionalNumber(n.stdoutEnd.at(row)),
    stderr_start: optionalNumber(n.stderrStart.at(row)),
    stderr_end: optionalNumber(n.stderrEnd.at(row)),
  };
  for (const key of Object.keys(info) as (keyof TaskLogInfo)[]) {
    if (info[key] === undefined) delete info[key];
  }
  return Object.keys(info).length ? info : null;
}

function resources(t: TaskTable, row: number): Record<string, number> {
  const json = t.pool.get(t.text.requiredResources.at(row));
  return json ? (JSON.parse(json) as Record<string, number>) : {};
}

/** The definition's label selector ({} when it has none); null for an attempt never defined. */
function labelSelector(t: TaskTable, row: number): Record<string, string> | null {
  const json = t.pool.get(t.text.labelSelector.at(row));
  return json ? (JSON.parse(json) as Record<string, string>) : null;
}

/** State transitions of a row as Ray's `events` list. */
export function stateEvents(t: TaskTable, row: number): RayTask['events'] {
  const events: RayTask['events'] = [];
  for (let k = t.transitionStart.at(row); k < t.transitionStart.at(row + 1); k++) {
    events.push({
      state: t.pool.get(t.transitionState[k]!) as TaskState,
      created_ms: wholeMs(t.transitionTime[k]!),
    });
  }
  return events;
}

export function taskRow(t: TaskTable, row: number, detail = true): RayTask {
  const text = (column: keyof TaskTable['text']) => t.pool.get(t.text[column].at(row));
  const pid = t.numbers.workerPid.at(row);
  return {
    task_id: taskIdOf(t, row),
    attempt_number: t.attempt.at(row),
    name: text('name') || text('funcOrClassName'),
    state: t.pool.get(t.state.at(row)) as TaskState,
    job_id: text('jobId'),
    actor_id: optionalId(t, t.text.actorId.at(row)),
    type: text('type'),
    func_or_class_name: text('funcOrClassName'),
    parent_task_id: text('parentTaskId'),
    node_id: optionalId(t, t.text.nodeId.at(row)),
    worker_id: optionalId(t, t.text.workerId.at(row)),
    worker_pid: Number.isNaN(pid) ? null : pid,
    error_type: text('errorType') || null,
    // Ray shows a failed attempt's message even when it is empty (a cancelled task's).
    error_message: text('errorType') ? text('errorMessage') : null,
    language: text('language'),
    required_resources: resources(t, row),
    runtime_env_info: text('runtimeEnv') ? { serialized_runtime_env: text('runtimeEnv') } : {},
    placement_group_id: optionalId(t, t.text.placementGroupId.at(row)),
    events: detail ? stateEvents(t, row) : [],
    task_log_info: logInfo(t, row),
    call_site: null,
    label_selector: labelSelector(t, row),
    creation_time_ms: optionalMs(t.creationMs.at(row)),
    start_time_ms: optionalMs(t.startMs.at(row)),
    end_time_ms: optionalMs(t.endMs.at(row)),
  };
}
