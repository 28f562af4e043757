import type { Page } from '@playwright/test';

// How many round trips a page load waits on, one after another. What the document itself asks
// for (its scripts, styles and preloads, found by the HTML parser) is wave 1; any other request
// is one wave after the latest wave that had finished when it started. Requests that start
// together share a wave however many there are. The browser's own requests (the favicon) are
// left out: nothing waits on them.

export interface TimedRequest {
  url: string;
  /** What started it, per Chrome: parser, preload, script, other… */
  initiator: string;
  startS: number;
  endS: number;
}

export interface WaveRequest extends TimedRequest {
  wave: number;
}

interface RequestWillBeSent {
  requestId: string;
  type?: string;
  timestamp: number;
  request: { url: string };
  initiator: { type: string };
}

/**
 * Latency Chrome adds to every request while recording. On loopback an answer can come back
 * before a request started in the same task has even left, which would read as one waiting on
 * the other; with a real round trip's delay only true waits line up one after another.
 */
export const ROUND_TRIP_MS = 100;

/** Records the requests of `page` (from now on) through the DevTools protocol. */
export async function recordRequests(page: Page): Promise<() => TimedRequest[]> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: ROUND_TRIP_MS,
    downloadThroughput: -1,
    uploadThroughput: -1,
  });
  const started = new Map<string, Omit<TimedRequest, 'endS'>>();
  const finished: TimedRequest[] = [];
  cdp.on('Network.requestWillBeSent', (event: RequestWillBeSent) => {
    if (event.type === 'Document' && started.size === 0) {
      started.set(event.requestId, {
        url: event.request.url,
        initiator: 'navigation',
        startS: event.timestamp,
      });
      return;
    }
    started.set(event.requestId, {
      url: event.request.url,
      initiator: event.initiator.type,
      startS: event.timestamp,
    });
  });
  const finish = ({ requestId, timestamp }: { requestId: string; timestamp: number }) => {
    const request = started.get(requestId);
    if (request) finished.push({ ...request, endS: timestamp });
  };
  cdp.on('Network.loadingFinished', finish);
  cdp.on('Network.loadingFailed', finish);
  return () => [...finished];
}

export function wavesOf(requests: readonly TimedRequest[]): WaveRequest[] {
  const sorted = requests
    .filter((r) => r.initiator !== 'other')
    .sort((a, b) => a.startS - b.startS);
  const waves: WaveRequest[] = [];
  for (const request of sorted) {
    let wave: number;
    if (request.initiator === 'navigation') wave = 0;
    else if (request.initiator === 'parser' || request.initiator === 'preload') wave = 1;
    else {
      const before = waves.filter((done) => done.endS <= request.startS);
      wave = 1 + Math.max(0, ...before.map((done) => done.wave));
    }
    waves.push({ ...request, wave });
  }
  return waves;
}
