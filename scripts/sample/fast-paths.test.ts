import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { b64, randomBase64 } from './ids.ts';
import { OutputTree } from './output.ts';
import { createRandom } from './random.ts';
import { rfc3339, utc } from './time.ts';

// The generator's shortcuts must print exactly what the plain ways print.

describe('generator fast paths', () => {
  it('encodes ids as Buffer base64 does, drawing the same random bytes', () => {
    const plain = createRandom(5);
    const fast = createRandom(5);
    for (let length = 0; length <= 40; length++) {
      const bytes = plain.bytes(length);
      expect(b64(bytes)).toBe(bytes.toString('base64'));
      expect(randomBase64(fast, length)).toBe(bytes.toString('base64'));
    }
  });

  it('prints RFC 3339 nanosecond times for interleaved seconds and hours', () => {
    const random = createRandom(9);
    let us = utc(2026, 1, 11, 19, 59, 58) + 146_706;
    for (let i = 0; i < 2000; i++) {
      us += random.int(-3_000_000, 4_000_000);
      const whole = Math.floor(us / 1e6);
      const micros = us - whole * 1e6;
      const nanos = (whole * 7 + micros * 13) % 1000;
      const iso = new Date(whole * 1000).toISOString().slice(0, 19);
      expect(rfc3339(us)).toBe(
        `${iso}.${String(micros).padStart(6, '0')}${String(nanos).padStart(3, '0')}Z`,
      );
    }
  });

  it('counts the bytes of appended text exactly, multi-byte and oversized pieces included', async () => {
    const root = await mkdtemp(join(tmpdir(), 'ray-output-'));
    const out = new OutputTree(root);
    const plain = out.openStream('a/plain.log');
    const zipped = out.openStream('a/zipped.jsonl.gz', { gzip: true });
    const pieces: string[] = [];
    const offsets: number[] = [];
    for (let i = 0; i < 5000; i++) {
      const piece =
        i % 1000 === 999
          ? 'x'.repeat(700_000) + '\n'
          : `line ${i} ✓ héllo ${'ab'.repeat(i % 50)}\n`;
      offsets.push(plain.bytes);
      plain.append(piece);
      zipped.append(piece);
      pieces.push(piece);
      if (out.mustFlush) await out.flushFull();
    }
    await plain.write('end\n');
    await zipped.write('end\n');
    await out.closeAll();
    const expected = Buffer.from(pieces.join('') + 'end\n');
    const written = await readFile(join(root, 'a/plain.log'));
    expect(plain.bytes).toBe(expected.length);
    expect(written.equals(expected)).toBe(true);
    expect(gunzipSync(await readFile(join(root, 'a/zipped.jsonl.gz'))).equals(expected)).toBe(true);
    for (const i of [0, 1, 998, 999, 1000, 4999])
      expect(
        written.subarray(offsets[i]!, offsets[i]! + Buffer.byteLength(pieces[i]!)).toString(),
      ).toBe(pieces[i]);
  });
});
