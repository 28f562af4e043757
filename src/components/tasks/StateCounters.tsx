import { compareStates } from '../ui/status-colors';
import { StatusChip } from '../ui/StatusChip';

/** Per-state counts of the filtered set; each is a toggle that filters by its state. */
export function StateCounters({
  counts,
  selected,
  onSelect,
}: {
  counts: Record<string, number>;
  selected: string;
  onSelect: (state: string) => void;
}) {
  const states = Object.keys(counts).sort(compareStates);
  if (states.length === 0) return null;
  return (
    <ul className="state-counters" aria-label="Attempts by state">
      {states.map((state) => (
        <li key={state}>
          <button
            type="button"
            className="state-counters__button"
            aria-pressed={selected === state}
            onClick={() => onSelect(selected === state ? '' : state)}
          >
            <StatusChip state={state} /> {(counts[state] ?? 0).toLocaleString('en-US')}
          </button>
        </li>
      ))}
    </ul>
  );
}
