import { describe, expect, it } from 'vitest';
import { RAY_TASK_FIELDS, TASK_TABLE_FIELDS, type RayTask } from '../../../contract/ray';
import { taskListSearch, taskTableSearch, TASK_URL_STATE } from '../../lib/tasks/task-query';
import { taskColumns } from './task-columns';

// The task table asks the server for TASK_TABLE_FIELDS alone: every cell must draw from those.

/** An attempt whose fields outside TASK_TABLE_FIELDS cannot be read. */
function tableOnlyTask(): RayTask {
  const values: Partial<Record<string, unknown>> = {
    task_id: 'a'.repeat(48),
    attempt_number: 1,
    name: 'step',
    state: 'FAILED',
    job_id: '01000000',
    actor_id: null,
    type: 'NORMAL_TASK',
    func_or_class_name: 'step',
    node_id: 'b'.repeat(56),
    error_type: 'WORKER_DIED',
    creation_time_ms: 1,
    start_time_ms: 2,
    end_time_ms: 3,
  };
  return new Proxy(values, {
    get(target, key) {
      if (typeof key === 'string' && (RAY_TASK_FIELDS as readonly string[]).includes(key)) {
        if (!(TASK_TABLE_FIELDS as readonly string[]).includes(key))
          throw new Error(`the task table read ${key}, which it does not ask for`);
      }
      return Reflect.get(target, key);
    },
  }) as unknown as RayTask;
}

describe('task table columns', () => {
  it('draw every cell from the fields the table asks for', () => {
    const scope = { namespace: 'ns', kind: 'raycluster', name: 'c', session: 's' } as const;
    const task = tableOnlyTask();
    for (const column of taskColumns(scope)) expect(() => column.cell(task)).not.toThrow();
    expect(taskTableSearch(TASK_URL_STATE).get('columns')).toBe(TASK_TABLE_FIELDS.join(','));
    // Other readers of a task list (the job page's root cause reads error messages) get it all.
    expect(taskListSearch(TASK_URL_STATE).has('columns')).toBe(false);
  });

  it('would be caught reading a field the table does not ask for', () => {
    expect(() => tableOnlyTask().task_log_info).toThrow(/task_log_info/);
  });
});
