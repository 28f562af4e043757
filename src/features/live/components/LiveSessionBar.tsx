import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { AppLink } from '../../../components/ui/AppLink';
import { paths } from '../../../../contract/paths';
import type { SessionScope } from '../../../../contract/api';
import { useSessionInfo } from '../../../lib/session/api/get-session-info';
import { LIVE_REFRESH_MS, updatedAgo } from '../refresh';
import { LiveBadge } from '../../../components/live/LiveBadge';
import '../../../components/live/live.css';

/**
 * Above every page of a `live` URL. While the cluster runs, every query of the session is read
 * again every LIVE_REFRESH_MS (pausable); once the server says it has ended, the same URL shows
 * the recorded history and this says so.
 */
export function LiveSessionBar({ scope }: { scope: SessionScope }) {
  const info = useSessionInfo(scope);
  const queryClient = useQueryClient();
  const [paused, setPaused] = useState(false);
  const [now, setNow] = useState(() => Date.now());
  const running = info.data?.live === 'running';

  useEffect(() => {
    if (!running || paused) return;
    const timer = setInterval(
      () => void queryClient.invalidateQueries({ queryKey: ['session', scope] }),
      LIVE_REFRESH_MS,
    );
    return () => clearInterval(timer);
  }, [queryClient, scope, running, paused]);

  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [running]);

  // The cluster ended between two reads: what was drawn came from it, read it all from history.
  const ended = info.data?.live === 'ended';
  useEffect(() => {
    if (ended) void queryClient.invalidateQueries({ queryKey: ['session', scope] });
  }, [queryClient, scope, ended]);

  if (ended) {
    const recorded = { ...scope, session: info.data!.sessionName };
    return (
      <p className="live-notice" role="status">
        This cluster has ended — showing history (session{' '}
        <AppLink className="mono" to={paths.session(recorded)}>
          {recorded.session}
        </AppLink>
        ).
      </p>
    );
  }
  if (!running) return null;
  return (
    <div className="live-bar" role="region" aria-label="Live cluster">
      <LiveBadge />
      <span className="live-bar__text">
        Read from the running cluster&apos;s Ray Dashboard ·{' '}
        <span aria-live="off">
          {paused ? 'auto-refresh paused' : updatedAgo(info.dataUpdatedAt, now)}
        </span>
      </span>
      {/* Kept apart from the ticking text, so the buttons never move under the pointer. */}
      <span className="live-bar__actions">
        <button type="button" className="ui-button" onClick={() => setPaused((p) => !p)}>
          {paused ? 'Resume auto-refresh' : 'Pause auto-refresh'}
        </button>
        <button
          type="button"
          className="ui-button"
          onClick={() => void queryClient.invalidateQueries({ queryKey: ['session', scope] })}
        >
          Refresh now
        </button>
      </span>
    </div>
  );
}
