import { describe, expect, it } from 'vitest';
import { formatStageTable } from './stage-table.ts';

describe('the stage table of npm test', () => {
  it('lists each stage with wall and CPU time, the side-by-side scripts under theirs', () => {
    const table = formatStageTable(
      [
        { name: 'prerequisites', verdict: 'passed', wallSeconds: 0.01, cpuSeconds: 0 },
        {
          name: 'lint, typecheck, build',
          verdict: 'passed',
          wallSeconds: 41.26,
          cpuSeconds: 80.5,
          parts: [
            { name: 'lint', verdict: 'passed', wallSeconds: 41.2 },
            { name: 'build', verdict: 'passed', wallSeconds: 3.04 },
          ],
        },
        { name: 'e2e', verdict: 'FAILED', wallSeconds: 200, cpuSeconds: null },
        { name: 'after', verdict: 'not run', wallSeconds: 0, cpuSeconds: null },
      ],
      241.3,
    );
    expect(table.split('\n')).toEqual([
      'stage                      wall     cpu  result',
      '------------------------------------------------',
      'prerequisites             0.0 s   0.0 s  passed',
      'lint, typecheck, build   41.3 s  80.5 s  passed',
      '  lint                   41.2 s          passed',
      '  build                   3.0 s          passed',
      'e2e                     200.0 s          FAILED',
      'after                                    not run',
      '------------------------------------------------',
      'total                   241.3 s  80.5 s',
    ]);
  });
});
