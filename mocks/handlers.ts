import { HttpResponse, http } from 'msw';
import type { PublicConfig } from '../contract/api';
import {
  findSession,
  mockClusterMetadata,
  mockSessions,
  mockTimezones,
  querySessions,
} from './data';
import { errorResponse } from './error-response';
import { logsHandlers } from './logs-handlers';
import { fallbackActorHandlers, sessionViewsHandlers } from './session-views-handlers';

// The HistoryServer API over the in-memory history in data.ts.

export const mockConfig: PublicConfig = {
  basePath: '',
  auth: { mode: 'none' },
  metrics: {
    grafanaUrl: null,
    grafanaOrgId: 1,
    grafanaDashboards: {},
    grafanaDatasource: null,
    prometheusConfigured: false,
  },
};

const SCOPE = '*/api/c/:namespace/:kind/:name/:session';
type ScopeParams = { namespace: string; kind: string; name: string; session: string };

function scopedSession(params: ScopeParams) {
  return findSession(mockSessions, params);
}

function sessionNotFound(params: ScopeParams) {
  return errorResponse(
    404,
    'Not Found',
    `No session ${params.session} of ${params.kind} ${params.namespace}/${params.name} in storage`,
  );
}

const intParam = (value: string | null) =>
  value && /^\d+$/.test(value) ? Number(value) : undefined;

export const handlers = [
  http.get('*/config.json', () => HttpResponse.json(mockConfig)),

  http.get('*/api/sessions', ({ request }) => {
    const search = new URL(request.url).searchParams;
    return HttpResponse.json(
      querySessions(mockSessions, {
        namespace: search.get('namespace'),
        kind: search.get('kind'),
        owner: search.get('owner'),
        q: search.get('q'),
        from: search.get('from'),
        to: search.get('to'),
        page: intParam(search.get('page')),
        pageSize: intParam(search.get('pageSize')),
      }),
    );
  }),

  // The offline demo has no Prometheus: the Prometheus tab shows how to set one up.
  http.get<ScopeParams>(`${SCOPE}/metrics/prometheus`, ({ params }) =>
    scopedSession(params)
      ? HttpResponse.json({ configured: false, metrics: [] })
      : sessionNotFound(params),
  ),

  http.get<ScopeParams>(`${SCOPE}/info`, ({ params }) => {
    const found = scopedSession(params);
    return found ? HttpResponse.json(found) : sessionNotFound(params);
  }),

  http.get<ScopeParams>(`${SCOPE}/api/v0/cluster_metadata`, ({ params }) => {
    const found = scopedSession(params);
    if (!found) return sessionNotFound(params);
    // Like the server: an empty answer with a message when the collector did not capture it.
    const data = mockClusterMetadata[found.sessionName];
    return HttpResponse.json(
      data
        ? { result: true, msg: '', data }
        : { result: true, msg: 'Cluster metadata was not recorded for this session', data: {} },
    );
  }),

  http.get<ScopeParams>(`${SCOPE}/timezone`, ({ params }) => {
    const found = scopedSession(params);
    if (!found) return sessionNotFound(params);
    const zone = mockTimezones[found.name];
    return zone
      ? HttpResponse.json(zone)
      : errorResponse(404, 'Not Found', 'timezone was not recorded');
  }),
  ...logsHandlers,
  ...sessionViewsHandlers,
  ...fallbackActorHandlers,
];
