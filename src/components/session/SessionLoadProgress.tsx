import { Skeleton } from '../ui/Skeleton';
import { useSessionScope } from '../../lib/session/SessionScopeContext';
import { useSessionLoadProgress } from '../../lib/session/api/get-load-progress';
import { describeLoadProgress, loadFraction } from '../../lib/session/load-progress-text';
import './session-load-progress.css';

/**
 * A view's loading state: skeleton lines, plus how far the server has read the session's event
 * files while a cold load runs (the first request for a session can take a while).
 */
export function SessionLoadProgress({ label, lines = 5 }: { label: string; lines?: number }) {
  const scope = useSessionScope();
  const progress = useSessionLoadProgress(scope, true);
  const text = describeLoadProgress(progress.data);
  return (
    <div>
      {text && progress.data && (
        <div className="session-load" role="status">
          <label>
            {text}
            <progress max={1} value={loadFraction(progress.data)} className="session-load__bar" />
          </label>
        </div>
      )}
      <Skeleton label={label} lines={lines} />
    </div>
  );
}
