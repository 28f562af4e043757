import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { tempFolder, type TempFolder } from '../test/history.ts';
import { RrsaCredentials, RrsaError } from './rrsa-credentials.ts';

// RRSA against a stand-in Alibaba STS on loopback: what is sent, what is kept, when it renews.

const ROLE = 'acs:ram::1234567890:role/ray-history-reader';
const PROVIDER = 'acs:ram::1234567890:oidc-provider/ack-rrsa-c0ffee';
const HOUR = 3_600_000;

let sts: Server;
let endpoint: string;
let calls: URLSearchParams[];
let answer: (params: URLSearchParams) => { status: number; body: object };
let folder: TempFolder;
let now: number;

async function bodyOf(request: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of request) text += String(chunk);
  return text;
}

beforeAll(async () => {
  sts = createServer((request, response) => {
    void bodyOf(request).then((body) => {
      const params = new URLSearchParams(body);
      calls.push(params);
      const { status, body: json } = answer(params);
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(json));
    });
  });
  await new Promise<void>((resolve) => sts.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(sts.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => sts.close(() => resolve())));

beforeEach(async () => {
  calls = [];
  now = Date.UTC(2026, 0, 11, 12, 0, 0);
  folder = await tempFolder({ token: 'projected-oidc-token-1\n' });
  answer = (params) => ({
    status: 200,
    body: {
      RequestId: 'req',
      Credentials: {
        AccessKeyId: `STS.key-${calls.length}`,
        AccessKeySecret: `secret-${calls.length}`,
        SecurityToken: `token-for-${params.get('OIDCToken')}`,
        Expiration: new Date(now + HOUR).toISOString(),
      },
    },
  });
});
afterEach(() => folder.remove());

function provider(tokenFile = `${folder.dir}/token`) {
  return new RrsaCredentials({
    roleArn: ROLE,
    oidcProviderArn: PROVIDER,
    oidcTokenFile: tokenFile,
    stsEndpoint: endpoint,
    now: () => now,
  });
}

describe('RrsaCredentials', () => {
  it('exchanges the projected token at STS with AssumeRoleWithOIDC', async () => {
    const credentials = await provider().get();
    expect(calls).toHaveLength(1);
    const sent = Object.fromEntries(calls[0]!);
    expect(sent).toMatchObject({
      Action: 'AssumeRoleWithOIDC',
      RoleArn: ROLE,
      OIDCProviderArn: PROVIDER,
      OIDCToken: 'projected-oidc-token-1',
      RoleSessionName: 'ray-history-server',
      DurationSeconds: '3600',
      Format: 'JSON',
    });
    expect(credentials).toEqual({
      accessKeyId: 'STS.key-1',
      secretAccessKey: 'secret-1',
      sessionToken: 'token-for-projected-oidc-token-1',
      expiration: new Date(now + HOUR),
    });
  });

  it('keeps the keys until shortly before they expire, then renews with the rotated token', async () => {
    const rrsa = provider();
    const first = await rrsa.get();
    now += 30 * 60_000;
    expect(await rrsa.get()).toBe(first);
    expect(calls).toHaveLength(1);

    await folder.write('token', 'projected-oidc-token-2');
    now = first.expiration.getTime() - 4 * 60_000; // inside the five-minute margin
    const renewed = await rrsa.get();
    expect(calls).toHaveLength(2);
    expect(renewed.accessKeyId).toBe('STS.key-2');
    expect(renewed.sessionToken).toBe('token-for-projected-oidc-token-2');
  });

  it('shares one exchange between concurrent callers', async () => {
    const rrsa = provider();
    const [a, b, c] = await Promise.all([rrsa.get(), rrsa.get(), rrsa.get()]);
    expect(calls).toHaveLength(1);
    expect(a).toBe(b);
    expect(b).toBe(c);
  });

  it('fails clearly when the token file is missing, and recovers once it appears', async () => {
    const rrsa = provider(`${folder.dir}/not-yet`);
    const failure = rrsa.get();
    await expect(failure).rejects.toBeInstanceOf(RrsaError);
    await expect(failure).rejects.toThrow(/ALIBABA_CLOUD_OIDC_TOKEN_FILE=.*not-yet/);
    expect(calls).toHaveLength(0);

    await folder.write('not-yet', 'late-token');
    expect((await rrsa.get()).sessionToken).toBe('token-for-late-token');
  });

  it('reports the STS error code and message, without the token', async () => {
    answer = () => ({
      status: 400,
      body: { Code: 'InvalidParameter.OIDCToken', Message: 'The OIDC token has expired.' },
    });
    const failure = provider().get();
    await expect(failure).rejects.toThrow(
      /AssumeRoleWithOIDC for .*ray-history-reader failed \(HTTP 400, InvalidParameter\.OIDCToken: The OIDC token has expired\.\)/,
    );
    await expect(failure).rejects.not.toThrow(/projected-oidc-token/);
  });

  it('fails clearly when STS does not answer', async () => {
    const rrsa = new RrsaCredentials({
      roleArn: ROLE,
      oidcProviderArn: PROVIDER,
      oidcTokenFile: `${folder.dir}/token`,
      stsEndpoint: 'http://127.0.0.1:9', // discard port: nothing listens
    });
    await expect(rrsa.get()).rejects.toThrow(/did not answer/);
  });
});
