import { useMemo } from 'react';
import { useParams } from 'react-router';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { AppLink } from '../../../components/ui/AppLink';
import { DataTable } from '../../../components/ui/data-table/DataTable';
import { EmptyState } from '../../../components/ui/EmptyState';
import { ErrorPanel } from '../../../components/ui/ErrorPanel';
import { Facts } from '../../../components/ui/Facts';
import { IdText } from '../../../components/ui/IdText';
import { StatusChip } from '../../../components/ui/StatusChip';
import { DurationText, TimeText } from '../../../components/ui/TimeText';
import { paths } from '../../../../contract/paths';
import { isApiError } from '../../../lib/api-client';
import { toActorRows } from '../../../lib/actors/actor-rows';
import { formatResourceMap } from '../../../lib/actors/resources';
import { actorColumns } from '../../../components/actors/actor-columns';
import { SessionLoadProgress } from '../../../components/session/SessionLoadProgress';
import { useSessionScope } from '../../../lib/session/SessionScopeContext';
import { useNode } from '../api/get-nodes';
import { hostMetrics, toNodeRow } from '../node-rows';
import './nodes.css';

/** /nodes/:nodeId: one node, why it died, what ran on it, and its logs. */
export function NodeDetailPage() {
  const scope = useSessionScope();
  const nodeId = useParams().nodeId ?? '';
  const node = useNode(scope, nodeId);
  useDocumentTitle(`${scope.name} · Node ${nodeId.slice(0, 8)}`);
  const columns = useMemo(() => actorColumns(scope).filter((c) => c.id !== 'node'), [scope]);
  const actors = useMemo(() => (node.data ? toActorRows(node.data.actors ?? {}) : []), [node.data]);

  if (node.isPending) return <SessionLoadProgress label="Loading node" />;
  if (node.isError) {
    return (
      <ErrorPanel
        title={
          isApiError(node.error) && node.error.status === 404
            ? 'Node not found'
            : 'Could not load this node'
        }
        error={node.error}
        onRetry={() => void node.refetch()}
      />
    );
  }
  const row = toNodeRow(node.data);

  return (
    <section aria-labelledby="node-title">
      <p>
        <AppLink to={paths.nodes(scope)}>All nodes</AppLink>
      </p>
      <h1 id="node-title" className="page-title">
        {row.role === 'head' ? 'Head node' : 'Worker node'} {row.hostname || row.ip}{' '}
        <StatusChip state={row.state} />
      </h1>
      {row.deathReason && (
        <section className="node-death" aria-labelledby="node-death-title">
          <h2 id="node-death-title">Why it died</h2>
          <p>{row.deathReason}</p>
        </section>
      )}
      <nav aria-label="Related" className="node-related">
        <AppLink to={paths.logs(scope, { node: row.id })} className="ui-button">
          Logs of this node
        </AppLink>
        <AppLink to={paths.tasks(scope, { node_id: row.id })} className="ui-button">
          Tasks on this node
        </AppLink>
      </nav>
      <Facts
        label="Node facts"
        items={[
          { label: 'Node ID', value: <IdText id={row.id} what="node ID" keep={56} /> },
          { label: 'Role', value: row.role },
          { label: 'State', value: row.state },
          { label: 'IP', value: <span className="mono">{row.ip}</span> },
          { label: 'Hostname', value: row.hostname },
          { label: 'Node group', value: row.group },
          { label: 'Instance type', value: row.instanceType },
          { label: 'Instance ID', value: row.instanceId },
          { label: 'Kubernetes node', value: row.nodeName },
          { label: 'Started', value: row.startTime && <TimeText ms={row.startTime} /> },
          { label: 'Ended', value: row.endTime && <TimeText ms={row.endTime} /> },
          {
            label: 'Lifetime',
            value: row.durationMs !== null && <DurationText ms={row.durationMs} />,
          },
          {
            label: 'Total resources',
            value: formatResourceMap(node.data.raylet.resourcesTotal ?? {}),
          },
          {
            label: 'Labels',
            value: Object.keys(row.labels).length > 0 && (
              <ul className="node-labels">
                {Object.entries(row.labels).map(([k, v]) => (
                  <li key={k} className="mono">
                    {k}={v}
                  </li>
                ))}
              </ul>
            ),
          },
        ]}
      />
      <h2>Host metrics</h2>
      <Facts
        label="Host metrics"
        items={hostMetrics(node.data).map((m) => ({ label: m.label, value: m.value }))}
      />
      <h2>Actors on this node</h2>
      <DataTable
        rows={actors}
        columns={columns}
        rowKey={(r) => r.id}
        caption="Actors on this node"
        tableId="node-actors"
        empty={
          <EmptyState title="No actors on this node">
            <p>No actor of this session was placed on this node.</p>
          </EmptyState>
        }
      />
    </section>
  );
}

export default NodeDetailPage;
