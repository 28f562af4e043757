import type { Page } from '@playwright/test';
import { paths } from '../contract/paths.ts';
import { expect, test } from './support/guarded-test.ts';
import { sampleManifest } from './support/sample.ts';
import {
  type DrawnRow,
  drawnRows,
  drawnRun,
  glyphBoxes,
  inkPixels,
  plainTextColour,
  terminalBackground,
} from './support/terminal-drawing.ts';

// What the log viewer draws, in the production build under the production CSP (style-src without
// 'unsafe-inline'): a font, colours and highlights that only exist when xterm.js's styles load.
// The guarded `test` also fails on any CSP violation.

const manifest = sampleManifest();
const job = manifest.failedRayJob;
const session = manifest.sessions.find((s) => s.sessionName === job.sessionName)!;
const scope = {
  namespace: session.namespace,
  kind: session.kind,
  name: session.name,
  session: session.sessionName,
};
const { nodeId, file } = (() => {
  const m = /([^/]+)\/logs\/(.+)$/.exec(job.driverLogKey)!;
  return { nodeId: m[1]!, file: m[2]! };
})();

const logText = (page: Page) => page.getByTestId('log-text');
const rowOfLine = (rows: DrawnRow[], line: number) =>
  rows.find((row) => row.text.trimStart().startsWith(`${line} │`));

for (const theme of ['light', 'dark'] as const) {
  test.describe(`${theme} theme`, () => {
    const driverLog = (lines?: [number, number]) =>
      `${paths.logFile(scope, nodeId, file)}?theme=${theme}${lines ? `#L${lines[0]}-L${lines[1]}` : ''}`;

    test('log text is drawn monospaced, ANSI red in red, underscores visible', async ({ page }) => {
      await page.goto(driverLog());
      await expect(logText(page)).toContainText(job.tracebackLastLine);
      // The terminal draws the tail once its write ends, after the text above is in the page; a
      // "g" pressed before that was undone by the scroll to the tail. The last line may wrap onto
      // a second row, so the rows are read as one text.
      const drawnText = async () => (await drawnRows(page)).map((row) => row.text).join('');
      await expect.poll(drawnText).toContain(job.tracebackLastLine);
      // To the top ("g"): plain lines, then the red traceback.
      await page.keyboard.press('g');
      await expect.poll(async () => rowOfLine(await drawnRows(page), 1)).toBeTruthy();

      // Soft: one run reports every drawn property that is wrong.
      const plain = await drawnRun(page, 'Connected to Ray cluster');
      expect.soft(plain.fontFamily).toMatch(/monospace/);
      // Narrow and wide letters take the same width.
      const widths = await glyphBoxes(page, ['i', 'm', '.', '_']);
      expect(widths.i!.width).toBeGreaterThan(0);
      expect.soft(Math.abs(widths.i!.width - widths.m!.width)).toBeLessThan(0.5);
      expect.soft(Math.abs(widths.i!.width - widths['.']!.width)).toBeLessThan(0.5);

      const red = await drawnRun(page, 'Traceback (most recent call last)');
      expect.soft(red.color).not.toBe(await plainTextColour(page));
      expect.soft(red.color).not.toBe(plain.color);

      // An underscore leaves ink in its cell (it vanished when the rows clipped it).
      expect.soft(await inkPixels(page, widths._!)).toBeGreaterThan(2);
    });

    test('the current search match and the other matches have visible backgrounds', async ({
      page,
    }) => {
      await page.goto(driverLog());
      await expect(logText(page)).toContainText(job.tracebackLastLine);
      // Ten progress lines, all in view.
      await page.getByRole('searchbox', { name: 'Find in log' }).fill('shards)');
      await expect(page.getByRole('status').filter({ hasText: /of 10$/ })).toBeVisible();
      const markedRows = async () =>
        (await drawnRows(page)).filter((row) => row.marked.includes('shards)'));
      await expect.poll(async () => (await markedRows()).length).toBe(10);
      const marked = await markedRows();
      const background = await terminalBackground(page);
      const backgrounds = new Set(marked.flatMap((row) => row.markBackgrounds));
      expect(backgrounds).not.toContain(background);
      // The current match stands out from the others.
      expect(backgrounds.size).toBeGreaterThan(1);
    });

    test('a #L permalink draws its lines on a background of their own', async ({ page }) => {
      await page.goto(driverLog([2, 3]));
      await expect(page.getByTestId('highlighted-lines')).toHaveText(/Lines 2–3 highlighted/);
      await expect.poll(async () => rowOfLine(await drawnRows(page), 2)?.marked ?? '').toBeTruthy();
      const rows = await drawnRows(page);
      const background = await terminalBackground(page);
      for (const line of [2, 3]) {
        const row = rowOfLine(rows, line)!;
        expect(row.marked.trim().length, `line ${line} is highlighted`).toBeGreaterThan(0);
        expect(row.markBackgrounds).not.toContain(background);
      }
      for (const line of [1, 4]) expect(rowOfLine(rows, line)?.marked).toBe('');
    });
  });
}

test('256-colour, truecolor, bold and underlined text are drawn as such', async ({ page }) => {
  // The sample's logs use the 16 basic colours only; this one answer carries the rest.
  const lines = [
    'plain text',
    '\x1b[31mbasic red\x1b[0m',
    '\x1b[38;5;208mpalette orange\x1b[0m',
    '\x1b[38;2;12;200;80mtruecolor green\x1b[0m',
    '\x1b[1mbold words\x1b[0m and \x1b[4munderlined words\x1b[0m',
  ];
  const body = lines.join('\n') + '\n';
  await page.route(
    (url) => url.pathname.endsWith('/logs/file'),
    (route) =>
      route.fulfill({
        contentType: 'text/plain; charset=utf-8',
        headers: {
          'x-log-file-size': String(body.length),
          'x-log-start-offset': '0',
          'x-log-end-offset': String(body.length),
          'x-log-first-line': '1',
          'x-log-node-id': nodeId,
          'x-log-filename': 'colours.log',
        },
        body,
      }),
  );
  await page.goto(paths.logFile(scope, nodeId, 'colours.log'));
  await expect(logText(page)).toContainText('underlined words');
  const plain = await plainTextColour(page);
  expect.soft((await drawnRun(page, 'basic red')).color).not.toBe(plain);
  expect.soft((await drawnRun(page, 'palette orange')).color).toBe('rgb(255, 135, 0)');
  expect.soft((await drawnRun(page, 'truecolor green')).color).toBe('rgb(12, 200, 80)');
  expect.soft(Number((await drawnRun(page, 'bold words')).fontWeight)).toBeGreaterThanOrEqual(600);
  expect.soft((await drawnRun(page, 'underlined words')).textDecorationLine).toContain('underline');
});
