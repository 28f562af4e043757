// Pure arithmetic of the bench: medians, ratios against a baseline, and the soak's memory verdict.

/** The middle value (mean of the two middle values for an even count); NaN for no values. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Nearest-rank percentile (p in 0..100); NaN for no values. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  if (p < 0 || p > 100) throw new RangeError(`percentile must be within 0..100, got ${p}`);
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

/** ours ÷ baseline, or null when either side is missing or the baseline is not positive. */
export function ratio(ours: number | null | undefined, baseline: number | null | undefined) {
  if (ours == null || baseline == null) return null;
  if (!Number.isFinite(ours) || !Number.isFinite(baseline) || baseline <= 0) return null;
  return ours / baseline;
}

/** Least-squares slope of y over x; 0 with fewer than two distinct x. */
export function slope(points: readonly { x: number; y: number }[]): number {
  const n = points.length;
  if (n < 2) return 0;
  const meanX = points.reduce((s, p) => s + p.x, 0) / n;
  const meanY = points.reduce((s, p) => s + p.y, 0) / n;
  let num = 0;
  let den = 0;
  for (const p of points) {
    num += (p.x - meanX) * (p.y - meanY);
    den += (p.x - meanX) ** 2;
  }
  return den === 0 ? 0 : num / den;
}

export interface RssSample {
  /** Milliseconds since the soak started. */
  atMs: number;
  bytes: number;
}

export interface MemoryGrowth {
  samples: number;
  /** Median RSS of the middle third of the samples (the first third is warm-up). */
  middleMedianBytes: number;
  lastMedianBytes: number;
  /** last ÷ middle. */
  growthRatio: number;
  /** Least-squares slope over the second half, in bytes per minute (informational). */
  slopeBytesPerMinute: number;
  /** null: too few samples to tell. */
  steadyGrowth: boolean | null;
}

export interface GrowthLimits {
  /** Growth of the last third over the middle third tolerated as noise, as a fraction. */
  maxFraction: number;
  /** ... and in bytes: small heaps move by a few MiB without meaning anything. */
  maxBytes: number;
}

export const DEFAULT_GROWTH_LIMITS: GrowthLimits = { maxFraction: 0.1, maxBytes: 32 * 1024 * 1024 };

/**
 * Whether the server's RSS kept climbing: the last third's median against the middle third's.
 * Medians ignore the spikes of one cold load; the first third (warm-up, first loads) is left out.
 */
export function memoryGrowth(
  samples: readonly RssSample[],
  limits: GrowthLimits = DEFAULT_GROWTH_LIMITS,
): MemoryGrowth {
  const third = Math.floor(samples.length / 3);
  const middle = samples.slice(third, 2 * third).map((s) => s.bytes);
  const last = samples.slice(2 * third).map((s) => s.bytes);
  const secondHalf = samples.slice(Math.floor(samples.length / 2));
  const middleMedianBytes = median(middle);
  const lastMedianBytes = median(last);
  const enough = third >= 2;
  const increase = lastMedianBytes - middleMedianBytes;
  return {
    samples: samples.length,
    middleMedianBytes,
    lastMedianBytes,
    growthRatio: enough ? lastMedianBytes / middleMedianBytes : Number.NaN,
    slopeBytesPerMinute: slope(secondHalf.map((s) => ({ x: s.atMs / 60_000, y: s.bytes }))),
    steadyGrowth: enough
      ? increase > Math.max(limits.maxFraction * middleMedianBytes, limits.maxBytes)
      : null,
  };
}
