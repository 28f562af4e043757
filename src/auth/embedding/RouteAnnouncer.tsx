import { useEffect, useMemo } from 'react';
import { useLocation } from 'react-router';
import { useRuntimeConfig } from '../../config/runtime-config';
import { isFramed, postToParent, routeMessage } from './parent-channel';
import { parentOriginsOf } from './parent-origins';

/** Inside a frame, tells the parent page about every route change (docs/embedding.md). */
export function RouteAnnouncer() {
  const config = useRuntimeConfig();
  const origins = useMemo(() => (isFramed() ? parentOriginsOf(config) : []), [config]);
  const { pathname, search, hash } = useLocation();

  useEffect(() => {
    if (origins.length === 0) return;
    // The browser's own address (with the base path), so the parent can rebuild a deep link.
    const { location } = window;
    postToParent(
      routeMessage({ pathname: location.pathname, search: location.search, hash: location.hash }),
      origins,
    );
  }, [origins, pathname, search, hash]);

  return null;
}
