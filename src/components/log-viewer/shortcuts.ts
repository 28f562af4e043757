// Keyboard shortcuts of the log viewer; none fire while the user types in a field.

export type ViewerShortcut = 'focus-search' | 'next-match' | 'previous-match' | 'top' | 'bottom';

const KEYS: Record<string, ViewerShortcut> = {
  '/': 'focus-search',
  n: 'next-match',
  N: 'previous-match',
  g: 'top',
  G: 'bottom',
};

export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  target: EventTarget | null;
}

function isTyping(target: EventTarget | null): boolean {
  if (!target || typeof (target as Element).closest !== 'function') return false;
  const element = target as HTMLElement;
  if (element.isContentEditable) return true;
  // xterm's own hidden textarea counts as the terminal, not as a text field.
  if (element.classList.contains('xterm-helper-textarea')) return false;
  return element.closest('input, textarea, select, [contenteditable="true"]') !== null;
}

export function shortcutFor(press: KeyPress): ViewerShortcut | null {
  if (press.ctrlKey || press.metaKey || press.altKey || isTyping(press.target)) return null;
  return KEYS[press.key] ?? null;
}
