// Test support for the load hardening tests: how long /livez takes while something hostile runs.

/** The q-th quantile (0..1) of the samples, nearest rank. */
export function quantile(samples: number[], q: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}

/** Times `probe` every `gapMs` until `done` settles; at least `minSamples` probes. */
export async function probeWhile(
  probe: () => Promise<unknown>,
  done: Promise<unknown>,
  { gapMs = 10, minSamples = 20 } = {},
): Promise<number[]> {
  let finished = false;
  void done.finally(() => (finished = true));
  const samples: number[] = [];
  while (!finished || samples.length < minSamples) {
    const started = performance.now();
    await probe();
    samples.push(performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, gapMs));
  }
  return samples;
}
