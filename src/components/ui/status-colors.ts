// The one colour map for job, task, actor and node states. Tones map to theme tokens
// (--status-<tone>-bg / -text in tokens.css); the state's text is always shown next to it.

export type StatusTone = 'success' | 'danger' | 'running' | 'pending' | 'neutral' | 'warning';

const TONES: Record<string, StatusTone> = {
  // Jobs
  SUCCEEDED: 'success',
  FAILED: 'danger',
  STOPPED: 'warning',
  PENDING: 'pending',
  RUNNING: 'running',
  UNKNOWN: 'neutral',
  // Tasks
  FINISHED: 'success',
  RUNNING_IN_RAY_GET: 'running',
  RUNNING_IN_RAY_WAIT: 'running',
  NIL: 'neutral',
  // Actors
  ALIVE: 'success',
  DEAD: 'neutral',
  RESTARTING: 'warning',
  DEPENDENCIES_UNREADY: 'pending',
  PENDING_CREATION: 'pending',
};

/** The tone of a state; every `PENDING_*` / `SUBMITTED_*` task state is pending. */
export function statusTone(state: string | null | undefined): StatusTone {
  if (!state) return 'neutral';
  const known = TONES[state];
  if (known) return known;
  if (/^(PENDING|SUBMITTED|GETTING)/.test(state)) return 'pending';
  return 'neutral';
}

/** Order for legends and counters: failures first, then the rest as Ray's lifecycle goes. */
const TONE_ORDER: StatusTone[] = ['danger', 'warning', 'running', 'pending', 'success', 'neutral'];

export function compareStates(a: string, b: string): number {
  const byTone = TONE_ORDER.indexOf(statusTone(a)) - TONE_ORDER.indexOf(statusTone(b));
  return byTone !== 0 ? byTone : a.localeCompare(b);
}
