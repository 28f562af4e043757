import { useRouteError } from 'react-router';
import { ErrorPanel } from '../components/ui/ErrorPanel';

/** Last line of defence when a page throws while rendering. */
export function RouteError() {
  const error = useRouteError();
  return (
    <main className="boot-status">
      <ErrorPanel
        title="This page failed to render"
        error={error}
        onRetry={() => window.location.reload()}
      />
    </main>
  );
}
