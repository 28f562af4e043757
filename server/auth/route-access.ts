import type { FastifyInstance, RouteOptions } from 'fastify';

// Which routes answer without credentials. Every route needs them (when AUTH_MODE is not none)
// unless it says otherwise in its route config, so a new route is protected by default:
//   app.get('/livez', { config: PUBLIC }, handler)

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Answers without credentials (probes, /config.json, the SPA's files, the login endpoints). */
    public?: boolean;
    /** Public only for a browser asking for the page (Accept: text/html): it gets index.html. */
    publicPage?: boolean;
  }
}

export const PUBLIC = { public: true } as const;
export const PUBLIC_PAGE = { publicPage: true } as const;

/** Marks every route registered from here on in this scope public (for plugins such as static). */
export function markRoutesPublic(app: FastifyInstance): void {
  app.addHook('onRoute', (route: RouteOptions) => {
    route.config = { ...route.config, public: true };
  });
}
