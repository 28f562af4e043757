// The table `npm test` prints at the end: each stage's wall time and the CPU time of its
// processes, so a slow run shows where the time went (and whether it was waiting or working).

export interface StageTime {
  name: string;
  verdict: 'passed' | 'FAILED' | 'not run';
  wallSeconds: number;
  /** CPU seconds of the stage's processes (user + system); null where it cannot be read. */
  cpuSeconds: number | null;
  /** Scripts run side by side within the stage, each with its own wall time. */
  parts?: { name: string; verdict: string; wallSeconds: number }[];
}

const seconds = (s: number) => `${s.toFixed(1)} s`;

export function formatStageTable(stages: StageTime[], totalWallSeconds: number): string {
  const rows: string[][] = [['stage', 'wall', 'cpu', 'result']];
  for (const stage of stages) {
    const ran = stage.verdict !== 'not run';
    rows.push([
      stage.name,
      ran ? seconds(stage.wallSeconds) : '',
      ran && stage.cpuSeconds !== null ? seconds(stage.cpuSeconds) : '',
      stage.verdict,
    ]);
    for (const part of stage.parts ?? [])
      rows.push([`  ${part.name}`, seconds(part.wallSeconds), '', part.verdict]);
  }
  const cpu = stages.reduce((sum, s) => (s.cpuSeconds === null ? sum : sum + s.cpuSeconds), 0);
  rows.push(['total', seconds(totalWallSeconds), seconds(cpu), '']);
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  const line = (r: string[]) =>
    r
      .map((cell, c) => (c === 1 || c === 2 ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!)))
      .join('  ')
      .trimEnd();
  const rule = '-'.repeat(widths.reduce((sum, w) => sum + w + 2, -2));
  return [line(rows[0]!), rule, ...rows.slice(1, -1).map(line), rule, line(rows.at(-1)!)].join(
    '\n',
  );
}
