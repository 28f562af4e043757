// Which theme the page shows: `?theme=` forces one (not saved), else the saved choice, else
// the system's preference.

export type Theme = 'light' | 'dark';
export type ThemePreference = Theme | 'system';

export const THEME_STORAGE_KEY = 'ray-history.theme';
const DARK_QUERY = '(prefers-color-scheme: dark)';

export function isTheme(value: unknown): value is Theme {
  return value === 'light' || value === 'dark';
}

export function isThemePreference(value: unknown): value is ThemePreference {
  return isTheme(value) || value === 'system';
}

/** The theme named by `?theme=light|dark`, or null. */
export function forcedThemeFrom(search: string): Theme | null {
  const value = new URLSearchParams(search).get('theme');
  return isTheme(value) ? value : null;
}

export function resolveTheme(input: {
  forced: Theme | null;
  preference: ThemePreference;
  systemPrefersDark: boolean;
}): Theme {
  if (input.forced) return input.forced;
  if (input.preference !== 'system') return input.preference;
  return input.systemPrefersDark ? 'dark' : 'light';
}

export function readThemePreference(): ThemePreference {
  try {
    const stored = window.localStorage.getItem(THEME_STORAGE_KEY);
    return isThemePreference(stored) ? stored : 'system';
  } catch {
    return 'system'; // Storage blocked (e.g. third-party iframe).
  }
}

export function saveThemePreference(preference: ThemePreference): void {
  try {
    if (preference === 'system') window.localStorage.removeItem(THEME_STORAGE_KEY);
    else window.localStorage.setItem(THEME_STORAGE_KEY, preference);
  } catch {
    // Storage blocked: the choice lasts for this page only.
  }
}

export function systemPrefersDark(): boolean {
  return typeof window.matchMedia === 'function' && window.matchMedia(DARK_QUERY).matches;
}

/** Calls `listener` when the system switches between light and dark; returns an unsubscribe. */
export function watchSystemTheme(listener: () => void): () => void {
  if (typeof window.matchMedia !== 'function') return () => {};
  const query = window.matchMedia(DARK_QUERY);
  query.addEventListener('change', listener);
  return () => query.removeEventListener('change', listener);
}

export function applyTheme(theme: Theme): void {
  document.documentElement.dataset.theme = theme;
  document.documentElement.style.colorScheme = theme;
}
