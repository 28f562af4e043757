import { describe, expect, it } from 'vitest';
import { JsonBytes } from './json-bytes.ts';

describe('JsonBytes.number', () => {
  it('writes every number as JSON.stringify does, at every digit count', () => {
    const values = [0, -0, 1, -1, 0.5, -12.25, 1e21, 2 ** 53, -(2 ** 53) + 1, NaN, Infinity];
    for (let digits = 1; digits <= 16; digits++) {
      const low = 10 ** (digits - 1);
      values.push(low, low - 1, low + 1, 10 * low - 1, -low, 3 * low + 7);
    }
    values.push(1_767_000_000_123, 1_000_000_000, 999_999_999, 1_000_000_000_001, 4_194_304);
    const out = new JsonBytes();
    out.append('[');
    values.forEach((n, i) => {
      if (i > 0) out.append(',');
      out.number(n);
    });
    out.append(']');
    expect(out.take().toString('utf8')).toBe(JSON.stringify(values));
  });
});

describe('JsonBytes.quotedHex', () => {
  it('writes bytes as the quoted lowercase hex of Buffer#toString, for every byte value', () => {
    const bytes = Uint8Array.from({ length: 256 + 24 }, (_, i) => (i < 256 ? i : 255 - i));
    const out = new JsonBytes();
    out.append('[');
    out.quotedHex(bytes, 0, 256);
    out.append(',');
    out.quotedHex(bytes, 256, 24);
    out.append(',');
    out.quotedHex(bytes, 7, 0);
    out.append(']');
    const hex = (from: number, to: number) => Buffer.from(bytes.subarray(from, to)).toString('hex');
    expect(out.take().toString('utf8')).toBe(JSON.stringify([hex(0, 256), hex(256, 280), '']));
  });
});
