// The bench's one plain-text table: sections of rows, each with our figure, the baseline measured
// in the same run, their ratio and, where a budget applies, whether it held.

export type Better = 'higher' | 'lower';

export interface TableRow {
  label: string;
  /** Our absolute figure(s). */
  value: string;
  baseline?: string;
  /** ours ÷ baseline; null when it could not be computed. */
  ratio?: number | null;
  /** Which way the ratio improves. */
  better?: Better;
  /** e.g. 'pass', 'MISSED (hard)'. */
  budget?: string;
}

export interface TableSection {
  title: string;
  rows: TableRow[];
}

const HEADERS = ['measure', 'ours', 'baseline', 'ours/base', 'budget'] as const;
export const RATIO_LEGEND =
  'ours/base = ours ÷ baseline of the same run; ↑ higher is better, ↓ lower is better.';

export function formatRatio(value: number | null | undefined, better?: Better): string {
  if (value === undefined) return '';
  if (value === null) return 'n/a';
  const digits = value >= 100 ? 0 : value >= 10 ? 1 : 2;
  const arrow = better === 'higher' ? ' ↑' : better === 'lower' ? ' ↓' : '';
  return `${formatNumber(value, digits)}x${arrow}`;
}

export function formatTable(title: string, sections: TableSection[]): string {
  const cells = (row: TableRow) => [
    `  ${row.label}`,
    row.value,
    row.baseline ?? '',
    formatRatio(row.ratio, row.better),
    row.budget ?? '',
  ];
  const body = sections.flatMap((s) => s.rows.map(cells));
  const widths = HEADERS.map((header, i) =>
    Math.max(header.length, ...body.map((cell) => cell[i]!.length)),
  );
  // The label column pads right, figures pad left so digits line up.
  const line = (cell: readonly string[]) =>
    cell
      .map((text, i) => (i === 0 ? text.padEnd(widths[i]!) : text.padStart(widths[i]!)))
      .join(' | ')
      .trimEnd();
  const rule = '-'.repeat(widths.reduce((sum, w) => sum + w, 0) + 3 * (widths.length - 1));
  const lines = [title, rule, line(HEADERS), rule];
  for (const section of sections) {
    lines.push(section.title);
    for (const row of section.rows) lines.push(line(cells(row)));
  }
  lines.push(rule, RATIO_LEGEND);
  return lines.join('\n');
}

export function formatNumber(n: number, fractionDigits = 0): string {
  return n.toLocaleString('en-US', {
    minimumFractionDigits: fractionDigits,
    maximumFractionDigits: fractionDigits,
  });
}

export const mib = (bytes: number) => bytes / (1024 * 1024);
export const megabytes = (bytes: number) => `${formatNumber(mib(bytes), 1)} MiB`;
export const kilobytes = (bytes: number) => `${formatNumber(bytes / 1024, 1)} KB`;
export const millis = (ms: number) => `${formatNumber(ms, ms < 10 ? 2 : 1)} ms`;
export const seconds = (ms: number) => `${formatNumber(ms / 1000, 2)} s`;
