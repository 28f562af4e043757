import { useQuery } from '@tanstack/react-query';

// Is Grafana reachable from this browser? Asked before the frame is drawn, so an unreachable
// Grafana shows the setup hint instead of the browser's broken-frame page.
//
// The probe is an opaque `no-cors` GET of Grafana's /api/health: it resolves when anything
// answers at that address and rejects when the connection is refused, times out or the CSP
// forbids it. It carries nothing of ours: no cookies or HTTP auth (`credentials: 'omit'`), no
// referrer (the session URL), no token, and its answer is unreadable by design — only "did a
// server answer" is learned. The CSP allows it by listing Grafana's origin in `connect-src`,
// the same origin `frame-src` already allows.

/** How long the probe waits for Grafana before calling it unreachable. */
export const GRAFANA_PROBE_TIMEOUT_MS = 4_000;

export async function probeGrafana(
  base: string,
  fetchImpl: typeof fetch = fetch,
  timeoutMs = GRAFANA_PROBE_TIMEOUT_MS,
): Promise<boolean> {
  try {
    await fetchImpl(`${base}/api/health`, {
      mode: 'no-cors',
      credentials: 'omit',
      cache: 'no-store',
      referrerPolicy: 'no-referrer',
      signal: AbortSignal.timeout(timeoutMs),
    });
    return true;
  } catch {
    return false;
  }
}

/** `data` is true / false once the probe has answered; one probe per base for a minute. */
export function useGrafanaReachable(base: string) {
  return useQuery({
    queryKey: ['grafana-reachable', base],
    queryFn: () => probeGrafana(base),
    staleTime: 60_000,
    retry: false,
  });
}
