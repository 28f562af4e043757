import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../http/app-deps.ts';
import { oneOf, single, type RawQuery } from '../../http/query-params.ts';
import {
  summarizeByFunc,
  summarizeLineage,
  lentTaskListJson,
  taskTimeline,
} from '../../history/events/index.ts';
import { sendCompressed } from '../../http/compression-guard.ts';
import { answeredNotModified, snapshotTag } from '../../http/entity-tag.ts';
import { defineSessionRoutes } from '../session-router.ts';
import { STATE_API_JSON, stateApi } from './envelopes.ts';
import { loadedSession } from './loaded-session.ts';
import { flag, taskQueryOf } from './task-params.ts';

// GET /api/v0/tasks, /api/v0/tasks/summarize and /api/v0/tasks/timeline.

/** What Fastify sends serialised objects as. */
const JSON_UTF8 = 'application/json; charset=utf-8';

/** A name safe inside a Content-Disposition header. */
function fileNamePart(text: string): string {
  return text.replace(/[^A-Za-z0-9_.-]/g, '_');
}

export async function taskRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  defineSessionRoutes(app, deps, (get) => {
    get('/api/v0/tasks', async ({ session, request, reply }) => {
      const query = taskQueryOf(request.query as RawQuery);
      const { snapshot } = await loadedSession(deps, session, request.log);
      // Paging a big session asks this again and again: a client holding the page gets a 304.
      if (answeredNotModified(request, reply, snapshotTag(snapshot, JSON.stringify(query))))
        return reply.send();
      // Written as text: building and serialising 100 row objects was most of a page's cost.
      // Compressed straight from the writer's buffer; kept only when the bytes go out later.
      const page = lentTaskListJson(snapshot, query, STATE_API_JSON);
      if (!sendCompressed(reply.type(JSON_UTF8), page.bytes)) page.keep();
      return reply;
    });

    get('/api/v0/tasks/summarize', async ({ session, request }) => {
      const query = request.query as RawQuery;
      const summaryBy =
        oneOf(query, 'summary_by', ['func_name', 'lineage'] as const) ?? 'func_name';
      const jobId = single(query, 'job_id');
      const { snapshot } = await loadedSession(deps, session, request.log);
      const cluster =
        summaryBy === 'lineage'
          ? summarizeLineage(snapshot, jobId)
          : summarizeByFunc(snapshot, jobId);
      return stateApi({ result: { node_id_to_summary: { cluster } } });
    });

    get('/api/v0/tasks/timeline', async ({ session, request, reply }) => {
      const query = request.query as RawQuery;
      const jobId = single(query, 'job_id');
      const download = flag(query, 'download', false);
      const { snapshot } = await loadedSession(deps, session, request.log);
      const trace = taskTimeline(snapshot, jobId);
      if (download) {
        const name = `timeline-${fileNamePart(session.sessionName)}${jobId ? `-${fileNamePart(jobId)}` : ''}.json`;
        reply.header('content-disposition', `attachment; filename="${name}"`);
      }
      return trace;
    });
  });
}
