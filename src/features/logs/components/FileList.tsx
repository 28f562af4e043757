import { useState } from 'react';
import { useTimeFormat } from '../../../lib/time/TimeFormatProvider';
import { AppLink } from '../../../components/ui/AppLink';
import { ErrorPanel } from '../../../components/ui/ErrorPanel';
import { Skeleton } from '../../../components/ui/Skeleton';
import { paths } from '../../../../contract/paths';
import type { SessionScope } from '../../../../contract/api';
import { useLogFiles } from '../api/get-log-files';
import type { LogFileEntry } from '../../../../contract/log-types';
import { foldersOf, groupFiles } from '../file-groups';
import { formatBytes } from '../../../lib/format';

function FileRow({
  scope,
  nodeId,
  file,
}: {
  scope: SessionScope;
  nodeId: string;
  file: LogFileEntry;
}) {
  const { formatTime } = useTimeFormat();
  return (
    <li>
      <AppLink to={paths.logFile(scope, nodeId, file.path)} className="mono">
        {file.name}
      </AppLink>
      <span className="log-files__size">{formatBytes(file.size)}</span>
      <span className="log-files__time">{formatTime(file.mtime)}</span>
    </li>
  );
}

function FolderRow(props: {
  scope: SessionScope;
  nodeId: string;
  folder: LogFileEntry;
  filter: string;
}) {
  const [open, setOpen] = useState(false);
  return (
    <li>
      <button
        type="button"
        className="log-files__folder mono"
        aria-expanded={open}
        onClick={() => setOpen((v) => !v)}
      >
        {open ? '▾' : '▸'} {props.folder.name}
      </button>
      <span />
      <span />
      {open && (
        <div className="log-files__sub">
          <FolderContents {...props} prefix={props.folder.path} />
        </div>
      )}
    </li>
  );
}

/** One folder of a node's logs: its folders (expandable), then its files by category. */
export function FolderContents({
  scope,
  nodeId,
  prefix,
  filter,
}: {
  scope: SessionScope;
  nodeId: string;
  prefix: string;
  filter: string;
}) {
  const files = useLogFiles(scope, nodeId, prefix);
  if (files.isPending) return <Skeleton label={`Loading ${prefix || 'log files'}`} />;
  if (files.isError)
    return (
      <ErrorPanel
        title="Could not list the log files"
        error={files.error}
        onRetry={() => void files.refetch()}
      />
    );
  const folders = foldersOf(files.data.files);
  const groups = groupFiles(files.data.files, filter);
  if (folders.length === 0 && groups.length === 0)
    return <p>{filter ? `No file names contain “${filter}” here.` : 'This folder is empty.'}</p>;
  return (
    <div className="log-files">
      {folders.length > 0 && (
        <ul aria-label={`Folders in ${prefix || 'logs'}`}>
          {folders.map((folder) => (
            <FolderRow
              key={folder.path}
              scope={scope}
              nodeId={nodeId}
              folder={folder}
              filter={filter}
            />
          ))}
        </ul>
      )}
      {groups.map((group) => (
        <section key={group.category} className="log-files__group" aria-label={group.label}>
          <h3>
            {group.label} ({group.files.length})
          </h3>
          <ul>
            {group.files.map((file) => (
              <FileRow key={file.path} scope={scope} nodeId={nodeId} file={file} />
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
