import { describe, expect, it } from 'vitest';
import {
  activityRows,
  axisTimeLabel,
  evenTicks,
  ganttRows,
  jobColor,
  seriesColor,
  taskStateRows,
} from './native-chart-model';
import type { NativeSeries } from '../../../contract/metrics/native-series-types';

const series: NativeSeries = {
  window: { startMs: 1000, endMs: 2900, bucketMs: 1000 },
  times: [2000, 3000],
  taskStates: [
    { state: 'RUNNING', counts: [3, 0] },
    { state: 'FINISHED', counts: [1, 4] },
  ],
  finished: [1, 3],
  failed: [0, 1],
  runningActors: [2, 1],
  aliveNodes: [2, 2],
  runningPeak: { count: 3, atMs: 1500 },
  jobs: [
    {
      id: '01000000',
      status: 'SUCCEEDED',
      startMs: 1100,
      endMs: 2500,
      durationMs: 1400,
      ended: true,
    },
  ],
};

describe('native chart rows', () => {
  it('puts one column per task state on each sample', () => {
    expect(taskStateRows(series)).toEqual([
      { t: 2000, RUNNING: 3, FINISHED: 1 },
      { t: 3000, RUNNING: 0, FINISHED: 4 },
    ]);
  });

  it('lines up ends per interval with actors and nodes alive', () => {
    expect(activityRows(series)[1]).toEqual({
      t: 3000,
      finished: 3,
      failed: 1,
      actors: 1,
      nodes: 2,
    });
  });

  it('draws each job as a floating bar from its start to its end', () => {
    expect(ganttRows(series)).toEqual([
      { id: '01000000', status: 'SUCCEEDED', range: [1100, 2500], durationMs: 1400, ended: true },
    ]);
  });
});

describe('axisTimeLabel', () => {
  it('shows the clock time, and the date too for windows longer than a day', () => {
    expect(axisTimeLabel('2026-01-11 19:38:40 UTC', 3600_000)).toBe('19:38:40');
    expect(axisTimeLabel('2026-01-11 19:38:40 +08:00', 3 * 24 * 3600_000)).toBe('01-11 19:38');
  });
});

describe('evenTicks', () => {
  it('spreads ticks over the whole domain, ends included', () => {
    expect(evenTicks([1000, 2000], 5)).toEqual([1000, 1250, 1500, 1750, 2000]);
    expect(evenTicks([1000, 1000], 5)).toEqual([1000]);
  });
});

describe('colours', () => {
  it('keeps the meaning of finished, failed and running in both themes', () => {
    expect(seriesColor('FAILED', 5, 'light')).toBe(jobColor('FAILED', 'light'));
    expect(seriesColor('FINISHED', 0, 'dark')).toBe(jobColor('SUCCEEDED', 'dark'));
    expect(seriesColor('PENDING_ARGS_AVAIL', 0, 'light')).not.toBe(
      seriesColor('PENDING_ARGS_AVAIL', 0, 'dark'),
    );
  });
});
