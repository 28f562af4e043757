import { createWriteStream, mkdirSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';

// Writes storage keys as files under one folder. Large files go through buffered streams
// that respect backpressure, so a million tasks or a gigabyte log never sit in memory.
// Writers of many small lines `append` them synchronously; a stream whose buffer fills is
// queued, and the writer awaits `flushFull()` between units of work (one task attempt), so
// no line waits for a promise of its own.

/** A stream's buffer is handed to the file once it holds this much. */
const FLUSH_BYTES = 256 * 1024;
/** Bytes a file may have in flight before the writer waits for 'drain'. */
const HIGH_WATER_MARK = 1024 * 1024;

export interface OutputStream {
  /** Bytes written so far (uncompressed): the offset where the next write starts. */
  readonly bytes: number;
  /** Buffers text; the stream is queued for `OutputTree.flushFull()` when its buffer is full. */
  append(text: string): void;
  /** Buffers text and, when the buffer is full, waits until the file takes it. */
  write(text: string): Promise<void>;
  end(): Promise<void>;
}

export class OutputTree {
  readonly root: string;
  private readonly folders = new Set<string>();
  private readonly streams = new Set<BufferedStream>();
  private full: BufferedStream[] = [];

  constructor(root: string) {
    this.root = root;
  }

  /** True when some stream's buffer is full: await `flushFull()` before appending much more. */
  get mustFlush(): boolean {
    return this.full.length > 0;
  }

  /** Hands every full buffer to its file, waiting where a file has too much in flight. */
  async flushFull(): Promise<void> {
    const full = this.full;
    this.full = [];
    await Promise.all(full.map((s) => s.flush()));
  }

  async writeFile(key: string, data: string | Buffer): Promise<void> {
    const path = join(this.root, key);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, data);
  }

  /** A file written in pieces, through a buffer; see `append` and `flushFull`. */
  openStream(key: string, options: { gzip?: boolean } = {}): OutputStream {
    const stream = this.open(key, options.gzip ?? false);
    return {
      get bytes() {
        return stream.bytes;
      },
      append: (text) => stream.append(text),
      write: (text) => stream.write(text),
      end: () => this.end(stream),
    };
  }

  private open(key: string, gzip: boolean): BufferedStream {
    const path = join(this.root, key);
    const folder = dirname(path);
    if (!this.folders.has(folder)) {
      mkdirSync(folder, { recursive: true });
      this.folders.add(folder);
    }
    const file = createWriteStream(path, { highWaterMark: HIGH_WATER_MARK });
    const target = gzip
      ? gzipInto(file)
      : { input: file, done: once(file, 'finish').then(() => undefined) };
    const stream = new BufferedStream(target.input, target.done, (s) => this.full.push(s));
    this.streams.add(stream);
    return stream;
  }

  private async end(stream: BufferedStream): Promise<void> {
    this.streams.delete(stream);
    await stream.end();
  }

  /** Ends every stream still open. */
  async closeAll(): Promise<void> {
    const streams = [...this.streams];
    this.streams.clear();
    await Promise.all(streams.map((s) => s.end()));
  }
}

function gzipInto(file: Writable): { input: Writable; done: Promise<void> } {
  const gzip = createGzip();
  return { input: gzip, done: pipeline(gzip, file) };
}

/** Buffers start small (most files are) and double up to this size. */
const FIRST_BUFFER = 16 * 1024;
const LAST_BUFFER = 2 * FLUSH_BYTES;

/**
 * Text is encoded straight into a Buffer as it is appended (no string concatenation, and the
 * byte count comes free); filled Buffers wait in `ready` until the next flush hands them on.
 */
class BufferedStream {
  /** Bytes appended so far (uncompressed). */
  bytes = 0;
  private buffer: Buffer | null = null;
  /** Size of the last Buffer allocated; the next one is twice as big, up to LAST_BUFFER. */
  private capacity = 0;
  private used = 0;
  private ready: Buffer[] = [];
  private readyBytes = 0;
  private queued = false;
  private ended = false;
  private readonly target: Writable;
  private readonly done: Promise<void>;
  private readonly onFull: (stream: BufferedStream) => void;

  constructor(target: Writable, done: Promise<void>, onFull: (stream: BufferedStream) => void) {
    this.target = target;
    this.done = done;
    this.onFull = onFull;
  }

  append(text: string): void {
    // UTF-8 needs at most 3 bytes per UTF-16 unit.
    const most = text.length * 3;
    if (!this.buffer || this.buffer.length - this.used < most) {
      this.retire();
      if (most > LAST_BUFFER) {
        const whole = Buffer.from(text);
        this.bytes += whole.length;
        this.hand(whole);
        this.checkFull();
        return;
      }
      this.capacity = this.buffer ? Math.min(LAST_BUFFER, this.capacity * 2) : FIRST_BUFFER;
      this.buffer = Buffer.allocUnsafe(Math.max(this.capacity, most));
    }
    const written = this.buffer.write(text, this.used);
    this.used += written;
    this.bytes += written;
    this.checkFull();
  }

  private checkFull(): void {
    if (this.used + this.readyBytes >= FLUSH_BYTES && !this.queued) {
      this.queued = true;
      this.onFull(this);
    }
  }

  async write(text: string): Promise<void> {
    this.append(text);
    if (this.used + this.readyBytes >= FLUSH_BYTES) await this.flush();
  }

  async flush(): Promise<void> {
    this.queued = false;
    if (this.ended) return;
    this.retire();
    const chunks = this.ready;
    if (chunks.length === 0) return;
    this.ready = [];
    this.readyBytes = 0;
    let more = true;
    for (const chunk of chunks) more = this.target.write(chunk);
    if (!more) await once(this.target, 'drain');
  }

  async end(): Promise<void> {
    if (this.ended) return;
    await this.flush();
    this.ended = true;
    this.target.end();
    await this.done;
  }

  /** Moves the filled part of the buffer to `ready`; appends go on in the part left over. */
  private retire(): void {
    if (!this.buffer || this.used === 0) return;
    this.hand(this.buffer.subarray(0, this.used));
    this.buffer = this.buffer.subarray(this.used);
    this.used = 0;
  }

  private hand(chunk: Buffer): void {
    this.ready.push(chunk);
    this.readyBytes += chunk.length;
  }
}
