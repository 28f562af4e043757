import { useTheme } from '../../../lib/theme/ThemeProvider';
import { useTimeFormat } from '../../../lib/time/TimeFormatProvider';
import { Skeleton } from '../../../components/ui/Skeleton';
import { useRuntimeConfig } from '../../../config/runtime-config';
import type { SessionInfo } from '../../../../contract/api';
import { useGrafanaReachable } from '../grafana-probe';
import { grafanaBase, grafanaDashboardUrl } from '../grafana-url';
import type { GrafanaDashboardTab } from '../grafana-tabs';
import { GrafanaFrame } from './GrafanaFrame';
import { GrafanaSetupHint } from './GrafanaSetupHint';

/** One Ray dashboard in kiosk mode, scoped to the session's name, cluster and time span. */
export function GrafanaDashboard({
  dashboard,
  session,
  window: span,
}: {
  dashboard: GrafanaDashboardTab;
  session: SessionInfo;
  window: { startMs: number; endMs: number };
}) {
  const { metrics } = useRuntimeConfig();
  const { theme } = useTheme();
  const { timeZone } = useTimeFormat();
  const common = {
    grafanaUrl: metrics.grafanaUrl,
    location: window.location,
    orgId: metrics.grafanaOrgId,
    dashboardUid: dashboard.uid,
    datasource: metrics.grafanaDatasource,
    sessionName: session.sessionName,
    clusterName: session.clusterName,
    startMs: span.startMs,
    endMs: span.endMs,
    theme,
    timezone: timeZone,
  };
  const base = grafanaBase(metrics.grafanaUrl, window.location);
  // Never a broken frame: an unreachable Grafana gets the setup hint instead.
  const reachable = useGrafanaReachable(base);
  const embedded = grafanaDashboardUrl({ ...common, kiosk: true });
  const full = grafanaDashboardUrl({ ...common, kiosk: false });
  return (
    <div className="metrics-dashboard">
      <p className="metrics-dashboard__actions">
        <a href={full} target="_blank" rel="noopener noreferrer">
          Open in Grafana
        </a>
      </p>
      {reachable.isPending ? (
        <Skeleton label={`Checking Grafana at ${base}`} lines={4} />
      ) : reachable.data ? (
        <GrafanaFrame url={embedded} title={`Grafana: ${dashboard.label}`} base={base} />
      ) : (
        <GrafanaSetupHint base={base} />
      )}
    </div>
  );
}
