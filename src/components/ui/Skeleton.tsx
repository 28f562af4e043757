import './ui.css';

/** Placeholder lines while something loads; announced once to screen readers by `label`. */
export function Skeleton({ label, lines = 3 }: { label: string; lines?: number }) {
  return (
    <div className="ui-skeleton" role="status" aria-live="polite" aria-label={label}>
      {Array.from({ length: lines }, (_, line) => (
        <div key={line} className="ui-skeleton__line" />
      ))}
      <span className="visually-hidden">{label}</span>
    </div>
  );
}
