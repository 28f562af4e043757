import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inThisThread } from './block-matches.ts';
import { scanBytes } from './byte-kernel.ts';
import { compileSearch, type SearchMode } from './search-pattern.ts';
import { scanLines, type LineMatch } from './search-scan.ts';

// A literal search looks for its needle in raw bytes and decodes only the lines that hold it
// (search-scan.ts). Its answers must be exactly those of matching every line as text.

const NEWLINE = 0x0a;

describe('the byte kernel', () => {
  it('counts newlines and lower-cases A–Z exactly as a byte loop does', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.boolean(), (raw, fold) => {
        const bytes = Buffer.from(raw);
        const scanned = scanBytes(bytes, fold);
        const expected = Buffer.from(
          bytes.map((b) => (fold && b >= 0x41 && b <= 0x5a ? b | 0x20 : b)),
        );
        expect(scanned.copy.equals(expected)).toBe(true);
        expect(scanned.newlines).toBe(bytes.filter((b) => b === NEWLINE).length);
        for (let from = 0; from <= bytes.length; from += 7)
          for (let to = from; to <= bytes.length; to += 5)
            expect(scanned.newlinesIn(from, to)).toBe(
              bytes.subarray(from, to).filter((b) => b === NEWLINE).length,
            );
      }),
    );
  });
});

async function search(
  chunks: Buffer[],
  query: string,
  mode: SearchMode,
  context: number,
  inBytes: boolean,
  reused = false,
): Promise<LineMatch[]> {
  const pattern = compileSearch(query, mode);
  const out: LineMatch[] = [];
  const needle = inBytes ? pattern.needle : null;
  for await (const match of scanLines(
    reused ? inOneBuffer(chunks) : Readable.from(chunks),
    inThisThread(pattern),
    context,
    { bytes: 0 },
    needle,
    reused,
  ))
    out.push(match);
  return out;
}

/** The chunks as a file read into one reused buffer hands them out (search-source.ts): before
 *  each read the whole buffer is overwritten with a tempting line, so a view kept past its
 *  chunk shows up as wrong matches or context. */
async function* inOneBuffer(chunks: Buffer[]): AsyncGenerator<Buffer> {
  const buffer = Buffer.alloc(Math.max(1, ...chunks.map((c) => c.length)));
  for (const chunk of chunks) {
    buffer.fill('NEEDLE x k s é\n');
    chunk.copy(buffer);
    yield buffer.subarray(0, chunk.length);
  }
  buffer.fill('NEEDLE x k s é\n');
}

/** Pieces of log text that tempt a byte search to be wrong. */
const PIECES = [
  'needle',
  'NeEdLe',
  'nee',
  'dle',
  'x',
  ' ',
  '\n',
  '\r\n',
  '\u001b[31m',
  '\u009b1m',
  '\u001b]0;', // an OSC title: it may run over a newline to its BEL, or to the end
  '\u0007',
  '\u0001',
  'é',
  'É',
  '\u017f', // long s ſ: upper-cases to S, yet /s/i does not match it
  '\u212a', // Kelvin sign: lower-cases to k, yet /k/i does not match it
  'k',
  'straße',
  '\ufffd',
];
const INVALID_UTF8 = Buffer.from([0xff, 0xc3]);

const logText = fc
  .array(fc.oneof(fc.constantFrom(...PIECES), fc.constant('\u0000bad')), { maxLength: 60 })
  .map((pieces) =>
    Buffer.concat(pieces.map((p) => (p === '\u0000bad' ? INVALID_UTF8 : Buffer.from(p, 'utf8')))),
  );

const chunked = (bytes: Buffer, cuts: number[]) => {
  const at = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Buffer[] = [];
  let from = 0;
  for (const cut of [...at, bytes.length]) {
    if (cut > from) chunks.push(bytes.subarray(from, cut));
    from = Math.max(from, cut);
  }
  return chunks;
};

describe('a literal search in bytes', () => {
  it('finds exactly what matching every line as text finds', async () => {
    await fc.assert(
      fc.asyncProperty(
        logText,
        fc.array(fc.nat(), { maxLength: 6 }),
        fc.constantFrom('needle', 'NEEDLE', 'x', 'k', 'K', 's', 'S', 'é', 'É', 'straße', 'e\r'),
        fc.constantFrom<SearchMode>('plain', 'case'),
        fc.integer({ min: 0, max: 3 }),
        async (bytes, cuts, query, mode, context) => {
          const chunks = chunked(bytes, cuts);
          const asText = await search(chunks, query, mode, context, false);
          expect(await search(chunks, query, mode, context, true)).toEqual(asText);
          expect(await search(chunks, query, mode, context, true, true)).toEqual(asText);
          expect(await search(chunks, query, mode, context, false, true)).toEqual(asText);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('skips colour-coded lines as bytes, yet finds a needle an OSC title hides only when stripped whole', async () => {
    // Stripped as one block, the title (ESC ] … BEL) would swallow the newline and the needle.
    const text = Buffer.from('\u001b[1mstart\u001b]0;title\nthe needle\u0007 end\nplain\n');
    const asText = await search([text], 'needle', 'plain', 0, false);
    expect(asText.map((m) => m.line)).toEqual([2]);
    expect(await search([text], 'needle', 'plain', 0, true)).toEqual(asText);
  });

  it('gives a match its context from the colour-coded lines after it', async () => {
    const colour = (line: string) => `\u001b[32m${line}\u001b[0m\n`;
    const first = Buffer.from(colour('one') + colour('the needle'));
    const second = Buffer.from(colour('three') + colour('four'));
    const [match] = await search([first, second], 'needle', 'plain', 2, true);
    expect(match).toMatchObject({ line: 2, before: ['one'], after: ['three', 'four'] });
    expect(await search([first, second], 'needle', 'plain', 2, false)).toEqual([match]);
  });

  it('folds case for ASCII only, as a JavaScript regex without the u flag does', async () => {
    const text = Buffer.from('\u017ftep\nStep\n\u212aelvin\nkelvin\nÉTÉ\nété\n');
    const lines = async (query: string) =>
      (await search([text], query, 'plain', 0, true)).map((m) => m.line);
    expect(compileSearch('step', 'plain').needle).not.toBeNull();
    expect(await lines('step')).toEqual([2]);
    expect(await lines('kelvin')).toEqual([4]);
    // A non-ASCII needle is matched as text, where É and é fold into each other.
    expect(compileSearch('été', 'plain').needle).toBeNull();
    expect(await lines('été')).toEqual([5, 6]);
  });

  it('keeps line numbers and context right far into a large file', async () => {
    const lines = Array.from({ length: 100_000 }, (_, i) => `line ${i + 1} of the log`);
    lines[77_776] = 'line 77777 has the NEEDLE';
    const bytes = Buffer.from(lines.join('\n') + '\n');
    const chunks = chunked(bytes, [65_536, 1_048_576, 2_000_000]);
    const [match, ...rest] = await search(chunks, 'needle', 'plain', 2, true);
    expect(rest).toEqual([]);
    expect(match).toEqual({
      line: 77_777,
      offset: bytes.indexOf('line 77777 has'),
      text: 'line 77777 has the NEEDLE',
      ranges: [[19, 25]],
      before: ['line 77775 of the log', 'line 77776 of the log'],
      after: ['line 77778 of the log', 'line 77779 of the log'],
    });
  });
});
