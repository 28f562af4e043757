import type { Page } from '@playwright/test';

// When a table view drew its first row, measured in the page itself.

const FIRST_ROW = 'table tbody tr.data-table__row';

/** Milliseconds from navigation start until the page shows its first table row. */
export async function msToFirstRow(page: Page, timeoutMs: number): Promise<number> {
  // Checked every frame in the page; performance.now() counts from navigation start.
  // A function, not a string: the page's CSP (no unsafe-eval) refuses evaluated strings.
  const handle = await page.waitForFunction(
    (selector) => {
      const doc = (globalThis as unknown as { document: { querySelector(s: string): unknown } })
        .document;
      return doc.querySelector(selector) !== null && performance.now();
    },
    FIRST_ROW,
    { polling: 'raf', timeout: timeoutMs },
  );
  return (await handle.jsonValue()) as number;
}
