import { parseUtcOffset } from '../format';
import type { TimeZoneSetting } from '../format';

// The user's timezone choice, remembered across visits, and what it means for one session.

export type TimezoneChoice = 'utc' | 'browser' | 'cluster';
export const TIMEZONE_STORAGE_KEY = 'ray-history.timezone';

export function isTimezoneChoice(value: unknown): value is TimezoneChoice {
  return value === 'utc' || value === 'browser' || value === 'cluster';
}

export function readTimezoneChoice(): TimezoneChoice {
  try {
    const stored = window.localStorage.getItem(TIMEZONE_STORAGE_KEY);
    return isTimezoneChoice(stored) ? stored : 'browser';
  } catch {
    return 'browser';
  }
}

export function saveTimezoneChoice(choice: TimezoneChoice): void {
  try {
    window.localStorage.setItem(TIMEZONE_STORAGE_KEY, choice);
  } catch {
    // Storage blocked: the choice lasts for this page only.
  }
}

/** The cluster's zone from `/timezone`, or null when it was not recorded. */
export function clusterZoneSetting(
  recorded: { offset?: string; value?: string } | undefined,
): TimeZoneSetting | null {
  if (!recorded) return null;
  const offsetMinutes = recorded.offset ? parseUtcOffset(recorded.offset) : null;
  if (!recorded.value && offsetMinutes === null) return null;
  return {
    zone: recorded.value || undefined,
    offsetMinutes: offsetMinutes ?? undefined,
    label: recorded.value || recorded.offset,
  };
}

/** The setting to format with: 'cluster' falls back to the browser outside a session. */
export function effectiveTimeZone(
  choice: TimezoneChoice,
  cluster: TimeZoneSetting | null,
): TimeZoneSetting {
  if (choice === 'cluster') return cluster ?? 'browser';
  return choice;
}
