// Interns repeated strings (function names, job/node/worker ids, states ...) so a task row
// stores small integers instead of strings. Id 0 is always the empty string.

export class StringPool {
  readonly values: string[] = [''];
  private readonly ids = new Map<string, number>([['', 0]]);

  intern(value: string): number {
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.values.length;
      this.values.push(value);
      this.ids.set(value, id);
    }
    return id;
  }

  /** The id of a string already in the pool, or -1. */
  idOf(value: string): number {
    return this.ids.get(value) ?? -1;
  }

  get(id: number): string {
    return this.values[id] ?? '';
  }

  get size(): number {
    return this.values.length;
  }

  /**
   * A pool with the same strings in sorted order, and the old-id -> new-id mapping. After this,
   * comparing ids compares strings, and ids no longer depend on the order events arrived in.
   */
  sorted(): { pool: StringPool; remap: Int32Array } {
    const pool = new StringPool();
    const order = this.values.slice(1).sort(compareStrings);
    for (const value of order) pool.intern(value);
    const remap = new Int32Array(this.values.length);
    for (let id = 0; id < this.values.length; id++) remap[id] = pool.idOf(this.values[id]!);
    return { pool, remap };
  }

  approxBytes(): number {
    let bytes = 0;
    for (const value of this.values) bytes += 48 + value.length;
    return bytes;
  }
}

/** Code-unit order, the same on every machine (unlike localeCompare). */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
