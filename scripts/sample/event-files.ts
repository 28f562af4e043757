import type { OutputStream, OutputTree } from './output.ts';
import type { RayEvent } from './ray-events.ts';
import { HOUR, hourKey, hourStart, unixNanos } from './time.ts';

// Event files the way the collector names and splits them: one JSON Lines file per node,
// folder and hour, `<nodeIdHex>-<YYYY-MM-DD-HH>-<unixNano>.jsonl[.gz]`.

export function eventFileName(nodeIdHex: string, us: number, gzip: boolean): string {
  return `${nodeIdHex}-${hourKey(us)}-${unixNanos(us)}.jsonl${gzip ? '.gz' : ''}`;
}

interface EventFile {
  key: string;
  stream: OutputStream;
  /** The hour the file holds: [fromUs, fromUs + HOUR). */
  fromUs: number;
}

export class EventFiles {
  private readonly files = new Map<string, EventFile>();
  /** The file last written per folder and node: most events land in the same hour. */
  private readonly recent = new Map<string, Map<string, EventFile>>();
  private readonly out: OutputTree;
  private readonly gzip: boolean;
  /** Keys of every file opened, for the manifest and tests. */
  readonly keys: string[] = [];

  constructor(out: OutputTree, options: { gzip: boolean }) {
    this.out = out;
    this.gzip = options.gzip;
  }

  /** Appends one event to the file of `folder` (ending with '/') for the hour of `us`. */
  async write(folder: string, nodeIdHex: string, us: number, event: RayEvent): Promise<void> {
    await this.writeLine(folder, nodeIdHex, us, JSON.stringify(event));
  }

  /** Appends a raw line (used for the malformed lines readers must skip); returns the file's key. */
  async writeLine(folder: string, nodeIdHex: string, us: number, line: string): Promise<string> {
    const file = this.fileFor(folder, nodeIdHex, us);
    await file.stream.write(`${line}\n`);
    return file.key;
  }

  /**
   * Buffers one line (an event's JSON) without waiting: for writers of millions of lines, who
   * await `OutputTree.flushFull()` whenever `OutputTree.mustFlush` says buffers are full.
   */
  append(folder: string, nodeIdHex: string, us: number, line: string): void {
    this.fileFor(folder, nodeIdHex, us).stream.append(`${line}\n`);
  }

  private fileFor(folder: string, nodeIdHex: string, us: number): EventFile {
    // Nested maps keyed by the callers' own strings: no key is built for the common case.
    let byNode = this.recent.get(folder);
    if (!byNode) this.recent.set(folder, (byNode = new Map()));
    const recent = byNode.get(nodeIdHex);
    if (recent && us >= recent.fromUs && us < recent.fromUs + HOUR) return recent;
    const fromUs = hourStart(us);
    const id = `${folder}|${nodeIdHex}|${fromUs}`;
    let file = this.files.get(id);
    if (!file) {
      const key = `${folder}${eventFileName(nodeIdHex, us, this.gzip)}`;
      file = { key, stream: this.out.openStream(key, { gzip: this.gzip }), fromUs };
      this.files.set(id, file);
      this.keys.push(key);
    }
    byNode.set(nodeIdHex, file);
    return file;
  }

  async close(): Promise<void> {
    const files = [...this.files.values()];
    this.files.clear();
    this.recent.clear();
    await Promise.all(files.map((f) => f.stream.end()));
  }
}
