import { CopyButton } from './CopyButton';
import './ui.css';

/** First `keep` characters of a long id, with an ellipsis; short ids stay whole. */
export function shortenId(id: string, keep = 10): string {
  return id.length > keep + 2 ? `${id.slice(0, keep)}…` : id;
}

/** A monospace id: shortened, the full id in the title, and a copy button. */
export function IdText({
  id,
  what = 'ID',
  keep,
  copy = true,
}: {
  id: string;
  what?: string;
  keep?: number;
  copy?: boolean;
}) {
  return (
    <span className="id-text">
      <span className="mono" title={id}>
        {shortenId(id, keep)}
      </span>
      {copy && <CopyButton text={id} what={what} />}
    </span>
  );
}
