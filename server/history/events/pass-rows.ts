// The rows a tasks query matched, in page order, as a snapshot keeps them between pages. Most
// queries keep nearly every attempt in task id order (no filter but the default one, which only
// leaves out the few driver tasks): those hold the rows left out, not 4 bytes per attempt.

export interface PassRows {
  readonly length: number;
  /** Rows [offset, offset + limit) of the pass (fewer at its end). */
  page(offset: number, limit: number): Int32Array;
}

/** The rows listed one by one. */
export class ListedRows implements PassRows {
  private readonly rows: Int32Array;

  constructor(rows: Int32Array) {
    this.rows = rows;
  }

  get length(): number {
    return this.rows.length;
  }

  page(offset: number, limit: number): Int32Array {
    return this.rows.subarray(offset, offset + limit);
  }
}

/** Rows 0 … count - 1 except `skipped` (ascending), ascending or in reverse. */
export class AllRowsExcept implements PassRows {
  readonly length: number;
  private readonly skipped: Int32Array;
  private readonly descending: boolean;

  constructor(count: number, skipped: Int32Array, descending: boolean) {
    this.length = count - skipped.length;
    this.skipped = skipped;
    this.descending = descending;
  }

  page(offset: number, limit: number): Int32Array {
    const start = Math.min(Math.max(0, offset), this.length);
    const end = Math.min(start + Math.max(0, limit), this.length);
    if (!this.descending) return this.ascending(start, end);
    return this.ascending(this.length - end, this.length - start).reverse();
  }

  /** Rows [from, to) of the ascending order. */
  private ascending(from: number, to: number): Int32Array {
    const skipped = this.skipped;
    const out = new Int32Array(to - from);
    // The from-th row kept is from + the number of skipped rows up to it.
    let k = 0;
    while (k < skipped.length && skipped[k]! <= from + k) k++;
    let row = from + k;
    for (let i = 0; i < out.length; i++, row++) {
      while (k < skipped.length && skipped[k] === row) {
        k++;
        row++;
      }
      out[i] = row;
    }
    return out;
  }
}
