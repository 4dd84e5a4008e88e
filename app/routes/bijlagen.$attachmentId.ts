import type { LoaderFunctionArgs } from "@remix-run/node";
import { readAttachment } from "~/models/attachment.server";
import { requireUser } from "~/utils/session.server";

/** Downloads an attachment; everyone signed in reads the region's documents. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request);
  const found = params.attachmentId ? await readAttachment(params.attachmentId) : null;
  if (!found) return new Response("Niet gevonden", { status: 404 });
  return new Response(found.bytes, {
    headers: {
      "Content-Type": found.row.mediaType,
      "Content-Length": String(found.row.size),
      "Content-Disposition": `attachment; filename="${found.row.fileName}"; filename*=UTF-8''${encodeURIComponent(found.row.fileName)}`,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-cache",
    },
  });
}
