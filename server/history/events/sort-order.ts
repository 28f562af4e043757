import { compareStrings } from './string-pool.ts';

// Sorting large arrays fast: native typed-array sorts on packed numeric keys instead of a JS
// comparator called n·log n times. Results equal the plain comparator sorts.

const HEX_DIGIT = new Int8Array(128).fill(-1);
for (let i = 0; i < 16; i++) HEX_DIGIT['0123456789abcdef'.charCodeAt(i)] = i;

/**
 * The indices of `values` in code-unit order of the values (as compareStrings sorts them), equal
 * values by index. Lowercase hex strings (ids) are sorted on a numeric prefix key packed with
 * their index; anything else by comparator.
 */
export function stringOrder(values: readonly string[]): Int32Array {
  const n = values.length;
  const byComparator = () =>
    Int32Array.from(values.keys()).sort((a, b) => compareStrings(values[a]!, values[b]!) || a - b);
  const indexBits = Math.max(1, Math.ceil(Math.log2(n + 1)));
  // Each character is 0 (past the end) or 1 + its hex digit: base 17, as many as fit in 53 bits.
  const prefixChars = Math.floor((53 - indexBits) / Math.log2(17));
  if (prefixChars < 1) return byComparator();
  const scale = 2 ** indexBits;
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const value = values[i]!;
    let prefix = 0;
    for (let c = 0; c < prefixChars; c++) {
      let digit = 0;
      if (c < value.length) {
        const code = value.charCodeAt(c);
        digit = code < 128 ? HEX_DIGIT[code]! + 1 : 0;
        if (digit === 0) return byComparator();
      }
      prefix = prefix * 17 + digit;
    }
    keys[i] = prefix * scale + i;
  }
  keys.sort();
  const out = new Int32Array(n);
  for (let start = 0; start < n;) {
    // Strings sharing the prefix are adjacent (by index); order them by the full string.
    const prefix = Math.floor(keys[start]! / scale);
    let end = start + 1;
    while (end < n && Math.floor(keys[end]! / scale) === prefix) end++;
    for (let k = start; k < end; k++) out[k] = keys[k]! % scale;
    if (end - start > 1)
      out.subarray(start, end).sort((a, b) => compareStrings(values[a]!, values[b]!) || a - b);
    start = end;
  }
  return out;
}

/**
 * The indices of `values` (no NaN) in ascending value order, ties by index: what
 * `indices.sort((a, b) => values[a] - values[b] || a - b)` gives.
 */
export function sortIndicesByValue(indices: Int32Array, values: Float64Array): void {
  const n = indices.length;
  const sorted = new Float64Array(n);
  for (let i = 0; i < n; i++) sorted[i] = values[indices[i]!]!;
  sorted.sort();
  // Each index goes to the next free slot of its value's run (runs start at the lower bound).
  const next = new Int32Array(n).fill(-1);
  const order = indices.slice().sort();
  for (let i = 0; i < n; i++) {
    const index = order[i]!;
    const value = values[index]!;
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid]! < value) lo = mid + 1;
      else hi = mid;
    }
    if (next[lo] === -1) next[lo] = lo;
    indices[next[lo]!++] = index;
  }
}
