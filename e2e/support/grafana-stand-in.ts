import type { Page } from '@playwright/test';

// Grafana is not installable here: the browser's requests to where the app looks for Grafana by
// default (the page's host on port 3000) are answered in the browser itself with a blank page,
// and the URLs asked for are recorded. No socket is opened, so a run never collides with another
// run (or anything else) on port 3000 of the same machine.

export const GRAFANA_DEFAULT_ORIGIN = 'http://127.0.0.1:3000';

export interface GrafanaStandIn {
  /** Path and query of every request the page (or its frames) made to the stand-in, in order. */
  requests: string[];
}

export async function routeGrafanaStandIn(
  page: Page,
  origin = GRAFANA_DEFAULT_ORIGIN,
): Promise<GrafanaStandIn> {
  const requests: string[] = [];
  await page.route(
    (url) => url.origin === origin,
    (route) => {
      const url = new URL(route.request().url());
      requests.push(url.pathname + url.search);
      return route.fulfill({
        status: 200,
        contentType: 'text/html; charset=utf-8',
        body: '<!doctype html><title>Grafana stand-in</title><p>Grafana stand-in</p>',
      });
    },
  );
  return { requests };
}
