import { Suspense, lazy } from 'react';
import { Skeleton } from '../ui/Skeleton';
import type { LogSource } from './log-source';

// xterm and its CSS load only when a log is opened, never with the first page.
const LogViewer = lazy(() => import('./LogViewer'));

export function LazyLogViewer({
  source,
  titleContext,
  whenEmpty,
}: {
  source: LogSource;
  titleContext?: string;
  /** See LogViewer. */
  whenEmpty?: string;
}) {
  return (
    <Suspense fallback={<Skeleton label="Loading the log viewer" lines={6} />}>
      <LogViewer source={source} titleContext={titleContext} whenEmpty={whenEmpty} />
    </Suspense>
  );
}
