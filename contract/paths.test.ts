import { matchPath, matchRoutes } from 'react-router';
import { describe, expect, it } from 'vitest';
import { apiPaths, paths, routePatterns } from './paths';
import type { SessionScope } from './api';

const scope: SessionScope = {
  namespace: 'ml-team',
  kind: 'rayjob',
  name: 'train-resnet',
  session: 'session_2026-01-11_19-38-40_146706_1',
};
const scopeParams = { ...scope };

function paramsOf(pattern: string, href: string) {
  const url = new URL(href, 'http://dashboard.test');
  // matchRoutes decodes the path the way the router does before matching.
  const match = matchRoutes([{ path: pattern }], url.pathname)?.[0]?.params ?? null;
  return { match, url };
}

describe('paths round-trip through their route patterns', () => {
  const cases: [string, string, Record<string, string>][] = [
    ['session', paths.session(scope), {}],
    ['jobs', paths.jobs(scope), {}],
    ['job', paths.job(scope, 'raysubmit_a b/c'), { jobId: 'raysubmit_a b/c' }],
    ['jobLogs', paths.jobLogs(scope, '02000000'), { jobId: '02000000' }],
    ['tasks', paths.tasks(scope), {}],
    ['task', paths.task(scope, 'ffffabcd', 2), { taskId: 'ffffabcd' }],
    ['taskLogs', paths.taskLogs(scope, 'ffffabcd', 2, 'err'), { taskId: 'ffffabcd' }],
    ['actors', paths.actors(scope), {}],
    ['actor', paths.actor(scope, 'a1b2'), { actorId: 'a1b2' }],
    ['actorLogs', paths.actorLogs(scope, 'a1b2', 'out'), { actorId: 'a1b2' }],
    ['nodes', paths.nodes(scope), {}],
    ['node', paths.node(scope, 'n1'), { nodeId: 'n1' }],
    ['logs', paths.logs(scope), {}],
    ['search', paths.search(scope, 'OOM killed'), {}],
    ['metrics', paths.metrics(scope), {}],
    ['events', paths.events(scope), {}],
  ];

  it.each(cases)('%s', (route, href, extra) => {
    const pattern = routePatterns[route as keyof typeof routePatterns];
    expect(paramsOf(pattern, href).match).toEqual({ ...scopeParams, ...extra });
  });

  it('keeps a log file path, with its folders and odd characters, after the node id', () => {
    const href = paths.logFile(scope, 'node1', 'old/worker out#1.log', [120, 140]);
    const { match, url } = paramsOf(routePatterns.logFile, href);
    expect(match).toEqual({ ...scopeParams, nodeId: 'node1', '*': 'old/worker out#1.log' });
    expect(url.hash).toBe('#L120-L140');
    expect(paths.logFile(scope, 'node1', 'raylet.out', [7])).toMatch(/#L7$/);
  });

  it('puts the attempt and search text in the query string', () => {
    expect(new URL(paths.task(scope, 't', 2), 'http://x').searchParams.get('attempt')).toBe('2');
    expect(new URL(paths.search(scope, 'a&b=c'), 'http://x').searchParams.get('q')).toBe('a&b=c');
  });

  it('builds /clusters with only the filters that are set', () => {
    expect(paths.clusters()).toBe('/clusters');
    expect(paths.clusters({ namespace: 'ml', kind: undefined, q: '' })).toBe(
      '/clusters?namespace=ml',
    );
    expect(matchPath(routePatterns.clusters, '/clusters')).not.toBeNull();
  });

  it('encodes a segment so it cannot escape its place in the URL', () => {
    const href = paths.session({ ...scope, name: '../admin?x' });
    expect(href).toBe('/c/ml-team/rayjob/..%2Fadmin%3Fx/session_2026-01-11_19-38-40_146706_1');
  });

  it('scopes API URLs under /api/c/<scope>', () => {
    expect(apiPaths.scoped(scope, '/timezone')).toBe(`/api${paths.session(scope)}/timezone`);
    expect(apiPaths.scoped(scope, 'api/v0/cluster_metadata')).toBe(
      `/api${paths.session(scope)}/api/v0/cluster_metadata`,
    );
  });
});
