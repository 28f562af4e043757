// Which of Ray's log categories a file of a node's `logs/` folder belongs to (the /api/v0/logs
// grouping). Names are paths relative to `logs/`; folders end with '/' and are `internal`.

export const LOG_CATEGORIES = [
  'worker_out',
  'worker_err',
  'core_worker',
  'driver',
  'raylet',
  'gcs_server',
  'internal',
  'autoscaler',
  'agent',
  'dashboard',
] as const;
export type LogCategory = (typeof LOG_CATEGORIES)[number];

const RULES: [RegExp, LogCategory][] = [
  [/^worker-.*\.out$/, 'worker_out'],
  [/^worker-.*\.err$/, 'worker_err'],
  [/^python-core-worker-/, 'core_worker'],
  [/^(job-driver-|python-core-driver-|driver-)/, 'driver'],
  [/^raylet\./, 'raylet'],
  [/^gcs_server\./, 'gcs_server'],
  [/^(monitor|autoscaler)/, 'autoscaler'],
  [/^(dashboard_agent|runtime_env_agent)/, 'agent'],
  [/^dashboard/, 'dashboard'],
];

export function logCategory(path: string): LogCategory {
  if (path.endsWith('/')) return 'internal';
  const name = path.slice(path.lastIndexOf('/') + 1);
  return RULES.find(([pattern]) => pattern.test(name))?.[1] ?? 'internal';
}

/** Paths grouped by category, every category present (empty when nothing falls in it). */
export function groupByCategory(paths: string[]): Record<LogCategory, string[]> {
  const groups = Object.fromEntries(LOG_CATEGORIES.map((c) => [c, [] as string[]])) as Record<
    LogCategory,
    string[]
  >;
  for (const path of paths) groups[logCategory(path)].push(path);
  return groups;
}
