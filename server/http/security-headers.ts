import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ServerConfig } from '../config.ts';
import { styleNonceOf } from './style-nonce.ts';

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

/**
 * The style rules of a page whose response issued a nonce: <style> elements need it (xterm.js adds
 * them), and style attributes are allowed (xterm.js colours cells with them). Scripts stay 'self'.
 */
function styleSources(styleNonce: string | undefined): string[] {
  if (!styleNonce) return ["style-src 'self'"];
  return [`style-src 'self' 'nonce-${styleNonce}'`, "style-src-attr 'unsafe-inline'"];
}

export function contentSecurityPolicy(
  config: ServerConfig,
  requestHostname: string,
  styleNonce?: string,
): string {
  const grafana = grafanaFrameSource(config.metrics.grafanaUrl, requestHostname);
  // The SPA talks to the OIDC issuer itself (discovery, keys, user info).
  const issuer = config.auth.oidc ? ` ${new URL(config.auth.oidc.issuer).origin}` : '';
  return [
    "default-src 'self'",
    "script-src 'self'",
    ...styleSources(styleNonce),
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

/**
 * HSTS only on HTTPS answers: request.protocol is https when TLS ends at a proxy TRUST_PROXY
 * trusts (X-Forwarded-Proto) — a client writing that header itself is not believed.
 */
function transportSecurity(config: ServerConfig, request: FastifyRequest) {
  const maxAge = config.server.hstsMaxAgeSeconds;
  return maxAge > 0 && request.protocol === 'https'
    ? { 'strict-transport-security': `max-age=${maxAge}` }
    : {};
}

export function securityHeaders(
  config: ServerConfig,
  request: FastifyRequest,
  styleNonce?: string,
) {
  return {
    ...transportSecurity(config, request),
    'content-security-policy': contentSecurityPolicy(config, request.hostname, styleNonce),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': openerPolicy(config, request),
    'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
  };
}

export function addSecurityHeaders(app: FastifyInstance, config: ServerConfig): void {
  app.addHook('onSend', async (request, reply, payload) => {
    reply.headers(securityHeaders(config, request, styleNonceOf(reply)));
    return payload;
  });
}
