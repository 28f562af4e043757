import { parseArgs } from 'node:util';

// `npm run bench -- [flags]`: what to measure and for how long. The defaults are the full run
// whose table we compare over time; --quick is for developing the bench itself.

export const SECTIONS = [
  'cold',
  'warm',
  'logs',
  'api',
  'spa',
  'firstpaint',
  'soak',
  'hostile',
] as const;
export type Section = (typeof SECTIONS)[number];

export interface BenchOptions {
  quick: boolean;
  /** Task counts of the sessions cold-loaded; the largest is also served for api and spa. */
  sizes: number[];
  sections: Set<Section>;
  /** Seconds of load per API route (after a warm-up). */
  apiSeconds: number;
  soakSeconds: number;
  /** Seconds of the hostile mix (worst-case requests at full concurrency). */
  hostileSeconds: number;
  connections: number;
  /** Size of the big log file of the logs section, MiB (the small one is 10 MiB). */
  logMb: number;
  /** Timed page loads per view for time to first row (after one warm-up). */
  pageRuns: number;
  /** Run `vite build` first so the SPA rows measure the current code. */
  build: boolean;
  out: string;
}

export const USAGE = `usage: npm run bench -- [--quick] [--sizes 10k,100k,1m] [--only ${SECTIONS.join(',')}]
  [--soak-seconds N] [--hostile-seconds N] [--api-seconds N] [--connections N] [--log-mb N] [--page-runs N]
  [--skip-build] [--out FILE]`;

const FULL = {
  sizes: [10_000, 100_000, 1_000_000],
  apiSeconds: 5,
  soakSeconds: 180,
  hostileSeconds: 60,
  logMb: 1024,
  pageRuns: 5,
};
const QUICK = {
  sizes: [10_000],
  apiSeconds: 2,
  soakSeconds: 20,
  hostileSeconds: 10,
  logMb: 100,
  pageRuns: 2,
};

export class UsageError extends Error {
  override name = 'UsageError';
}

/** "10k", "1m", "250000" → a task count. */
export function parseSize(text: string): number {
  const m = /^(\d+(?:\.\d+)?)([km]?)$/i.exec(text.trim());
  const unit = { '': 1, k: 1_000, m: 1_000_000 }[m?.[2]?.toLowerCase() ?? ''];
  const n = m && unit ? Math.round(Number(m[1]) * unit) : Number.NaN;
  if (!Number.isInteger(n) || n < 1)
    throw new UsageError(`--sizes: "${text}" is not a task count like 10k or 1m`);
  return n;
}

export function sizeLabel(tasks: number): string {
  if (tasks % 1_000_000 === 0) return `${tasks / 1_000_000}M`;
  if (tasks % 1_000 === 0) return `${tasks / 1_000}k`;
  return String(tasks);
}

function positive(value: string | undefined, name: string, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > max)
    throw new UsageError(`--${name} must be an integer from 1 to ${max}, got "${value}"`);
  return n;
}

export function parseBenchArgs(args: string[], defaultOut: string): BenchOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        quick: { type: 'boolean', default: false },
        sizes: { type: 'string' },
        only: { type: 'string' },
        'soak-seconds': { type: 'string' },
        'hostile-seconds': { type: 'string' },
        'api-seconds': { type: 'string' },
        connections: { type: 'string' },
        'log-mb': { type: 'string' },
        'page-runs': { type: 'string' },
        'skip-build': { type: 'boolean', default: false },
        out: { type: 'string' },
      },
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const base = values.quick ? QUICK : FULL;
  const sizes = values.sizes
    ? [...new Set(values.sizes.split(',').map(parseSize))].sort((a, b) => a - b)
    : base.sizes;
  const sections = new Set<Section>();
  for (const name of (values.only ?? SECTIONS.join(',')).split(',').map((s) => s.trim())) {
    if (!(SECTIONS as readonly string[]).includes(name))
      throw new UsageError(`--only: unknown section "${name}" (one of ${SECTIONS.join(', ')})`);
    sections.add(name as Section);
  }
  return {
    quick: values.quick,
    sizes,
    sections,
    apiSeconds: positive(values['api-seconds'], 'api-seconds', base.apiSeconds, 600),
    soakSeconds: positive(values['soak-seconds'], 'soak-seconds', base.soakSeconds, 3600),
    hostileSeconds: positive(
      values['hostile-seconds'],
      'hostile-seconds',
      base.hostileSeconds,
      3600,
    ),
    connections: positive(values.connections, 'connections', 64, 1024),
    logMb: positive(values['log-mb'], 'log-mb', base.logMb, 16 * 1024),
    pageRuns: positive(values['page-runs'], 'page-runs', base.pageRuns, 50),
    build: !values['skip-build'],
    out: values.out ?? defaultOut,
  };
}
