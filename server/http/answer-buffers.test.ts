import { createServer, get, IncomingMessage, ServerResponse, type Server } from 'node:http';
import { Socket, type AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { AnswerBuffers } from './answer-buffers.ts';

// A pooled answer buffer comes back only after its response finished, never after an abort.

const BYTES = 16 * 1024 * 1024;
let server: Server | undefined;

afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = undefined;
});

/** A server answering each request with `answer(response)`; resolves to its origin. */
async function serve(answer: (response: ServerResponse) => void): Promise<string> {
  server = createServer((_request, response) => answer(response));
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const closed = (response: ServerResponse) =>
  new Promise<void>((resolve) => response.once('close', () => setImmediate(resolve)));

describe('AnswerBuffers', () => {
  it('gives a buffer back once its response finished, and lends it again', async () => {
    const pool = new AnswerBuffers(BYTES, 2);
    const lent: Buffer[] = [];
    let done = Promise.resolve();
    const origin = await serve((response) => {
      const buffer = pool.lendTo(response);
      lent.push(buffer);
      done = closed(response);
      response.end(buffer.fill(0x61));
    });

    const first = Buffer.from(await (await fetch(origin)).arrayBuffer());
    await done;
    expect(first.equals(Buffer.alloc(BYTES, 0x61))).toBe(true);
    expect(pool.idleCount).toBe(1);
    await (await fetch(origin)).arrayBuffer();
    await done;
    expect(lent[1]!.buffer).toBe(lent[0]!.buffer);
    expect(pool.idleCount).toBe(1);
  });

  it('never reuses the buffer of a response the client left before it finished', async () => {
    const pool = new AnswerBuffers(BYTES, 2);
    let lent: Buffer | undefined;
    let done = Promise.resolve();
    let arrived: () => void = () => undefined;
    const asked = new Promise<void>((resolve) => (arrived = resolve));
    const origin = await serve((response) => {
      // The client leaves while the answer is still being read (nothing written yet).
      lent = pool.lendTo(response);
      done = closed(response);
      arrived();
    });

    const request = get(origin);
    request.on('error', () => undefined);
    await asked;
    request.destroy();
    await done;
    expect(lent).toBeDefined();
    expect(pool.idleCount).toBe(0);
    expect(pool.lendTo(new ServerResponse(new IncomingMessage(new Socket()))).buffer).not.toBe(
      lent!.buffer,
    );
  });

  it('keeps at most maxIdle buffers between answers', async () => {
    const pool = new AnswerBuffers(1024, 1);
    const responses: ServerResponse[] = [];
    let finishedAll: () => void = () => undefined;
    const allFinished = new Promise<void>((resolve) => (finishedAll = resolve));
    const origin = await serve((response) => {
      responses.push(response);
      if (responses.length < 2) return;
      // Both answers in flight at once get distinct buffers; both finish, one stays.
      const [a, b] = responses.map((r) => pool.lendTo(r));
      expect(a!.buffer).not.toBe(b!.buffer);
      let open = 2;
      for (const [r, buffer] of responses.map((r, i) => [r, i === 0 ? a! : b!] as const)) {
        r.once('finish', () => --open === 0 && setImmediate(finishedAll));
        r.end(buffer.fill(0x63));
      }
    });
    await Promise.all([fetch(origin), fetch(origin)].map(async (r) => (await r).arrayBuffer()));
    await allFinished;
    expect(pool.idleCount).toBe(1);
  });
});
