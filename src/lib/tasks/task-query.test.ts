import { describe, expect, it } from 'vitest';
import { TASK_URL_STATE, hasTaskFilters, lineageNodeFilter, taskListSearch } from './task-query';
import { lineageNode } from './test/lineage-node';

describe('taskListSearch', () => {
  it('turns URL filters into repeated filter_keys/predicates/values and pages by offset', () => {
    const search = taskListSearch({
      ...TASK_URL_STATE,
      state: 'FAILED',
      job: '02000000',
      error: ' WORKER_DIED ',
      sort: 'duration_ms',
      order: 'desc',
      page: '9001',
    });
    expect(search.getAll('filter_keys')).toEqual(['state', 'job_id', 'error_type']);
    expect(search.getAll('filter_predicates')).toEqual(['=', '=', '=']);
    expect(search.getAll('filter_values')).toEqual(['FAILED', '02000000', 'WORKER_DIED']);
    expect(search.get('sort_by')).toBe('duration_ms');
    expect(search.get('order')).toBe('desc');
    expect(search.get('limit')).toBe('100');
    expect(search.get('offset')).toBe('900000');
  });

  it('falls back to safe defaults for a hand-edited URL', () => {
    const search = taskListSearch({
      ...TASK_URL_STATE,
      sort: 'bogus',
      order: 'sideways',
      page: '-3',
    });
    expect(search.get('sort_by')).toBe('creation_time_ms');
    expect(search.get('order')).toBe('asc');
    expect(search.get('offset')).toBe('0');
    expect(search.has('filter_keys')).toBe(false);
  });
});

describe('lineageNodeFilter', () => {
  it('filters a group by name, a task by its id and an actor by its id', () => {
    expect(lineageNodeFilter(lineageNode({}))).toEqual({ name: 'preprocess' });
    expect(
      lineageNodeFilter(lineageNode({ type: 'NORMAL_TASK', link: { type: 'task', id: 'abc' } })),
    ).toEqual({ task: 'abc' });
    expect(
      lineageNodeFilter(lineageNode({ type: 'ACTOR', link: { type: 'actor', id: 'def' } })),
    ).toEqual({
      actor: 'def',
    });
  });
});

describe('hasTaskFilters', () => {
  it('ignores the filters the page fixes', () => {
    expect(hasTaskFilters({ ...TASK_URL_STATE, job: '01' }, { job: '01' })).toBe(false);
    expect(hasTaskFilters({ ...TASK_URL_STATE, job: '01', state: 'FAILED' }, { job: '01' })).toBe(
      true,
    );
  });
});
