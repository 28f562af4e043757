import type { ClusterEvent } from '../../../contract/ray.ts';
import { asInt, asObject, asString } from './fields.ts';
import { normalizeId } from './ids.ts';
import { dictionary } from './dictionary.ts';

// Legacy cluster events (`logs/events/event_*.log`): one snake_case JSON object per line.
// The dashboard serves them camelCase, grouped by job id ("global" when there is none).

export const GLOBAL_EVENTS = 'global';

function camelCase(key: string): string {
  return key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

function camelKeys(value: Record<string, unknown>): Record<string, unknown> {
  const out = dictionary<unknown>();
  for (const key of Object.keys(value).sort()) out[camelCase(key)] = value[key];
  return out;
}

/** Seconds since the epoch from "1700000000", "1700000000.5" or a number. */
function seconds(value: unknown): number | null {
  const n = typeof value === 'string' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : null;
}

export function decodeLegacyEvent(json: unknown, nodeId: string): ClusterEvent | null {
  const event = asObject(json);
  if (!event) return null;
  const eventId = asString(event.event_id);
  const timestamp = seconds(event.timestamp);
  if (!eventId || timestamp === null) return null;
  const customFields = asObject(event.custom_fields) ?? {};
  const hostname = asString(event.source_hostname);
  const pid = asInt(event.source_pid) ?? 0;
  return {
    eventId,
    jobId: normalizeId(customFields.job_id),
    nodeId: normalizeId(customFields.node_id) || nodeId,
    sourceType: asString(event.source_type),
    sourceHostname: hostname,
    hostName: hostname,
    sourcePid: pid,
    pid,
    severity: asString(event.severity) || 'INFO',
    label: asString(event.label),
    // Ray's event writer keeps one JSON object per line by writing a message's line breaks as the
    // two characters `\n` (real GCS output: "... (OOM, etc.) \\n\t(2) raylet has lagging ...").
    message: asString(event.message).replaceAll('\\n', '\n'),
    timestamp,
    customFields: camelKeys(customFields),
  };
}

export function compareEvents(a: ClusterEvent, b: ClusterEvent): number {
  return a.timestamp - b.timestamp || (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0);
}
