import { HttpError } from '../http/errors.ts';

// A refused request: 401 (with its WWW-Authenticate challenge), 403, or 503 when the identity
// provider cannot be asked. The message names the problem and never contains a credential.

export const REALM = 'ray-history';

export class AuthError extends HttpError {
  /** Set on 401: the WWW-Authenticate header (RFC 6750). */
  readonly challenge: string | undefined;

  constructor(statusCode: 401 | 403 | 503, message: string, challenge?: string) {
    super(statusCode, message);
    this.name = 'AuthError';
    this.challenge = challenge;
  }
}

const quoted = (text: string) => text.replace(/["\\\r\n]/g, "'");

/** No credentials at all: the bare challenge. */
export function missingCredentials(message: string): AuthError {
  return new AuthError(401, message, `Bearer realm="${REALM}"`);
}

/** Credentials were given but are not good: expired, wrong audience, unknown, garbage. */
export function invalidToken(message: string): AuthError {
  return new AuthError(
    401,
    message,
    `Bearer realm="${REALM}", error="invalid_token", error_description="${quoted(message)}"`,
  );
}

export const forbidden = (message: string) => new AuthError(403, message);
export const providerUnavailable = (message: string) => new AuthError(503, message);
