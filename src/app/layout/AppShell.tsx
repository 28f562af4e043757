import { Suspense, useMemo } from 'react';
import { Outlet } from 'react-router';
import { RouteAnnouncer } from '../../auth/embedding/RouteAnnouncer';
import { Skeleton } from '../../components/ui/Skeleton';
import { useClusterTimezone } from '../../lib/session/api/get-cluster-timezone';
import { useCurrentSessionScope } from '../../lib/session/session-scope';
import { useEmbedded } from '../../lib/embed';
import { ThemeProvider } from '../../lib/theme/ThemeProvider';
import { TimeFormatProvider } from '../../lib/time/TimeFormatProvider';
import { clusterZoneSetting } from '../../lib/time/timezone-choice';
import { Breadcrumb } from './Breadcrumb';
import { TopNav } from './TopNav';
import './layout.css';

/** The frame around every page; `?embed=1` drops the navigation chrome for iframes. */
export function AppShell() {
  const scope = useCurrentSessionScope();
  const embedded = useEmbedded();
  const recordedZone = useClusterTimezone(scope).data;
  const clusterZone = useMemo(
    () => (scope ? clusterZoneSetting(recordedZone) : null),
    [scope, recordedZone],
  );

  return (
    <ThemeProvider>
      <TimeFormatProvider clusterZone={clusterZone}>
        <RouteAnnouncer />
        {!embedded && (
          <>
            <a className="skip-link" href="#main-content">
              Skip to content
            </a>
            <TopNav scope={scope} />
          </>
        )}
        <main
          id="main-content"
          tabIndex={-1}
          className={embedded ? 'app-main app-main--embedded' : 'app-main'}
        >
          {!embedded && scope && <Breadcrumb scope={scope} />}
          <Suspense fallback={<Skeleton label="Loading page" lines={5} />}>
            <Outlet />
          </Suspense>
        </main>
      </TimeFormatProvider>
    </ThemeProvider>
  );
}
