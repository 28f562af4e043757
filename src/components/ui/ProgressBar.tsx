import { progressSegments } from './progress';
import './ui.css';

/** Stacked bar of states with a legend of counts (the legend is the accessible text). */
export function ProgressBar({
  label,
  counts,
  noun = 'tasks',
}: {
  label: string;
  counts: Record<string, number>;
  noun?: string;
}) {
  const { total, segments } = progressSegments(counts);
  return (
    <div className="progress" role="group" aria-label={label}>
      <div className="progress__bar" aria-hidden="true">
        {segments.map((s) => (
          <span
            key={s.state}
            className={`progress__segment status-chip--${s.tone}`}
            style={{ width: `${s.percent}%` }}
          />
        ))}
      </div>
      <p className="progress__legend">
        <span>
          {total.toLocaleString('en-US')} {noun}
        </span>
        {segments.map((s) => (
          <span key={s.state} className="progress__item">
            <span className={`progress__swatch status-chip--${s.tone}`} aria-hidden="true" />
            {s.state}: {s.count.toLocaleString('en-US')}
          </span>
        ))}
      </p>
    </div>
  );
}
