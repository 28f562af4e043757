// The answers of GET <scope>/metrics/prometheus and /metrics/prometheus/<id>: Ray metrics the
// server queried from Prometheus for the session (docs/metrics.md). No imports: the server uses it too.

/** How a metric's values read: the SPA formats axes and tooltips from it. */
export type PrometheusUnit =
  'percent' | 'bytes' | 'bytesPerSecond' | 'cores' | 'gpus' | 'tasks' | 'actors';

export interface PrometheusMetricInfo {
  /** The catalogue id: the only thing the browser may ask for. */
  id: string;
  title: string;
  unit: PrometheusUnit;
  description: string;
}

/** GET <scope>/metrics/prometheus: the fixed catalogue, whether or not Prometheus is configured. */
export interface PrometheusCatalogue {
  configured: boolean;
  metrics: PrometheusMetricInfo[];
}

export interface PrometheusSeriesLine {
  /** Legend text built from the series' labels, e.g. "10.0.0.5:8080" or "RUNNING". */
  name: string;
  labels: Record<string, string>;
  /** One value per `times` entry; null where Prometheus has no sample (or NaN / ±Inf). */
  values: (number | null)[];
}

/** GET <scope>/metrics/prometheus/<id>: one query_range over the session window, as columns. */
export interface PrometheusSeries {
  metric: PrometheusMetricInfo;
  /** The queried window (the session's events, padded) and the step, unix ms. */
  window: { startMs: number; endMs: number; stepMs: number };
  /** Evaluation times, unix ms: start, start + step, ... up to end. */
  times: number[];
  series: PrometheusSeriesLine[];
  /** Series left out past the cap (the largest are kept). */
  omittedSeries: number;
}
