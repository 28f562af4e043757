import { useMemo } from 'react';
import { useNavigate } from 'react-router';
import { useAppHref } from '../../../lib/embed';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { DataTable } from '../../../components/ui/data-table/DataTable';
import { sortRows } from '../../../components/ui/data-table/sort-rows';
import { EmptyState } from '../../../components/ui/EmptyState';
import { ErrorPanel } from '../../../components/ui/ErrorPanel';
import { paths } from '../../../../contract/paths';
import { useUrlState } from '../../../lib/url-state';
import { SessionLoadProgress } from '../../../components/session/SessionLoadProgress';
import { useSessionScope } from '../../../lib/session/SessionScopeContext';
import { useNodes } from '../api/get-nodes';
import { NOT_RECORDED, toNodeRows } from '../node-rows';
import { nodeColumns } from './node-columns';
import './nodes.css';

const URL_SPEC = { sort: '', order: 'asc' };

/** /nodes: every node the session had, head first, dead ones with why they died. */
export function NodesPage() {
  const scope = useSessionScope();
  const nodes = useNodes(scope);
  const [state, update] = useUrlState(URL_SPEC);
  const navigate = useNavigate();
  const href = useAppHref();
  useDocumentTitle(`${scope.name} · Nodes`);

  const all = useMemo(() => (nodes.data ? toNodeRows(nodes.data) : []), [nodes.data]);
  const hostMetrics = all.some((r) => r.cpuUsage !== NOT_RECORDED);
  const columns = useMemo(() => nodeColumns(scope, hostMetrics), [scope, hostMetrics]);
  const sort = state.sort
    ? { by: state.sort, order: state.order === 'desc' ? ('desc' as const) : ('asc' as const) }
    : undefined;
  const rows = useMemo(
    () => sortRows(all, columns, sort),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- sort is rebuilt from state each render
    [all, columns, state.sort, state.order],
  );

  if (nodes.isPending) return <SessionLoadProgress label="Loading nodes" />;
  if (nodes.isError) {
    return (
      <ErrorPanel
        title="Could not load nodes"
        error={nodes.error}
        onRetry={() => void nodes.refetch()}
      />
    );
  }
  const dead = all.filter((r) => r.state === 'DEAD').length;

  return (
    <section aria-labelledby="nodes-title">
      <h1 id="nodes-title" className="page-title">
        Nodes{' '}
        <span className="muted">
          ({all.length}, {dead} dead)
        </span>
      </h1>
      {!hostMetrics && (
        <p className="muted">Host metrics (CPU, memory, disk, GPUs) are not recorded in history.</p>
      )}
      <DataTable
        rows={rows}
        columns={columns}
        rowKey={(r) => r.id}
        caption="Nodes of this session"
        tableId="nodes"
        sort={sort}
        onSortChange={(next) => update({ sort: next.by, order: next.order })}
        onRowActivate={(r) => void navigate(href(paths.node(scope, r.id)))}
        empty={
          <EmptyState title="No nodes in this session">
            <p>No node events were recorded for this session.</p>
          </EmptyState>
        }
      />
    </section>
  );
}

export default NodesPage;
