import type { ListedSession, SessionInfo, SessionKind } from '../../../contract/api';

// Turns one page of sessions (newest first) into the groups the list shows: one per cluster
// (namespace / kind / name), newest session first.

export type SessionRow<S extends SessionInfo = ListedSession> = S & {
  /** The newest session of its group, i.e. what `latest` opens. */
  latest: boolean;
};

export interface SessionGroup<S extends SessionInfo = ListedSession> {
  key: string;
  namespace: string;
  kind: SessionKind;
  name: string;
  /** RayJob / RayService name; absent for raycluster. */
  ownerName?: string;
  /** Every cluster that ran this group's sessions on this page (a RayJob gets a new one per run). */
  clusterNames: string[];
  sessions: SessionRow<S>[];
}

export function groupKey(s: Pick<SessionInfo, 'namespace' | 'kind' | 'name'>): string {
  return `${s.namespace}/${s.kind}/${s.name}`;
}

/**
 * `canMarkLatest`: only when the page is the first of an unbounded date range is a group's
 * newest row here also its newest overall.
 */
export function groupSessions<S extends SessionInfo>(
  sessions: S[],
  canMarkLatest: boolean,
): SessionGroup<S>[] {
  const groups = new Map<string, SessionGroup<S>>();
  for (const session of sessions) {
    const key = groupKey(session);
    let group = groups.get(key);
    if (!group) {
      group = {
        key,
        namespace: session.namespace,
        kind: session.kind,
        name: session.name,
        ownerName: session.ownerName,
        clusterNames: [],
        sessions: [],
      };
      groups.set(key, group);
    }
    if (!group.clusterNames.includes(session.clusterName)) {
      group.clusterNames.push(session.clusterName);
    }
    group.sessions.push({ ...session, latest: false });
  }
  for (const group of groups.values()) {
    group.sessions.sort((a, b) => b.startTime - a.startTime);
    // A running cluster's `live` row is not what `latest` opens (the newest recorded session).
    const newest = group.sessions.find((s) => !s.live);
    if (newest && canMarkLatest) newest.latest = true;
  }
  return [...groups.values()];
}
