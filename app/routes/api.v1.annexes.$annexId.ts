import type { LoaderFunctionArgs } from "@remix-run/node";
import { readAttachment } from "~/models/attachment.server";
import { apiError, requireApiUser } from "~/utils/api.server";
import { download } from "~/utils/download.server";

/** An annex's file (of a trail or a document revision; a position's attachment is not served here). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireApiUser(request);
  const found = params.annexId ? await readAttachment(params.annexId) : null;
  if (!found || found.row.positionId) return apiError(404, "annex_not_found", "Deze bijlage bestaat niet.");
  return download(found.bytes, found.row.mediaType, found.row.fileName);
}
