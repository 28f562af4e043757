import type { LogFileEntry, LogNode } from '../contract/log-types';

// An in-memory node log tree for the logs and search views (any mock session shows it).

export const HEAD_NODE = 'aa11000000000000000000000000000000000000000000000000aa11';
export const DEAD_NODE = 'dd44000000000000000000000000000000000000000000000000dd44';
export const EMPTY_NODE = 'ee55000000000000000000000000000000000000000000000000ee55';

export const mockLogNodes: LogNode[] = [
  {
    nodeId: DEAD_NODE,
    ip: '10.0.0.4',
    hostname: 'worker-4',
    isHead: false,
    state: 'DEAD',
    deathReason: 'Node ran out of memory',
    hasLogs: true,
  },
  {
    nodeId: HEAD_NODE,
    ip: '10.0.0.1',
    hostname: 'head-0',
    isHead: true,
    state: 'ALIVE',
    deathReason: null,
    hasLogs: true,
  },
  {
    nodeId: EMPTY_NODE,
    ip: '10.0.0.5',
    hostname: 'worker-5',
    isHead: false,
    state: 'DEAD',
    deathReason: null,
    hasLogs: false,
  },
];

const MTIME = Date.UTC(2026, 0, 11, 20, 0, 0);

/** Files by node, then by path relative to logs/ (folders end with '/'). */
export const mockLogFiles: Record<string, Record<string, string | null>> = {
  [HEAD_NODE]: {
    'raylet.out': 'raylet started\nraylet running\n',
    'gcs_server.out': 'gcs ready\n',
    'job-driver-raysubmit_abc.log':
      'starting job\n\x1b[31mTraceback (most recent call last):\x1b[0m\nValueError: boom\n',
    'worker-w1-01000000-4242.out': 'hello from worker\n',
    'old/': null,
    'old/raylet.1.out': 'older raylet output\n',
  },
  [DEAD_NODE]: {
    'raylet.out': 'dead node raylet\nMARKER-DEAD-NODE-42 last words\n',
  },
};

const CATEGORY_RULES: [RegExp, LogFileEntry['category']][] = [
  [/^worker-.*\.out$/, 'worker_out'],
  [/^worker-.*\.err$/, 'worker_err'],
  [/^job-driver-/, 'driver'],
  [/^raylet\./, 'raylet'],
  [/^gcs_server\./, 'gcs_server'],
];

export function mockCategory(name: string): LogFileEntry['category'] {
  return CATEGORY_RULES.find(([rule]) => rule.test(name))?.[1] ?? 'internal';
}

/** Direct children of `prefix` on `nodeId`. */
export function mockListFiles(nodeId: string, prefix: string): LogFileEntry[] {
  const files = mockLogFiles[nodeId] ?? {};
  return Object.entries(files)
    .filter(([path]) => path.startsWith(prefix) && path !== prefix)
    .filter(([path]) => !path.slice(prefix.length).replace(/\/$/, '').includes('/'))
    .map(([path, text]) => {
      const name = path.slice(prefix.length);
      return {
        path,
        name,
        isFolder: text === null,
        size: text === null ? 0 : new TextEncoder().encode(text).length,
        mtime: MTIME,
        category: text === null ? 'internal' : mockCategory(name),
      };
    });
}
