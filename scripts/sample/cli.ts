import { parseArgs } from 'node:util';
import { DEFAULTS, generateSampleHistory } from './generate.ts';

// npm run sample -- --out DIR [--seed N] [--tasks N] [--log-mb N] [--sessions N] [--start-time MS]

const USAGE =
  'usage: npm run sample -- --out DIR [--seed N] [--tasks N] [--log-mb N] [--sessions N] [--start-time UNIX_MS]';

function count(value: string | undefined, name: string, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min)
    throw new Error(`--${name} must be an integer >= ${min}, got ${value}`);
  return n;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      out: { type: 'string' },
      seed: { type: 'string' },
      tasks: { type: 'string' },
      'log-mb': { type: 'string' },
      sessions: { type: 'string' },
      'start-time': { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help || !values.out) {
    console.log(USAGE);
    process.exitCode = values.help ? 0 : 2;
    return;
  }
  const started = performance.now();
  const manifest = await generateSampleHistory({
    out: values.out,
    seed: count(values.seed, 'seed', DEFAULTS.seed, 0),
    tasks: count(values.tasks, 'tasks', DEFAULTS.tasks, 1),
    logMb: count(values['log-mb'], 'log-mb', DEFAULTS.logMb, 0),
    sessions: count(values.sessions, 'sessions', DEFAULTS.sessions, 1),
    ...(values['start-time'] !== undefined && {
      startTime: count(values['start-time'], 'start-time', 0, 0),
    }),
  });
  const attempts = manifest.sessions.reduce(
    (sum, s) => sum + Object.values(s.taskAttemptsByState).reduce((a, b) => a + b, 0),
    0,
  );
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `wrote ${manifest.sessions.length} sessions, ${attempts} task attempts to ${values.out} in ${seconds}s (seed ${manifest.seed})`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
