import { describe, expect, it } from 'vitest';
import type { ClusterEvent } from '../../../contract/ray';
import {
  NO_JOB,
  countBySeverity,
  eventFilterOptions,
  filterEventRows,
  flattenEvents,
} from './event-rows';

function event(id: string, overrides: Partial<ClusterEvent> = {}): ClusterEvent {
  return {
    eventId: id,
    jobId: '',
    nodeId: 'n1',
    sourceType: 'GCS',
    sourceHostname: 'head-0',
    hostName: 'head-0',
    sourcePid: 1,
    pid: 1,
    severity: 'INFO',
    label: 'LABEL',
    message: `message ${id}`,
    timestamp: 100,
    customFields: {},
    ...overrides,
  };
}

const groups = {
  '01000000': [
    event('a', { jobId: '01000000', sourceType: 'JOBS', timestamp: 100 }),
    event('b', { jobId: '01000000', sourceType: 'JOBS', severity: 'ERROR', timestamp: 300 }),
  ],
  global: [
    event('c', { timestamp: 200, severity: 'WARNING' }),
    event('a', { jobId: '01000000', sourceType: 'JOBS', timestamp: 100 }),
  ],
};

describe('event rows', () => {
  it('flattens every group into one list, newest first, without duplicates', () => {
    const rows = flattenEvents(groups);
    expect(rows.map((r) => r.id)).toEqual(['b', 'c', 'a']);
    expect(rows[0]!.time).toBe(300_000);
  });

  it('keeps events of no job apart from job events', () => {
    const rows = flattenEvents(groups);
    expect(rows.find((r) => r.id === 'c')!.jobId).toBeNull();
    expect(
      filterEventRows(rows, { severity: '', source: '', job: NO_JOB }).map((r) => r.id),
    ).toEqual(['c']);
    expect(
      filterEventRows(rows, { severity: '', source: '', job: '01000000' }).map((r) => r.id),
    ).toEqual(['b', 'a']);
  });

  it('filters by severity and source', () => {
    const rows = flattenEvents(groups);
    expect(
      filterEventRows(rows, { severity: 'ERROR', source: '', job: '' }).map((r) => r.id),
    ).toEqual(['b']);
    expect(
      filterEventRows(rows, { severity: '', source: 'GCS', job: '' }).map((r) => r.id),
    ).toEqual(['c']);
  });

  it('offers severities most severe first and counts them', () => {
    const rows = flattenEvents(groups);
    expect(eventFilterOptions(rows)).toEqual({
      severities: ['ERROR', 'WARNING', 'INFO'],
      sources: ['GCS', 'JOBS'],
      jobs: ['01000000'],
    });
    expect(countBySeverity(rows)).toEqual([
      ['ERROR', 1],
      ['WARNING', 1],
      ['INFO', 1],
    ]);
  });

  it('marks events derived from Ray events', () => {
    const rows = flattenEvents({
      global: [event('d', { customFields: { derivedFromRayEvents: true } })],
    });
    expect(rows[0]!.derived).toBe(true);
  });
});
