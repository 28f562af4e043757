import { describe, expect, it } from 'vitest';
import { progressSegments } from './progress';
import { statusTone } from './status-colors';

describe('progressSegments', () => {
  it('orders failures first, leaves zero counts out and gives shares of the total', () => {
    const { total, segments } = progressSegments({ FINISHED: 3, FAILED: 1, RUNNING: 0 });
    expect(total).toBe(4);
    expect(segments.map((s) => [s.state, s.tone, s.percent])).toEqual([
      ['FAILED', 'danger', 25],
      ['FINISHED', 'success', 75],
    ]);
  });

  it('maps every pending-like task state to one tone', () => {
    expect(statusTone('PENDING_NODE_ASSIGNMENT')).toBe('pending');
    expect(statusTone('SUBMITTED_TO_WORKER')).toBe('pending');
    expect(statusTone(undefined)).toBe('neutral');
  });
});
