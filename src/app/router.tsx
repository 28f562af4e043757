import type { QueryClient } from '@tanstack/react-query';
import { lazy } from 'react';
import { Navigate, createBrowserRouter, useLocation } from 'react-router';
import type { Params, RouteObject } from 'react-router';
import { routePatterns } from '../../contract/paths';
import { jobQuery, jobsQuery } from '../lib/jobs/get-jobs';
import { scopeFromParams } from '../lib/session/session-scope';
import type { SessionScope } from '../../contract/api';
import { SessionsPage } from '../features/sessions/components/SessionsPage';
import { AppShell } from './layout/AppShell';
import { RouteError } from './RouteError';
import type { PreloadHandle } from './route-preload';

// Only the sessions page is in the first download; every other page loads on demand.
const loadSessionRoute = () => import('./SessionRoute');
const loadJobsPage = () => import('../features/jobs/components/JobsPage');
const loadJobDetailPage = () => import('../features/jobs/components/JobDetailPage');
const SessionRoute = lazy(() => loadSessionRoute().then((m) => ({ default: m.SessionRoute })));
const OverviewPage = lazy(() => import('../features/overview/components/OverviewPage'));
const JobsPage = lazy(loadJobsPage);
const JobDetailPage = lazy(loadJobDetailPage);
const TasksPage = lazy(() => import('../features/tasks/components/TasksPage'));
const TaskDetailPage = lazy(() => import('../features/tasks/components/TaskDetailPage'));
const ActorsPage = lazy(() => import('../features/actors/components/ActorsPage'));
const ActorDetailPage = lazy(() => import('../features/actors/components/ActorDetailPage'));
const NodesPage = lazy(() => import('../features/nodes/components/NodesPage'));
const NodeDetailPage = lazy(() => import('../features/nodes/components/NodeDetailPage'));
const EventsPage = lazy(() => import('../features/events/components/EventsPage'));
const TimelinePage = lazy(() => import('../features/timeline/components/TimelinePage'));
const LogBrowserPage = lazy(() => import('../features/logs/components/LogBrowserPage'));
const LogFilePage = lazy(() => import('../features/logs/components/LogFilePage'));
const JobLogsPage = lazy(() => import('../features/logs/components/JobLogsPage'));
const TaskLogsPage = lazy(() => import('../features/logs/components/TaskLogsPage'));
const ActorLogsPage = lazy(() => import('../features/logs/components/ActorLogsPage'));
const SearchPage = lazy(() => import('../features/search/components/SearchPage'));
const MetricsPage = lazy(() => import('../features/metrics/components/MetricsPage'));
const NotFoundPage = lazy(() =>
  import('./NotFoundPage').then((m) => ({ default: m.NotFoundPage })),
);

/** A page's chunk and, once its session scope is valid, its first query. */
function preload(
  code: () => Promise<unknown>,
  prefetch?: (queryClient: QueryClient, scope: SessionScope, params: Params) => Promise<void>,
): PreloadHandle {
  return {
    code,
    data: (params, queryClient) => {
      const scope = scopeFromParams(params);
      if (prefetch && scope) void prefetch(queryClient, scope, params);
    },
  };
}

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
        handle: preload(loadSessionRoute),
        children: [
          { index: true, element: <OverviewPage /> },
          {
            path: routePatterns.jobs,
            element: <JobsPage />,
            handle: preload(loadJobsPage, (client, scope) =>
              client.prefetchQuery(jobsQuery(scope)),
            ),
          },
          {
            path: routePatterns.job,
            element: <JobDetailPage />,
            handle: preload(loadJobDetailPage, (client, scope, { jobId = '' }) =>
              client.prefetchQuery(jobQuery(scope, jobId)),
            ),
          },
          { path: routePatterns.tasks, element: <TasksPage /> },
          { path: routePatterns.task, element: <TaskDetailPage /> },
          { path: routePatterns.actors, element: <ActorsPage /> },
          { path: routePatterns.actor, element: <ActorDetailPage /> },
          { path: routePatterns.nodes, element: <NodesPage /> },
          { path: routePatterns.node, element: <NodeDetailPage /> },
          { path: routePatterns.events, element: <EventsPage /> },
          { path: routePatterns.logs, element: <LogBrowserPage /> },
          { path: routePatterns.logFile, element: <LogFilePage /> },
          { path: routePatterns.jobLogs, element: <JobLogsPage /> },
          { path: routePatterns.taskLogs, element: <TaskLogsPage /> },
          { path: routePatterns.actorLogs, element: <ActorLogsPage /> },
          { path: routePatterns.search, element: <SearchPage /> },
          { path: routePatterns.timeline, element: <TimelinePage /> },
          { path: routePatterns.metrics, element: <MetricsPage /> },
        ],
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];

export function createAppRouter(basePath: string) {
  return createBrowserRouter(appRoutes, { basename: basePath || '/' });
}
