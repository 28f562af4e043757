import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { ConfigError, type EnvReader } from './env.ts';

// How the server listens and answers: port, base path, proxies, framing, and its resource limits.

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
  literalSearches: { perProcess: number; perUser: number };
  downloads: { perProcess: number; perUser: number };
  /**
   * HEAVY_WORK_MS_PER_TURN: how long heavy answers (large log slices, ANSI stripping, downloads,
   * literal searches) may hold the request thread per event-loop turn, all together (turn-budget.ts).
   */
  heavyWorkMsPerTurn: number;
  sessionIndexTtlSeconds: number;
  logLevel: string;
}

/** `repoRoot`: what a relative STATIC_DIR is resolved against. */
export function servingConfig(read: EnvReader, repoRoot: string): ServingConfig {
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
    port: read.integer(['PORT'], 8080, 1, 65535),
    host: read.string('HOST') ?? '0.0.0.0',
    basePath,
    publicUrl,
    frameAncestors,
    embedOrigins: embedOriginsOf(read.list('EMBED_ALLOWED_ORIGINS'), frameAncestors),
    trustProxy: trustProxyOf(read.string('TRUST_PROXY')),
    hstsMaxAgeSeconds: read.integer(['HSTS_MAX_AGE_SECONDS'], 31_536_000, 0, 2 ** 31 - 1),
    staticDir: resolve(repoRoot, read.string('STATIC_DIR') ?? 'dist'),
    snapshotCacheMb: read.integer(['SNAPSHOT_CACHE_MB'], 512, 1, 1024 * 1024),
    responseBudgetMb: read.integer(['RESPONSE_BUDGET_MB'], 256, 16, 64 * 1024),
    memoryBudgetMb: read.integer(['MEMORY_BUDGET_MB'], 640, 32, 1024 * 1024),
    regexSearches: {
      perProcess: read.integer(['REGEX_SEARCHES_MAX'], 4, 1, 64),
      perUser: read.integer(['REGEX_SEARCHES_PER_USER'], 2, 1, 64),
    },
    literalSearches: {
      perProcess: read.integer(['LOG_SEARCHES_MAX'], 4, 1, 64),
      perUser: read.integer(['LOG_SEARCHES_PER_USER'], 2, 1, 64),
    },
    downloads: {
      perProcess: read.integer(['LOG_DOWNLOADS_MAX'], 4, 1, 256),
      perUser: read.integer(['LOG_DOWNLOADS_PER_USER'], 2, 1, 256),
    },
    heavyWorkMsPerTurn: read.integer(['HEAVY_WORK_MS_PER_TURN'], 2, 1, 1000),
    sessionIndexTtlSeconds: read.integer(['SESSION_INDEX_TTL_SECONDS'], 10, 0, 86_400),
    logLevel,
  };
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
