import { useId, useState } from 'react';
import { CopyButton } from './CopyButton';
import './ui.css';

/** Formatted JSON in a <pre> with a copy button; collapsible, and says when it is empty. */
export function JsonViewer({
  label,
  value,
  defaultOpen = true,
}: {
  label: string;
  value: unknown;
  defaultOpen?: boolean;
}) {
  const [open, setOpen] = useState(defaultOpen);
  const bodyId = useId();
  const text = JSON.stringify(value ?? null, null, 2);
  const empty =
    value === null ||
    value === undefined ||
    (typeof value === 'object' && Object.keys(value).length === 0);
  return (
    <section className="json-viewer" aria-label={label}>
      <div className="json-viewer__head">
        <button
          type="button"
          className="json-viewer__toggle"
          aria-expanded={open}
          aria-controls={bodyId}
          onClick={() => setOpen((o) => !o)}
        >
          {label}
        </button>
        {!empty && <CopyButton text={text} what={label} />}
      </div>
      <div id={bodyId} hidden={!open}>
        {empty ? (
          <p className="muted">Empty (nothing recorded).</p>
        ) : (
          <pre className="code-block">{text}</pre>
        )}
      </div>
    </section>
  );
}
