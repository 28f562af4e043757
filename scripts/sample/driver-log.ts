import { stripAnsi } from '../../contract/ansi.ts';
import { ansi, pythonLine, traceback } from './log-text.ts';
import type { JobPlan, NodePlan } from './plan.ts';
import { SECOND } from './time.ts';

// What a job's driver prints: connection lines, progress from its tasks (with the coloured
// `(task pid=…, ip=…)` prefix Ray adds) and, for a failed job, the traceback it died with.

export interface DriverLogFacts {
  job: JobPlan;
  head: NodePlan;
  driverPid: number;
  startUs: number;
  endUs: number;
  progressPid: number;
  progressIp: string;
  /** rayErrorInfo.errorMessage of the task that failed the job. */
  fatalError: string | null;
}

export interface DriverLog {
  text: string;
  /** The traceback's last line without colours, when the driver failed. */
  lastTracebackLine: string | null;
}

export function driverLog(f: DriverLogFacts): DriverLog {
  const at = (fraction: number) => f.startUs + Math.floor((f.endUs - f.startUs) * fraction);
  const gcs = `${f.head.ip}:6379`;
  let text =
    pythonLine(f.startUs, 'INFO', 'job_manager.py:531', 'Runtime env is setting up.') +
    pythonLine(
      f.startUs + SECOND,
      'INFO',
      'worker.py:1630',
      `Using address ${gcs} set in the environment variable RAY_ADDRESS`,
    ) +
    pythonLine(
      f.startUs + SECOND,
      'INFO',
      'worker.py:1771',
      `Connecting to existing Ray cluster at address: ${gcs}...`,
    ) +
    pythonLine(
      f.startUs + 2 * SECOND,
      'INFO',
      'worker.py:1942',
      `Connected to Ray cluster. View the dashboard at ${ansi.bold(`${f.head.ip}:8265`)} `,
    );
  const func = f.job.functions[0]?.functionName ?? 'task';
  const prefix = ansi.cyan(`(${func} pid=${f.progressPid}, ip=${f.progressIp})`);
  for (let p = 1; p <= 10; p++) {
    text += `${prefix} progress ${p * 10}% (${Math.round((f.job.tasks * p) / 10)}/${f.job.tasks} shards)\n`;
  }
  if (f.job.outcome === 'STOPPED') {
    text += pythonLine(
      at(1),
      'WARNING',
      'worker.py:1101',
      'Received SIGTERM, shutting down the driver.',
    );
    return { text, lastTracebackLine: null };
  }
  if (f.job.outcome === 'SUCCEEDED' || !f.fatalError) {
    text += `${func} pipeline finished: ${f.job.tasks} shards\n`;
    return { text, lastTracebackLine: null };
  }
  const site = '/home/ray/anaconda3/lib/python3.11/site-packages/ray/_private';
  const outer = traceback(
    [
      { file: '/app/etl.py', line: 61, func: '<module>', code: 'main()' },
      { file: '/app/etl.py', line: 54, func: 'main', code: 'results = ray.get(refs)' },
      {
        file: `${site}/auto_init_hook.py`,
        line: 22,
        func: 'auto_init_wrapper',
        code: 'return fn(*args, **kwargs)',
      },
      {
        file: `${site}/client_mode_hook.py`,
        line: 104,
        func: 'wrapper',
        code: 'return func(*args, **kwargs)',
      },
      {
        file: `${site}/worker.py`,
        line: 2858,
        func: 'get',
        code: 'values, debugger_breakpoint = worker.get_objects(object_refs, timeout=timeout)',
      },
      {
        file: `${site}/worker.py`,
        line: 958,
        func: 'get_objects',
        code: 'raise value.as_instanceof_cause()',
      },
    ],
    'ray.exceptions.RayTaskError(ValueError)',
    stripAnsi(f.fatalError).replace(/\nTraceback \(most recent call last\):\n/, '\n'),
  );
  const lines = outer.trimEnd().split('\n');
  text += lines.map((line) => `${ansi.red(line)}\n`).join('');
  return { text, lastTracebackLine: lines[lines.length - 1]! };
}
