import { Outlet, useParams } from 'react-router';
import { LiveSessionBar } from '../features/live/components/LiveSessionBar';
import { scopeFromParams } from '../lib/session/session-scope';
import { SessionScopeContext } from '../lib/session/SessionScopeContext';
import { NotFoundPage } from './NotFoundPage';

/** Validates /c/:namespace/:kind/:name/:session once; every page below trusts the scope. */
export function SessionRoute() {
  const scope = scopeFromParams(useParams());
  if (!scope) return <NotFoundPage />;
  return (
    <SessionScopeContext value={scope}>
      {scope.session === 'live' && <LiveSessionBar scope={scope} />}
      <Outlet />
    </SessionScopeContext>
  );
}
