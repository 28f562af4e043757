import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../http/app-deps.ts';
import { notFound } from '../../http/errors.ts';
import { findActor, listActors } from '../../history/events/index.ts';
import { defineSessionRoutes } from '../session-router.ts';
import { classic } from './envelopes.ts';
import { loadedSession } from './loaded-session.ts';

// GET /logical/actors and /logical/actors/:actorId.

export async function actorRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  defineSessionRoutes(app, deps, (get) => {
    get('/logical/actors', async ({ session, request }) => {
      const { snapshot } = await loadedSession(deps, session, request.log);
      return classic({ actors: listActors(snapshot) });
    });

    get('/logical/actors/:actorId', async ({ session, params, request }) => {
      const { snapshot } = await loadedSession(deps, session, request.log);
      const actorId = params.actorId ?? '';
      const detail = findActor(snapshot, actorId);
      if (!detail) throw notFound(`No actor ${actorId} in session ${session.sessionName}`);
      return classic({ detail });
    });
  });
}
