import { rowRangeText, lastPage } from '../../lib/tasks/task-views';

/** First / previous / next / last through the server's pages, with the row range. */
export function TaskPager({
  page,
  pageSize,
  total,
  shown,
  onPage,
}: {
  page: number;
  pageSize: number;
  total: number;
  shown: number;
  onPage: (page: number) => void;
}) {
  const last = lastPage(total, pageSize);
  const button = (label: string, target: number, disabled: boolean) => (
    <button type="button" className="ui-button" disabled={disabled} onClick={() => onPage(target)}>
      {label}
    </button>
  );
  return (
    <nav className="ui-pagination" aria-label="Task pages">
      {button('First page', 1, page <= 1)}
      {button('Previous page', page - 1, page <= 1)}
      <p className="ui-pagination__status" aria-live="polite">
        Page {page.toLocaleString('en-US')} of {last.toLocaleString('en-US')} ·{' '}
        {rowRangeText((page - 1) * pageSize, shown, total)}
      </p>
      {button('Next page', page + 1, page >= last)}
      {button('Last page', last, page >= last)}
    </nav>
  );
}
