import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ServerConfig } from '../config.ts';

// Strict headers on every response (JSON, static files, errors, 404s). No X-Frame-Options:
// embedding in a console iframe is a feature, and CSP frame-ancestors decides who may embed.

const HOST_NAME = /^([a-z0-9.-]+|\[[0-9a-f:.]+\])$/i;

/** Where Grafana may be framed from: its configured origin, else the page's host on port 3000. */
export function grafanaFrameSource(grafanaUrl: string | null, requestHostname: string): string {
  if (grafanaUrl) return new URL(grafanaUrl).origin;
  const host = requestHostname.replace(/:\d+$/, '');
  // The Host header is client input: only a plain host name may reach the header.
  return HOST_NAME.test(host) ? `http://${host}:3000 https://${host}:3000` : '';
}

export function contentSecurityPolicy(config: ServerConfig, requestHostname: string): string {
  const grafana = grafanaFrameSource(config.metrics.grafanaUrl, requestHostname);
  // The SPA talks to the OIDC issuer itself (discovery, keys, user info).
  const issuer = config.auth.oidc ? ` ${new URL(config.auth.oidc.issuer).origin}` : '';
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    // Grafana's origin: the SPA probes its reachability (src/features/metrics/grafana-probe.ts).
    `connect-src 'self'${issuer}${grafana ? ` ${grafana}` : ''}`,
    `frame-src 'self'${grafana ? ` ${grafana}` : ''}`,
    `frame-ancestors ${config.server.frameAncestors}`,
    "base-uri 'none'",
    "form-action 'self'",
    "object-src 'none'",
  ].join('; ');
}

/**
 * The login callback page keeps its opener: a popup opened from a dashboard framed by another
 * site's console comes back here and must reach the frame through `window.opener`. Any other
 * page severs openers from other origins.
 */
function openerPolicy(config: ServerConfig, request: FastifyRequest): string {
  const path = request.url.split('?', 1)[0];
  return path === `${config.server.basePath}/auth/callback`
    ? 'unsafe-none'
    : 'same-origin-allow-popups';
}

export function securityHeaders(config: ServerConfig, request: FastifyRequest) {
  return {
    'content-security-policy': contentSecurityPolicy(config, request.hostname),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': openerPolicy(config, request),
    'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
  };
}

export function addSecurityHeaders(app: FastifyInstance, config: ServerConfig): void {
  app.addHook('onSend', async (request, reply, payload) => {
    reply.headers(securityHeaders(config, request));
    return payload;
  });
}
