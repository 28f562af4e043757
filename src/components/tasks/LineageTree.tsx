import { useState } from 'react';
import type { NestedTaskSummary } from '../../../contract/ray';
import { lineageCounts } from '../../lib/tasks/task-views';

/** The job's task tree by parent; clicking a node's name filters the task table to it. */
export function LineageTree({
  nodes,
  onSelect,
}: {
  nodes: NestedTaskSummary[];
  onSelect: (node: NestedTaskSummary) => void;
}) {
  if (nodes.length === 0) return <p className="muted">No tasks recorded for this job.</p>;
  return (
    <ul className="lineage" aria-label="Task lineage">
      {nodes.map((node) => (
        <LineageNode key={node.key} node={node} onSelect={onSelect} />
      ))}
    </ul>
  );
}

function LineageNode({
  node,
  onSelect,
}: {
  node: NestedTaskSummary;
  onSelect: (node: NestedTaskSummary) => void;
}) {
  const [open, setOpen] = useState(false);
  const hasChildren = node.children.length > 0;
  return (
    <li>
      <div className="lineage__node">
        {hasChildren ? (
          <button
            type="button"
            className="lineage__toggle"
            aria-expanded={open}
            aria-label={`${open ? 'Collapse' : 'Expand'} ${node.name}`}
            onClick={() => setOpen((o) => !o)}
          >
            {open ? '▾' : '▸'}
          </button>
        ) : (
          <span className="lineage__toggle" aria-hidden="true" />
        )}
        <button type="button" className="lineage__filter" onClick={() => onSelect(node)}>
          {node.name}
        </button>
        <span className="muted">{lineageCounts(node)}</span>
      </div>
      {open && hasChildren && (
        <ul className="lineage">
          {node.children.map((child) => (
            <LineageNode key={child.key} node={child} onSelect={onSelect} />
          ))}
        </ul>
      )}
    </li>
  );
}
