// Shapes of our own logs endpoints (/logs/nodes, /logs/files); see docs/logs.md.

/** Ray's log categories (its /api/v0/logs grouping), in its order; the server sorts files into them. */
export const LOG_CATEGORIES = [
  'worker_out',
  'worker_err',
  'core_worker',
  'driver',
  'raylet',
  'gcs_server',
  'internal',
  'autoscaler',
  'agent',
  'dashboard',
] as const;
export type LogCategory = (typeof LOG_CATEGORIES)[number];

export interface LogNode {
  nodeId: string;
  ip: string | null;
  hostname: string | null;
  isHead: boolean;
  state: 'ALIVE' | 'DEAD';
  deathReason: string | null;
  hasLogs: boolean;
}

export interface LogNodesAnswer {
  nodes: LogNode[];
}

export interface LogFileEntry {
  /** Relative to the node's logs/ folder; folders end with '/'. */
  path: string;
  name: string;
  isFolder: boolean;
  size: number;
  /** Unix milliseconds; 0 when unknown (folders). */
  mtime: number;
  category: LogCategory;
}

export interface LogFilesAnswer {
  nodeId: string;
  prefix: string;
  files: LogFileEntry[];
}
