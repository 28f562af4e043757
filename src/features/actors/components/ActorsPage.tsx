import { useMemo } from 'react';
import { useNavigate } from 'react-router';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { useAppHref } from '../../../lib/embed';
import { DataTable } from '../../../components/ui/data-table/DataTable';
import { sortRows } from '../../../components/ui/data-table/sort-rows';
import { EmptyState } from '../../../components/ui/EmptyState';
import { ErrorPanel } from '../../../components/ui/ErrorPanel';
import { FilterBar, SelectFilter } from '../../../components/ui/FilterBar';
import { DebouncedTextInput } from '../../../components/ui/DebouncedTextInput';
import { paths } from '../../../../contract/paths';
import { useUrlState } from '../../../lib/url-state';
import { SessionLoadProgress } from '../../../components/session/SessionLoadProgress';
import { useSessionScope } from '../../../lib/session/SessionScopeContext';
import { actorFilterOptions, filterActorRows, toActorRows } from '../../../lib/actors/actor-rows';
import { useActors } from '../../../lib/actors/get-actors';
import { actorColumns } from '../../../components/actors/actor-columns';

const URL_SPEC = { state: '', class: '', job: '', name: '', sort: 'start', order: 'asc' };
const asOptions = (values: string[]) => values.map((value) => ({ value, label: value }));

/** /actors: every actor of the session, filtered and sorted by the URL. */
export function ActorsPage() {
  const scope = useSessionScope();
  const actors = useActors(scope);
  const [state, update] = useUrlState(URL_SPEC);
  const navigate = useNavigate();
  const href = useAppHref();
  useDocumentTitle(`${scope.name} · Actors`);

  const columns = useMemo(() => actorColumns(scope), [scope]);
  const all = useMemo(() => (actors.data ? toActorRows(actors.data) : []), [actors.data]);
  const options = useMemo(() => actorFilterOptions(all), [all]);
  const sort = {
    by: state.sort,
    order: state.order === 'desc' ? ('desc' as const) : ('asc' as const),
  };
  const rows = useMemo(
    () =>
      sortRows(
        filterActorRows(all, {
          state: state.state,
          className: state.class,
          job: state.job,
          name: state.name,
        }),
        columns,
        sort,
      ),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- sort is rebuilt from state each render
    [all, columns, state.state, state.class, state.job, state.name, state.sort, state.order],
  );

  if (actors.isPending) return <SessionLoadProgress label="Loading actors" />;
  if (actors.isError) {
    return (
      <ErrorPanel
        title="Could not load actors"
        error={actors.error}
        onRetry={() => void actors.refetch()}
      />
    );
  }
  const filtered = Boolean(state.state || state.class || state.job || state.name);

  return (
    <section aria-labelledby="actors-title">
      <h1 id="actors-title" className="page-title">
        Actors{' '}
        <span className="muted">
          ({rows.length} of {all.length})
        </span>
      </h1>
      <FilterBar
        label="Actor filters"
        onClear={filtered ? () => update({ state: '', class: '', job: '', name: '' }) : undefined}
      >
        <SelectFilter
          label="State"
          value={state.state}
          options={asOptions(options.states)}
          onChange={(v) => update({ state: v })}
        />
        <SelectFilter
          label="Class"
          value={state.class}
          options={asOptions(options.classes)}
          onChange={(v) => update({ class: v })}
        />
        <SelectFilter
          label="Job"
          value={state.job}
          options={asOptions(options.jobs)}
          onChange={(v) => update({ job: v })}
        />
        <DebouncedTextInput
          label="Name"
          type="search"
          placeholder="Name, repr or ID"
          value={state.name}
          onCommit={(v) => update({ name: v.trim() }, { replace: true })}
        />
      </FilterBar>
      <DataTable
        rows={rows}
        columns={columns}
        rowKey={(r) => r.id}
        caption="Actors of this session"
        tableId="actors"
        sort={sort}
        onSortChange={(next) => update({ sort: next.by, order: next.order })}
        onRowActivate={(r) => void navigate(href(paths.actor(scope, r.id)))}
        virtualized={rows.length > 200}
        empty={
          <EmptyState
            title={filtered ? 'No actor matches these filters' : 'No actors in this session'}
          >
            <p>
              {filtered
                ? 'Clear or change the filters to see more actors.'
                : 'The jobs of this session created no actors, or their events were not recorded.'}
            </p>
          </EmptyState>
        }
      />
    </section>
  );
}

export default ActorsPage;
