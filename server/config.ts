import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AuthMode, PublicConfig } from '../src/types/api.ts';
import { liveConfig, type LiveConfig } from './live/live-config.ts';

// The server's whole configuration, read once from the environment (product spec, "Configuration").
// Secrets live here but never leave through publicConfig() or the logs.

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Where the SPA posts the OIDC code when the server adds the client secret (confidential clients). */
export const OIDC_TOKEN_PROXY_PATH = '/auth/token';

export interface StorageConfig {
  /** file:///abs/path, s3://bucket/prefix or oss://bucket/prefix; null: the bundled sample history. */
  url: string | null;
  /** Extra prefix under the URL's root ('' or 'a/b/'). */
  rootDir: string;
  s3: { endpoint: string | null; region: string | null; forcePathStyle: boolean };
  aws: { accessKeyId: string | null; secretAccessKey: string | null; sessionToken: string | null };
  oss: { bucket: string | null; endpoint: string | null; region: string | null };
  rrsa: {
    roleArn: string | null;
    oidcProviderArn: string | null;
    oidcTokenFile: string | null;
    /** The Alibaba operator's CloudRoleName (the RAM role used through RRSA). */
    roleName: string | null;
    /** Alibaba STS for AssumeRoleWithOIDC; null: https://sts.aliyuncs.com. */
    stsEndpoint: string | null;
  };
}

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

export interface MetricsConfig {
  /** null: the SPA uses the page's host on port 3000. */
  grafanaUrl: string | null;
  grafanaOrgId: number;
  grafanaDashboards: Record<string, string>;
  grafanaDatasource: string | null;
  prometheusUrl: string | null;
  prometheusHeaders: Record<string, string>;
  /** How long one query to Prometheus may take. */
  prometheusTimeoutMs: number;
}

export interface ServingConfig {
  port: number;
  host: string;
  /** '' or '/sub/path' (no trailing slash). */
  basePath: string;
  /** External URL of the dashboard (no trailing slash), used for OIDC redirects. */
  publicUrl: string | null;
  frameAncestors: string;
  /** Exact origins of parent pages that may hand the embedded SPA a token (docs/auth.md). */
  embedOrigins: string[];
  /**
   * TRUST_PROXY: which proxies' X-Forwarded-* headers count (Fastify's trustProxy): false (none),
   * a number of proxy hops in front of the server, or the proxies' addresses and CIDRs. Never
   * "all": entries a client writes itself would then decide its address.
   */
  trustProxy: false | number | string[];
  /** HSTS_MAX_AGE_SECONDS: Strict-Transport-Security on HTTPS answers; 0: none. */
  hstsMaxAgeSeconds: number;
  /** Folder of the built SPA (vite build). */
  staticDir: string;
  snapshotCacheMb: number;
  /** RESPONSE_BUDGET_MB: bytes of large answers (log slices) held at once, all requests together. */
  responseBudgetMb: number;
  /** MEMORY_BUDGET_MB: snapshot cache and large answers in flight together (response-budget.ts). */
  memoryBudgetMb: number;
  /** Regex log searches at once (each holds a worker thread): per process and per user. */
  regexSearches: { perProcess: number; perUser: number };
  sessionIndexTtlSeconds: number;
  logLevel: string;
}

export interface ServerConfig {
  storage: StorageConfig;
  auth: AuthConfig;
  metrics: MetricsConfig;
  server: ServingConfig;
  /** Running clusters (docs/live.md). */
  live: LiveConfig;
}

export class ConfigError extends Error {
  readonly variable: string;

  constructor(variable: string, problem: string) {
    super(`${variable} ${problem}`);
    this.name = 'ConfigError';
    this.variable = variable;
  }
}

/** Reads one setting: the first of its names that is set and non-empty. */
export function reader(env: NodeJS.ProcessEnv) {
  const pick = (...names: string[]): { name: string; value: string } | null => {
    for (const name of names) {
      const value = env[name]?.trim();
      if (value) return { name, value };
    }
    return null;
  };
  return {
    string: (...names: string[]) => pick(...names)?.value ?? null,
    integer(names: string[], fallback: number, min: number, max: number): number {
      const found = pick(...names);
      if (!found) return fallback;
      const n = Number(found.value);
      if (!/^\d+$/.test(found.value) || n < min || n > max)
        throw new ConfigError(found.name, `must be an integer from ${min} to ${max}`);
      return n;
    },
    boolean(names: string[], fallback: boolean): boolean {
      const found = pick(...names);
      if (!found) return fallback;
      const v = found.value.toLowerCase();
      if (['1', 'true', 'yes', 'on'].includes(v)) return true;
      if (['0', 'false', 'no', 'off'].includes(v)) return false;
      throw new ConfigError(found.name, 'must be true or false');
    },
    url(names: string[], protocols: string[]): string | null {
      const found = pick(...names);
      if (!found) return null;
      let parsed: URL;
      try {
        parsed = new URL(found.value);
      } catch {
        throw new ConfigError(found.name, `must be a URL (${protocols.join(', ')})`);
      }
      if (!protocols.includes(parsed.protocol))
        throw new ConfigError(found.name, `must be a URL (${protocols.join(', ')})`);
      return found.value.replace(/\/+$/, '');
    },
    /** A JSON object of strings, or `key=value` pairs separated by commas. */
    map(...names: string[]): Record<string, string> {
      const found = pick(...names);
      if (!found) return {};
      return parseMap(found.name, found.value);
    },
    list: (...names: string[]) =>
      (pick(...names)?.value ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
  };
}

function parseMap(name: string, text: string): Record<string, string> {
  if (text.startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new ConfigError(name, 'must be a JSON object of strings or key=value pairs');
    }
    if (
      typeof parsed !== 'object' ||
      parsed === null ||
      Array.isArray(parsed) ||
      !Object.values(parsed).every((v) => typeof v === 'string')
    )
      throw new ConfigError(name, 'must be a JSON object of strings or key=value pairs');
    return { ...(parsed as Record<string, string>) };
  }
  // fromEntries defines own properties: a key such as __proto__ stays a plain key.
  return Object.fromEntries(
    text.split(',').map((pair) => {
      const at = pair.indexOf('=');
      if (at <= 0)
        throw new ConfigError(name, 'must be a JSON object of strings or key=value pairs');
      return [pair.slice(0, at).trim(), pair.slice(at + 1).trim()];
    }),
  );
}

function storageConfig(read: ReturnType<typeof reader>): StorageConfig {
  const url = read.string('STORAGE_URL');
  if (url !== null && !/^(file:\/\/\/|s3:\/\/[^/]+|oss:\/\/[^/]+)/.test(url))
    throw new ConfigError(
      'STORAGE_URL',
      'must be file:///absolute/path, s3://bucket[/prefix] or oss://bucket[/prefix]',
    );
  const root = read.string('STORAGE_ROOT_DIR', 'OSSHistoryServerRootDir') ?? '';
  if (root.split('/').some((part) => part === '..') || root.includes('\\'))
    throw new ConfigError('STORAGE_ROOT_DIR', 'must be a relative folder without ".." segments');
  const trimmed = root.replace(/^\/+|\/+$/g, '');
  const bucket = read.string('OSS_BUCKET', 'OSSBucket');
  return {
    // An Alibaba operator setup names only the bucket: read it through oss://.
    url: url ?? (bucket ? `oss://${bucket}` : null),
    rootDir: trimmed ? `${trimmed}/` : '',
    s3: {
      endpoint: read.url(['S3_ENDPOINT'], ['http:', 'https:']),
      region: read.string('S3_REGION', 'AWS_REGION'),
      forcePathStyle: read.boolean(['S3_FORCE_PATH_STYLE'], false),
    },
    aws: {
      accessKeyId: read.string('AWS_ACCESS_KEY_ID'),
      secretAccessKey: read.string('AWS_SECRET_ACCESS_KEY'),
      sessionToken: read.string('AWS_SESSION_TOKEN'),
    },
    oss: {
      bucket,
      endpoint: read.string('OSS_ENDPOINT', 'OSSEndPoint', 'OSSEndpoint'),
      region: read.string('OSS_REGION', 'OSSRegion'),
    },
    rrsa: {
      roleArn: read.string('ALIBABA_CLOUD_ROLE_ARN'),
      oidcProviderArn: read.string('ALIBABA_CLOUD_OIDC_PROVIDER_ARN'),
      oidcTokenFile: read.string('ALIBABA_CLOUD_OIDC_TOKEN_FILE'),
      roleName: read.string('CloudRoleName', 'CLOUD_ROLE_NAME'),
      stsEndpoint: read.url(['ALIBABA_CLOUD_STS_ENDPOINT'], ['http:', 'https:']),
    },
  };
}

function authConfig(read: ReturnType<typeof reader>, publicUrl: string | null): AuthConfig {
  const mode = (read.string('AUTH_MODE') ?? 'none').toLowerCase();
  if (mode !== 'none' && mode !== 'token' && mode !== 'oidc')
    throw new ConfigError('AUTH_MODE', 'must be one of none, token, oidc');
  let token = read.string('AUTH_TOKEN');
  const tokenFile = read.string('AUTH_TOKEN_FILE');
  if (!token && tokenFile) {
    try {
      token = readFileSync(tokenFile, 'utf8').trim() || null;
    } catch {
      throw new ConfigError('AUTH_TOKEN_FILE', 'names a file that cannot be read');
    }
  }
  if (mode === 'token' && !token)
    throw new ConfigError('AUTH_TOKEN', 'must be set (or AUTH_TOKEN_FILE) when AUTH_MODE=token');
  let oidc: OidcConfig | null = null;
  if (mode === 'oidc') {
    const issuer = read.url(['OIDC_ISSUER'], ['https:', 'http:']);
    if (!issuer) throw new ConfigError('OIDC_ISSUER', 'must be set when AUTH_MODE=oidc');
    const clientId = read.string('OIDC_CLIENT_ID');
    if (!clientId) throw new ConfigError('OIDC_CLIENT_ID', 'must be set when AUTH_MODE=oidc');
    let clientSecret = read.string('OIDC_CLIENT_SECRET');
    const secretFile = read.string('OIDC_CLIENT_SECRET_FILE');
    if (!clientSecret && secretFile) {
      try {
        clientSecret = readFileSync(secretFile, 'utf8').trim() || null;
      } catch {
        throw new ConfigError('OIDC_CLIENT_SECRET_FILE', 'names a file that cannot be read');
      }
    }
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

const TRUST_PROXY_FORMS =
  'must be false, a number of proxy hops (true: 1), or proxy addresses/CIDRs separated by commas';

function trustProxyOf(value: string | null): ServingConfig['trustProxy'] {
  if (value === null) return false;
  const lower = value.toLowerCase();
  if (['0', 'false', 'no', 'off'].includes(lower)) return false;
  // "true" used to trust every hop; it now means the one proxy in front of the server.
  if (['true', 'yes', 'on'].includes(lower)) return 1;
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    if (hops > 16) throw new ConfigError('TRUST_PROXY', TRUST_PROXY_FORMS);
    return hops;
  }
  const entries = value.split(',').map((entry) => entry.trim());
  for (const entry of entries) {
    const [address = '', prefix, extra] = entry.split('/');
    const family = isIP(address);
    const maxPrefix = family === 6 ? 128 : 32;
    const badPrefix =
      prefix !== undefined && (!/^\d{1,3}$/.test(prefix) || Number(prefix) > maxPrefix);
    if (family === 0 || badPrefix || extra !== undefined)
      throw new ConfigError('TRUST_PROXY', `${TRUST_PROXY_FORMS} (got ${entry})`);
  }
  return entries;
}

function basePathOf(value: string | null): string {
  if (value === null) return '';
  const trimmed = value.replace(/\/+$/, '');
  if (trimmed === '') return '';
  if (!/^(\/[A-Za-z0-9._~-]+)+$/.test(trimmed))
    throw new ConfigError('BASE_PATH', 'must be a path like /ray-history (letters, digits, ._~-)');
  return trimmed;
}

/** EMBED_ALLOWED_ORIGINS, else the exact http(s) origins among FRAME_ANCESTORS' sources. */
function embedOriginsOf(explicit: string[], frameAncestors: string): string[] {
  const sources = explicit.length > 0 ? explicit : frameAncestors.split(/\s+/);
  const origins: string[] = [];
  for (const source of sources) {
    // Wildcards and keywords cannot be matched exactly against a message's origin.
    if (!/^https?:\/\/[^*/\s]+\/?$/i.test(source)) {
      if (explicit.length > 0)
        throw new ConfigError('EMBED_ALLOWED_ORIGINS', `must list exact origins (got ${source})`);
      continue;
    }
    const { origin } = new URL(source);
    if (!origins.includes(origin)) origins.push(origin);
  }
  return origins;
}

function frameAncestorsOf(value: string | null): string {
  if (value === null) return "'self'";
  // It is pasted into a header: refuse anything that could end the directive.
  if (/[;,\r\n]/.test(value))
    throw new ConfigError(
      'FRAME_ANCESTORS',
      "must be CSP sources separated by spaces, e.g. 'self' https://console.example.com",
    );
  return value;
}

export function loadConfig(env: NodeJS.ProcessEnv): ServerConfig {
  const read = reader(env);
  const publicUrl = read.url(['PUBLIC_URL', 'CallbackServiceName'], ['https:', 'http:']);
  const basePath = basePathOf(read.string('BASE_PATH'));
  const frameAncestors = frameAncestorsOf(read.string('FRAME_ANCESTORS'));
  const logLevel = (read.string('LOG_LEVEL') ?? 'info').toLowerCase();
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel))
    throw new ConfigError(
      'LOG_LEVEL',
      'must be one of fatal, error, warn, info, debug, trace, silent',
    );
  return {
    storage: storageConfig(read),
    auth: authConfig(read, publicUrl ? `${publicUrl}${basePath}` : null),
    metrics: {
      grafanaUrl: read.url(['GRAFANA_URL'], ['https:', 'http:']),
      grafanaOrgId: read.integer(['GRAFANA_ORG_ID'], 1, 1, 2 ** 31 - 1),
      grafanaDashboards: read.map('GRAFANA_DASHBOARDS'),
      grafanaDatasource: read.string('GRAFANA_DATASOURCE'),
      prometheusUrl: read.url(['PROMETHEUS_URL'], ['https:', 'http:']),
      prometheusHeaders: read.map('PROMETHEUS_HEADERS'),
      prometheusTimeoutMs: read.integer(['PROMETHEUS_TIMEOUT_MS'], 15_000, 100, 300_000),
    },
    server: {
      port: read.integer(['PORT'], 8080, 1, 65535),
      host: read.string('HOST') ?? '0.0.0.0',
      basePath,
      publicUrl,
      frameAncestors,
      embedOrigins: embedOriginsOf(read.list('EMBED_ALLOWED_ORIGINS'), frameAncestors),
      trustProxy: trustProxyOf(read.string('TRUST_PROXY')),
      hstsMaxAgeSeconds: read.integer(['HSTS_MAX_AGE_SECONDS'], 31_536_000, 0, 2 ** 31 - 1),
      staticDir: resolve(REPO_ROOT, read.string('STATIC_DIR') ?? 'dist'),
      snapshotCacheMb: read.integer(['SNAPSHOT_CACHE_MB'], 512, 1, 1024 * 1024),
      responseBudgetMb: read.integer(['RESPONSE_BUDGET_MB'], 256, 16, 64 * 1024),
      memoryBudgetMb: read.integer(['MEMORY_BUDGET_MB'], 640, 32, 1024 * 1024),
      regexSearches: {
        perProcess: read.integer(['REGEX_SEARCHES_MAX'], 4, 1, 64),
        perUser: read.integer(['REGEX_SEARCHES_PER_USER'], 2, 1, 64),
      },
      sessionIndexTtlSeconds: read.integer(['SESSION_INDEX_TTL_SECONDS'], 10, 0, 86_400),
      logLevel,
    },
    live: liveConfig(read),
  };
}

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
