import { logTime } from './time.ts';

// Log line formats of Ray's components, with the ANSI colours Ray prints.

const ESC = '\x1b[';
export const ansi = {
  cyan: (s: string) => `${ESC}36m${s}${ESC}0m`,
  red: (s: string) => `${ESC}31m${s}${ESC}0m`,
  yellow: (s: string) => `${ESC}33m${s}${ESC}0m`,
  bold: (s: string) => `${ESC}1m${s}${ESC}0m`,
};

/** `[2026-01-11 19:38:41,123 I 41 41] (raylet) node_manager.cc:512: text` */
export function cppLine(
  us: number,
  level: 'I' | 'W' | 'E',
  pid: number,
  component: string,
  where: string,
  text: string,
): string {
  return `[${logTime(us)} ${level} ${pid} ${pid}] (${component}) ${where}: ${text}\n`;
}

/** `2026-01-11 19:38:41,123\tINFO head.py:123 -- text` (dashboard, agent, monitor). */
export function pythonLine(us: number, level: string, where: string, text: string): string {
  return `${logTime(us)}\t${level} ${where} -- ${text}\n`;
}

export interface Frame {
  file: string;
  line: number;
  func: string;
  code: string;
}

/** A Python traceback; its last line is `<exception>: <message>`. */
export function traceback(frames: Frame[], exception: string, message: string): string {
  const body = frames
    .map((f) => `  File "${f.file}", line ${f.line}, in ${f.func}\n    ${f.code}\n`)
    .join('');
  return `Traceback (most recent call last):\n${body}${exception}: ${message}\n`;
}

export function userTaskTraceback(func: string, shard: number): string {
  return traceback(
    [
      {
        file: '/home/ray/anaconda3/lib/python3.11/site-packages/ray/_private/worker.py',
        line: 919,
        func: 'main_loop',
        code: 'self.core_worker.run_task_loop()',
      },
      { file: '/app/pipeline.py', line: 57, func, code: 'rows = parse_shard(path)' },
      {
        file: '/app/pipeline.py',
        line: 31,
        func: 'parse_shard',
        code: 'raise ValueError(f"corrupt record at offset {offset} in {path}")',
      },
    ],
    'ValueError',
    `corrupt record at offset ${shard * 4096 + 17} in s3://ml-data/shards/part-${pad(shard)}.parquet`,
  );
}

/** The text Ray puts in rayErrorInfo.errorMessage for an exception raised by a task. */
export function taskErrorMessage(taskName: string, pid: number, ip: string, tb: string): string {
  return `${ansi.bold(`ray::${taskName}()`)} (pid=${pid}, ip=${ip})\n${tb}`;
}

export function pad(n: number, width = 5): string {
  return String(n).padStart(width, '0');
}

/** Prefix Ray adds to lines a worker prints when they reach the driver. */
export function workerPrefix(taskName: string, pid: number, ip: string): string {
  return ansi.cyan(`(${taskName} pid=${pid}, ip=${ip})`);
}
