import type {} from '@fastify/cookie';
import type { FastifyRequest } from 'fastify';
import type { AuthConfig } from '../config/auth.ts';
import { ownCookie } from '../http/session-cookies.ts';
import { forbidden, invalidToken, missingCredentials } from './auth-error.ts';
import { namespaceFilter, type NamespaceFilter } from './namespace-access.ts';
import { OidcVerifier, type Claims } from './oidc-verifier.ts';
import { BusyError } from '../http/errors.ts';
import { FailureThrottle, SharedToken, TOKEN_COOKIE } from './token-auth.ts';
import { TokenSessions } from './token-session.ts';

// Who is asking: turns a request's credentials (bearer header, or the token-mode cookie) into a
// user and the namespaces they may see, or refuses with 401/403/503 (AuthError).

export interface AuthUser {
  id: string;
  name: string | null;
}

export interface RequestAccess {
  user: AuthUser | null;
  namespaces: NamespaceFilter;
}

/** The bearer token of the Authorization header; null without one. */
export function bearerOf(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (header === undefined || header === '') return null;
  const match = /^Bearer +([^\s]+) *$/i.exec(header);
  if (!match?.[1]) throw invalidToken('The Authorization header must be "Bearer <token>"');
  return match[1];
}

export class AuthService {
  readonly config: AuthConfig;
  readonly verifier: OidcVerifier | null;
  readonly sharedToken: SharedToken | null;
  /** Token mode's browser sessions (the cookie); null in other modes. */
  readonly tokenSessions: TokenSessions | null;
  readonly throttle = new FailureThrottle();

  constructor(config: AuthConfig) {
    this.config = config;
    this.verifier = config.oidc ? new OidcVerifier(config.oidc) : null;
    this.sharedToken = config.token ? new SharedToken(config.token) : null;
    this.tokenSessions = config.token
      ? new TokenSessions(config.token, config.sessionMaxAgeSeconds)
      : null;
  }

  /** A request that needs no credentials: only the everyone-rules apply. */
  anonymous(): RequestAccess {
    return { user: null, namespaces: namespaceFilter(this.config, null) };
  }

  /** The access of a request to a protected route; throws AuthError. */
  async authenticate(request: FastifyRequest): Promise<RequestAccess> {
    if (this.config.mode === 'token') {
      await this.checkSharedToken(request);
      return this.anonymous();
    }
    if (this.config.mode === 'oidc') return this.checkOidc(request);
    return this.anonymous();
  }

  /** POST /api/authenticate: the bearer header must hold the token (slowed down on failures). */
  async checkTokenHeader(request: FastifyRequest): Promise<void> {
    const bearer = bearerOf(request);
    if (bearer === null)
      throw missingCredentials('Send the dashboard token as "Authorization: Bearer <token>"');
    await this.compareThrottled(request.ip, bearer);
  }

  private async checkSharedToken(request: FastifyRequest): Promise<void> {
    const bearer = bearerOf(request);
    const cookie = ownCookie(request.cookies, TOKEN_COOKIE);
    if (bearer === null && !cookie)
      throw missingCredentials(
        'Authentication required: enter the dashboard token (AUTH_MODE=token)',
      );
    if (bearer !== null) return this.compareThrottled(request.ip, bearer);
    // A signed session cookie cannot be guessed: it is checked without the throttle.
    if (!this.tokenSessions?.verify(cookie ?? ''))
      throw invalidToken('The session cookie is no longer valid; enter the token again');
  }

  /** One guess per address at a time; a failure is answered slowly, a success at once. */
  private async compareThrottled(client: string, value: string): Promise<void> {
    const shared = this.sharedToken;
    if (!shared) throw new Error('token mode without a token');
    const busyMs = this.throttle.busyFor(client);
    if (busyMs > 0)
      throw new BusyError(
        429,
        'A token check from your address is still being answered; try again when it is',
        Math.ceil(busyMs / 1000),
      );
    if (shared.matches(value)) {
      this.throttle.recordSuccess(client);
      return;
    }
    await this.throttle.failSlowly(client);
    throw invalidToken('The token is not valid');
  }

  private async checkOidc(request: FastifyRequest): Promise<RequestAccess> {
    const bearer = bearerOf(request);
    if (bearer === null)
      throw missingCredentials('Authentication required: sign in (send an OIDC access token)');
    const verifier = this.verifier;
    if (!verifier) throw new Error('oidc mode without a verifier');
    const user = this.userOf(await verifier.verify(bearer));
    const { allowedUsers } = this.config;
    if (allowedUsers.length > 0 && !allowedUsers.includes(user.id))
      throw forbidden(
        `User ${user.id} is not allowed to use this dashboard (not in ALLOWED_USERS)`,
      );
    return { user, namespaces: namespaceFilter(this.config, user.id) };
  }

  private userOf(claims: Claims): AuthUser {
    const claim = this.config.oidc?.userClaim ?? 'sub';
    const raw = claims[claim];
    const text = (value: unknown) =>
      typeof value === 'string' || typeof value === 'number' ? String(value) : null;
    const name = text(claims.name) ?? text(claims.preferred_username) ?? text(claims.email);
    const id = text(raw);
    if (id !== null) return { id, name };
    const rulesNeedIt = this.config.allowedUsers.length > 0 || this.config.namespaceRules.size > 0;
    if (rulesNeedIt)
      throw forbidden(
        `The access token has no ${claim} claim (OIDC_USER_CLAIM), which ALLOWED_USERS and NAMESPACE_RULES match on`,
      );
    return { id: text(claims.sub) ?? 'unknown', name };
  }
}
