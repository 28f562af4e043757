import { useEffect, useState } from 'react';
import { GrafanaSetupHint } from './GrafanaSetupHint';

/** How long Grafana gets to fire the frame's load event before the setup hint replaces it. */
export const GRAFANA_LOAD_TIMEOUT_MS = 10_000;

// GrafanaDashboard probes Grafana first (grafana-probe.ts): an unreachable one gets the setup
// hint, never a frame. A cross-origin frame's content cannot be read, so "did Grafana load?" is then
// answered by the frame's load event arriving in time, and by a CSP violation naming the
// frame's origin; the hint below the frame covers a Grafana that answers but refuses to be
// embedded (docs/metrics.md).

export function GrafanaFrame({ url, title, base }: { url: string; title: string; base: string }) {
  const [state, setState] = useState<{ url: string; status: 'loading' | 'loaded' | 'failed' }>({
    url,
    status: 'loading',
  });
  const status = state.url === url ? state.status : 'loading';

  useEffect(() => {
    const timer = window.setTimeout(
      () =>
        setState((s) => (s.url === url && s.status === 'loaded' ? s : { url, status: 'failed' })),
      GRAFANA_LOAD_TIMEOUT_MS,
    );
    const origin = new URL(url).origin;
    const onViolation = (event: SecurityPolicyViolationEvent) => {
      if (event.blockedURI.startsWith(origin)) setState({ url, status: 'failed' });
    };
    document.addEventListener('securitypolicyviolation', onViolation);
    return () => {
      window.clearTimeout(timer);
      document.removeEventListener('securitypolicyviolation', onViolation);
    };
  }, [url]);

  if (status === 'failed') return <GrafanaSetupHint base={base} />;
  return (
    <div className="metrics-grafana">
      <iframe
        key={url}
        className="metrics-grafana__frame"
        title={title}
        src={url}
        referrerPolicy="no-referrer"
        onLoad={() => setState({ url, status: 'loaded' })}
      />
      <details className="metrics-grafana__help">
        <summary>Blank or an error inside the frame?</summary>
        <GrafanaSetupHint base={base} compact />
      </details>
    </div>
  );
}
