import type { OutputStream, OutputTree } from './output.ts';
import type { RayEvent } from './ray-events.ts';
import { hourKey, hourStart, unixNanos } from './time.ts';

// Event files the way the collector names and splits them: one JSON Lines file per node,
// folder and hour, `<nodeIdHex>-<YYYY-MM-DD-HH>-<unixNano>.jsonl[.gz]`.

export function eventFileName(nodeIdHex: string, us: number, gzip: boolean): string {
  return `${nodeIdHex}-${hourKey(us)}-${unixNanos(us)}.jsonl${gzip ? '.gz' : ''}`;
}

export class EventFiles {
  private readonly streams = new Map<string, { key: string; stream: OutputStream }>();
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
    const id = `${folder}|${nodeIdHex}|${hourStart(us)}`;
    let file = this.streams.get(id);
    if (!file) {
      const key = `${folder}${eventFileName(nodeIdHex, us, this.gzip)}`;
      file = { key, stream: await this.out.openStream(key, { gzip: this.gzip }) };
      this.streams.set(id, file);
      this.keys.push(key);
    }
    await file.stream.write(`${line}\n`);
    return file.key;
  }

  async close(): Promise<void> {
    const streams = [...this.streams.values()];
    this.streams.clear();
    await Promise.all(streams.map((s) => s.stream.end()));
  }
}
