import { createServer, get, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { whenClosed } from './when-closed.ts';

/** A server whose one request is handed to `handle`; resolves once the client has gone. */
async function oneRequest(handle: (res: ServerResponse) => Promise<void>): Promise<void> {
  const server = createServer((_req, res) => void handle(res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => {
    const request = get({ port, host: '127.0.0.1' }, (res) => {
      res.resume();
      res.on('end', resolve);
    });
    request.on('error', () => resolve());
    request.on('close', resolve);
    // Cut off when the server has not answered within 100 ms.
    setTimeout(() => request.destroy(), 100);
  });
  await new Promise((resolve) => server.close(resolve));
}

describe('whenClosed', () => {
  it('runs once the response finishes', async () => {
    const calls: string[] = [];
    await oneRequest(async (res) => {
      whenClosed(res, () => calls.push('closed'));
      calls.push('answering');
      res.end('ok');
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(calls).toEqual(['answering', 'closed']);
  });

  it('runs at once when the client had already gone (a listener would never fire)', async () => {
    let ranAtOnce: boolean | undefined;
    await oneRequest(async (res) => {
      // The request waits (for room, a slot) past the client's patience.
      await new Promise((resolve) => res.once('close', resolve));
      let ran = false;
      whenClosed(res, () => (ran = true));
      ranAtOnce = ran;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(ranAtOnce).toBe(true);
  });
});
