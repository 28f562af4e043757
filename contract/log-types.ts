// Shapes of our own logs endpoints (/logs/nodes, /logs/files); see docs/logs.md.

export type LogCategory =
  | 'worker_out'
  | 'worker_err'
  | 'core_worker'
  | 'driver'
  | 'raylet'
  | 'gcs_server'
  | 'internal'
  | 'autoscaler'
  | 'agent'
  | 'dashboard';

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
  /** Unix milliseconds. */
  mtime: number;
  category: LogCategory;
}

export interface LogFilesAnswer {
  nodeId: string;
  prefix: string;
  files: LogFileEntry[];
}
