import { useId } from 'react';
import type { ReactNode } from 'react';
import './ui.css';

/** A row of labelled filter controls with an optional "Clear filters". */
export function FilterBar({
  label,
  children,
  onClear,
}: {
  label: string;
  children: ReactNode;
  onClear?: () => void;
}) {
  return (
    <form
      className="filter-bar"
      aria-label={label}
      role="search"
      onSubmit={(e) => e.preventDefault()}
    >
      {children}
      {onClear && (
        <button type="button" className="ui-button filter-bar__clear" onClick={onClear}>
          Clear filters
        </button>
      )}
    </form>
  );
}

export interface SelectOption {
  value: string;
  label: string;
}

/** A labelled <select>; the empty value means "any". */
export function SelectFilter({
  label,
  value,
  options,
  onChange,
  anyLabel = 'Any',
}: {
  label: string;
  value: string;
  options: SelectOption[];
  onChange: (value: string) => void;
  anyLabel?: string;
}) {
  const id = useId();
  const known = value === '' || options.some((o) => o.value === value);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{anyLabel}</option>
        {!known && <option value={value}>{value}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
