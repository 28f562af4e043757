// A queue of byte chunks read as an async iterable: one side pushes, the other iterates.

/** Thrown to the reader of a channel whose bytes broke off (the source failed part-way). */
export class BrokenOffError extends Error {
  constructor() {
    super('the bytes broke off');
    this.name = 'BrokenOffError';
  }
}

export class ChunkChannel implements AsyncIterable<Buffer> {
  private readonly queue: Buffer[] = [];
  private ended = false;
  private brokenOff = false;
  private wake: (() => void) | null = null;
  private readonly onTake: (bytes: number) => void;

  constructor(onTake: (bytes: number) => void = () => undefined) {
    this.onTake = onTake;
  }

  push(chunk: Buffer): void {
    this.queue.push(chunk);
    this.wake?.();
  }

  /** No more chunks; `brokenOff` when the source failed, so a partial last record is dropped. */
  end(brokenOff = false): void {
    this.ended = true;
    this.brokenOff = brokenOff;
    this.wake?.();
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<Buffer> {
    for (;;) {
      const chunk = this.queue.shift();
      if (chunk) {
        this.onTake(chunk.length);
        yield chunk;
      } else if (this.ended) {
        if (this.brokenOff) throw new BrokenOffError();
        return;
      } else {
        await new Promise<void>((resolve) => (this.wake = resolve));
        this.wake = null;
      }
    }
  }
}
