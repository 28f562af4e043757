import type { ClusterEvent } from '../../../contract/ray';

// Cluster events as the events page lists them: every group flattened, newest first.

/** The `job` filter value that selects events of no job (the server's "global" group). */
export const NO_JOB = 'global';

export interface EventRow {
  id: string;
  /** Unix ms. */
  time: number;
  severity: string;
  source: string;
  label: string;
  message: string;
  /** null for cluster-wide events. */
  jobId: string | null;
  nodeId: string | null;
  hostname: string;
  derived: boolean;
}

export interface EventFilters {
  severity: string;
  source: string;
  job: string;
}

const SEVERITY_ORDER = ['FATAL', 'ERROR', 'WARNING', 'INFO', 'DEBUG', 'TRACE'];

export function toEventRow(event: ClusterEvent, group?: string): EventRow {
  const jobId = event.jobId || (group && group !== NO_JOB ? group : '');
  return {
    id: event.eventId,
    time: event.timestamp * 1000,
    severity: event.severity || 'INFO',
    source: event.sourceType || 'unknown',
    label: event.label,
    message: event.message,
    jobId: jobId || null,
    nodeId: event.nodeId || null,
    hostname: event.sourceHostname || event.hostName,
    derived: event.customFields?.derivedFromRayEvents === true,
  };
}

/** All groups as one list without duplicates (by event id), newest first. */
export function flattenEvents(groups: Record<string, ClusterEvent[]>): EventRow[] {
  const byId = new Map<string, EventRow>();
  for (const [group, events] of Object.entries(groups)) {
    for (const event of events) {
      if (!byId.has(event.eventId)) byId.set(event.eventId, toEventRow(event, group));
    }
  }
  return [...byId.values()].sort((a, b) => b.time - a.time || a.id.localeCompare(b.id));
}

export function filterEventRows(rows: EventRow[], filters: EventFilters): EventRow[] {
  return rows.filter(
    (row) =>
      (!filters.severity || row.severity === filters.severity) &&
      (!filters.source || row.source === filters.source) &&
      (!filters.job || (filters.job === NO_JOB ? row.jobId === null : row.jobId === filters.job)),
  );
}

const rank = (severity: string) => {
  const index = SEVERITY_ORDER.indexOf(severity);
  return index === -1 ? SEVERITY_ORDER.length : index;
};

/** The filter choices present: severities most severe first, sources and jobs sorted. */
export function eventFilterOptions(rows: EventRow[]) {
  const distinct = (values: (string | null)[]) =>
    [...new Set(values.filter((v): v is string => !!v))].sort((a, b) => a.localeCompare(b));
  return {
    severities: distinct(rows.map((r) => r.severity)).sort(
      (a, b) => rank(a) - rank(b) || a.localeCompare(b),
    ),
    sources: distinct(rows.map((r) => r.source)),
    jobs: distinct(rows.map((r) => r.jobId)),
  };
}

/** How many events of each severity, most severe first. */
export function countBySeverity(rows: EventRow[]): [severity: string, count: number][] {
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(row.severity, (counts.get(row.severity) ?? 0) + 1);
  return [...counts].sort((a, b) => rank(a[0]) - rank(b[0]) || a[0].localeCompare(b[0]));
}
