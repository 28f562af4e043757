import type { ITheme } from '@xterm/xterm';
import type { Theme } from '../../lib/theme/theme';

// xterm needs concrete colours (it paints them itself), so the two palettes live here,
// matched to tokens.css.

const DARK: ITheme = {
  background: '#0f1318',
  foreground: '#e6edf3',
  cursor: '#0f1318',
  selectionBackground: '#388bfd66',
  red: '#ff7b72',
  brightRed: '#ffa198',
  green: '#3fb950',
  yellow: '#d29922',
  blue: '#58a6ff',
  magenta: '#bc8cff',
  cyan: '#39c5cf',
};

const LIGHT: ITheme = {
  background: '#ffffff',
  foreground: '#1b1f24',
  cursor: '#ffffff',
  selectionBackground: '#0a5fc240',
  black: '#1b1f24',
  red: '#c62828',
  brightRed: '#e53935',
  green: '#1a7f37',
  yellow: '#9a6700',
  blue: '#0a5fc2',
  magenta: '#8250df',
  cyan: '#1b7c83',
  white: '#6e7781',
  brightWhite: '#8c959f',
};

export function terminalTheme(theme: Theme): ITheme {
  return theme === 'dark' ? DARK : LIGHT;
}

/** Colours of search matches and permalink highlights. */
export function markColours(theme: Theme) {
  return theme === 'dark'
    ? { match: '#9e6a03', activeMatch: '#f2cc60', highlight: '#1f3a5f', ruler: '#f2cc60' }
    : { match: '#fff3b0', activeMatch: '#ffb000', highlight: '#dbeafe', ruler: '#bf8700' };
}
