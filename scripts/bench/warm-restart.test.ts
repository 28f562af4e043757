import { describe, expect, it } from 'vitest';
import { ReportBuilder } from './report-builder.ts';
import { warmRestartSection, type WarmRestart } from './warm-restart.ts';

// The warm-restart row: the restarted process against the same run's cold load, and a hard
// budget that holds only for an answer from the snapshot within 2 s.

const MiB = 1024 * 1024;
const run = (warm: Partial<NonNullable<WarmRestart['warm']>> | null): WarmRestart => ({
  tasks: 1_000_000,
  session: 's',
  attempts: 1_000_000,
  cold: { firstAnswerMs: 60_000, source: 'parsed', snapshotBytes: 300 * MiB, peakRssBytes: 0 },
  warm: warm && {
    firstAnswerMs: 1_200,
    source: 'local snapshot',
    snapshotBytes: 300 * MiB,
    peakRssBytes: 0,
    ...warm,
  },
});

function report(w: WarmRestart) {
  const b = new ReportBuilder();
  warmRestartSection(b, w);
  return b;
}

describe('warmRestartSection', () => {
  it('reports the restart against the cold load and passes within 2 s from the snapshot', () => {
    const b = report(run({}));
    expect(b.ratios['warmRestart.1M.firstAnswer']).toBe(0.02);
    expect(b.budgets).toEqual([expect.objectContaining({ hard: true, pass: true })]);
    expect(b.sections[0]!.rows[0]).toMatchObject({
      value: '1.20 s (local snapshot)',
      baseline: '60.00 s',
    });
  });

  it('misses hard when the restart takes longer than 2 s', () => {
    expect(report(run({ firstAnswerMs: 2_300 })).budgets[0]).toMatchObject({
      hard: true,
      pass: false,
    });
  });

  it('misses hard when the restart parsed instead of reading the snapshot, however fast', () => {
    expect(report(run({ source: 'parsed', firstAnswerMs: 900 })).budgets[0]).toMatchObject({
      pass: false,
      detail: '0.90 s from parsed',
    });
  });

  it('misses hard when the restarted process failed', () => {
    const b = report({ ...run(null), error: 'the restarted process failed' });
    expect(b.budgets[0]).toMatchObject({ pass: false, detail: 'the restarted process failed' });
    expect(b.ratios['warmRestart.1M.firstAnswer']).toBeNull();
  });
});
