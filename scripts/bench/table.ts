// Plain-text table for the bench's report: a label column and right-aligned values.

export type Row = [label: string, value: string];

export function formatTable(title: string, rows: Row[]): string {
  const labelWidth = Math.max(title.length, ...rows.map(([label]) => label.length));
  const valueWidth = Math.max(0, ...rows.map(([, value]) => value.length));
  const rule = '-'.repeat(labelWidth + valueWidth + 3);
  const lines = rows.map(
    ([label, value]) => `${label.padEnd(labelWidth)} | ${value.padStart(valueWidth)}`,
  );
  return [title, rule, ...lines].join('\n');
}

export function formatNumber(n: number, fractionDigits = 0): string {
  return n.toLocaleString('en-US', {
    minimumFractionDigits: fractionDigits,
    maximumFractionDigits: fractionDigits,
  });
}

export const mib = (bytes: number) => bytes / (1024 * 1024);
