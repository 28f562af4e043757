/** What to do when Grafana does not show: reach it, or point the server at it. */
export function GrafanaSetupHint({ base, compact = false }: { base: string; compact?: boolean }) {
  return (
    <section
      className={compact ? 'metrics-hint metrics-hint--compact' : 'metrics-hint'}
      aria-label="Grafana setup"
      role={compact ? undefined : 'status'}
    >
      {!compact && <h2 className="metrics-hint__title">Grafana did not load from {base}</h2>}
      <p>
        The Grafana charts need a Grafana with Ray&apos;s dashboards reachable from this browser:
      </p>
      <ul>
        <li>
          Forward its port, for example{' '}
          <code>kubectl -n kuberay port-forward svc/ray-history-server 3000:3000</code>, then reload
          this page.
        </li>
        <li>
          Or start the server with <code>GRAFANA_URL</code> set to Grafana&apos;s address (a path
          such as <code>/grafana</code> behind a reverse proxy works), and{' '}
          <code>GRAFANA_DASHBOARDS</code>, <code>GRAFANA_ORG_ID</code>,{' '}
          <code>GRAFANA_DATASOURCE</code> if yours differ from Ray&apos;s.
        </li>
        <li>
          Grafana must allow embedding: <code>allow_embedding = true</code> in its{' '}
          <code>[security]</code> section.
        </li>
      </ul>
      <p>The native charts tab works without Grafana.</p>
    </section>
  );
}
