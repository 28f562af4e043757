import { EntityLink } from '../../../components/ui/EntityLink';
import { StatusChip } from '../../../components/ui/StatusChip';
import { DurationText, TimeText } from '../../../components/ui/TimeText';
import type { Column } from '../../../components/ui/data-table/DataTable';
import type { SessionScope } from '../../../../contract/api';
import type { RayJob } from '../../../../contract/ray';
import { exceptionLine } from '../../../lib/jobs/job-failure';
import { jobDurationMs, jobKey } from '../job-rows';
import { stripAnsi } from '../../../../contract/ansi';

export function jobColumns(scope: SessionScope): Column<RayJob>[] {
  return [
    {
      id: 'status',
      header: 'Status',
      cell: (job) => <StatusChip state={job.status} />,
      sortKey: 'status',
      sortValue: (job) => job.status,
      hideable: false,
    },
    {
      id: 'job_id',
      header: 'Job ID',
      cell: (job) => (
        <EntityLink scope={scope} kind="job" id={jobKey(job)} label={job.job_id ?? undefined} />
      ),
      sortKey: 'job_id',
      sortValue: (job) => job.job_id,
      hideable: false,
    },
    {
      id: 'submission_id',
      header: 'Submission ID',
      cell: (job) => <span className="mono">{job.submission_id ?? '—'}</span>,
      sortKey: 'submission_id',
      sortValue: (job) => job.submission_id,
    },
    {
      id: 'type',
      header: 'Type',
      cell: (job) => job.type,
      sortKey: 'type',
      sortValue: (job) => job.type,
    },
    {
      id: 'entrypoint',
      header: 'Entrypoint',
      cell: (job) => <code>{job.entrypoint}</code>,
      sortKey: 'entrypoint',
      sortValue: (job) => job.entrypoint,
    },
    {
      id: 'start',
      header: 'Start',
      cell: (job) => <TimeText ms={job.start_time} />,
      sortKey: 'start_time',
      sortValue: (job) => job.start_time,
    },
    {
      id: 'end',
      header: 'End',
      defaultHidden: true,
      cell: (job) => <TimeText ms={job.end_time} />,
      sortKey: 'end_time',
      sortValue: (job) => job.end_time,
    },
    {
      id: 'duration',
      header: 'Duration',
      cell: (job) => <DurationText ms={jobDurationMs(job)} />,
      sortKey: 'duration',
      sortValue: jobDurationMs,
      align: 'end',
    },
    {
      id: 'message',
      header: 'Message',
      // A traceback's start is file paths; its last line is the exception, which the list shows
      // (wrapped, the whole message in the tooltip; the job page has it all).
      cell: (job) => (
        <span className="text-clamp" title={job.message ? stripAnsi(job.message) : undefined}>
          {exceptionLine(job.message) ?? ''}
        </span>
      ),
    },
  ];
}
