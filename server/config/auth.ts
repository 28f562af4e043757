import type { AuthMode } from '../../contract/api.ts';
import { ConfigError, type EnvReader } from './env.ts';

// Who may read: AUTH_MODE, the shared token, OIDC, and the user and namespace rules.

/** Where the SPA posts the OIDC code when the server adds the client secret (confidential clients). */
export const OIDC_TOKEN_PROXY_PATH = '/auth/token';

export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string | null;
  scope: string;
  /** null: derived per request from PUBLIC_URL or the request's origin. */
  redirectUri: string | null;
  userClaim: string;
  /** The `aud` JWT access tokens must carry (OIDC_AUDIENCE, default the client id). */
  audience: string;
  clockToleranceSeconds: number;
  /** OIDC_TOKEN_AUTH_METHOD; null: client_secret_basic if the provider offers it, else _post. */
  tokenAuthMethod: 'client_secret_basic' | 'client_secret_post' | null;
  /** OIDC_USERINFO_ENDPOINT, for providers whose discovery document names none. */
  userinfoEndpoint: string | null;
}

export interface AuthConfig {
  mode: AuthMode;
  /** The shared token (from AUTH_TOKEN or the file AUTH_TOKEN_FILE). */
  token: string | null;
  /** Token mode: how long a browser session (the cookie) lasts, AUTH_SESSION_MAX_AGE_SECONDS. */
  sessionMaxAgeSeconds: number;
  oidc: OidcConfig | null;
  allowedUsers: string[];
  /** ALLOWED_NAMESPACES: the namespaces everyone may see; empty: all. */
  allowedNamespaces: string[];
  /**
   * NAMESPACE_RULES: per user (matched like ALLOWED_USERS), the namespaces they may see; '*': all.
   * A Map: user ids are client-controlled and must never reach Object.prototype.
   */
  namespaceRules: ReadonlyMap<string, string[]>;
}

export function authConfig(read: EnvReader, publicUrl: string | null): AuthConfig {
  const mode = (read.string('AUTH_MODE') ?? 'none').toLowerCase();
  if (mode !== 'none' && mode !== 'token' && mode !== 'oidc')
    throw new ConfigError('AUTH_MODE', 'must be one of none, token, oidc');
  const token = read.string('AUTH_TOKEN') ?? read.secretFile('AUTH_TOKEN_FILE');
  if (mode === 'token' && !token)
    throw new ConfigError('AUTH_TOKEN', 'must be set (or AUTH_TOKEN_FILE) when AUTH_MODE=token');
  let oidc: OidcConfig | null = null;
  if (mode === 'oidc') {
    const issuer = read.url(['OIDC_ISSUER'], ['https:', 'http:']);
    if (!issuer) throw new ConfigError('OIDC_ISSUER', 'must be set when AUTH_MODE=oidc');
    const clientId = read.string('OIDC_CLIENT_ID');
    if (!clientId) throw new ConfigError('OIDC_CLIENT_ID', 'must be set when AUTH_MODE=oidc');
    const clientSecret =
      read.string('OIDC_CLIENT_SECRET') ?? read.secretFile('OIDC_CLIENT_SECRET_FILE');
    oidc = {
      issuer,
      clientId,
      clientSecret,
      scope: read.string('OIDC_SCOPE') ?? 'openid profile',
      redirectUri:
        read.url(['OIDC_REDIRECT_URI'], ['https:', 'http:']) ??
        (publicUrl ? `${publicUrl}/auth/callback` : null),
      userClaim: read.string('OIDC_USER_CLAIM') ?? 'sub',
      audience: read.string('OIDC_AUDIENCE') ?? clientId,
      clockToleranceSeconds: read.integer(['OIDC_CLOCK_TOLERANCE_SECONDS'], 30, 0, 600),
      tokenAuthMethod: tokenAuthMethodOf(read.string('OIDC_TOKEN_AUTH_METHOD')),
      userinfoEndpoint: read.url(['OIDC_USERINFO_ENDPOINT'], ['https:', 'http:']),
    };
  }
  const namespaceRules = new Map(
    Object.entries(read.map('NAMESPACE_RULES')).map(([user, list]) => [
      user,
      list.split(/[\s|]+/).filter(Boolean),
    ]),
  );
  return {
    mode,
    token,
    sessionMaxAgeSeconds: read.integer(
      ['AUTH_SESSION_MAX_AGE_SECONDS'],
      12 * 3600,
      60,
      30 * 86_400,
    ),
    oidc,
    allowedUsers: read.list('ALLOWED_USERS'),
    allowedNamespaces: read.list('ALLOWED_NAMESPACES'),
    namespaceRules,
  };
}

function tokenAuthMethodOf(value: string | null): OidcConfig['tokenAuthMethod'] {
  if (value === null) return null;
  if (value === 'client_secret_basic' || value === 'client_secret_post') return value;
  throw new ConfigError(
    'OIDC_TOKEN_AUTH_METHOD',
    'must be client_secret_basic or client_secret_post',
  );
}
