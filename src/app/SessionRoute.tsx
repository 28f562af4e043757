import { useMemo } from 'react';
import { Outlet, useParams } from 'react-router';
import { LiveSessionBar } from '../features/live/components/LiveSessionBar';
import { scopeFromParams } from '../lib/session/session-scope';
import { SessionScopeContext } from '../lib/session/SessionScopeContext';
import { NotFoundPage } from './NotFoundPage';

/** Validates /c/:namespace/:kind/:name/:session once; every page below trusts the scope. */
export function SessionRoute() {
  const { namespace, kind, name, session } = useParams();
  // One scope object per session, not per render: pages fetch when it changes, and a new object
  // on every navigation (the log viewer writing `#L…` as lines are selected) fetched and redrew
  // the open log again, throwing away its scroll position.
  const scope = useMemo(
    () => scopeFromParams({ namespace, kind, name, session }),
    [namespace, kind, name, session],
  );
  if (!scope) return <NotFoundPage />;
  return (
    <SessionScopeContext value={scope}>
      {scope.session === 'live' && <LiveSessionBar scope={scope} />}
      <Outlet />
    </SessionScopeContext>
  );
}
