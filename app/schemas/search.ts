/** What the search finds (app/models/search.server.ts), shared by the results page and the server. */
export const SEARCH_KINDS = ["trail", "document", "position", "meeting", "attachment"] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

/** Results of a kind on one page. */
export const RESULTS_PER_KIND = 20;

/** A piece of a title or snippet: plain text, or a word that matched the query. */
export interface Segment {
  text: string;
  mark?: true;
}
