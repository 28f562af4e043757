import { Suspense, lazy } from 'react';
import { Skeleton } from '../ui/Skeleton';
import type { LogSource } from './log-source';

// xterm and its CSS load only when a log is opened, never with the first page.
const LogViewer = lazy(() => import('./LogViewer'));

export function LazyLogViewer({
  source,
  titleContext,
}: {
  source: LogSource;
  titleContext?: string;
}) {
  return (
    <Suspense fallback={<Skeleton label="Loading the log viewer" lines={6} />}>
      <LogViewer source={source} titleContext={titleContext} />
    </Suspense>
  );
}
