import type { FastifyInstance } from 'fastify';
import type { SessionInfo } from '../../../contract/api.ts';
import { fetchedEndpointKey } from '../../history/layout.ts';
import type { AppDeps } from '../../http/app-deps.ts';
import { badRequest } from '../../http/errors.ts';
import { StorageNotFoundError, type Storage } from '../../storage/storage.ts';
import { defineSessionRoutes } from '../session-router.ts';

// Ray Dashboard answers the collector captured while the cluster ran (fetched_endpoints/),
// parsed and re-sent as JSON.
// A missing capture is normal (older collectors, short sessions): answer an empty payload of the
// right shape. A capture that is not JSON gets the same empty payload rather than a 5xx, so one bad
// upload never breaks a page; the log records it. Either way the header X-Fetched-Endpoint says
// which it was: `recorded`, `missing` or `unreadable`.

export const FETCHED_ENDPOINT_HEADER = 'x-fetched-endpoint';

const stateApiEmpty = () => ({
  result: true,
  msg: '',
  data: {
    result: {
      total: 0,
      num_after_truncation: 0,
      num_filtered: 0,
      result: [],
      partial_failure_warning: '',
      warnings: null,
    },
  },
});

interface FetchedEndpoint {
  /** Route path (session-scoped). */
  path: string;
  /** Request URIs the collector may have stored it under, most likely first. */
  storedUris: (params: Record<string, string>) => string[];
  empty: () => unknown;
}

const JOB_ID = /^[0-9a-f]{1,64}$/i;

export const FETCHED_ENDPOINTS: FetchedEndpoint[] = [
  {
    path: '/api/v0/cluster_metadata',
    storedUris: () => ['/api/v0/cluster_metadata'],
    empty: () => ({
      result: true,
      msg: 'Cluster metadata was not recorded for this session',
      data: {},
    }),
  },
  {
    path: '/timezone',
    storedUris: () => ['/timezone'],
    // Session names and event timestamps are UTC, so UTC is the honest fallback.
    empty: () => ({ offset: '+00:00', value: 'UTC' }),
  },
  {
    path: '/api/v0/placement_groups',
    storedUris: () => ['/api/v0/placement_groups?detail=1&limit=10000', '/api/v0/placement_groups'],
    empty: stateApiEmpty,
  },
  {
    path: '/api/serve/applications/',
    storedUris: () => ['/api/serve/applications', '/api/serve/applications/'],
    empty: () => ({ applications: {}, proxies: {}, controller_info: {} }),
  },
  {
    path: '/api/data/datasets/:jobId',
    storedUris: ({ jobId = '' }) => {
      if (!JOB_ID.test(jobId)) throw badRequest('jobId must be a hex job id');
      return [`/api/data/datasets/${jobId.toLowerCase()}`];
    },
    empty: () => ({ datasets: [] }),
  },
];

type Capture = { state: 'recorded'; body: unknown } | { state: 'missing' | 'unreadable' };

/** The first stored capture among `uris`, parsed. */
export async function readCapture(
  storage: Storage,
  session: SessionInfo,
  uris: string[],
): Promise<Capture> {
  for (const uri of uris) {
    let bytes: Buffer;
    try {
      bytes = await storage.read(fetchedEndpointKey(session, uri));
    } catch (error) {
      if (error instanceof StorageNotFoundError) continue;
      throw error;
    }
    try {
      return { state: 'recorded', body: JSON.parse(bytes.toString('utf8')) as unknown };
    } catch {
      return { state: 'unreadable' };
    }
  }
  return { state: 'missing' };
}

export async function fetchedEndpointRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  defineSessionRoutes(app, deps, (get) => {
    for (const endpoint of FETCHED_ENDPOINTS) {
      get(endpoint.path, async ({ session, params, request, reply }) => {
        const capture = await readCapture(deps.storage, session, endpoint.storedUris(params));
        if (capture.state === 'unreadable')
          request.log.warn({ endpoint: endpoint.path }, 'stored dashboard response is not JSON');
        const body = capture.state === 'recorded' ? capture.body : endpoint.empty();
        // Serialized here so a stored bare string still goes out as JSON.
        return reply
          .header(FETCHED_ENDPOINT_HEADER, capture.state)
          .type('application/json; charset=utf-8')
          .send(JSON.stringify(body));
      });
    }
  });
}
