import { describe, expect, it } from 'vitest';
import { actorFilterOptions, filterActorRows, toActorRow, toActorRows } from './actor-rows';
import { formatResourceMap } from './resources';
import { actorRecord } from './test/actor-record';

const actor = actorRecord;

const noFilter = { state: '', className: '', job: '', name: '' };

describe('actor rows', () => {
  it('reads restarts as a number, the duration, and "-" exit detail as nothing recorded', () => {
    const row = toActorRow(actor({ numRestarts: '3' }));
    expect(row.restarts).toBe(3);
    expect(row.durationMs).toBe(3000);
    expect(row.exitDetail).toBeNull();
    expect(row.nodeId).toBe('n1');
    expect(row.workerId).toBe('w1');
  });

  it('leaves the duration out for an actor without an end', () => {
    expect(toActorRow(actor({ endTime: null })).durationMs).toBeNull();
  });

  it('keeps a real exit detail in words', () => {
    const row = toActorRow(actor({ exitDetail: 'The actor died because of an error' }));
    expect(row.exitDetail).toBe('The actor died because of an error');
  });

  it('lists earlier started actors first and never-started ones last', () => {
    const rows = toActorRows({
      late: actor({ actorId: 'late', startTime: 5000 }),
      never: actor({ actorId: 'never', startTime: null, endTime: null }),
      early: actor({ actorId: 'early', startTime: 10 }),
    });
    expect(rows.map((r) => r.id)).toEqual(['early', 'late', 'never']);
  });

  it('filters by state, class, job and a name that also matches repr or id', () => {
    const rows = toActorRows({
      a: actor({ actorId: 'a', name: 'ps', className: 'ParameterServer', state: 'ALIVE' }),
      b: actor({ actorId: 'b', reprName: 'Trainer(rank=1)', jobId: '02000000' }),
    });
    expect(filterActorRows(rows, { ...noFilter, state: 'ALIVE' }).map((r) => r.id)).toEqual(['a']);
    expect(filterActorRows(rows, { ...noFilter, className: 'Trainer' }).map((r) => r.id)).toEqual([
      'b',
    ]);
    expect(filterActorRows(rows, { ...noFilter, job: '02000000' }).map((r) => r.id)).toEqual(['b']);
    expect(filterActorRows(rows, { ...noFilter, name: 'RANK=1' }).map((r) => r.id)).toEqual(['b']);
    expect(filterActorRows(rows, noFilter)).toHaveLength(2);
  });

  it('offers the states, classes and jobs present as filter choices', () => {
    const rows = toActorRows({
      a: actor({ actorId: 'a', className: 'B', state: 'ALIVE' }),
      b: actor({ actorId: 'b', className: 'A', jobId: '02000000' }),
      c: actor({ actorId: 'c', className: 'A' }),
    });
    expect(actorFilterOptions(rows)).toEqual({
      states: ['ALIVE', 'DEAD'],
      classes: ['A', 'B'],
      jobs: ['01000000', '02000000'],
    });
  });

  it('shows memory resources in binary units', () => {
    expect(formatResourceMap({ CPU: 1, memory: 2 * 1024 ** 3 })).toBe('CPU 1, memory 2 GiB');
    expect(formatResourceMap({})).toBe('none');
  });
});
