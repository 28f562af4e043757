import type { NativeSeries } from '../../../contract/metrics/native-series-types';

// Pure shaping of the server's columns into recharts rows; no React, tested alone.

export type ChartRow = { t: number } & Record<string, number>;

/** One row per sample: `t` and one column per task state (stacked area). */
export function taskStateRows(series: NativeSeries): ChartRow[] {
  return series.times.map((t, i) => {
    const row: ChartRow = { t };
    for (const { state, counts } of series.taskStates) row[state] = counts[i]!;
    return row;
  });
}

/** Per sample: attempts that finished and failed in the interval, actors and nodes alive. */
export function activityRows(series: NativeSeries): ChartRow[] {
  return series.times.map((t, i) => ({
    t,
    finished: series.finished[i]!,
    failed: series.failed[i]!,
    actors: series.runningActors[i]!,
    nodes: series.aliveNodes[i]!,
  }));
}

export interface GanttRow {
  id: string;
  status: string;
  /** [start, end] in unix ms: recharts draws a floating bar from a range value. */
  range: [number, number];
  durationMs: number;
  ended: boolean;
}

export function ganttRows(series: NativeSeries): GanttRow[] {
  return series.jobs.map((job) => ({
    id: job.id,
    status: job.status,
    range: [job.startMs, job.endMs],
    durationMs: job.durationMs,
    ended: job.ended,
  }));
}

/** `count` evenly spaced tick values from the domain's start to its end, inclusive. */
export function evenTicks([from, to]: [number, number], count: number): number[] {
  if (count < 2 || to <= from) return [from];
  return Array.from({ length: count }, (_, i) => from + ((to - from) * i) / (count - 1));
}

/** "HH:MM:SS" of a full formatted time, "HH:MM" when the window spans more than a day. */
export function axisTimeLabel(formatted: string, spanMs: number): string {
  const [date = '', time = ''] = formatted.split(' ');
  if (spanMs > 24 * 3600_000) return `${date.slice(5)} ${time.slice(0, 5)}`;
  return time;
}

const FIXED: Record<string, { light: string; dark: string }> = {
  FINISHED: { light: '#2e7d32', dark: '#66bb6a' },
  FAILED: { light: '#c62828', dark: '#ef5350' },
  RUNNING: { light: '#1565c0', dark: '#64b5f6' },
};
const PALETTE = {
  light: ['#f9a825', '#8e24aa', '#00838f', '#6d4c41', '#ef6c00', '#5e35b1', '#558b2f', '#ad1457'],
  dark: ['#ffd54f', '#ce93d8', '#4dd0e1', '#bcaaa4', '#ffb74d', '#b39ddb', '#aed581', '#f48fb1'],
};

/** A series colour readable on the theme's background; fixed for the states users look for. */
export function seriesColor(key: string, index: number, theme: 'light' | 'dark'): string {
  const fixed = FIXED[key];
  if (fixed) return fixed[theme];
  const palette = PALETTE[theme];
  return palette[index % palette.length]!;
}

/** Job status colours for the Gantt bars. */
export function jobColor(status: string, theme: 'light' | 'dark'): string {
  if (status === 'SUCCEEDED') return FIXED.FINISHED![theme];
  if (status === 'FAILED') return FIXED.FAILED![theme];
  if (status === 'RUNNING') return FIXED.RUNNING![theme];
  return theme === 'dark' ? '#9aa6b2' : '#59636e';
}
