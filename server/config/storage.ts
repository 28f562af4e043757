import { ConfigError, type EnvReader } from './env.ts';

// Where the history is read from: STORAGE_URL and the S3 / OSS / RRSA credentials.

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

export function storageConfig(read: EnvReader): StorageConfig {
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
