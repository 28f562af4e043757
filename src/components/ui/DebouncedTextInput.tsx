import { useEffect, useId, useRef, useState } from 'react';

/**
 * A labelled text box that reports its value once typing pauses, and follows `value` when it
 * changes from outside (back/forward, "clear filters").
 */
export function DebouncedTextInput({
  label,
  value,
  onCommit,
  delayMs = 300,
  placeholder,
  type = 'text',
}: {
  label: string;
  value: string;
  onCommit: (value: string) => void;
  delayMs?: number;
  placeholder?: string;
  type?: 'text' | 'search';
}) {
  const id = useId();
  const [draft, setDraft] = useState(value);
  const [seenValue, setSeenValue] = useState(value);
  if (value !== seenValue) {
    setSeenValue(value);
    if (value !== draft.trim()) setDraft(value);
  }

  const commit = useRef(onCommit);
  useEffect(() => {
    commit.current = onCommit;
  }, [onCommit]);

  useEffect(() => {
    if (draft.trim() === value) return;
    const timer = setTimeout(() => commit.current(draft), delayMs);
    return () => clearTimeout(timer);
  }, [draft, value, delayMs]);

  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type={type}
        value={draft}
        placeholder={placeholder}
        autoComplete="off"
        spellCheck={false}
        onChange={(event) => setDraft(event.target.value)}
      />
    </div>
  );
}
