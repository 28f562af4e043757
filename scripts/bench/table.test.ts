import { describe, expect, it } from 'vitest';
import { formatNumber, formatTable } from './table.ts';

describe('formatTable', () => {
  it('aligns labels left and values right under a title', () => {
    expect(
      formatTable('Bench', [
        ['cold load', '1.2 s'],
        ['events/s', '812,000'],
      ]),
    ).toBe(
      ['Bench', '-------------------', 'cold load |   1.2 s', 'events/s  | 812,000'].join('\n'),
    );
  });
});

describe('formatNumber', () => {
  it('groups thousands and fixes the fraction digits', () => {
    expect(formatNumber(1234567.891, 1)).toBe('1,234,567.9');
    expect(formatNumber(42)).toBe('42');
  });
});
