import { useEffect } from 'react';
import type { RefObject } from 'react';
import { shortcutFor } from './shortcuts';
import type { TerminalHandles } from './use-terminal';

/** The viewer's keys — / n N g G (shortcuts.ts) — anywhere on the page, not while typing. */
export function useViewerKeys(
  handles: TerminalHandles | null,
  searchInput: RefObject<HTMLInputElement | null>,
  find: (direction: 'next' | 'previous') => void,
): void {
  useEffect(() => {
    if (!handles) return;
    const onKey = (event: KeyboardEvent) => {
      const shortcut = shortcutFor(event);
      if (!shortcut) return;
      event.preventDefault();
      if (shortcut === 'focus-search') searchInput.current?.focus();
      else if (shortcut === 'next-match') find('next');
      else if (shortcut === 'previous-match') find('previous');
      else if (shortcut === 'top') handles.terminal.scrollToTop();
      else handles.terminal.scrollToBottom();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [handles, searchInput, find]);
}
