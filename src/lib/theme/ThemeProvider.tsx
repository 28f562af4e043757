import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { useLocation } from 'react-router';
import {
  applyTheme,
  forcedThemeFrom,
  readThemePreference,
  resolveTheme,
  saveThemePreference,
  systemPrefersDark,
  watchSystemTheme,
} from './theme';
import type { Theme, ThemePreference } from './theme';

interface ThemeState {
  theme: Theme;
  preference: ThemePreference;
  /** Set when `?theme=` in the URL decides the theme. */
  forced: Theme | null;
  setPreference: (preference: ThemePreference) => void;
}

const ThemeContext = createContext<ThemeState | null>(null);

export function ThemeProvider({ children }: { children: ReactNode }) {
  const { search } = useLocation();
  const forced = forcedThemeFrom(search);
  const [preference, setPreferenceState] = useState(readThemePreference);
  const [systemDark, setSystemDark] = useState(systemPrefersDark);

  useEffect(() => watchSystemTheme(() => setSystemDark(systemPrefersDark())), []);

  const theme = resolveTheme({ forced, preference, systemPrefersDark: systemDark });
  useEffect(() => applyTheme(theme), [theme]);

  const setPreference = useCallback(
    (next: ThemePreference) => {
      saveThemePreference(next);
      setPreferenceState(next);
    },
    [setPreferenceState],
  );

  const value = useMemo(
    () => ({ theme, preference, forced, setPreference }),
    [theme, preference, forced, setPreference],
  );
  return <ThemeContext value={value}>{children}</ThemeContext>;
}

export function useTheme(): ThemeState {
  const state = useContext(ThemeContext);
  if (!state) throw new Error('useTheme must be used inside <ThemeProvider>');
  return state;
}
