import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../http/app-deps.ts';
import { notFound } from '../../http/errors.ts';
import { oneOf } from '../../http/query-params.ts';
import { nodeDetail, nodeSummary } from '../../history/events/index.ts';
import { defineSessionRoutes } from '../session-router.ts';
import { classic } from './envelopes.ts';
import { loadedSession } from './loaded-session.ts';

// GET /nodes?view=summary and /nodes/:nodeId (with the node's actors).

export async function nodeRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  defineSessionRoutes(app, deps, (get) => {
    get('/nodes', async ({ session, request }) => {
      oneOf(request.query as Record<string, unknown>, 'view', ['summary'] as const);
      const { snapshot } = await loadedSession(deps, session, request.log);
      return classic(nodeSummary(snapshot));
    });

    get('/nodes/:nodeId', async ({ session, params, request }) => {
      const { snapshot } = await loadedSession(deps, session, request.log);
      const nodeId = params.nodeId ?? '';
      const detail = nodeDetail(snapshot, nodeId);
      if (!detail) throw notFound(`No node ${nodeId} in session ${session.sessionName}`);
      return classic({ detail });
    });
  });
}
