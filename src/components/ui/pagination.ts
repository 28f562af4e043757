/** What a pagination control needs to say: "Page 2 of 7", "Showing 26–50 of 160". */
export interface PageSummary {
  page: number;
  pageCount: number;
  firstItem: number;
  lastItem: number;
  total: number;
  hasPrevious: boolean;
  hasNext: boolean;
}

export function summarizePage(page: number, pageSize: number, total: number): PageSummary {
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const firstItem = total === 0 ? 0 : Math.min(total, (page - 1) * pageSize + 1);
  const lastItem = Math.min(total, page * pageSize);
  return {
    page,
    pageCount,
    firstItem,
    lastItem: Math.max(firstItem, lastItem),
    total,
    hasPrevious: page > 1,
    hasNext: page < pageCount,
  };
}
