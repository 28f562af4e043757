import { describe, expect, it } from 'vitest';
import { keepColoursOnly, stripAnsi } from './ansi.ts';

const RED = '\x1b[31m';
const RESET = '\x1b[0m';

describe('control sequences in log lines', () => {
  it('strips colours and other sequences for plain text', () => {
    expect(stripAnsi(`${RED}ValueError${RESET}: bad`)).toBe('ValueError: bad');
    expect(stripAnsi('\x1b]0;title\x07done\x1b[2K')).toBe('done');
    expect(stripAnsi('\x1b]0;title\x1b\\done')).toBe('done');
  });

  it('strips the 8-bit CSI and lone control characters, keeping tabs and newlines', () => {
    expect(stripAnsi('\x9b1mbold\x9b0m')).toBe('bold');
    expect(stripAnsi('10%\r50%\x08!\x7f')).toBe('10%50%!');
    expect(stripAnsi('a\tb\nc')).toBe('a\tb\nc');
  });

  it('leaves text that only looks like a sequence untouched', () => {
    expect(stripAnsi('plain [31m [x]')).toBe('plain [31m [x]');
    expect(stripAnsi('naïve → ✓')).toBe('naïve → ✓');
  });

  it('keeps colours but drops cursor moves, screen clears and titles', () => {
    expect(keepColoursOnly(`${RED}x${RESET}\x1b[2J\x1b[H\x1b]0;t\x07y`)).toBe(`${RED}x${RESET}y`);
    expect(keepColoursOnly('\x1b[1;38;5;196mbold red\x1b[m')).toBe(
      '\x1b[1;38;5;196mbold red\x1b[m',
    );
  });
});
