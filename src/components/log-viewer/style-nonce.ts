// xterm.js's DOM renderer and viewport add <style> elements (theme, cell size, scrollbar) and take
// no nonce option. The server puts a per-response nonce on index.html's
// `<meta property="csp-nonce">`; the terminal's style elements carry it so the CSP admits them.
// See docs/hardening.md, "Styles".

/** The page's style nonce; '' when the page has none (the dev server, tests). */
export function pageStyleNonce(doc: Document = document): string {
  return doc.querySelector<HTMLMetaElement>('meta[property="csp-nonce"]')?.nonce ?? '';
}

/**
 * Runs `create` with every <style> element `doc` creates meanwhile carrying `nonce`. The nonce
 * must be set before the element is inserted: the CSP check runs when its sheet is first built.
 */
export function withStyleNonce<T>(doc: Document, nonce: string, create: () => T): T {
  if (!nonce) return create();
  const hadOwn = Object.hasOwn(doc, 'createElement');
  const original = doc.createElement;
  doc.createElement = function (this: Document, ...args: Parameters<Document['createElement']>) {
    const element = original.apply(this, args);
    if (element instanceof HTMLStyleElement) element.nonce = nonce;
    return element;
  } as Document['createElement'];
  try {
    return create();
  } finally {
    if (hadOwn) doc.createElement = original;
    else delete (doc as { createElement?: unknown }).createElement;
  }
}
