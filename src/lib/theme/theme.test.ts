import { describe, expect, it } from 'vitest';
import { forcedThemeFrom, resolveTheme } from './theme';

describe('resolveTheme', () => {
  it('follows the system when nothing was chosen', () => {
    expect(resolveTheme({ forced: null, preference: 'system', systemPrefersDark: true })).toBe(
      'dark',
    );
    expect(resolveTheme({ forced: null, preference: 'system', systemPrefersDark: false })).toBe(
      'light',
    );
  });

  it('prefers the saved choice over the system', () => {
    expect(resolveTheme({ forced: null, preference: 'light', systemPrefersDark: true })).toBe(
      'light',
    );
    expect(resolveTheme({ forced: null, preference: 'dark', systemPrefersDark: false })).toBe(
      'dark',
    );
  });

  it('lets ?theme= in the URL win over both', () => {
    expect(resolveTheme({ forced: 'dark', preference: 'light', systemPrefersDark: false })).toBe(
      'dark',
    );
    expect(resolveTheme({ forced: 'light', preference: 'system', systemPrefersDark: true })).toBe(
      'light',
    );
  });
});

describe('forcedThemeFrom', () => {
  it('reads only light or dark from the query string', () => {
    expect(forcedThemeFrom('?embed=1&theme=dark')).toBe('dark');
    expect(forcedThemeFrom('?theme=light')).toBe('light');
    expect(forcedThemeFrom('?theme=blue')).toBeNull();
    expect(forcedThemeFrom('')).toBeNull();
  });
});
