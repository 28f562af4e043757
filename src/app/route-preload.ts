import type { QueryClient } from '@tanstack/react-query';
import { matchRoutes } from 'react-router';
import type { Params, RouteObject } from 'react-router';

// A deep link's page code and first data load together, as soon as the app has its config:
// otherwise the session layout's chunk, then the page's chunk, then the page's query run one
// after another (docs/architecture.md, "Round trips").

export interface PreloadHandle {
  /** Starts loading the route's code. */
  code: () => Promise<unknown>;
  /** Starts fetching the data its first paint needs. */
  data?: (params: Params, queryClient: QueryClient) => void;
}

/** Starts the data, then the code, of every route that matches `pathname`. */
export function preloadRoutes(
  routes: RouteObject[],
  pathname: string,
  basename: string,
  queryClient: QueryClient,
): void {
  const matches = matchRoutes(routes, pathname, basename) ?? [];
  const handles = matches.map(
    (m) => [m.params, m.route.handle as PreloadHandle | undefined] as const,
  );
  // Data first: an API answer takes longer than a cached-forever chunk, so it goes out first.
  for (const [params, handle] of handles) handle?.data?.(params, queryClient);
  for (const [, handle] of handles) void handle?.code();
}
