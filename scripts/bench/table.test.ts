import { describe, expect, it } from 'vitest';
import { formatNumber, formatRatio, formatTable, RATIO_LEGEND } from './table.ts';

const RULE = '-'.repeat(55);

describe('formatTable', () => {
  it('prints one table: header, section titles, aligned rows, the legend', () => {
    const text = formatTable('Bench', [
      {
        title: 'Cold load',
        rows: [
          {
            label: 'events/s',
            value: '812,000/s',
            baseline: '400,000/s',
            ratio: 2.03,
            better: 'higher',
          },
          {
            label: 'peak RSS',
            value: '90.0 MiB',
            baseline: '180.0 MiB',
            ratio: 0.5,
            better: 'lower',
          },
        ],
      },
      { title: 'Soak', rows: [{ label: 'errors', value: '0', budget: 'pass' }] },
    ]);
    expect(text.split('\n')).toEqual([
      'Bench',
      RULE,
      'measure    |      ours |  baseline | ours/base | budget',
      RULE,
      'Cold load',
      '  events/s | 812,000/s | 400,000/s |   2.03x ↑ |',
      '  peak RSS |  90.0 MiB | 180.0 MiB |   0.50x ↓ |',
      'Soak',
      '  errors   |         0 |           |           |   pass',
      RULE,
      RATIO_LEGEND,
    ]);
  });
});

describe('formatRatio', () => {
  it('keeps fewer digits as the ratio grows, and says n/a when it could not be computed', () => {
    expect(formatRatio(0.123)).toBe('0.12x');
    expect(formatRatio(12.34, 'lower')).toBe('12.3x ↓');
    expect(formatRatio(1657.2, 'higher')).toBe('1,657x ↑');
    expect(formatRatio(null)).toBe('n/a');
    expect(formatRatio(undefined)).toBe('');
  });
});

describe('formatNumber', () => {
  it('groups thousands and fixes the fraction digits', () => {
    expect(formatNumber(1234567.891, 1)).toBe('1,234,567.9');
    expect(formatNumber(42)).toBe('42');
  });
});
