import { useId } from 'react';
import { SESSION_KINDS } from '../../../../contract/api';
import { DebouncedTextInput } from '../../../components/ui/DebouncedTextInput';
import { KIND_LABELS } from '../../session/kind-labels';
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
  const ids = { namespace: useId(), kind: useId(), from: useId(), to: useId() };
  const namespaceOptions =
    filters.namespace && !namespaces.includes(filters.namespace)
      ? [filters.namespace, ...namespaces]
      : namespaces;

  return (
    <form
      className="session-filters"
      role="search"
      aria-label="Filter sessions"
      onSubmit={(event) => event.preventDefault()}
    >
      <div className="field">
        <label htmlFor={ids.namespace}>Namespace</label>
        <select
          id={ids.namespace}
          value={filters.namespace}
          onChange={(event) => onChange('namespace', event.target.value)}
        >
          <option value="">All namespaces</option>
          {namespaceOptions.map((namespace) => (
            <option key={namespace} value={namespace}>
              {namespace}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={ids.kind}>Kind</label>
        <select
          id={ids.kind}
          value={filters.kind}
          onChange={(event) => onChange('kind', event.target.value)}
        >
          <option value="">All kinds</option>
          {SESSION_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {KIND_LABELS[kind]}
            </option>
          ))}
        </select>
      </div>
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
