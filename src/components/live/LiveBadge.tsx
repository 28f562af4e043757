import './live.css';

/** Marks a running cluster's session: read from its dashboard, not from history. */
export function LiveBadge() {
  return (
    <span className="live-badge" title="Running now: read from the cluster's own Ray Dashboard">
      live
    </span>
  );
}
