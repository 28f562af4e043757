import { describe, expect, it } from 'vitest';
import { OVERSIZED, decodeText, readRecords, type EventRecord } from './records.ts';

async function* chunksOf(...parts: (string | Buffer)[]): AsyncGenerator<Buffer> {
  for (const part of parts) yield Buffer.isBuffer(part) ? part : Buffer.from(part, 'utf8');
}

async function records(parts: (string | Buffer)[], maxRecordBytes = 1024): Promise<EventRecord[]> {
  const out: EventRecord[] = [];
  for await (const r of readRecords(chunksOf(...parts), { maxRecordBytes })) out.push(r);
  return out;
}

describe('readRecords on JSON Lines', () => {
  it('splits LF and CRLF lines, skips blank ones, keeps a last line without newline', async () => {
    expect(await records(['{"a":1}\r\n\r\n  \n{"b":', '2}\n{"c":3}'])).toEqual([
      '{"a":1}',
      '{"b":2}',
      '{"c":3}',
    ]);
  });

  it('joins a line split across many chunks, including inside a multi-byte character', async () => {
    const line = '{"msg":"héllo wörld"}';
    const bytes = Buffer.from(line + '\n');
    const parts = [...bytes].map((b) => Buffer.from([b]));
    expect(await records(parts)).toEqual([line]);
  });

  it('reports a line longer than the limit as oversized and carries on', async () => {
    const long = `{"x":"${'y'.repeat(50)}"}`;
    expect(await records([long.slice(0, 20), long.slice(20) + '\n{"ok":1}\n'], 30)).toEqual([
      OVERSIZED,
      '{"ok":1}',
    ]);
  });

  it('ignores a byte-order mark and leading blank lines', async () => {
    expect(await records(['\ufeff\n\n', '{"a":1}\n'])).toEqual(['{"a":1}']);
  });

  it('yields nothing for an empty or blank file', async () => {
    expect(await records([])).toEqual([]);
    expect(await records([' \n\r\n'])).toEqual([]);
  });
});

describe('readRecords on a JSON array file', () => {
  it('yields each top-level element, whatever the nesting and strings contain', async () => {
    const elements = [{ a: [1, { b: ']' }] }, { s: 'comma, "quote" and \\ backslash }' }];
    const text = `  [${elements.map((e) => JSON.stringify(e)).join(' ,\n ')}]`;
    const parts = text.match(/.{1,7}/gs)!;
    const out = await records(parts);
    expect(out.map((r) => JSON.parse(r as string))).toEqual(elements);
  });

  it('yields primitives too (the reducer rejects them)', async () => {
    expect(await records(['[1, "x" ,{"a":1}]'])).toEqual(['1', '"x" ', '{"a":1}']);
  });

  it('yields the partial last element of a truncated array (it will not parse)', async () => {
    const out = await records(['[{"a":1},{"b":']);
    expect(out[0]).toBe('{"a":1}');
    expect(() => JSON.parse(out[1] as string)).toThrow();
  });

  it('marks an element longer than the limit as oversized', async () => {
    const big = JSON.stringify({ x: 'z'.repeat(100) });
    expect(await records(['[', big.slice(0, 50), big.slice(50), ',{"a":1}]'], 60)).toEqual([
      OVERSIZED,
      '{"a":1}',
    ]);
  });
});

describe('decodeText', () => {
  it('reads ASCII and UTF-8 bytes, whole or in part, as UTF-8 does', () => {
    for (const text of ['{"a":"plain ascii"}\n{"b":1}', '{"msg":"héllo wörld ✓ 𝄞"}\n{"c":2}', '']) {
      const bytes = Buffer.from(text, 'utf8');
      expect(decodeText(bytes)).toBe(text);
      const cut = bytes.indexOf(0x0a);
      if (cut > 0)
        expect(decodeText(bytes, cut + 1, bytes.length)).toBe(bytes.toString('utf8', cut + 1));
    }
  });

  it('replaces broken UTF-8 as the UTF-8 decoder does (no Latin-1 reading of high bytes)', () => {
    const bytes = Buffer.from([0x7b, 0xe9, 0x7d, 0xc3]);
    expect(decodeText(bytes)).toBe(bytes.toString('utf8'));
  });
});
