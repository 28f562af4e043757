import { describe, expect, it } from 'vitest';
import { BatchBuffers, LineBatcher, type LineBatch } from './line-batcher.ts';
import { OVERSIZED } from './records.ts';

function batchesOf(
  chunks: string[],
  options: { batchBytes: number; maxRecordBytes: number; brokenOff?: boolean },
): (string | typeof OVERSIZED)[] {
  const batcher = new LineBatcher(new BatchBuffers(options.batchBytes, 0), options.maxRecordBytes);
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

  it('batches bytes read into its room where they lie, and fills buffers given back again', () => {
    const buffers = new BatchBuffers(20, 4);
    const batcher = new LineBatcher(buffers, 64);
    const room = batcher.room();
    const read = Buffer.from('{"a":1}\n{"b":2}\n{"c"');
    expect(read.length).toBe(room.length);
    room.set(read);
    const [batch] = batcher.push(room.subarray(0, read.length));
    // The batch is the room's memory (nothing copied); the unfinished line moved on.
    expect((batch as Uint8Array).buffer).toBe(room.buffer);
    expect(Buffer.from(batch as Uint8Array).toString()).toBe('{"a":1}\n{"b":2}\n');
    expect(buffers.made).toBe(2);
    buffers.giveBack((batch as Uint8Array).buffer as ArrayBuffer);
    const rest = [...batcher.push(Buffer.from(':3}\n{"d":4}\n{"e":5}\n')), ...batcher.end()];
    expect(rest.map((b) => Buffer.from(b as Uint8Array).toString())).toEqual([
      '{"c":3}\n{"d":4}\n',
      '{"e":5}\n',
    ]);
    // The next batch went into the buffer given back: none was made.
    expect((rest[1] as Uint8Array).buffer).toBe(room.buffer);
    expect(buffers.made).toBe(2);
  });
});
