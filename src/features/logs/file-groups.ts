import type { LogCategory, LogFileEntry } from '../../../contract/log-types';

// How the log browser orders a folder: folders first, then files grouped by category.

export const CATEGORY_LABELS: Record<LogCategory, string> = {
  driver: 'Job drivers',
  worker_out: 'Worker stdout',
  worker_err: 'Worker stderr',
  core_worker: 'Core worker',
  raylet: 'Raylet',
  gcs_server: 'GCS server',
  autoscaler: 'Autoscaler',
  agent: 'Agents',
  dashboard: 'Dashboard',
  internal: 'Other',
};

const ORDER = Object.keys(CATEGORY_LABELS) as LogCategory[];

export interface FileGroup {
  category: LogCategory;
  label: string;
  files: LogFileEntry[];
}

/** Case-insensitive substring match on the name; an empty filter keeps everything. */
export function matchesNameFilter(entry: LogFileEntry, filter: string): boolean {
  const wanted = filter.trim().toLowerCase();
  return wanted === '' || entry.name.toLowerCase().includes(wanted);
}

/** Files of one folder by category (in ORDER), each sorted by name; folders are left out. */
export function groupFiles(entries: readonly LogFileEntry[], filter: string): FileGroup[] {
  const byCategory = new Map<LogCategory, LogFileEntry[]>();
  for (const entry of entries) {
    if (entry.isFolder || !matchesNameFilter(entry, filter)) continue;
    const list = byCategory.get(entry.category) ?? [];
    list.push(entry);
    byCategory.set(entry.category, list);
  }
  return ORDER.filter((category) => byCategory.has(category)).map((category) => ({
    category,
    label: CATEGORY_LABELS[category],
    files: byCategory.get(category)!.sort((a, b) => a.name.localeCompare(b.name)),
  }));
}

export function foldersOf(entries: readonly LogFileEntry[]): LogFileEntry[] {
  return entries.filter((e) => e.isFolder).sort((a, b) => a.name.localeCompare(b.name));
}
