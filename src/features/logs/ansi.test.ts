import { describe, expect, it } from 'vitest';
import { keepColoursOnly, stripAnsi } from './ansi';

const RED = '\x1b[31m';
const RESET = '\x1b[0m';

describe('control sequences in log lines', () => {
  it('strips colours and other sequences for plain text', () => {
    expect(stripAnsi(`${RED}ValueError${RESET}: bad`)).toBe('ValueError: bad');
    expect(stripAnsi('\x1b]0;title\x07done\x1b[2K')).toBe('done');
  });

  it('keeps colours but drops cursor moves, screen clears and titles', () => {
    expect(keepColoursOnly(`${RED}x${RESET}\x1b[2J\x1b[H\x1b]0;t\x07y`)).toBe(`${RED}x${RESET}y`);
    expect(keepColoursOnly('\x1b[1;38;5;196mbold red\x1b[m')).toBe(
      '\x1b[1;38;5;196mbold red\x1b[m',
    );
  });
});
