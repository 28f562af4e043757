import type { SessionInfo } from '../../contract/api.ts';
import { isDnsName, parseSessionName } from '../../contract/session-names.ts';

// Every storage key the server reads is built or decoded here (see the contract, section 1).
// Keys are relative to the storage root.

export const METADATA_DIR = 'cluster-metadata/';
export const HISTORY_DIR = 'cluster-history/';

export const NODE_ID = /^[0-9a-f]{56}$/;

/**
 * Decodes one `cluster-metadata/` key into a session, or null for keys that are not
 * session index entries (folder placeholders, junk, unparsable session names).
 */
export function decodeIndexKey(key: string): SessionInfo | null {
  if (!key.startsWith(METADATA_DIR)) return null;
  const parts = key.slice(METADATA_DIR.length).split('/');
  if (parts.length !== 3) return null;
  const [kind, joined, sessionName] = parts as [string, string, string];
  const startTime = parseSessionName(sessionName);
  if (startTime === null) return null;
  const names = joined.split('_');
  if (!names.every(isDnsName)) return null;
  if (kind === 'raycluster' && names.length === 2) {
    const [namespace, clusterName] = names as [string, string];
    return { namespace, kind, name: clusterName, clusterName, sessionName, startTime };
  }
  if ((kind === 'rayjob' || kind === 'rayservice') && names.length === 3) {
    const [namespace, ownerName, clusterName] = names as [string, string, string];
    return { namespace, kind, name: ownerName, clusterName, ownerName, sessionName, startTime };
  }
  return null;
}

export function indexKey(s: SessionInfo): string {
  const names =
    s.kind === 'raycluster'
      ? [s.namespace, s.clusterName]
      : [s.namespace, s.ownerName ?? s.name, s.clusterName];
  return `${METADATA_DIR}${s.kind}/${names.join('_')}/${s.sessionName}`;
}

/** Folder of one session's history, ending with '/'. */
export function sessionDir(s: SessionInfo): string {
  const owner = s.kind === 'raycluster' ? [] : [s.ownerName ?? s.name];
  return `${HISTORY_DIR}${[s.kind, s.namespace, ...owner, s.clusterName, s.sessionName].join('/')}/`;
}

export function fetchedEndpointsDir(s: SessionInfo): string {
  return `${sessionDir(s)}fetched_endpoints/`;
}

/** Stored dashboard response for a request URI, e.g. `/api/v0/cluster_metadata`. */
export function fetchedEndpointKey(s: SessionInfo, requestUri: string): string {
  return `${fetchedEndpointsDir(s)}restful__${requestUri.replace(/^\//, '').replaceAll('/', '__')}`;
}

export function nodeDir(s: SessionInfo, nodeId: string): string {
  return `${sessionDir(s)}${nodeId}/`;
}

export function nodeLogsDir(s: SessionInfo, nodeId: string): string {
  return `${nodeDir(s, nodeId)}logs/`;
}

/** One file (or folder, ending with '/') of a node's logs; `path` is relative to `logs/` and already checked safe. */
export function nodeLogKey(s: SessionInfo, nodeId: string, path: string): string {
  return `${nodeLogsDir(s, nodeId)}${path}`;
}

/** The node id of a `<session>/<nodeId>/` folder key, or null for other children of the session. */
export function nodeIdOfFolder(s: SessionInfo, key: string): string | null {
  const name = key.slice(sessionDir(s).length).replace(/\/$/, '');
  return key.startsWith(sessionDir(s)) && NODE_ID.test(name) ? name : null;
}

export function nodeEventsDir(s: SessionInfo, nodeId: string): string {
  return `${nodeDir(s, nodeId)}node_events/`;
}

export function jobEventsDir(s: SessionInfo, nodeId: string): string {
  return `${nodeDir(s, nodeId)}job_events/`;
}

/** Legacy cluster events of one node: `logs/events/event_*.log`. */
export function nodeLegacyEventsDir(s: SessionInfo, nodeId: string): string {
  return `${nodeLogsDir(s, nodeId)}events/`;
}

/** Resource totals/usage a node's raylet dumped (source of the `ray status`-style text). */
export function nodeDebugStateKey(s: SessionInfo, nodeId: string): string {
  return `${nodeLogsDir(s, nodeId)}debug_state.txt`;
}

const LEGACY_EVENT_FILE = /^event_[\w.-]*\.log$/;

export function isLegacyEventFileName(name: string): boolean {
  return LEGACY_EVENT_FILE.test(name);
}

const EVENT_FILE = /-\d{4}-\d{2}-\d{2}-\d{2}(-\d+)?(\.jsonl)?(\.gz)?$/;

export function isEventFileName(name: string): boolean {
  return EVENT_FILE.test(name);
}
