import { DebouncedTextInput } from '../../../components/ui/DebouncedTextInput';
import { EmptyState } from '../../../components/ui/EmptyState';
import { ErrorPanel } from '../../../components/ui/ErrorPanel';
import { Skeleton } from '../../../components/ui/Skeleton';
import { useSessionScope } from '../../../lib/session/SessionScopeContext';
import { useLogNodes } from '../../../lib/logs/get-log-nodes';
import { FolderContents } from './FileList';
import { NodeList } from './NodeList';
import './logs.css';
import { useUrlState } from '../../../lib/url-state';

/** /c/.../logs?node=<id>&filter=<text>: every node's uploaded logs, by category and folder. */
export default function LogBrowserPage() {
  const scope = useSessionScope();
  const [{ filter, node: wanted }, update] = useUrlState({ filter: '', node: '' });
  const nodes = useLogNodes(scope);

  const setFilter = (value: string) => update({ filter: value.trim() }, { replace: true });

  const list = nodes.data?.nodes ?? [];
  const head = list.find((n) => n.isHead && n.hasLogs) ?? list.find((n) => n.hasLogs);
  const selected = list.find((n) => n.nodeId === wanted) ?? (wanted ? undefined : head);

  return (
    <div className="logs-page">
      <h1 className="page-title">Logs</h1>
      {nodes.isPending && <Skeleton label="Loading nodes" />}
      {nodes.isError && (
        <ErrorPanel
          title="Could not load the nodes"
          error={nodes.error}
          onRetry={() => void nodes.refetch()}
        />
      )}
      {nodes.isSuccess && list.length === 0 && (
        <EmptyState title="No nodes">This session recorded no nodes and no node logs.</EmptyState>
      )}
      {list.length > 0 && (
        <div className="logs-browser">
          <NodeList
            scope={scope}
            nodes={list}
            selected={selected?.nodeId ?? null}
            filter={filter}
          />
          <section aria-label="Log files">
            <DebouncedTextInput
              label="Filter by file name"
              type="search"
              value={filter}
              onCommit={setFilter}
              placeholder="e.g. worker, raylet, .err"
            />
            {!selected && wanted && <p>No node {wanted} in this session.</p>}
            {!selected && !wanted && <p>Choose a node.</p>}
            {selected && !selected.hasLogs && (
              <EmptyState title="No logs uploaded">
                The collector uploaded no logs for this node
                {selected.state === 'DEAD' ? ' before it died' : ''}. Its events are still in the
                session views.
              </EmptyState>
            )}
            {selected?.hasLogs && (
              <FolderContents scope={scope} nodeId={selected.nodeId} prefix="" filter={filter} />
            )}
          </section>
        </div>
      )}
    </div>
  );
}
