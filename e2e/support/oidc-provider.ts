import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair } from 'jose';
import Provider, { errors, type ClientInstance } from 'oidc-provider';

// A real OpenID provider (oidc-provider) on loopback for the login tests: two users, a public
// PKCE client (the SPA), a confidential client (an Alibaba Cloud style "web app" with a secret),
// refresh tokens, JWT access tokens for the dashboard's audience and opaque ones for the userinfo
// path. Login and consent are plain HTML forms (no script) that Playwright or fetch can fill.

export interface TestAccount {
  sub: string;
  password: string;
  name: string;
  email: string;
  aliuid: string;
}

export const ACCOUNTS = {
  alice: {
    sub: 'alice',
    password: 'alice-password',
    name: 'Alice Liddell',
    email: 'alice@example.com',
    aliuid: '1000001',
  },
  mallory: {
    sub: 'mallory',
    password: 'mallory-password',
    name: 'Mallory Mallet',
    email: 'mallory@example.com',
    aliuid: '1000666',
  },
} as const satisfies Record<string, TestAccount>;

export type AccountName = keyof typeof ACCOUNTS;

/** The public SPA client: PKCE, no secret. Its access tokens are JWTs (aud: its id by default). */
export const SPA_CLIENT_ID = 'ray-history-spa';
/** The confidential client (like an Alibaba Cloud OAuth web app): the server adds the secret. */
export const CONFIDENTIAL_CLIENT_ID = 'ray-history-webapp';
/** A public client whose access tokens are opaque: the server checks them at userinfo. */
export const OPAQUE_CLIENT_ID = 'ray-history-opaque';
/** The resource indicator of the dashboard API (tokens for it are JWTs with aud = `audience`). */
export const API_RESOURCE = 'urn:ray-history:api';
/** Another API: tokens for it carry a wrong audience for the dashboard. */
export const OTHER_RESOURCE = 'urn:other:api';
export const OTHER_AUDIENCE = 'some-other-api';

export interface OidcProviderOptions {
  /** Redirect URIs every client accepts (more can be added later with allowRedirectUri). */
  redirectUris?: string[];
  /** The `aud` of JWT access tokens; default the id of the client that asked. */
  audience?: string;
  /** Access token lifetime in seconds; default 300. */
  accessTokenTtl?: number;
  /** The confidential client's secret; default random. */
  clientSecret?: string;
  /** How the confidential client authenticates at the token endpoint. */
  clientAuthMethod?: 'client_secret_post' | 'client_secret_basic';
  /**
   * 'alibaba': behave as the Alibaba Cloud OAuth app does (see ALIBABA below): endpoints under
   * /v1, a discovery document without userinfo_endpoint or end_session_endpoint, scopes
   * `openid aliuid profile`, ID tokens carrying `aliuid`, opaque access tokens, UserInfo at
   * /v1/userinfo. Default 'generic'.
   */
  profile?: 'generic' | 'alibaba';
}

/**
 * Alibaba Cloud's OAuth service as it publishes itself (issuer https://oauth.aliyun.com, or
 * https://oauth.alibabacloud.com internationally): where its endpoints are, and what its
 * discovery document leaves out.
 */
export const ALIBABA = {
  routes: {
    authorization: '/oauth2/v1/auth',
    token: '/v1/token',
    revocation: '/v1/revoke',
    jwks: '/v1/keys',
    userinfo: '/v1/userinfo',
  },
  scopes: ['openid', 'aliuid', 'profile'],
  codeChallengeMethods: ['plain', 'S256'],
} as const;

export interface MintOptions {
  user?: AccountName;
  /** SPA_CLIENT_ID (JWT), OPAQUE_CLIENT_ID (opaque) or CONFIDENTIAL_CLIENT_ID. */
  clientId?: string;
  /** Ask for this resource instead of the client's default (OTHER_RESOURCE: wrong audience). */
  resource?: string;
  /** This token's lifetime in seconds. */
  ttl?: number;
  scope?: string;
}

export interface MintedTokens {
  access_token: string;
  refresh_token?: string;
  id_token?: string;
  expires_in: number;
  token_type: string;
}

export interface TestOidcProvider {
  issuer: string;
  clientSecret: string;
  clientAuthMethod: 'client_secret_post' | 'client_secret_basic';
  /** Every token endpoint request the provider received (body fields, auth header presence). */
  tokenRequests: { grantType: string; clientId: string | null; usedBasicAuth: boolean }[];
  /** How many requests each path received (e.g. '/me' for userinfo, '/jwks'). */
  hits(path: string): number;
  allowRedirectUri(uri: string): void;
  /** Runs the whole code + PKCE flow over HTTP (login and consent forms included). */
  mint(options?: MintOptions): Promise<MintedTokens>;
  /** A code (and its verifier) after login and consent, for exchanges the caller does itself. */
  authorize(options: {
    user?: AccountName;
    clientId: string;
    redirectUri: string;
    scope?: string;
  }): Promise<{ code: string; codeVerifier: string }>;
  close(): Promise<void>;
}

const ATTR = /[&<>"']/g;
const escapeHtml = (text: string) => text.replace(ATTR, (c) => `&#${c.charCodeAt(0)};`);

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(
    title,
  )}</title></head><body><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`;
}

async function formBody(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
  });
  res.end(html);
}

export async function startOidcProvider(
  options: OidcProviderOptions = {},
): Promise<TestOidcProvider> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const issuer = `http://127.0.0.1:${port}`;
  const defaultTtl = options.accessTokenTtl ?? 300;
  const clientSecret = options.clientSecret ?? randomBytes(24).toString('base64url');
  const clientAuthMethod = options.clientAuthMethod ?? 'client_secret_post';
  // The flows the helpers drive themselves come back here; the provider itself serves nothing there.
  const internalRedirect = `${issuer}/test-callback`;
  const redirectUris = new Set([...(options.redirectUris ?? []), internalRedirect]);
  let nextTtl: number | null = null;
  const ttl = () => nextTtl ?? defaultTtl;
  const tokenRequests: TestOidcProvider['tokenRequests'] = [];

  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const signingKey = {
    ...(await exportJWK(privateKey)),
    kid: 'test-key',
    alg: 'RS256',
    use: 'sig',
  };

  const clientBase = {
    redirect_uris: [...redirectUris],
    post_logout_redirect_uris: [...redirectUris],
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
  };
  const accountOf = (id: string) =>
    Object.values(ACCOUNTS).find((a) => a.sub === id) as TestAccount | undefined;
  const alibaba = options.profile === 'alibaba';
  const tokenPath = alibaba ? ALIBABA.routes.token : '/token';

  const provider = new Provider(issuer, {
    ...(alibaba && {
      routes: ALIBABA.routes,
      // The ID token itself carries the scopes' claims (aliuid, name), as Alibaba's does.
      conformIdTokenClaims: false,
    }),
    clients: [
      { ...clientBase, client_id: SPA_CLIENT_ID, token_endpoint_auth_method: 'none' },
      { ...clientBase, client_id: OPAQUE_CLIENT_ID, token_endpoint_auth_method: 'none' },
      {
        ...clientBase,
        client_id: CONFIDENTIAL_CLIENT_ID,
        client_secret: clientSecret,
        token_endpoint_auth_method: clientAuthMethod,
        grant_types: ['authorization_code', 'refresh_token', 'client_credentials'],
      },
    ],
    jwks: { keys: [signingKey] },
    cookies: { keys: [randomBytes(16).toString('hex')] },
    findAccount: (_ctx: unknown, id: string) => {
      const account = accountOf(id);
      if (!account) return undefined;
      return {
        accountId: id,
        claims: () => ({
          sub: account.sub,
          name: account.name,
          email: account.email,
          aliuid: account.aliuid,
        }),
      };
    },
    claims: {
      openid: ['sub'],
      profile: ['name'],
      email: ['email'],
      aliuid: ['aliuid'],
    },
    scopes: alibaba
      ? [...ALIBABA.scopes]
      : ['openid', 'offline_access', 'profile', 'email', 'aliuid', 'api'],
    interactions: {
      url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}`,
    },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      revocation: { enabled: alibaba },
      // Alibaba has no end-session endpoint: signing out is the application's own business.
      rpInitiatedLogout: { enabled: !alibaba },
      resourceIndicators: {
        enabled: true,
        // The opaque client gets no resource, so its tokens are for userinfo only (opaque);
        // Alibaba's access tokens are for its cloud APIs, opaque to the dashboard.
        defaultResource: (_ctx: unknown, client: ClientInstance, oneOf?: string[]) =>
          oneOf ?? (alibaba || client.clientId === OPAQUE_CLIENT_ID ? undefined : API_RESOURCE),
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx: unknown, indicator: string, client: ClientInstance) => {
          if (indicator !== API_RESOURCE && indicator !== OTHER_RESOURCE)
            throw new errors.InvalidTarget();
          return {
            scope: 'api',
            audience:
              indicator === API_RESOURCE ? (options.audience ?? client.clientId) : OTHER_AUDIENCE,
            accessTokenFormat: 'jwt',
            accessTokenTTL: ttl(),
            jwt: { sign: { alg: 'RS256' } },
          };
        },
      },
    },
    // JWT access tokens carry the user's claims, so ALLOWED_USERS can match name, email or aliuid.
    extraTokenClaims: (_ctx: unknown, token: { accountId?: string }) => {
      const account = token.accountId ? accountOf(token.accountId) : undefined;
      return account && { name: account.name, email: account.email, aliuid: account.aliuid };
    },
    // Silent renewal uses refresh tokens without asking for offline_access.
    issueRefreshToken: (_ctx: unknown, client: { grantTypeAllowed(type: string): boolean }) =>
      client.grantTypeAllowed('refresh_token'),
    rotateRefreshToken: true,
    ttl: {
      AccessToken: () => ttl(),
      ClientCredentials: () => ttl(),
      IdToken: 3600,
      AuthorizationCode: 60,
      Interaction: 600,
      Session: 3600,
      Grant: 3600,
      RefreshToken: 3600,
    },
    // The dashboard's origin calls the token endpoint from the browser (oidc-client-ts).
    clientBasedCORS: (_ctx: unknown, origin: string) =>
      [...redirectUris].some((uri) => new URL(uri).origin === origin),
    pkce: { required: () => true },
    renderError: (ctx: { type: string; body: string }, out: Record<string, string>) => {
      ctx.type = 'html';
      ctx.body = page(
        'Sign-in error',
        `<p>${escapeHtml(out.error ?? 'error')}: ${escapeHtml(out.error_description ?? '')}</p>`,
      );
    },
  });
  if (alibaba)
    // What Alibaba's discovery document says, and does not say (no userinfo_endpoint: UserInfo
    // is at /v1/userinfo all the same).
    provider.use(async (ctx, next) => {
      await next();
      if (ctx.path !== '/.well-known/openid-configuration') return;
      const document = ctx.body as Record<string, unknown>;
      delete document.userinfo_endpoint;
      delete document.end_session_endpoint;
      document.scopes_supported = [...ALIBABA.scopes];
      document.code_challenge_methods_supported = [...ALIBABA.codeChallengeMethods];
    });
  // Redirect URIs are checked against the mutable set: the dashboard's port may be known later.
  provider.Client.prototype.redirectUriAllowed = (value: string) => redirectUris.has(value);
  provider.Client.prototype.postLogoutRedirectUriAllowed = (value: string) =>
    [...redirectUris].some((uri) => new URL(uri).origin === new URL(value).origin);

  const oidc = provider.callback();
  const hitCounts = new Map<string, number>();
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', issuer);
    hitCounts.set(url.pathname, (hitCounts.get(url.pathname) ?? 0) + 1);
    if (url.pathname.startsWith('/interaction/')) {
      interaction(req, res, url).catch((error: unknown) => {
        sendHtml(res, 400, page('Sign-in error', `<p>${escapeHtml(String(error))}</p>`));
      });
      return;
    }
    if (url.pathname === tokenPath && req.method === 'POST') {
      const basic = (req.headers.authorization ?? '').startsWith('Basic ');
      // Peek at the form without consuming it for the provider: record after the answer.
      res.on('finish', () => tokenRequests.push(lastToken(basic)));
      captureBody(req);
    }
    oidc(req, res);
  });

  let lastBody = '';
  function captureBody(req: IncomingMessage) {
    lastBody = '';
    req.on('data', (chunk: Buffer) => {
      lastBody += chunk.toString('utf8');
    });
  }
  function lastToken(usedBasicAuth: boolean) {
    const form = new URLSearchParams(lastBody);
    return {
      grantType: form.get('grant_type') ?? '',
      clientId: form.get('client_id'),
      usedBasicAuth,
    };
  }

  async function interaction(req: IncomingMessage, res: ServerResponse, url: URL) {
    const [, , uid = '', action] = url.pathname.split('/');
    const details = await provider.interactionDetails(req, res);
    if (details.uid !== uid) throw new Error('interaction mismatch');
    if (req.method === 'GET' && !action) {
      if (details.prompt.name === 'login') {
        sendHtml(
          res,
          200,
          page(
            'Sign in to the test provider',
            `<form method="post" action="/interaction/${escapeHtml(uid)}/login">` +
              '<label>Username <input name="login" autocomplete="username" required></label>' +
              '<label>Password <input name="password" type="password" autocomplete="current-password" required></label>' +
              '<button type="submit">Sign in</button></form>',
          ),
        );
      } else {
        const client = String(details.params.client_id ?? '');
        const scope = String(details.params.scope ?? '');
        sendHtml(
          res,
          200,
          page(
            'Authorize access',
            `<p>${escapeHtml(client)} asks for: ${escapeHtml(scope)}</p>` +
              `<form method="post" action="/interaction/${escapeHtml(uid)}/confirm">` +
              '<button type="submit">Allow</button></form>' +
              `<form method="post" action="/interaction/${escapeHtml(uid)}/abort">` +
              '<button type="submit">Deny</button></form>',
          ),
        );
      }
      return;
    }
    if (req.method !== 'POST') throw new Error('unsupported interaction request');
    const form = await formBody(req);
    if (action === 'login') {
      const account = accountOf(form.get('login') ?? '');
      if (!account || account.password !== form.get('password')) {
        sendHtml(
          res,
          401,
          page(
            'Sign in to the test provider',
            '<p role="alert">Wrong username or password.</p>' +
              `<form method="post" action="/interaction/${escapeHtml(uid)}/login">` +
              '<label>Username <input name="login" required></label>' +
              '<label>Password <input name="password" type="password" required></label>' +
              '<button type="submit">Sign in</button></form>',
          ),
        );
        return;
      }
      await provider.interactionFinished(
        req,
        res,
        { login: { accountId: account.sub } },
        { mergeWithLastSubmission: false },
      );
      return;
    }
    if (action === 'confirm') {
      const accountId = details.session?.accountId ?? '';
      const grant = details.grantId
        ? await provider.Grant.find(details.grantId)
        : new provider.Grant({ accountId, clientId: String(details.params.client_id) });
      if (!grant) throw new Error('grant not found');
      const missing = details.prompt.details as {
        missingOIDCScope?: string[];
        missingOIDCClaims?: string[];
        missingResourceScopes?: Record<string, string[]>;
      };
      if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
      if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
      for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes ?? {}))
        grant.addResourceScope(indicator, scopes.join(' '));
      const grantId = await grant.save();
      await provider.interactionFinished(
        req,
        res,
        { consent: { grantId } },
        { mergeWithLastSubmission: true },
      );
      return;
    }
    if (action === 'abort') {
      await provider.interactionFinished(
        req,
        res,
        { error: 'access_denied', error_description: 'The user denied access' },
        { mergeWithLastSubmission: false },
      );
      return;
    }
    throw new Error('unknown interaction step');
  }

  async function authorize(flow: {
    user?: AccountName;
    clientId: string;
    redirectUri: string;
    scope?: string;
    resource?: string;
  }): Promise<{ code: string; codeVerifier: string }> {
    const account = ACCOUNTS[flow.user ?? 'alice'];
    const codeVerifier = randomBytes(32).toString('base64url');
    const challenge = createHash('sha256').update(codeVerifier).digest('base64url');
    const start = new URL(`${issuer}${alibaba ? ALIBABA.routes.authorization : '/auth'}`);
    const params: Record<string, string> = {
      client_id: flow.clientId,
      redirect_uri: flow.redirectUri,
      response_type: 'code',
      scope: flow.scope ?? (alibaba ? ALIBABA.scopes.join(' ') : 'openid profile email aliuid'),
      code_challenge: challenge,
      code_challenge_method: 'S256',
      state: randomBytes(8).toString('hex'),
      ...(flow.resource && { resource: flow.resource }),
    };
    for (const [k, v] of Object.entries(params)) start.searchParams.set(k, v);

    // A tiny browser: follows redirects with a cookie jar and fills the two forms.
    const jar = new Map<string, string>();
    const send = async (target: string, init: RequestInit = {}) => {
      const response = await fetch(target, {
        ...init,
        redirect: 'manual',
        headers: {
          ...(init.headers as Record<string, string>),
          cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
        },
      });
      for (const cookie of response.headers.getSetCookie()) {
        const [pair = ''] = cookie.split(';');
        const at = pair.indexOf('=');
        jar.set(pair.slice(0, at), pair.slice(at + 1));
      }
      return response;
    };
    let response = await send(start.href);
    for (let step = 0; step < 12; step += 1) {
      const location = response.headers.get('location');
      if (location) {
        const next = new URL(location, issuer).href;
        if (next.startsWith(flow.redirectUri)) {
          const code = new URL(next).searchParams.get('code');
          if (!code) throw new Error(`authorization failed: ${next}`);
          return { code, codeVerifier };
        }
        response = await send(next);
        continue;
      }
      const html = await response.text();
      const form = /action="([^"]+)"/.exec(html)?.[1];
      if (response.status !== 200 || !form)
        throw new Error(`unexpected provider page (${response.status}): ${html.slice(0, 300)}`);
      const body = html.includes('name="password"')
        ? new URLSearchParams({ login: account.sub, password: account.password })
        : new URLSearchParams();
      response = await send(new URL(form, issuer).href, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body,
      });
    }
    throw new Error('authorization did not finish');
  }

  async function mint(mintOptions: MintOptions = {}): Promise<MintedTokens> {
    const clientId = mintOptions.clientId ?? SPA_CLIENT_ID;
    const { code, codeVerifier } = await authorize({
      user: mintOptions.user,
      clientId,
      redirectUri: internalRedirect,
      scope: mintOptions.scope,
      resource: mintOptions.resource,
    });
    const form = new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      code_verifier: codeVerifier,
      redirect_uri: internalRedirect,
      client_id: clientId,
      ...(clientId === CONFIDENTIAL_CLIENT_ID && { client_secret: clientSecret }),
      ...(mintOptions.resource && { resource: mintOptions.resource }),
    });
    nextTtl = mintOptions.ttl ?? null;
    try {
      const response = await fetch(`${issuer}${tokenPath}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: form,
      });
      const tokens = (await response.json()) as MintedTokens & { error?: string };
      if (!response.ok) throw new Error(`token request failed: ${JSON.stringify(tokens)}`);
      return tokens;
    } finally {
      nextTtl = null;
    }
  }

  return {
    issuer,
    clientSecret,
    clientAuthMethod,
    tokenRequests,
    hits: (path) => hitCounts.get(path) ?? 0,
    allowRedirectUri: (uri) => {
      redirectUris.add(uri);
    },
    mint,
    authorize: (flow) => authorize(flow),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
