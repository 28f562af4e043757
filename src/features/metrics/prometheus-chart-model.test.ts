import { describe, expect, it } from 'vitest';
import {
  byteTicks,
  formatAxisValue,
  formatMetricValue,
  hasSamples,
  prometheusRows,
  seriesIndex,
  seriesKey,
} from './prometheus-chart-model';
import type { PrometheusSeries } from '../../../contract/metrics/prometheus-types';

const series: PrometheusSeries = {
  metric: { id: 'node-cpu', title: 'Node CPU utilisation', unit: 'percent', description: '' },
  window: { startMs: 0, endMs: 2000, stepMs: 1000 },
  times: [0, 1000, 2000],
  series: [
    { name: '10.0.0.5:8080', labels: { instance: '10.0.0.5:8080' }, values: [37.5, null, 40] },
    { name: '10.0.0.6:8080', labels: { instance: '10.0.0.6:8080' }, values: [62.5, 62.5, 62.5] },
  ],
  omittedSeries: 0,
};

describe('prometheusRows', () => {
  it('makes one row per evaluation time with a column per series, keeping gaps', () => {
    expect(prometheusRows(series)).toEqual([
      { t: 0, s0: 37.5, s1: 62.5 },
      { t: 1000, s0: null, s1: 62.5 },
      { t: 2000, s0: 40, s1: 62.5 },
    ]);
    expect(seriesKey(1)).toBe('s1');
    expect(seriesIndex(seriesKey(12))).toBe(12);
    expect(seriesIndex('t')).toBe(Infinity);
  });
});

describe('hasSamples', () => {
  it('is false for no series or series of gaps only', () => {
    expect(hasSamples(series)).toBe(true);
    expect(hasSamples({ ...series, series: [] })).toBe(false);
    expect(
      hasSamples({ ...series, series: [{ name: 'a', labels: {}, values: [null, null, null] }] }),
    ).toBe(false);
  });
});

describe('formatMetricValue', () => {
  it('writes each unit as a reader expects it', () => {
    expect(formatMetricValue('percent', 37.456)).toBe('37.5%');
    expect(formatMetricValue('bytes', 1610612736)).toBe('1.5 GiB');
    expect(formatMetricValue('bytes', 512.4)).toBe('512 B');
    expect(formatMetricValue('bytesPerSecond', 2097152)).toBe('2 MiB/s');
    expect(formatMetricValue('tasks', 12)).toBe('12 tasks');
    expect(formatMetricValue('actors', 1)).toBe('1 actor');
    expect(formatMetricValue('cores', 2.125)).toBe('2.13 cores');
    expect(formatMetricValue('gpus', 1234)).toBe('1,234 GPUs');
    expect(formatMetricValue('tasks', null)).toBe('—');
  });

  it('keeps axis labels short', () => {
    expect(formatAxisValue('percent', 50)).toBe('50%');
    expect(formatAxisValue('bytes', 1073741824)).toBe('1 GiB');
    expect(formatAxisValue('tasks', 1250)).toBe('1.3K');
    expect(formatAxisValue('cores', 2.5)).toBe('2.5');
  });
});

describe('byteTicks', () => {
  const bytes = (values: number[]): PrometheusSeries => ({
    ...series,
    metric: { ...series.metric, unit: 'bytes' },
    series: [{ name: 'a', labels: {}, values }],
  });
  const GIB = 1024 ** 3;

  it('steps by round numbers of the largest fitting binary unit, covering the largest value', () => {
    expect(byteTicks(bytes([1 * GIB, 4.19 * GIB]))).toEqual([0, 2, 4, 6].map((n) => n * GIB));
    expect(byteTicks(bytes([300 * 1024 ** 2]))).toEqual(
      [0, 100, 200, 300].map((n) => n * 1024 ** 2),
    );
    expect(formatAxisValue('bytes', byteTicks(bytes([40 * GIB]))![1]!)).toBe('10 GiB');
  });

  it('leaves other units and empty charts to recharts', () => {
    expect(byteTicks(series)).toBeUndefined();
    expect(byteTicks(bytes([0, 0]))).toBeUndefined();
  });
});
