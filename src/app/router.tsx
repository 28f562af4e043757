import { lazy } from 'react';
import { Navigate, createBrowserRouter, useLocation } from 'react-router';
import type { RouteObject } from 'react-router';
import { routePatterns } from '../config/paths';
import { SessionsPage } from '../features/sessions/components/SessionsPage';
import { AppShell } from './layout/AppShell';
import { RouteError } from './RouteError';

// Only the sessions page is in the first download; every other page loads on demand.
const SessionRoute = lazy(() =>
  import('./SessionRoute').then((m) => ({ default: m.SessionRoute })),
);
const OverviewPage = lazy(() => import('../features/overview/components/OverviewPage'));
const NotFoundPage = lazy(() =>
  import('./NotFoundPage').then((m) => ({ default: m.NotFoundPage })),
);

function RedirectToClusters() {
  const { search, hash } = useLocation();
  return <Navigate to={{ pathname: routePatterns.clusters, search, hash }} replace />;
}

export const appRoutes: RouteObject[] = [
  {
    element: <AppShell />,
    errorElement: <RouteError />,
    children: [
      { path: routePatterns.home, element: <RedirectToClusters /> },
      { path: routePatterns.clusters, element: <SessionsPage /> },
      {
        path: routePatterns.session,
        element: <SessionRoute />,
        children: [{ index: true, element: <OverviewPage /> }],
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];

export function createAppRouter(basePath: string) {
  return createBrowserRouter(appRoutes, { basename: basePath || '/' });
}
