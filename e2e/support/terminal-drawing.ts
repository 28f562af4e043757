import type { Page } from '@playwright/test';

// What the log viewer's terminal (xterm.js, DOM renderer) actually draws: computed styles of its
// cells and pixels of a screenshot, never just the text it holds. The in-page functions reach
// the window through the element (`ownerDocument.defaultView`): e2e code has no DOM globals.

export interface DrawnRow {
  text: string;
  /** Text of the cells drawn with a background of their own (search match, permalink). */
  marked: string;
  /** Distinct backgrounds of those cells, in order of appearance. */
  markBackgrounds: string[];
}

export interface DrawnRun {
  text: string;
  color: string;
  fontFamily: string;
  fontWeight: string;
  textDecorationLine: string;
}

/** The visible rows of the terminal. */
export function drawnRows(page: Page): Promise<DrawnRow[]> {
  return page.locator('.xterm-rows').evaluate((rows) =>
    [...rows.children].map((row) => {
      const view = rows.ownerDocument.defaultView!;
      const marks = [...row.querySelectorAll('span')].filter((span) => {
        const background = view.getComputedStyle(span).backgroundColor;
        return background !== 'rgba(0, 0, 0, 0)' && background !== 'transparent';
      });
      return {
        text: (row.textContent ?? '').replaceAll('\u00a0', ' '),
        marked: marks
          .map((span) => span.textContent)
          .join('')
          .replaceAll('\u00a0', ' '),
        markBackgrounds: [
          ...new Set(marks.map((span) => view.getComputedStyle(span).backgroundColor)),
        ],
      };
    }),
  );
}

/** The drawn style of the cells where `text` first starts in a row. */
export async function drawnRun(page: Page, text: string): Promise<DrawnRun> {
  const run = await page.locator('.xterm-rows').evaluate((rows, wanted) => {
    for (const row of rows.children) {
      // Styled cells write spaces as no-break spaces.
      const at = (row.textContent ?? '').replaceAll('\u00a0', ' ').indexOf(wanted);
      if (at < 0) continue;
      // Cells of one style share a span; find the span that holds the text's first character.
      let offset = 0;
      for (const span of row.querySelectorAll('span')) {
        const length = span.textContent?.length ?? 0;
        if (at < offset + length) {
          const style = rows.ownerDocument.defaultView!.getComputedStyle(span);
          return {
            text: span.textContent ?? '',
            color: style.color,
            fontFamily: style.fontFamily,
            fontWeight: style.fontWeight,
            textDecorationLine: style.textDecorationLine,
          };
        }
        offset += length;
      }
    }
    return null;
  }, text);
  if (!run) throw new Error(`No drawn row contains ${JSON.stringify(text)}`);
  return run;
}

/** The colour plain text is drawn in (the rows' own colour). */
export function plainTextColour(page: Page): Promise<string> {
  return page
    .locator('.xterm-rows')
    .evaluate((rows) => rows.ownerDocument.defaultView!.getComputedStyle(rows).color);
}

/** The terminal's background colour. */
export function terminalBackground(page: Page): Promise<string> {
  return page
    .locator('.xterm-scrollable-element')
    .first()
    .evaluate(
      (element) => element.ownerDocument.defaultView!.getComputedStyle(element).backgroundColor,
    );
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Boxes of the first drawn occurrence of each character (its advance × its row's height). */
export async function glyphBoxes(page: Page, chars: string[]): Promise<Record<string, Box>> {
  return page.locator('.xterm-rows').evaluate((rows, wanted) => {
    const found: Record<string, Box> = {};
    const document = rows.ownerDocument;
    const SHOW_TEXT = 4; // NodeFilter.SHOW_TEXT
    const walker = document.createTreeWalker(rows, SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent ?? '';
      for (const char of wanted) {
        const at = text.indexOf(char);
        if (at < 0 || found[char]) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + char.length);
        // Across: the character's advance; down: its whole row (which clips what overflows it).
        const { x, width } = range.getBoundingClientRect();
        const row = node.parentElement!.closest('.xterm-rows > div')!.getBoundingClientRect();
        found[char] = { x, y: row.y, width, height: row.height };
      }
    }
    return found;
  }, chars);
}

/**
 * Pixels in `box` of a screenshot that stand out from the box's most common colour (the
 * background): how much ink a glyph left. Decoded in the page (no image library here).
 */
export async function inkPixels(page: Page, box: Box): Promise<number> {
  const [left, top] = [Math.floor(box.x), Math.floor(box.y)];
  const png = await page.screenshot({
    clip: {
      x: left,
      y: top,
      width: Math.max(1, Math.ceil(box.x + box.width) - left),
      height: Math.max(1, Math.ceil(box.y + box.height) - top),
    },
  });
  return page.locator('body').evaluate(async (body, base64) => {
    const view = body.ownerDocument.defaultView!;
    const bytes = Uint8Array.from(view.atob(base64) as string, (c) => c.charCodeAt(0));
    const bitmap = await view.createImageBitmap(new view.Blob([bytes], { type: 'image/png' }));
    const canvas = new view.OffscreenCanvas(bitmap.width, bitmap.height);
    const context = canvas.getContext('2d')!;
    context.drawImage(bitmap, 0, 0);
    const { data } = context.getImageData(0, 0, bitmap.width, bitmap.height);
    const counts = new Map<number, number>();
    for (let i = 0; i < data.length; i += 4) {
      const key = (data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const background = [...counts].sort((a, b) => b[1] - a[1])[0]![0];
    const [r, g, b] = [background >> 16, (background >> 8) & 255, background & 255];
    let ink = 0;
    for (let i = 0; i < data.length; i += 4) {
      const distance =
        Math.abs(data[i]! - r) + Math.abs(data[i + 1]! - g) + Math.abs(data[i + 2]! - b);
      if (distance > 96) ink += 1;
    }
    return ink;
  }, png.toString('base64'));
}
