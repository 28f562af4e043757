import { readFile } from 'node:fs/promises';

// RRSA (RAM Roles for Service Accounts) on Alibaba ACK: the pod's projected OIDC token is
// exchanged at Alibaba STS (AssumeRoleWithOIDC, no signature needed) for temporary keys, which
// are renewed some minutes before they expire. The token file is read again for every exchange
// because the kubelet rotates it.

export const DEFAULT_STS_ENDPOINT = 'https://sts.aliyuncs.com';

export interface RrsaOptions {
  roleArn: string;
  oidcProviderArn: string;
  oidcTokenFile: string;
  /** Alibaba STS, e.g. https://sts-vpc.cn-hangzhou.aliyuncs.com. */
  stsEndpoint?: string;
  roleSessionName?: string;
  durationSeconds?: number;
  /** Renew this long before the keys expire. */
  refreshBeforeMs?: number;
  /** Give up on one STS call after this long. */
  timeoutMs?: number;
  now?: () => number;
  fetch?: typeof fetch;
}

/** What the S3 client accepts as credentials. */
export interface TemporaryCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: Date;
}

export class RrsaError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RrsaError';
  }
}

interface StsAnswer {
  Credentials?: {
    AccessKeyId?: string;
    AccessKeySecret?: string;
    SecurityToken?: string;
    Expiration?: string;
  };
  Code?: string;
  Message?: string;
}

export class RrsaCredentials {
  private readonly options: Required<Omit<RrsaOptions, 'fetch'>> & { fetch: typeof fetch };
  private current: TemporaryCredentials | undefined;
  private exchanging: Promise<TemporaryCredentials> | undefined;

  constructor(options: RrsaOptions) {
    this.options = {
      stsEndpoint: DEFAULT_STS_ENDPOINT,
      roleSessionName: 'ray-history-server',
      durationSeconds: 3600,
      refreshBeforeMs: 5 * 60_000,
      timeoutMs: 10_000,
      now: Date.now,
      fetch: globalThis.fetch,
      ...options,
    };
  }

  /** Valid keys: the cached ones, or fresh ones when they are about to expire. */
  get(): Promise<TemporaryCredentials> {
    const { now, refreshBeforeMs } = this.options;
    if (this.current && this.current.expiration.getTime() - refreshBeforeMs > now())
      return Promise.resolve(this.current);
    // Concurrent callers share one exchange; a failed exchange is not remembered.
    this.exchanging ??= this.exchange().finally(() => {
      this.exchanging = undefined;
    });
    return this.exchanging;
  }

  private async exchange(): Promise<TemporaryCredentials> {
    const o = this.options;
    let token: string;
    try {
      token = (await readFile(o.oidcTokenFile, 'utf8')).trim();
    } catch (error) {
      throw new RrsaError(
        `RRSA: cannot read the OIDC token file ALIBABA_CLOUD_OIDC_TOKEN_FILE=${o.oidcTokenFile}`,
        { cause: error },
      );
    }
    if (!token) throw new RrsaError(`RRSA: the OIDC token file ${o.oidcTokenFile} is empty`);
    const form = new URLSearchParams({
      Action: 'AssumeRoleWithOIDC',
      Format: 'JSON',
      Version: '2015-04-01',
      Timestamp: new Date(o.now()).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      RoleArn: o.roleArn,
      OIDCProviderArn: o.oidcProviderArn,
      OIDCToken: token,
      RoleSessionName: o.roleSessionName,
      DurationSeconds: String(o.durationSeconds),
    });
    let status: number;
    let answer: StsAnswer;
    try {
      const response = await o.fetch(o.stsEndpoint, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'application/json',
        },
        body: form.toString(),
        signal: AbortSignal.timeout(o.timeoutMs),
      });
      status = response.status;
      answer = (await response.json()) as StsAnswer;
    } catch (error) {
      throw new RrsaError(`RRSA: Alibaba STS at ${o.stsEndpoint} did not answer`, { cause: error });
    }
    const c = answer.Credentials;
    if (status !== 200 || !c?.AccessKeyId || !c.AccessKeySecret || !c.SecurityToken)
      throw new RrsaError(
        `RRSA: AssumeRoleWithOIDC for ${o.roleArn} failed (HTTP ${status}` +
          `${answer.Code ? `, ${answer.Code}` : ''}${answer.Message ? `: ${answer.Message}` : ''})`,
      );
    const expiration = new Date(c.Expiration ?? NaN);
    if (Number.isNaN(expiration.getTime()))
      throw new RrsaError(`RRSA: STS answered an unreadable Expiration ${String(c.Expiration)}`);
    this.current = {
      accessKeyId: c.AccessKeyId,
      secretAccessKey: c.AccessKeySecret,
      sessionToken: c.SecurityToken,
      expiration,
    };
    return this.current;
  }
}
