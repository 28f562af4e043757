import { AppLink } from './AppLink';
import { summarizePage } from './pagination';
import './ui.css';

/** Previous / next links (so every page is a shareable URL) with "Page 2 of 7" and counts. */
export function Pagination({
  page,
  pageSize,
  total,
  noun,
  hrefForPage,
}: {
  page: number;
  pageSize: number;
  total: number;
  /** Plural name of the items, e.g. "sessions". */
  noun: string;
  hrefForPage: (page: number) => string;
}) {
  const summary = summarizePage(page, pageSize, total);
  return (
    <nav className="ui-pagination" aria-label="Pages">
      {summary.hasPrevious ? (
        <AppLink to={hrefForPage(page - 1)} rel="prev" className="ui-button">
          Previous page
        </AppLink>
      ) : (
        <span className="ui-button" aria-disabled="true">
          Previous page
        </span>
      )}
      <p className="ui-pagination__status" aria-live="polite">
        Page {summary.page} of {summary.pageCount}
        <span className="ui-pagination__counts">
          {' '}
          · showing {summary.firstItem}–{summary.lastItem} of {summary.total} {noun}
        </span>
      </p>
      {summary.hasNext ? (
        <AppLink to={hrefForPage(page + 1)} rel="next" className="ui-button">
          Next page
        </AppLink>
      ) : (
        <span className="ui-button" aria-disabled="true">
          Next page
        </span>
      )}
    </nav>
  );
}
