import { AppLink } from '../../../components/ui/AppLink';
import { paths } from '../../../../contract/paths';
import type { SessionScope } from '../../../../contract/api';
import type { LogNode } from '../../../../contract/log-types';

/** Head node first, then workers; dead nodes say why, and nodes without logs say so. */
export function NodeList({
  scope,
  nodes,
  selected,
  filter,
}: {
  scope: SessionScope;
  nodes: LogNode[];
  selected: string | null;
  filter: string;
}) {
  const ordered = [...nodes].sort(
    (a, b) => Number(b.isHead) - Number(a.isHead) || a.nodeId.localeCompare(b.nodeId),
  );
  return (
    <nav className="log-nodes" aria-label="Nodes">
      <ul>
        {ordered.map((node) => (
          <li key={node.nodeId}>
            <AppLink
              to={paths.logs(scope, { node: node.nodeId, filter: filter || undefined })}
              aria-current={node.nodeId === selected ? 'true' : undefined}
            >
              <strong>{node.isHead ? 'Head node' : 'Worker node'}</strong>{' '}
              <span className="mono">{node.ip ?? node.nodeId.slice(0, 12)}</span>
              <span className="log-nodes__meta mono">{node.hostname ?? node.nodeId}</span>
              {node.state === 'DEAD' && (
                <span className="log-nodes__meta log-nodes__dead">
                  Dead{node.deathReason ? `: ${node.deathReason}` : ''}
                </span>
              )}
              {!node.hasLogs && <span className="log-nodes__meta">No logs uploaded</span>}
            </AppLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
