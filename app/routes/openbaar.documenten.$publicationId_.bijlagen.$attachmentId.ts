import type { LoaderFunctionArgs } from "@remix-run/node";
import { readAttachment } from "~/models/attachment.server";
import { publicPublication } from "~/models/publication.server";
import { download } from "~/utils/download.server";

const notFound = () =>
  new Response("Niet gevonden", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });

/** An annex of a published, sent revision, without sign-in; never one marked internal, never of a withdrawn one. */
export async function loader({ params }: LoaderFunctionArgs) {
  const found = params.publicationId ? await publicPublication(params.publicationId) : null;
  if (!found || found.withdrawnAt || found.source.type !== "revision") return notFound();
  // The published revision's own annexes, already without the internal ones.
  if (!found.source.annexes.some((a) => a.id === params.attachmentId)) return notFound();
  const annex = await readAttachment(params.attachmentId!);
  if (!annex || annex.row.internal) return notFound();
  return download(annex.bytes, annex.row.mediaType, annex.row.fileName);
}
