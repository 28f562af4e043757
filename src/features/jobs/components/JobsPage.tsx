import { useMemo } from 'react';
import { useNavigate } from 'react-router';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { useAppHref } from '../../../lib/embed';
import { EmptyState } from '../../../components/ui/EmptyState';
import { ErrorPanel } from '../../../components/ui/ErrorPanel';
import { FilterBar, SelectFilter } from '../../../components/ui/FilterBar';
import { DataTable } from '../../../components/ui/data-table/DataTable';
import type { SortOrder } from '../../../components/ui/data-table/DataTable';
import { sortRows } from '../../../components/ui/data-table/sort-rows';
import { paths } from '../../../../contract/paths';
import { useUrlState } from '../../../lib/url-state';
import { useSessionScope } from '../../../lib/session/SessionScopeContext';
import { SessionLoadProgress } from '../../../components/session/SessionLoadProgress';
import { useJobs } from '../../../lib/jobs/get-jobs';
import { distinctValues, filterJobs, jobKey } from '../job-rows';
import { jobColumns } from './job-columns';

const URL_STATE = { status: '', type: '', sort: 'start_time', order: 'desc' };

/** /jobs: every job of the session, filtered by status and type, sorted in the browser. */
export function JobsPage() {
  const scope = useSessionScope();
  const jobs = useJobs(scope);
  const [state, update] = useUrlState(URL_STATE);
  const navigate = useNavigate();
  const href = useAppHref();
  useDocumentTitle(`${scope.name} · Jobs`);
  const columns = useMemo(() => jobColumns(scope), [scope]);
  const sort = { by: state.sort, order: (state.order === 'asc' ? 'asc' : 'desc') as SortOrder };

  if (jobs.isPending) return <SessionLoadProgress label="Loading jobs" />;
  if (jobs.isError) {
    return (
      <ErrorPanel
        title="Could not load jobs"
        error={jobs.error}
        onRetry={() => void jobs.refetch()}
      />
    );
  }

  const rows = sortRows(filterJobs(jobs.data, state), columns, sort);
  const filtered = Boolean(state.status || state.type);
  return (
    <section aria-labelledby="jobs-title">
      <h1 id="jobs-title" className="page-title">
        Jobs
      </h1>
      <FilterBar
        label="Job filters"
        onClear={filtered ? () => update({ status: '', type: '' }) : undefined}
      >
        <SelectFilter
          label="Status"
          value={state.status}
          options={distinctValues(jobs.data, 'status').map((v) => ({ value: v, label: v }))}
          onChange={(status) => update({ status })}
        />
        <SelectFilter
          label="Type"
          value={state.type}
          options={distinctValues(jobs.data, 'type').map((v) => ({ value: v, label: v }))}
          onChange={(type) => update({ type })}
        />
      </FilterBar>
      <p className="muted" aria-live="polite">
        {rows.length} of {jobs.data.length} jobs
      </p>
      <DataTable
        tableId="jobs"
        caption="Jobs of this session"
        rows={rows}
        columns={columns}
        rowKey={(job) => jobKey(job) || job.entrypoint}
        sort={sort}
        onSortChange={(next) => update({ sort: next.by, order: next.order }, { replace: true })}
        onRowActivate={(job) => void navigate(href(paths.job(scope, jobKey(job))))}
        empty={
          <EmptyState title={filtered ? 'No job matches these filters' : 'No jobs recorded'}>
            {filtered
              ? 'Clear the filters to see every job.'
              : 'This session recorded no job events.'}
          </EmptyState>
        }
      />
    </section>
  );
}

export default JobsPage;
