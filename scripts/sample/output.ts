import { createWriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';

// Writes storage keys as files under one folder. Large files go through buffered streams
// that respect backpressure, so a million tasks or a gigabyte log never sit in memory.

const FLUSH_BYTES = 256 * 1024;

export interface OutputStream {
  /** Bytes written so far (uncompressed): the offset where the next write starts. */
  readonly bytes: number;
  write(text: string): Promise<void>;
  end(): Promise<void>;
}

export class OutputTree {
  readonly root: string;
  private readonly folders = new Set<string>();
  private readonly open = new Set<OutputStream>();

  constructor(root: string) {
    this.root = root;
  }

  async writeFile(key: string, data: string | Buffer): Promise<void> {
    const path = await this.prepare(key);
    await writeFile(path, data);
  }

  async openStream(key: string, options: { gzip?: boolean } = {}): Promise<OutputStream> {
    const path = await this.prepare(key);
    const file = createWriteStream(path);
    const stream = options.gzip ? gzipInto(file) : { input: file, done: once(file, 'finish') };
    const output = bufferedStream(
      stream.input,
      stream.done.then(() => undefined),
    );
    this.open.add(output);
    return {
      get bytes() {
        return output.bytes;
      },
      write: (text) => output.write(text),
      end: async () => {
        this.open.delete(output);
        await output.end();
      },
    };
  }

  /** Ends every stream still open. */
  async closeAll(): Promise<void> {
    const streams = [...this.open];
    this.open.clear();
    await Promise.all(streams.map((s) => s.end()));
  }

  private async prepare(key: string): Promise<string> {
    const path = join(this.root, key);
    const folder = dirname(path);
    if (!this.folders.has(folder)) {
      await mkdir(folder, { recursive: true });
      this.folders.add(folder);
    }
    return path;
  }
}

function gzipInto(file: Writable): { input: Writable; done: Promise<unknown> } {
  const gzip = createGzip();
  return { input: gzip, done: pipeline(gzip, file) };
}

function bufferedStream(target: Writable, done: Promise<void>): OutputStream {
  let pending: string[] = [];
  let pendingBytes = 0;
  let bytes = 0;
  const flush = async (): Promise<void> => {
    if (pending.length === 0) return;
    const chunk = pending.join('');
    pending = [];
    pendingBytes = 0;
    if (!target.write(chunk)) await once(target, 'drain');
  };
  return {
    get bytes() {
      return bytes;
    },
    async write(text) {
      const size = Buffer.byteLength(text);
      bytes += size;
      pending.push(text);
      pendingBytes += size;
      if (pendingBytes >= FLUSH_BYTES) await flush();
    },
    async end() {
      await flush();
      target.end();
      await done;
    },
  };
}
