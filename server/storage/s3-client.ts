import { S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import type { StorageConfig } from '../config/storage.ts';
import { RrsaCredentials } from './rrsa-credentials.ts';

// Builds the S3 client for s3:// (AWS S3, MinIO) and oss:// (Alibaba OSS's S3-compatible API)
// from the storage settings: endpoint, region, addressing style, credentials, timeouts, retries.

/** Attempts per request (the first plus retries, with exponential backoff and jitter). */
export const MAX_ATTEMPTS = 4;
export const CONNECT_TIMEOUT_MS = 5_000;
/** Longest wait for the next bytes of an answer; a stalled request fails and is retried. */
export const REQUEST_TIMEOUT_MS = 30_000;

export interface BucketLocation {
  scheme: 's3' | 'oss';
  bucket: string;
  /** '' or a folder prefix ending with '/' (the URL's path, then STORAGE_ROOT_DIR). */
  prefix: string;
}

/** `s3://bucket/a/b` plus rootDir `c/` → bucket `bucket`, prefix `a/b/c/`. */
export function parseBucketUrl(url: string, rootDir: string): BucketLocation {
  const match = /^(s3|oss):\/\/([^/]+)(\/.*)?$/.exec(url);
  if (!match) throw new Error(`STORAGE_URL ${url} must be s3://bucket[/prefix] or oss://…`);
  const path = (match[3] ?? '').replace(/^\/+|\/+$/g, '');
  const prefix = [path, rootDir.replace(/^\/+|\/+$/g, '')].filter(Boolean).join('/');
  return {
    scheme: match[1] as 's3' | 'oss',
    bucket: match[2]!,
    prefix: prefix ? `${prefix}/` : '',
  };
}

/** An OSS endpoint may be given without a scheme (the operator's OSSEndPoint). */
function withScheme(endpoint: string): string {
  return /^https?:\/\//.test(endpoint) ? endpoint : `https://${endpoint}`;
}

/** `oss-cn-hangzhou-internal.aliyuncs.com` → `cn-hangzhou`. */
export function ossRegionOf(endpoint: string): string | null {
  return /(?:^|\/\/)oss-([a-z0-9-]+?)(?:-internal)?\.aliyuncs\.com/.exec(endpoint)?.[1] ?? null;
}

function credentialsOf(config: StorageConfig, scheme: 's3' | 'oss'): S3ClientConfig['credentials'] {
  const { aws, rrsa } = config;
  if (aws.accessKeyId && aws.secretAccessKey)
    return {
      accessKeyId: aws.accessKeyId,
      secretAccessKey: aws.secretAccessKey,
      ...(aws.sessionToken && { sessionToken: aws.sessionToken }),
    };
  if (scheme === 'oss' && rrsa.roleArn && rrsa.oidcProviderArn && rrsa.oidcTokenFile) {
    const provider = new RrsaCredentials({
      roleArn: rrsa.roleArn,
      oidcProviderArn: rrsa.oidcProviderArn,
      oidcTokenFile: rrsa.oidcTokenFile,
      ...(rrsa.stsEndpoint && { stsEndpoint: rrsa.stsEndpoint }),
    });
    return () => provider.get();
  }
  // The SDK's default chain: environment, web identity (EKS IRSA), shared files, instance role.
  return undefined;
}

export function s3ClientConfig(config: StorageConfig, scheme: 's3' | 'oss'): S3ClientConfig {
  const ossEndpoint = config.oss.endpoint ? withScheme(config.oss.endpoint) : null;
  const endpoint = scheme === 'oss' ? (ossEndpoint ?? config.s3.endpoint) : config.s3.endpoint;
  if (scheme === 'oss' && !endpoint)
    throw new Error('oss:// storage needs OSS_ENDPOINT (the operator parameter OSSEndPoint)');
  const region =
    scheme === 'oss'
      ? (config.oss.region ?? (endpoint && ossRegionOf(endpoint)) ?? config.s3.region)
      : config.s3.region;
  return {
    ...(endpoint && { endpoint }),
    region: region ?? 'us-east-1',
    // OSS serves only virtual-hosted style; MinIO and s3rver usually need path style.
    forcePathStyle: scheme === 'oss' ? false : config.s3.forcePathStyle,
    credentials: credentialsOf(config, scheme),
    maxAttempts: MAX_ATTEMPTS,
    retryMode: 'standard',
    requestHandler: { connectionTimeout: CONNECT_TIMEOUT_MS, requestTimeout: REQUEST_TIMEOUT_MS },
    // Only send and check checksums where S3 demands them: OSS, MinIO and s3rver differ here.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  };
}

export function createS3Client(config: StorageConfig, scheme: 's3' | 'oss'): S3Client {
  return new S3Client(s3ClientConfig(config, scheme));
}
