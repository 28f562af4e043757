import { LOG_CATEGORIES, type LogCategory } from '../../../contract/log-types.ts';

// Which of Ray's log categories a file of a node's `logs/` folder belongs to (the /api/v0/logs
// grouping). Names are paths relative to `logs/`; folders end with '/' and are `internal`.

// Ray 2.58's own rules (its log listing), in its order: the first substring test that holds wins,
// so `dashboard_agent.log` is an agent log, `dashboard_JobHead.log` and `job-driver-<id>.log`
// are internal, and `log_monitor.log` is internal although it names a monitor.
const RULES: [(name: string) => boolean, LogCategory][] = [
  [(n) => n.includes('worker') && n.endsWith('.out'), 'worker_out'],
  [(n) => n.includes('worker') && n.endsWith('.err'), 'worker_err'],
  [(n) => n.includes('core-worker') && n.endsWith('.log'), 'core_worker'],
  [(n) => n.includes('core-driver') && n.endsWith('.log'), 'driver'],
  [(n) => n.includes('raylet.'), 'raylet'],
  [(n) => n.includes('gcs_server.'), 'gcs_server'],
  [(n) => n.includes('log_monitor'), 'internal'],
  [(n) => n.includes('monitor'), 'autoscaler'],
  [(n) => n.includes('agent.'), 'agent'],
  [(n) => n.includes('dashboard.'), 'dashboard'],
];

export function logCategory(path: string): LogCategory {
  if (path.endsWith('/')) return 'internal';
  const name = path.slice(path.lastIndexOf('/') + 1);
  return RULES.find(([holds]) => holds(name))?.[1] ?? 'internal';
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
