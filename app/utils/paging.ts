/** Offset paging of the app's lists (the API pages by cursor: app/utils/cursor.server.ts). */

/** Rows per page of the lists on the overview and the trail list. */
export const LIST_PAGE_SIZE = 50;

/** A page of a list: its rows, how many there are in all, and which page of how many it is. */
export interface ListPageOf<T> {
  rows: T[];
  total: number;
  page: number;
  pages: number;
}

/** The 1-based page within the total (a page past the end shows the last one) and the rows to skip. */
export function pageWithin(total: number, requested: number, pageSize: number) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(Math.max(1, requested), pages);
  return { page, pages, skip: (page - 1) * pageSize };
}
