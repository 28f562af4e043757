import { viewOf, type JsonBytes } from './json-bytes.ts';

// The JSON text of pool strings as UTF-8 bytes, made on first use and kept with the table: a
// page copies them instead of quoting and encoding the same values on every answer. One byte
// arena and two offsets per pool id (not a Buffer per string: each costs ~100 bytes of V8
// objects), so the cost is 8 bytes per pool string plus the text actually written.

const NOT_MADE = -1;

export class PoolBytes {
  // Grows by doubling from empty: a small pool keeps a small arena.
  private arena = Buffer.alloc(0);
  private arenaView = viewOf(this.arena);
  private used = 0;
  private readonly start: Int32Array;
  private readonly end: Int32Array;

  constructor(poolSize: number) {
    this.start = new Int32Array(poolSize).fill(NOT_MADE);
    this.end = new Int32Array(poolSize);
  }

  /** Writes the text of `id`, made by `make` the first time. */
  write(out: JsonBytes, id: number, make: (id: number) => string): void {
    let start = this.start[id]!;
    if (start === NOT_MADE) start = this.keep(id, make(id));
    out.view(this.arenaView, start, this.end[id]!);
  }

  /**
   * Reads what `write` will read for `id` (its offsets and the first bytes of its text) and
   * returns a number made from them, so the reads cannot be optimised away.
   */
  touch(id: number): number {
    const start = this.start[id]!;
    return start === NOT_MADE ? 0 : this.arena[start]! + this.end[id]!;
  }

  /** Bytes held (arena capacity and offsets), for memory accounting. */
  get byteSize(): number {
    return this.arena.length + this.start.byteLength + this.end.byteLength;
  }

  private keep(id: number, text: string): number {
    const needed = this.used + Buffer.byteLength(text);
    if (needed > this.arena.length) {
      const grown = Buffer.allocUnsafeSlow(Math.max(needed, this.arena.length * 2));
      this.arena.copy(grown, 0, 0, this.used);
      this.arena = grown;
      this.arenaView = viewOf(grown);
    }
    const start = this.used;
    this.used += this.arena.write(text, start);
    this.start[id] = start;
    this.end[id] = this.used;
    return start;
  }
}
