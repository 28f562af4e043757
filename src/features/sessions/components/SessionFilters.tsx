import { useId } from 'react';
import { SESSION_KINDS } from '../../../../contract/api';
import { DebouncedTextInput } from '../../../components/ui/DebouncedTextInput';
import { SelectFilter } from '../../../components/ui/FilterBar';
import { KIND_LABELS } from '../../../lib/session/kind-labels';
import { hasFilters } from '../sessions-filters';
import type { FilterName, SessionFilters as Filters } from '../sessions-filters';

/** The filter bar; text boxes commit after a pause (`typing`: replace, not push, history). */
export function SessionFilters({
  filters,
  namespaces,
  onChange,
  onClear,
}: {
  filters: Filters;
  namespaces: string[];
  onChange: (name: FilterName, value: string, typing?: boolean) => void;
  onClear: () => void;
}) {
  const ids = { from: useId(), to: useId() };

  return (
    <form
      className="session-filters"
      role="search"
      aria-label="Filter sessions"
      onSubmit={(event) => event.preventDefault()}
    >
      <SelectFilter
        label="Namespace"
        value={filters.namespace}
        anyLabel="All namespaces"
        options={namespaces.map((namespace) => ({ value: namespace, label: namespace }))}
        onChange={(value) => onChange('namespace', value)}
      />
      <SelectFilter
        label="Kind"
        value={filters.kind}
        anyLabel="All kinds"
        options={SESSION_KINDS.map((kind) => ({ value: kind, label: KIND_LABELS[kind] }))}
        onChange={(value) => onChange('kind', value)}
      />
      <DebouncedTextInput
        label="Owner"
        value={filters.owner}
        placeholder="exact RayJob, RayService or cluster"
        onCommit={(value) => onChange('owner', value, true)}
      />
      <DebouncedTextInput
        label="Name"
        type="search"
        value={filters.q}
        placeholder="cluster, owner or session"
        onCommit={(value) => onChange('q', value, true)}
      />
      <div className="field">
        <label htmlFor={ids.from}>Started from</label>
        <input
          id={ids.from}
          type="date"
          value={filters.from}
          max={filters.to || undefined}
          onChange={(event) => onChange('from', event.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={ids.to}>Started until</label>
        <input
          id={ids.to}
          type="date"
          value={filters.to}
          min={filters.from || undefined}
          onChange={(event) => onChange('to', event.target.value)}
        />
      </div>
      <button type="button" className="ui-button" onClick={onClear} disabled={!hasFilters(filters)}>
        Clear filters
      </button>
    </form>
  );
}
