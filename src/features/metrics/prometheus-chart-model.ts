import { formatBytes } from '../../lib/format';
import type { PrometheusSeries, PrometheusUnit } from '../../../contract/metrics/prometheus-types';

// Pure shaping of a Prometheus metric's columns into recharts rows, and its unit as text.

/** `t` and one column per series, keyed `s<index>`: legends hold dots and colons, keys must not. */
export type PrometheusRow = { t: number } & Record<string, number | null>;

export const seriesKey = (index: number) => `s${index}`;

/** The series index of a row key (`s3` → 3), for keeping the server's order in tooltips. */
export const seriesIndex = (key: unknown) =>
  typeof key === 'string' && /^s\d+$/.test(key) ? Number(key.slice(1)) : Infinity;

export function prometheusRows(series: PrometheusSeries): PrometheusRow[] {
  return series.times.map((t, i) => {
    const row: PrometheusRow = { t };
    series.series.forEach((line, s) => {
      row[seriesKey(s)] = line.values[i] ?? null;
    });
    return row;
  });
}

/** Whether any series holds a sample: Prometheus answers an empty matrix for an unknown session. */
export function hasSamples(series: PrometheusSeries): boolean {
  return series.series.some((line) => line.values.some((v) => v !== null));
}

const number = (value: number, digits: number) =>
  value.toLocaleString('en-US', { maximumFractionDigits: digits });

const COUNT_UNITS: Partial<Record<PrometheusUnit, [string, string]>> = {
  cores: ['core', 'cores'],
  gpus: ['GPU', 'GPUs'],
  tasks: ['task', 'tasks'],
  actors: ['actor', 'actors'],
};

/** A value as a tooltip shows it: "37.5%", "1.5 GiB", "2 MiB/s", "12 tasks". */
export function formatMetricValue(unit: PrometheusUnit, value: number | null): string {
  if (value === null || !Number.isFinite(value)) return '—';
  if (unit === 'percent') return `${number(value, 1)}%`;
  if (unit === 'bytes') return formatBytes(Math.round(value), 'exact');
  if (unit === 'bytesPerSecond') return `${formatBytes(Math.round(value), 'exact')}/s`;
  const [one, many] = COUNT_UNITS[unit] ?? ['', ''];
  return `${number(value, 2)} ${value === 1 ? one : many}`.trim();
}

/** A value on the y axis: as short as it stays readable ("50%", "1.5 GiB", "1.2k"). */
export function formatAxisValue(unit: PrometheusUnit, value: number): string {
  if (unit === 'percent') return `${number(value, 0)}%`;
  if (unit === 'bytes') return formatBytes(Math.round(value), 'exact');
  if (unit === 'bytesPerSecond') return `${formatBytes(Math.round(value), 'exact')}/s`;
  return Math.abs(value) >= 1000
    ? value.toLocaleString('en-US', { notation: 'compact', maximumFractionDigits: 1 })
    : number(value, 1);
}

/**
 * Y ticks for byte units, on round numbers of the largest fitting binary unit (0, 2 GiB, 4 GiB...)
 * rather than recharts' decimal ones (1.4 GiB, 2.79 GiB); undefined for other units.
 */
export function byteTicks(series: PrometheusSeries, count = 5): number[] | undefined {
  if (series.metric.unit !== 'bytes' && series.metric.unit !== 'bytesPerSecond') return undefined;
  let max = 0;
  for (const line of series.series) for (const v of line.values) if (v !== null && v > max) max = v;
  if (max <= 0) return undefined;
  let unit = 1;
  while (max / unit >= 1024 && unit < 1024 ** 4) unit *= 1024;
  const raw = max / unit / (count - 1);
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 5, 10].find((m) => m * magnitude >= raw) ?? 10) * magnitude * unit;
  const ticks: number[] = [];
  for (let t = 0; t < max + step; t += step) ticks.push(t);
  return ticks;
}
