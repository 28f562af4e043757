import type { ServerResponse } from 'node:http';

// A request that awaited something before it took a resource (room in the response budget, a
// download slot, a search slot) may find its client already gone: the response's 'close' event
// has fired, and a listener added now never runs. A release hung on it leaked: after a 5 s
// burst of 64 clients reading log tails, the aborted ones' reservations kept the budget full and
// every later log read got 503 until the process restarted (bench, API rounds, 2026-12-03).

/** Runs `done` once `response` has closed (finished or cut off): at once if it already has. */
export function whenClosed(response: ServerResponse, done: () => void): void {
  if (response.closed) done();
  else response.once('close', done);
}
