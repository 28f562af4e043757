import type { ServerResponse } from 'node:http';

// Large answer buffers (16 MiB log slices) lent to one response at a time and reused. Each fresh
// one is external memory, and V8 runs a full mark-compact every few dozen MB of it: under the
// hostile mix, 60 full collections in 20 s, pauses of up to 270 ms on the request thread.
//
// A buffer comes back only once its response has finished: 'finish' comes from the last write's
// callback, after which neither the socket nor libuv refers to the bytes (a socket destroyed
// meanwhile cancels its queued writes before calling back). A response closed without finishing
// (the client went away while the answer was read or sent) is never trusted with its buffer
// again: the garbage collector takes it. Memory: buffers in use are covered by the answers' ResponseBudget
// reservations; at most `maxIdle` more wait here between answers.

export class AnswerBuffers {
  private readonly idle: Buffer[] = [];
  readonly bufferBytes: number;
  private readonly maxIdle: number;

  constructor(bufferBytes: number, maxIdle: number) {
    this.bufferBytes = bufferBytes;
    this.maxIdle = maxIdle;
  }

  /** Buffers waiting for an answer (for tests). */
  get idleCount(): number {
    return this.idle.length;
  }

  /** A buffer only `response` uses, back in the pool once the response has finished. */
  lendTo(response: ServerResponse): Buffer {
    // Not zero-filled: callers send only the bytes they read into it.
    const buffer = this.idle.pop() ?? Buffer.allocUnsafeSlow(this.bufferBytes);
    const giveBack = () => {
      response.off('close', forget);
      if (this.idle.length < this.maxIdle) this.idle.push(buffer);
    };
    const forget = () => response.off('finish', giveBack);
    response.once('finish', giveBack);
    response.once('close', forget);
    return buffer;
  }
}
