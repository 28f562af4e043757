import {
  applyTheme,
  forcedThemeFrom,
  readThemePreference,
  resolveTheme,
  systemPrefersDark,
} from './theme';

// Imported first by main.tsx so the page gets its theme before React's first paint
// (an inline script would do it earlier, but the CSP forbids inline scripts).
applyTheme(
  resolveTheme({
    forced: forcedThemeFrom(window.location.search),
    preference: readThemePreference(),
    systemPrefersDark: systemPrefersDark(),
  }),
);
