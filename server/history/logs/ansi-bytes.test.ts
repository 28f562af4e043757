import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stripAnsi } from '../../../contract/ansi.ts';
import { stripAnsiBytes } from './ansi-bytes.ts';
import { strippedPieces } from './ansi.ts';

// The byte pass must leave exactly the text stripAnsi leaves: the SPA strips with stripAnsi, and
// a search's matches must lie where the reader sees them.

/** Characters (and sequence openers) that start, continue, end or break control sequences. */
const PIECES = [
  '\u001b[',
  '\u001b]',
  '\u001b\\',
  '\u001b[1;2',
  '\u001b',
  '[',
  ']',
  '\\',
  '\u0007',
  '\u009b',
  'm',
  '3',
  '1',
  ';',
  '?',
  ' ',
  '/',
  '@',
  '~',
  'P',
  '_',
  '^',
  'Z',
  '`',
  '\u0000',
  '\u0008',
  '\t',
  '\n',
  '\r',
  '\u000b',
  '\u001a',
  '\u001c',
  '\u001f',
  '\u007f',
  '\u0080',
  '\u00c2',
  'é',
  '€',
  '😀',
  'a',
];
const text = fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((parts) => parts.join(''));
/** Sequence openers each followed by a few bytes a sequence may or may not continue with. */
const OPENERS = ['\u001b[', '\u001b]', '\u001b', '\u009b', ''];
const FOLLOWERS = [
  '0',
  '9',
  ';',
  '?',
  ' ',
  '/',
  '!',
  '@',
  'm',
  '~',
  '[',
  '\u0007',
  '\u001b',
  '\\',
  '\u007f',
  '\n',
  'é',
];
const nearSequences = fc
  .array(
    fc.tuple(
      fc.constantFrom(...OPENERS),
      fc.array(fc.constantFrom(...FOLLOWERS), { maxLength: 6 }),
    ),
    { maxLength: 8 },
  )
  .map((parts) => parts.map(([opener, rest]) => opener + rest.join('')).join(''));

const viaText = (bytes: Buffer) => Buffer.from(stripAnsi(bytes.toString('utf8')));

describe('stripAnsiBytes', () => {
  it('leaves the bytes of what stripAnsi leaves, for any UTF-8 text', () => {
    fc.assert(
      fc.property(fc.oneof(text, nearSequences), (input) => {
        const bytes = Buffer.from(input);
        expect(stripAnsiBytes(bytes).toString('utf8')).toBe(stripAnsi(input));
        // In place: the kept bytes never overwrite bytes not yet read.
        expect(stripAnsiBytes(bytes, bytes).toString('utf8')).toBe(stripAnsi(input));
      }),
      { numRuns: 10_000 },
    );
  });

  it('agrees with stripAnsi on bytes that are not UTF-8 (lone C2, 9B, cut characters)', () => {
    const bytes = fc.array(
      fc.constantFrom(0x1b, 0x5b, 0x5d, 0x6d, 0x07, 0xc2, 0x9b, 0xe2, 0x82, 0x41, 0x0a, 0x01),
      {
        maxLength: 30,
      },
    );
    fc.assert(
      fc.property(bytes, (raw) => {
        const input = Buffer.from(raw);
        expect(stripAnsiBytes(input).equals(viaText(input))).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('strips the sequences a log really holds, and keeps what is not one', () => {
    const line = '\u001b[32mINFO\u001b[0m \u001b]0;title\u0007worker \u009b1mé\u001b[ 1 \u001b(B\n';
    // ESC [ without a final byte and ESC ( are not sequences of the grammar: kept, as stripAnsi does.
    expect(stripAnsiBytes(Buffer.from(line)).toString()).toBe('INFO worker é\u001b[ 1 \u001b(B\n');
    expect(stripAnsi(line)).toBe('INFO worker é\u001b[ 1 \u001b(B\n');
  });

  it('writes into the buffer it is given, and refuses one too short', () => {
    const bytes = Buffer.from('\u001b[1mbold\u001b[0m\n');
    const into = Buffer.alloc(bytes.length);
    const stripped = stripAnsiBytes(bytes, into);
    expect(stripped.buffer).toBe(into.buffer);
    expect(stripped.toString()).toBe('bold\n');
    expect(() => stripAnsiBytes(bytes, Buffer.alloc(4))).toThrow(RangeError);
  });

  it('returns the same buffer when there is nothing to strip', () => {
    const plain = Buffer.from('INFO worker 12 done\n');
    expect(stripAnsiBytes(plain)).toBe(plain);
  });
});

describe('strippedPieces', () => {
  it('cuts whole lines, strips each piece and puts the text back together', () => {
    const line = '\u001b[32mINFO\u001b[0m worker x\n';
    const bytes = Buffer.from(line.repeat(100));
    const pieces: Buffer[] = [];
    for (const piece of strippedPieces(bytes, 64)) pieces.push(piece);
    expect(pieces.length).toBeGreaterThan(10);
    for (const piece of pieces) expect(piece.toString().endsWith('\n')).toBe(true);
    expect(Buffer.concat(pieces).toString()).toBe('INFO worker x\n'.repeat(100));
  });
});
