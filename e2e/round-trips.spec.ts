import { paths } from '../contract/paths.ts';
import { expect, test } from './support/guarded-test.ts';
import { recordRequests, wavesOf } from './support/request-waves.ts';
import { sampleManifest } from './support/sample.ts';

// A deep link to a job page draws its first content after at most two sequential round trips
// past the HTML: the page's script with /config.json (preloaded), then the page's code and its
// data side by side (src/app/route-preload.ts).

const manifest = sampleManifest();
const failed = manifest.failedRayJob;
const session = manifest.sessions.find((s) => s.sessionName === failed.sessionName)!;
const scope = {
  namespace: session.namespace,
  kind: session.kind,
  name: session.name,
  session: session.sessionName,
};

const pages = [
  {
    name: 'the jobs list',
    url: paths.jobs(scope),
    first: 'table tbody tr.data-table__row',
    needs: [/\/assets\/JobsPage-/, /\/api\/jobs\/$/],
  },
  {
    name: 'a job',
    url: paths.job(scope, failed.jobId),
    first: 'h1.page-title',
    needs: [/\/assets\/JobDetailPage-/, new RegExp(`/api/jobs/${failed.jobId}$`)],
  },
];

for (const { name, url, first, needs } of pages) {
  test(`${name} draws its first content two round trips after the HTML`, async ({ page }) => {
    const requests = await recordRequests(page);
    await page.goto(url);
    await expect(page.locator(first).first()).toBeVisible();
    const waves = wavesOf(requests());
    // Each request as "wave initiator path", for the failure message.
    const chain = waves.map((r) => `${r.wave} ${r.initiator} ${new URL(r.url).pathname}`);
    for (const need of needs) {
      const request = waves.find((r) => need.test(new URL(r.url).pathname));
      expect(request, `a request for ${need}:\n${chain.join('\n')}`).toBeDefined();
      expect(request!.wave, `the wave of ${need}:\n${chain.join('\n')}`).toBeLessThanOrEqual(2);
    }
  });
}
