import type { PublicConfig } from '../../contract/api.ts';
import type { ServerConfig } from '../config.ts';
import { OIDC_TOKEN_PROXY_PATH } from './auth.ts';

/** GET /config.json: what the SPA needs, never a secret. */
export function publicConfig(config: ServerConfig, requestOrigin: string): PublicConfig {
  const { auth, metrics, server } = config;
  const oidc = auth.oidc;
  return {
    basePath: server.basePath,
    auth: {
      mode: auth.mode,
      ...(oidc && {
        oidc: {
          issuer: oidc.issuer,
          clientId: oidc.clientId,
          scope: oidc.scope,
          redirectUri: oidc.redirectUri ?? `${requestOrigin}${server.basePath}/auth/callback`,
          ...(oidc.clientSecret && { tokenProxy: `${server.basePath}${OIDC_TOKEN_PROXY_PATH}` }),
        },
      }),
    },
    embedding: { parentOrigins: server.embedOrigins },
    metrics: {
      grafanaUrl: metrics.grafanaUrl,
      grafanaOrgId: metrics.grafanaOrgId,
      grafanaDashboards: metrics.grafanaDashboards,
      grafanaDatasource: metrics.grafanaDatasource,
      prometheusConfigured: metrics.prometheusUrl !== null,
    },
  };
}
