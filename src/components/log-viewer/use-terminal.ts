import { FitAddon } from '@xterm/addon-fit';
import { SearchAddon } from '@xterm/addon-search';
import { WebLinksAddon } from '@xterm/addon-web-links';
import { Terminal } from '@xterm/xterm';
import { useEffect, useState } from 'react';
import type { RefObject } from 'react';
import type { Theme } from '../../lib/theme/theme';
import { pageStyleNonce, withStyleNonce } from './style-nonce';
import { terminalTheme } from './terminal-theme';

export interface TerminalHandles {
  terminal: Terminal;
  search: SearchAddon;
  fit: FitAddon;
}

/** Links in logs open in a new tab, without giving that page a handle on ours. */
export function openLogLink(uri: string): void {
  if (!/^https?:\/\//i.test(uri)) return;
  window.open(uri, '_blank', 'noopener,noreferrer');
}

function applyTerminalTheme(terminal: Terminal, theme: Theme) {
  terminal.options.theme = terminalTheme(theme);
}

function safeFit(fit: FitAddon) {
  try {
    fit.fit();
  } catch {
    // Not laid out yet (hidden tab): the next resize fits it.
  }
}

/** A read-only terminal in `container`, with fit, search and web-links addons. */
export function useTerminal(
  container: RefObject<HTMLDivElement | null>,
  theme: Theme,
): TerminalHandles | null {
  const [handles, setHandles] = useState<TerminalHandles | null>(null);

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const terminal = new Terminal({
      disableStdin: true,
      cursorBlink: false,
      cursorStyle: 'bar',
      cursorInactiveStyle: 'none',
      scrollback: 1_000_000,
      allowProposedApi: true,
      fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
      fontSize: 13,
      // Room below the baseline: at 1.0 the row clips descenders and underscores.
      lineHeight: 1.2,
      theme: terminalTheme(theme),
      linkHandler: { activate: (_event, uri) => openLogLink(uri) },
    });
    const fit = new FitAddon();
    const search = new SearchAddon({ highlightLimit: 5000 });
    terminal.loadAddon(fit);
    terminal.loadAddon(search);
    terminal.loadAddon(new WebLinksAddon((_event, uri) => openLogLink(uri)));
    // xterm adds its <style> elements while opening; they carry the page's CSP nonce.
    withStyleNonce(element.ownerDocument, pageStyleNonce(element.ownerDocument), () =>
      terminal.open(element),
    );
    safeFit(fit);
    const observer = new ResizeObserver(() => safeFit(fit));
    observer.observe(element);
    // The terminal is an external system; publishing its handles once it exists is the point.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setHandles({ terminal, fit, search });
    return () => {
      observer.disconnect();
      terminal.dispose();
      setHandles(null);
    };
    // The theme is applied by the effect below; recreating the terminal would lose its content.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [container]);

  useEffect(() => {
    if (handles) applyTerminalTheme(handles.terminal, theme);
  }, [handles, theme]);

  return handles;
}
