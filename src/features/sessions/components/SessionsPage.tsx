import { useCallback } from 'react';
import { paths } from '../../../../contract/paths';
import { EmptyState } from '../../../components/ui/EmptyState';
import { ErrorPanel } from '../../../components/ui/ErrorPanel';
import { Pagination } from '../../../components/ui/Pagination';
import { Skeleton } from '../../../components/ui/Skeleton';
import { AppLink } from '../../../components/ui/AppLink';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { useSessions } from '../api/get-sessions';
import { groupSessions } from '../group-sessions';
import { NO_FILTERS, SESSIONS_URL_STATE, hasFilters, listStateFrom } from '../sessions-filters';
import { useUrlState } from '../../../lib/url-state';
import type { FilterName } from '../sessions-filters';
import { LiveListNotice } from '../../../components/live/LiveListNotice';
import { SessionFilters } from './SessionFilters';
import { SessionGroupList } from './SessionGroupList';
import './sessions.css';

/** /clusters: every recorded session, filtered and paged on the server, grouped by cluster. */
export function SessionsPage() {
  useDocumentTitle('Sessions');
  const [values, update, searchFor] = useUrlState(SESSIONS_URL_STATE);
  const state = listStateFrom(values);
  const sessions = useSessions(state);

  const changeFilter = useCallback(
    (name: FilterName, value: string, typing = false) =>
      update({ [name]: value.trim() }, { replace: typing }),
    [update],
  );
  const clearFilters = useCallback(() => update(NO_FILTERS), [update]);
  const hrefForPage = (page: number) => `${paths.clusters()}${searchFor({ page })}`;

  return (
    <section aria-labelledby="sessions-title">
      <h1 id="sessions-title" className="page-title">
        Sessions
      </h1>
      <SessionFilters
        filters={state}
        namespaces={sessions.data?.namespaces ?? []}
        onChange={changeFilter}
        onClear={clearFilters}
      />
      <LiveListNotice message={sessions.data?.liveNotice} />
      {sessions.isError ? (
        <ErrorPanel
          title="Could not load sessions"
          error={sessions.error}
          onRetry={() => void sessions.refetch()}
        />
      ) : sessions.isPending ? (
        <Skeleton label="Loading sessions" lines={6} />
      ) : sessions.data.total === 0 ? (
        hasFilters(state) ? (
          <EmptyState title="No sessions match these filters">
            <p>Widen the date range or clear a filter to see more.</p>
            <button type="button" className="ui-button" onClick={clearFilters}>
              Clear filters
            </button>
          </EmptyState>
        ) : (
          <EmptyState title="No sessions recorded yet">
            <p>
              Sessions appear here once a Ray cluster with the KubeRay history collector has
              uploaded its events to the configured storage.
            </p>
          </EmptyState>
        )
      ) : sessions.data.sessions.length === 0 ? (
        <EmptyState title={`There is no page ${state.page}`}>
          <p>
            {sessions.data.total} sessions match, on fewer pages.{' '}
            <AppLink to={hrefForPage(1)}>Go to the first page</AppLink>
          </p>
        </EmptyState>
      ) : (
        <div aria-busy={sessions.isPlaceholderData}>
          <SessionGroupList
            groups={groupSessions(sessions.data.sessions, state.page === 1 && !state.to)}
          />
          <Pagination
            page={sessions.data.page}
            pageSize={sessions.data.pageSize}
            total={sessions.data.total}
            noun="sessions"
            hrefForPage={hrefForPage}
          />
        </div>
      )}
    </section>
  );
}
