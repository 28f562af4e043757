import { createHash } from 'node:crypto';
import { createRemoteJWKSet, errors as jose, jwtVerify, type JWTPayload } from 'jose';
import type { OidcConfig } from '../config/auth.ts';
import { invalidToken, providerUnavailable } from './auth-error.ts';

// Checks OIDC access tokens. JWTs: signature against the issuer's JWKS (from its discovery
// document), issuer, audience and expiry with a small clock tolerance. Anything else is an opaque
// token: the issuer's userinfo endpoint decides, and its answer is cached briefly under a hash of
// the token (never the token itself).

export interface Discovery {
  issuer: string;
  jwks_uri: string;
  token_endpoint: string;
  userinfo_endpoint?: string;
  token_endpoint_auth_methods_supported?: string[];
}

export type Claims = Record<string, unknown>;

const FETCH_TIMEOUT_MS = 5000;
const DISCOVERY_TTL_MS = 60 * 60 * 1000;
export const USERINFO_CACHE_MS = 60 * 1000;
const USERINFO_CACHE_ENTRIES = 1000;
/** Claims only ID tokens carry. */
const ID_TOKEN_CLAIMS = ['nonce', 'at_hash', 'c_hash'];
/** Claims access tokens of common providers carry and ID tokens do not. */
const ACCESS_TOKEN_CLAIMS = ['client_id', 'scope', 'scp', 'cid', 'roles'];
const ACCESS_TOKEN_TYPES = ['at+jwt', 'application/at+jwt'];

export interface OidcVerifierOptions {
  now?: () => number;
}

export class OidcVerifier {
  private readonly oidc: OidcConfig;
  private readonly now: () => number;
  private discovered: { doc: Discovery; at: number } | undefined;
  private discovering: Promise<Discovery> | undefined;
  private jwks: ReturnType<typeof createRemoteJWKSet> | undefined;
  private readonly userinfoCache = new Map<string, { claims: Claims; until: number }>();

  constructor(oidc: OidcConfig, options: OidcVerifierOptions = {}) {
    this.oidc = oidc;
    this.now = options.now ?? (() => Date.now());
  }

  /** The issuer's discovery document, cached for an hour; a failed fetch is not cached. */
  discovery(): Promise<Discovery> {
    if (this.discovered && this.now() - this.discovered.at < DISCOVERY_TTL_MS)
      return Promise.resolve(this.discovered.doc);
    this.discovering ??= this.fetchDiscovery().finally(() => {
      this.discovering = undefined;
    });
    return this.discovering;
  }

  /** The token's claims; throws an AuthError (401 bad token, 503 provider unreachable). */
  async verify(token: string): Promise<Claims> {
    return token.split('.').length === 3 ? this.verifyJwt(token) : this.verifyOpaque(token);
  }

  private async fetchDiscovery(): Promise<Discovery> {
    const url = `${this.oidc.issuer}/.well-known/openid-configuration`;
    let doc: Partial<Discovery>;
    try {
      const response = await fetch(url, {
        headers: { accept: 'application/json' },
        signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
      });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      doc = (await response.json()) as Partial<Discovery>;
    } catch (error) {
      throw providerUnavailable(
        `The OIDC provider's discovery document ${url} could not be read: ${(error as Error).message}`,
      );
    }
    if (doc.issuer?.replace(/\/+$/, '') !== this.oidc.issuer)
      throw providerUnavailable(
        `The OIDC discovery document names issuer ${String(doc.issuer)}, not OIDC_ISSUER ${this.oidc.issuer}`,
      );
    if (typeof doc.jwks_uri !== 'string' || typeof doc.token_endpoint !== 'string')
      throw providerUnavailable(
        `The OIDC discovery document ${url} lacks jwks_uri or token_endpoint`,
      );
    const full = doc as Discovery;
    if (this.discovered?.doc.jwks_uri !== full.jwks_uri) this.jwks = undefined;
    this.discovered = { doc: full, at: this.now() };
    return full;
  }

  private async verifyJwt(token: string): Promise<Claims> {
    const doc = await this.discovery();
    this.jwks ??= createRemoteJWKSet(new URL(doc.jwks_uri), { timeoutDuration: FETCH_TIMEOUT_MS });
    let payload: JWTPayload;
    let type: string | undefined;
    try {
      ({
        payload,
        protectedHeader: { typ: type },
      } = await jwtVerify(token, this.jwks, {
        issuer: [this.oidc.issuer, `${this.oidc.issuer}/`],
        audience: this.oidc.audience,
        clockTolerance: this.oidc.clockToleranceSeconds,
        currentDate: new Date(this.now()),
      }));
    } catch (error) {
      throw jwtProblem(error, this.oidc);
    }
    // An ID token has the client id as audience too: without an RFC 9068 `typ`, refuse a JWT that
    // looks like one (ID-token claims, or none of the claims access tokens carry).
    const typed = ACCESS_TOKEN_TYPES.includes((type ?? '').toLowerCase());
    const idTokenLike =
      ID_TOKEN_CLAIMS.some((claim) => claim in payload) ||
      !ACCESS_TOKEN_CLAIMS.some((claim) => claim in payload);
    if (!typed && idTokenLike)
      throw invalidToken('The token is an ID token; send the access token');
    return payload;
  }

  private async verifyOpaque(token: string): Promise<Claims> {
    const key = createHash('sha256').update(token).digest('base64url');
    const cached = this.userinfoCache.get(key);
    if (cached && cached.until > this.now()) return cached.claims;
    this.userinfoCache.delete(key);

    const doc = await this.discovery();
    const endpoint = doc.userinfo_endpoint ?? this.oidc.userinfoEndpoint;
    if (!endpoint)
      throw invalidToken(
        'The token is not a JWT and the provider names no userinfo endpoint (set OIDC_USERINFO_ENDPOINT)',
      );
    let response: Response;
    try {
      response = await fetch(endpoint, {
        headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
        signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
      });
    } catch (error) {
      throw providerUnavailable(
        `The OIDC userinfo endpoint did not answer: ${(error as Error).message}`,
      );
    }
    if (response.status === 401 || response.status === 403 || response.status === 400)
      throw invalidToken('The access token was rejected by the OIDC userinfo endpoint');
    if (!response.ok)
      throw providerUnavailable(`The OIDC userinfo endpoint answered HTTP ${response.status}`);
    const claims = (await response.json().catch(() => null)) as Claims | null;
    if (!claims || typeof claims.sub !== 'string')
      throw providerUnavailable('The OIDC userinfo endpoint answered without a subject (sub)');
    // Successes only: a refused token is asked again next time.
    if (this.userinfoCache.size >= USERINFO_CACHE_ENTRIES) {
      const oldest = this.userinfoCache.keys().next().value;
      if (oldest !== undefined) this.userinfoCache.delete(oldest);
    }
    this.userinfoCache.set(key, { claims, until: this.now() + USERINFO_CACHE_MS });
    return claims;
  }
}

function jwtProblem(error: unknown, oidc: OidcConfig) {
  if (error instanceof jose.JWTExpired) return invalidToken('The access token has expired');
  if (error instanceof jose.JWTClaimValidationFailed) {
    if (error.claim === 'aud')
      return invalidToken(`The access token is not for this dashboard (audience ${oidc.audience})`);
    if (error.claim === 'iss')
      return invalidToken(`The access token was not issued by ${oidc.issuer}`);
    if (error.claim === 'nbf') return invalidToken('The access token is not valid yet');
    return invalidToken(`The access token's ${error.claim} claim is not acceptable`);
  }
  if (error instanceof jose.JWKSTimeout || error instanceof jose.JWKSInvalid)
    return providerUnavailable("The OIDC provider's signing keys (jwks_uri) could not be read");
  if (error instanceof jose.JOSEError) return invalidToken('The access token is not valid');
  // Not a verdict on the token: the keys could not be fetched.
  return providerUnavailable(
    `The OIDC provider's signing keys could not be read: ${(error as Error).message}`,
  );
}
