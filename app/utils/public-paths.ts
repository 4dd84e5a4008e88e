/**
 * The public (Woo) publication's addresses, shared by its pages, its sitemaps and the open data that links to
 * them: one place, so that a link in /open/… always leads to a page that exists.
 */
export const publicPaths = {
  home: "/openbaar",
  trail: (reference: string) => `/openbaar/${encodeURIComponent(reference)}`,
  publication: (publicationId: string) => `/openbaar/documenten/${encodeURIComponent(publicationId)}`,
  publicationPdf: (publicationId: string) => `/openbaar/documenten/${encodeURIComponent(publicationId)}/document.pdf`,
};
