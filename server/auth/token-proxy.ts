import type { FastifyInstance, FastifyRequest } from 'fastify';
import { OIDC_TOKEN_PROXY_PATH } from '../config/auth.ts';
import type { AppDeps } from '../http/app-deps.ts';
import { badRequest, HttpError } from '../http/errors.ts';
import { PUBLIC } from './route-access.ts';

// POST /auth/token for confidential clients (an Alibaba Cloud OAuth "web app"): the browser runs
// the PKCE code flow as usual but posts its token requests here; the server checks the client id
// and redirect URI, adds the client secret and forwards to the provider's token endpoint. The
// secret never reaches the browser or the logs; the form is never logged.

const GRANTS = ['authorization_code', 'refresh_token'];
/** The fields forwarded to the provider; anything else the browser sends is dropped. */
const FORWARDED = ['grant_type', 'code', 'code_verifier', 'redirect_uri', 'refresh_token', 'scope'];
const FETCH_TIMEOUT_MS = 10_000;

export type ClientAuthMethod = 'client_secret_basic' | 'client_secret_post';

/** client_secret_basic when the provider offers it (the OAuth default), else client_secret_post. */
export function clientAuthMethod(
  configured: ClientAuthMethod | null,
  supported: string[] | undefined,
): ClientAuthMethod {
  if (configured) return configured;
  const offered = supported ?? ['client_secret_basic'];
  if (offered.includes('client_secret_basic')) return 'client_secret_basic';
  if (offered.includes('client_secret_post')) return 'client_secret_post';
  throw new HttpError(
    502,
    'The OIDC provider offers neither client_secret_basic nor client_secret_post',
  );
}

/** RFC 6749 2.3.1: both parts form-encoded before Base64. */
const formEncode = (text: string) => new URLSearchParams({ v: text }).toString().slice(2);

export async function tokenProxyRoutes(
  app: FastifyInstance,
  { deps }: { deps: AppDeps },
): Promise<void> {
  const oidc = deps.config.auth.oidc;
  const verifier = deps.auth.verifier;
  if (!oidc?.clientSecret || !verifier) return;
  const secret = oidc.clientSecret;

  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 16 * 1024 },
    (_request, body, done) => done(null, new URLSearchParams(body as string)),
  );

  app.post(OIDC_TOKEN_PROXY_PATH, { config: PUBLIC }, async (request: FastifyRequest, reply) => {
    if (!(request.body instanceof URLSearchParams))
      throw new HttpError(415, 'Send the token request as application/x-www-form-urlencoded');
    const form = request.body;
    const grant = form.get('grant_type') ?? '';
    if (!GRANTS.includes(grant))
      throw badRequest(`grant_type must be authorization_code or refresh_token (got ${grant})`);
    if (form.get('client_id') !== oidc.clientId)
      throw badRequest('client_id does not match this dashboard (OIDC_CLIENT_ID)');
    if (grant === 'authorization_code') {
      const expected =
        oidc.redirectUri ??
        `${request.protocol}://${request.host}${deps.config.server.basePath}/auth/callback`;
      if (form.get('redirect_uri') !== expected)
        throw badRequest(`redirect_uri must be ${expected}`);
      if (!form.get('code') || !form.get('code_verifier'))
        throw badRequest('An authorization_code request needs code and code_verifier (PKCE)');
    } else if (!form.get('refresh_token')) {
      throw badRequest('A refresh_token request needs refresh_token');
    }

    const discovery = await verifier.discovery();
    const method = clientAuthMethod(
      oidc.tokenAuthMethod,
      discovery.token_endpoint_auth_methods_supported,
    );
    const outgoing = new URLSearchParams();
    for (const field of FORWARDED) {
      const value = form.get(field);
      if (value !== null) outgoing.set(field, value);
    }
    const headers: Record<string, string> = {
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'application/json',
    };
    if (method === 'client_secret_basic') {
      const pair = `${formEncode(oidc.clientId)}:${formEncode(secret)}`;
      headers.authorization = `Basic ${Buffer.from(pair).toString('base64')}`;
    } else {
      outgoing.set('client_id', oidc.clientId);
      outgoing.set('client_secret', secret);
    }

    let response: Response;
    try {
      response = await fetch(discovery.token_endpoint, {
        method: 'POST',
        headers,
        body: outgoing,
        signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
      });
    } catch (error) {
      throw new HttpError(
        502,
        `The OIDC token endpoint did not answer: ${(error as Error).name === 'TimeoutError' ? 'timed out' : 'connection failed'}`,
      );
    }
    const text = await response.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new HttpError(
        502,
        `The OIDC token endpoint answered HTTP ${response.status} without JSON`,
      );
    }
    // Belt and braces: a provider echoing the secret back must not hand it to the browser.
    if (text.includes(secret))
      throw new HttpError(
        502,
        'The OIDC token endpoint answer was withheld (it contained the client secret)',
      );
    return reply
      .code(response.status)
      .header('cache-control', 'no-store')
      .header('pragma', 'no-cache')
      .type('application/json')
      .send(json);
  });
}
