import { describe, expect, it } from 'vitest';
import { LineBatcher, type LineBatch } from './line-batcher.ts';
import { OVERSIZED } from './records.ts';

function batchesOf(
  chunks: string[],
  options: { batchBytes: number; maxRecordBytes: number; brokenOff?: boolean },
): (string | typeof OVERSIZED)[] {
  const batcher = new LineBatcher(options.batchBytes, options.maxRecordBytes);
  const out: LineBatch[] = [];
  for (const chunk of chunks) out.push(...batcher.push(Buffer.from(chunk)));
  out.push(...(options.brokenOff ? batcher.brokenOff() : batcher.end()));
  return out.map((b) => (b === OVERSIZED ? b : Buffer.from(b).toString('utf8')));
}

describe('LineBatcher', () => {
  it('cuts batches only after a newline, and loses no byte', () => {
    const text = Array.from({ length: 50 }, (_, i) => `{"n":${i}}`).join('\r\n') + '\r\n';
    const chunks = text.match(/.{1,7}/gs)!;
    const batches = batchesOf(chunks, { batchBytes: 32, maxRecordBytes: 1024 });
    expect(batches.length).toBeGreaterThan(5);
    for (const batch of batches) expect(batch).toMatch(/\n$/);
    expect(batches.join('')).toBe(text);
  });

  it('keeps a last line without newline once the file has ended', () => {
    expect(batchesOf(['{"a":1}\n{"b"', ':2}'], { batchBytes: 64, maxRecordBytes: 64 })).toEqual([
      '{"a":1}\n{"b":2}',
    ]);
  });

  it('grows a batch for a line longer than a batch but within the limit', () => {
    const long = `{"x":"${'y'.repeat(100)}"}`;
    const batches = batchesOf([long.slice(0, 40), long.slice(40), '\n{"ok":1}\n'], {
      batchBytes: 16,
      maxRecordBytes: 200,
    });
    expect(batches.join('')).toBe(`${long}\n{"ok":1}\n`);
  });

  it('drops a line over the limit as OVERSIZED, without holding it, and carries on', () => {
    const long = 'z'.repeat(500);
    const batches = batchesOf(['{"a":1}\n', long.slice(0, 250), long.slice(250), '\n{"b":2}\n'], {
      batchBytes: 16,
      maxRecordBytes: 64,
    });
    expect(batches).toEqual(['{"a":1}\n', OVERSIZED, '{"b":2}\n']);
  });

  it('loses only the unfinished last line when the bytes break off', () => {
    expect(
      batchesOf(['{"a":1}\n{"b":2}\n{"c":'], {
        batchBytes: 64,
        maxRecordBytes: 64,
        brokenOff: true,
      }),
    ).toEqual(['{"a":1}\n{"b":2}\n']);
  });
});
