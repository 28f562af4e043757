import { useId } from 'react';
import { useTimeFormat } from '../../lib/time/TimeFormatProvider';
import { isTimezoneChoice } from '../../lib/time/timezone-choice';

/** UTC / Browser, plus Cluster inside a session (the zone the cluster itself recorded). */
export function TimezoneSelect({ insideSession }: { insideSession: boolean }) {
  const { choice, setChoice, clusterZone } = useTimeFormat();
  const id = useId();
  const shown = choice === 'cluster' && !insideSession ? 'browser' : choice;
  const clusterLabel =
    clusterZone && typeof clusterZone === 'object' && clusterZone.label
      ? `Cluster (${clusterZone.label})`
      : 'Cluster (not recorded)';
  return (
    <div className="top-nav__field">
      <label htmlFor={id}>Times in</label>
      <select
        id={id}
        value={shown}
        onChange={(event) => {
          if (isTimezoneChoice(event.target.value)) setChoice(event.target.value);
        }}
      >
        <option value="utc">UTC</option>
        <option value="browser">Browser</option>
        {insideSession && (
          <option value="cluster" disabled={!clusterZone}>
            {clusterLabel}
          </option>
        )}
      </select>
    </div>
  );
}
