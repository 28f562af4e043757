import { describe, expect, it } from 'vitest';
import { stripAnsi } from '../../../contract/ansi';
import { gutterText, terminalText } from './terminal-text';

describe('terminal text', () => {
  it('writes lines with CRLF and keeps their colours', () => {
    expect(terminalText(['a', '\x1b[31mb\x1b[0m'], 1, false)).toBe('a\r\n\x1b[31mb\x1b[0m');
  });

  it('puts line numbers in a gutter, "?" while they are unknown', () => {
    const numbered = terminalText(['x', 'y'], 99, true).split('\r\n').map(stripAnsi);
    expect(numbered).toEqual(['   99 │ x', '  100 │ y']);
    const unknown = terminalText(['x'], null, true).split('\r\n').map(stripAnsi);
    expect(unknown).toEqual(['    ? │ x']);
    expect(gutterText(1234567, 7)).toBe('1234567 │ ');
  });

  it('drops sequences that would move the cursor or clear the screen', () => {
    expect(terminalText(['\x1b[2Jhi\x1b[1A'], 1, false)).toBe('hi');
  });
});
