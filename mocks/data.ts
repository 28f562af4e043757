import type { SessionInfo, SessionKind, SessionOutcomeState, SessionsPage } from '../contract/api';

// A tiny in-memory history: a few sessions in three clusters, with the same filter and paging
// semantics as GET /api/sessions.

function session(
  namespace: string,
  kind: SessionKind,
  clusterName: string,
  sessionName: string,
  ownerName?: string,
): SessionInfo {
  const m = /^session_(\d{4})-(\d{2})-(\d{2})_(\d{2})-(\d{2})-(\d{2})_(\d{6})_\d+$/.exec(
    sessionName,
  );
  if (!m) throw new Error(`bad mock session name ${sessionName}`);
  const [, y, mo, d, h, mi, s, micros] = m.map(Number) as number[];
  const startTime = Date.UTC(y!, mo! - 1, d!, h!, mi!, s!, Math.floor(micros! / 1000));
  return ownerName
    ? { namespace, kind, name: ownerName, clusterName, ownerName, sessionName, startTime }
    : { namespace, kind, name: clusterName, clusterName, sessionName, startTime };
}

export const mockSessions: SessionInfo[] = [
  session('ml-team', 'raycluster', 'shared-dev', 'session_2026-01-11_19-38-40_146706_1'),
  session('ml-team', 'raycluster', 'shared-dev', 'session_2026-01-09_08-00-02_004512_1'),
  session(
    'ml-team',
    'rayjob',
    'train-resnet-x7k2p',
    'session_2026-01-12_06-15-00_500000_1',
    'train-resnet',
  ),
  session(
    'ml-team',
    'rayjob',
    'train-resnet-q9d4m',
    'session_2026-01-10_22-01-30_250000_1',
    'train-resnet',
  ),
  session(
    'serving',
    'rayservice',
    'llm-serve-raycluster-abcde',
    'session_2026-01-05_12-00-00_000001_1',
    'llm-serve',
  ),
];

/** How the mock sessions ended; one is still being computed, as on a cold server. */
const mockOutcomes = new Map<string, SessionOutcomeState>([
  [
    'session_2026-01-11_19-38-40_146706_1',
    {
      state: 'known',
      outcome: {
        jobs: { total: 2, byStatus: { FAILED: 1, SUCCEEDED: 1 } },
        durationMs: 630_000,
        nodes: { total: 3, dead: 1 },
      },
    },
  ],
  [
    'session_2026-01-12_06-15-00_500000_1',
    {
      state: 'known',
      outcome: {
        jobs: { total: 1, byStatus: { SUCCEEDED: 1 } },
        durationMs: 3_600_000,
        nodes: { total: 2, dead: 0 },
      },
    },
  ],
]);

export function mockOutcome(s: SessionInfo): SessionOutcomeState {
  return mockOutcomes.get(s.sessionName) ?? { state: 'pending' };
}

export interface MockSessionsQuery {
  namespace?: string | null;
  kind?: string | null;
  owner?: string | null;
  q?: string | null;
  from?: string | null;
  to?: string | null;
  page?: number;
  pageSize?: number;
}

const DAY = 86_400_000;
const dayStart = (date: string) => Date.parse(`${date}T00:00:00Z`);

export function querySessions(all: SessionInfo[], query: MockSessionsQuery): SessionsPage {
  const page = Math.max(1, query.page ?? 1);
  const pageSize = Math.max(1, query.pageSize ?? 25);
  const q = query.q?.toLowerCase();
  const matches = all
    .filter((s) => !query.namespace || s.namespace === query.namespace)
    .filter((s) => !query.kind || s.kind === query.kind)
    // Owner is exact: the RayJob / RayService name, or the cluster name for a raycluster.
    .filter((s) => !query.owner || s.name === query.owner)
    .filter(
      (s) =>
        !q ||
        [s.name, s.clusterName, s.sessionName, s.ownerName ?? ''].some((text) =>
          text.toLowerCase().includes(q),
        ),
    )
    .filter((s) => !query.from || s.startTime >= dayStart(query.from))
    .filter((s) => !query.to || s.startTime < dayStart(query.to) + DAY)
    .sort((a, b) => b.startTime - a.startTime);
  return {
    sessions: matches
      .slice((page - 1) * pageSize, page * pageSize)
      .map((s) => ({ ...s, outcome: mockOutcome(s) })),
    total: matches.length,
    page,
    pageSize,
    namespaces: [...new Set(all.map((s) => s.namespace))].sort(),
  };
}

/** The session a scope names (`latest` = newest of its cluster), or undefined. */
export function findSession(
  all: SessionInfo[],
  scope: { namespace: string; kind: string; name: string; session: string },
): SessionInfo | undefined {
  const ofCluster = all
    .filter(
      (s) => s.namespace === scope.namespace && s.kind === scope.kind && s.name === scope.name,
    )
    .sort((a, b) => b.startTime - a.startTime);
  return scope.session === 'latest'
    ? ofCluster[0]
    : ofCluster.find((s) => s.sessionName === scope.session);
}

/** Cluster metadata captured per session; sessions absent here did not record it. */
export const mockClusterMetadata: Record<string, Record<string, string>> = {
  'session_2026-01-11_19-38-40_146706_1': {
    rayVersion: '2.53.0',
    pythonVersion: '3.11.9',
    sessionId: 'a3f1c0de9b8e7d6c5b4a39281706f5e4d3c2b1a0',
    gitCommit: '0de2f1a7c9b3',
    os: 'linux',
  },
  'session_2026-01-12_06-15-00_500000_1': { rayVersion: '2.52.1', pythonVersion: '3.10.14' },
};

export const mockTimezones: Record<string, { offset: string; value: string }> = {
  'shared-dev': { offset: '+08:00', value: 'Asia/Shanghai' },
  'train-resnet': { offset: '+00:00', value: 'UTC' },
};
