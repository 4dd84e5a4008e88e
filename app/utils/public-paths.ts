/**
 * The public (Woo) publication's addresses, shared by its pages, its sitemaps and the open data that links to
 * them: one place, so that a link in /open/… always leads to a page that exists.
 */
export const publicPaths = {
  home: "/openbaar",
  trail: (reference: string) => `/openbaar/${encodeURIComponent(reference)}`,
  revisionPdf: (revisionId: string) => `/openbaar/documenten/${encodeURIComponent(revisionId)}.pdf`,
  answerPdf: (answerId: string) => `/openbaar/antwoorden/${encodeURIComponent(answerId)}.pdf`,
};
