import { useParams } from 'react-router';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { AppLink } from '../../../components/ui/AppLink';
import { EntityLink } from '../../../components/ui/EntityLink';
import { ErrorPanel } from '../../../components/ui/ErrorPanel';
import { Facts } from '../../../components/ui/Facts';
import { IdText } from '../../../components/ui/IdText';
import { JsonViewer } from '../../../components/ui/JsonViewer';
import { StatusChip } from '../../../components/ui/StatusChip';
import { DurationText, TimeText } from '../../../components/ui/TimeText';
import { paths } from '../../../../contract/paths';
import { isApiError } from '../../../lib/api-client';
import { SessionLoadProgress } from '../../../components/session/SessionLoadProgress';
import { useSessionScope } from '../../../lib/session/SessionScopeContext';
import { toActorRow } from '../../../lib/actors/actor-rows';
import { useActor } from '../../../lib/actors/get-actors';
import './actors.css';

/** /actors/:actorId: every recorded fact of one actor, why it died, its logs and tasks. */
export function ActorDetailPage() {
  const scope = useSessionScope();
  const actorId = useParams().actorId ?? '';
  const actor = useActor(scope, actorId);
  useDocumentTitle(`${scope.name} · Actor ${actorId.slice(0, 8)}`);

  if (actor.isPending) return <SessionLoadProgress label="Loading actor" />;
  if (actor.isError) {
    return (
      <ErrorPanel
        title={
          isApiError(actor.error) && actor.error.status === 404
            ? 'Actor not found'
            : 'Could not load this actor'
        }
        error={actor.error}
        onRetry={() => void actor.refetch()}
      />
    );
  }
  const row = toActorRow(actor.data);
  const dead = row.state === 'DEAD';

  return (
    <section aria-labelledby="actor-title">
      <p>
        <AppLink to={paths.actors(scope)}>All actors</AppLink>
      </p>
      <h1 id="actor-title" className="page-title">
        {row.className || 'Actor'} {row.name && <span className="muted">“{row.name}”</span>}{' '}
        <StatusChip state={row.state} />
      </h1>
      {dead && (
        <section className="actor-death" aria-labelledby="actor-death-title">
          <h2 id="actor-death-title">Why it died</h2>
          <p>{row.exitDetail ?? 'No death cause was recorded.'}</p>
        </section>
      )}
      <nav aria-label="Related" className="actor-related">
        <AppLink to={paths.tasks(scope, { actor_id: row.id })} className="ui-button">
          Tasks of this actor
        </AppLink>
        <AppLink to={paths.actorLogs(scope, row.id, 'out')} className="ui-button">
          stdout
        </AppLink>
        <AppLink to={paths.actorLogs(scope, row.id, 'err')} className="ui-button">
          stderr
        </AppLink>
        {row.nodeId && (
          <AppLink to={paths.logs(scope, { node: row.nodeId })} className="ui-button">
            Logs on its node
          </AppLink>
        )}
      </nav>
      {row.workerId && (
        <p className="muted">
          Its worker’s log files on that node are named after worker{' '}
          <span className="mono">{row.workerId}</span>.
        </p>
      )}
      <Facts
        label="Actor facts"
        items={[
          { label: 'Actor ID', value: <IdText id={row.id} what="actor ID" keep={40} /> },
          { label: 'State', value: row.state },
          { label: 'Class', value: row.className },
          { label: 'Name', value: row.name },
          { label: 'Repr', value: row.repr },
          { label: 'Restarts', value: String(row.restarts) },
          { label: 'Exit detail', value: row.exitDetail },
          { label: 'Job', value: <EntityLink scope={scope} kind="job" id={row.jobId} /> },
          {
            label: 'Node',
            value: row.nodeId && (
              <EntityLink
                scope={scope}
                kind="node"
                id={row.nodeId}
                label={row.nodeIp ?? undefined}
              />
            ),
          },
          { label: 'Worker', value: row.workerId && <IdText id={row.workerId} what="worker ID" /> },
          { label: 'PID', value: row.pid === null ? null : String(row.pid) },
          { label: 'Started', value: row.startTime && <TimeText ms={row.startTime} /> },
          { label: 'Ended', value: row.endTime && <TimeText ms={row.endTime} /> },
          {
            label: 'Duration',
            value: row.durationMs !== null && <DurationText ms={row.durationMs} />,
          },
          { label: 'Required resources', value: row.resources },
          {
            label: 'Placement group',
            value: row.placementGroupId && (
              <IdText id={row.placementGroupId} what="placement group ID" />
            ),
          },
          { label: 'Ray namespace', value: row.rayNamespace },
          { label: 'Detached', value: row.isDetached ? 'yes' : 'no' },
          {
            label: 'Call site',
            value: row.callSite && <span className="mono">{row.callSite}</span>,
          },
        ]}
      />
      <JsonViewer label="Raw actor record" value={actor.data} defaultOpen={false} />
    </section>
  );
}

export default ActorDetailPage;
