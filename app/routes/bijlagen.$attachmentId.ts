import type { LoaderFunctionArgs } from "@remix-run/node";
import { readAttachment } from "~/models/attachment.server";
import { download } from "~/utils/download.server";
import { requireUser } from "~/utils/session.server";

/** Downloads an attachment; everyone signed in reads the region's documents. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request);
  const found = params.attachmentId ? await readAttachment(params.attachmentId) : null;
  if (!found) return new Response("Niet gevonden", { status: 404 });
  // The name as uploaded (Word's en dashes, é, ĳ) in RFC 6266's filename*, with an ASCII fallback.
  return download(found.bytes, found.row.mediaType, found.row.fileName);
}
