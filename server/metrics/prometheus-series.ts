import type {
  PrometheusSeries,
  PrometheusSeriesLine,
} from '../../contract/metrics/prometheus-types.ts';
import { badRequest } from '../http/errors.ts';
import { legendOf, sessionMatcher, type PrometheusCatalogueEntry } from './prometheus-catalogue.ts';
import { queryRange, type PrometheusEndpoint, type RangeWindow } from './prometheus-client.ts';

// A catalogue metric over a session's window: the window and step, the query_range calls (one
// per target, in parallel), and their matrices turned into columns aligned on one time grid.

/** Widening of the session's recorded events on each side, as for the Grafana dashboards. */
export const PROMETHEUS_PADDING_MS = 60_000;
/** Most evaluation points per series: enough for a chart's width, far below Prometheus' 11,000. */
export const MAX_POINTS = 1_100;
/** Most series per chart; past it the ones with the largest values are kept. */
export const MAX_SERIES = 40;
const MAX_STEP_S = 86_400;
/** Automatic steps are "round" so that neighbouring windows share evaluation times. */
const NICE_STEPS_S = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 21600, 43200];
const AUTO_POINTS = 1_000;

/** The session's span: its first and last recorded event, else the start from its name. */
export interface SessionSpan {
  startMs: number;
  endMs: number;
}

/** The padded window, aligned to the step; `step` is the request's `?step=` (seconds), if any. */
export function rangeWindow(span: SessionSpan, step: string | undefined): RangeWindow {
  const fromS = Math.floor((span.startMs - PROMETHEUS_PADDING_MS) / 1000);
  const toS = Math.ceil((Math.max(span.endMs, span.startMs) + PROMETHEUS_PADDING_MS) / 1000);
  const spanS = toS - fromS;
  let stepS: number;
  if (step === undefined) {
    const wanted = spanS / AUTO_POINTS;
    stepS = NICE_STEPS_S.find((s) => s >= wanted) ?? Math.ceil(wanted);
  } else {
    stepS = Number(step);
    if (!/^\d+$/.test(step) || stepS < 1 || stepS > MAX_STEP_S)
      throw badRequest(`step must be a whole number of seconds from 1 to ${MAX_STEP_S}`);
  }
  const startS = Math.floor(fromS / stepS) * stepS;
  const endS = Math.ceil(toS / stepS) * stepS;
  const points = (endS - startS) / stepS + 1;
  if (points > MAX_POINTS) {
    const least = Math.ceil(spanS / (MAX_POINTS - 3));
    throw badRequest(
      `step=${stepS} gives ${points.toLocaleString('en-US')} points over this session's window; at most ${MAX_POINTS.toLocaleString('en-US')} are allowed: use step=${least} or more`,
    );
  }
  return { startS, endS, stepS };
}

/** Prometheus prints NaN and ±Inf as strings; a chart can only use finite numbers. */
function sampleValue(text: string): number | null {
  const n = Number(text);
  return Number.isFinite(n) ? n : null;
}

function peak(values: (number | null)[]): number {
  let max = -Infinity;
  for (const v of values) if (v !== null && v > max) max = v;
  return max;
}

export async function prometheusSeries(
  endpoint: PrometheusEndpoint,
  entry: PrometheusCatalogueEntry,
  sessionName: string,
  window: RangeWindow,
  fetchImpl?: typeof fetch,
): Promise<PrometheusSeries> {
  const matcher = sessionMatcher(sessionName);
  const n = (window.endS - window.startS) / window.stepS + 1;
  const times = Array.from({ length: n }, (_, i) => (window.startS + i * window.stepS) * 1000);
  const matrices = await Promise.all(
    entry.targets.map((t) => queryRange(endpoint, t.query(matcher), window, fetchImpl)),
  );

  const lines: PrometheusSeriesLine[] = [];
  entry.targets.forEach((target, t) => {
    for (const { metric, values: samples } of matrices[t]!) {
      const values = new Array<number | null>(n).fill(null);
      for (const [at, text] of samples) {
        const i = Math.round((at - window.startS) / window.stepS);
        if (i >= 0 && i < n) values[i] = sampleValue(text);
      }
      const name = legendOf(target.legend, metric) || target.legend || entry.title;
      lines.push({ name, labels: metric, values });
    }
  });

  const kept =
    lines.length > MAX_SERIES
      ? [...lines].sort((a, b) => peak(b.values) - peak(a.values)).slice(0, MAX_SERIES)
      : lines;
  kept.sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }));
  return {
    metric: { id: entry.id, title: entry.title, unit: entry.unit, description: entry.description },
    window: {
      startMs: window.startS * 1000,
      endMs: window.endS * 1000,
      stepMs: window.stepS * 1000,
    },
    times,
    series: kept,
    omittedSeries: lines.length - kept.length,
  };
}
