import { statusTone } from './status-colors';
import './ui.css';

/** A state as text on its colour; the text carries the meaning, the colour only helps. */
export function StatusChip({ state }: { state: string | null | undefined }) {
  const text = state || 'UNKNOWN';
  return <span className={`status-chip status-chip--${statusTone(text)}`}>{text}</span>;
}
