import { test as base, expect } from '@playwright/test';
import type { BrowserContext, Page } from '@playwright/test';

// `test` for specs that browse the dashboard: any Content-Security-Policy violation, uncaught page
// error or console error in any of the test's pages fails the test. A blocked style or script
// breaks what is drawn while the DOM still reads right, so text assertions alone miss it.

export interface PageProblem {
  kind: 'csp-violation' | 'console-error' | 'page-error';
  page: string;
  text: string;
}

interface GuardOptions {
  /** Console errors a test provokes on purpose (a 404 it asks for), matched on their text. */
  expectedConsoleErrors: RegExp[];
}

interface Violation {
  directive: string;
  blocked: string;
  source: string;
  line: number;
  sample: string;
}

const BINDING = '__reportCspViolation';

/** What the listener reads of a `SecurityPolicyViolationEvent` (no DOM types in e2e code). */
interface ViolationEvent {
  effectiveDirective: string;
  blockedURI: string;
  sourceFile: string;
  lineNumber: number;
  sample: string;
}

/** Runs in every page before its scripts: report each violation to the test at once. */
function listenForViolations(binding: string) {
  const window = globalThis as unknown as EventTarget & Record<string, (v: Violation) => void>;
  window.addEventListener(
    'securitypolicyviolation',
    (event) => {
      const e = event as unknown as ViolationEvent;
      window[binding]?.({
        directive: e.effectiveDirective,
        blocked: e.blockedURI,
        source: e.sourceFile,
        line: e.lineNumber,
        sample: e.sample,
      });
    },
    // Capture at the window: violations are fired at elements and at the document.
    true,
  );
}

async function watchPages(
  context: BrowserContext,
  expected: RegExp[],
  problems: PageProblem[],
): Promise<void> {
  await context.exposeBinding(BINDING, ({ page }, v: Violation) => {
    problems.push({
      kind: 'csp-violation',
      page: page.url(),
      text: `${v.directive} blocked ${v.blocked || 'inline'} at ${v.source}:${v.line} ${v.sample}`,
    });
  });
  await context.addInitScript(listenForViolations, BINDING);
  const watch = (page: Page) => {
    page.on('console', (message) => {
      const text = message.text();
      if (message.type() === 'error' && !expected.some((pattern) => pattern.test(text)))
        problems.push({ kind: 'console-error', page: page.url(), text });
    });
    page.on('pageerror', (error) =>
      problems.push({ kind: 'page-error', page: page.url(), text: error.message }),
    );
  };
  context.pages().forEach(watch);
  context.on('page', watch);
}

export const test = base.extend<GuardOptions & { pageProblems: PageProblem[] }>({
  expectedConsoleErrors: [[], { option: true }],
  pageProblems: [
    async ({ context, expectedConsoleErrors }, use) => {
      const problems: PageProblem[] = [];
      await watchPages(context, expectedConsoleErrors, problems);
      await use(problems);
      // Reports still in flight from the last page.
      await Promise.all(context.pages().map((page) => page.evaluate(() => 0).catch(() => 0)));
      expect(problems, 'CSP violations or errors in the pages').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
