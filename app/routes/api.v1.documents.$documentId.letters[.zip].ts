import type { LoaderFunctionArgs } from "@remix-run/node";
import { annexFilesForZip, councilLetters } from "~/models/letters.server";
import { apiError, requireApiUser } from "~/utils/api.server";
import { download } from "~/utils/download.server";

/** A document's letters to the councils, a PDF per council in one zip; with `?annexes=true` the annexes' files too. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireApiUser(request);
  const set = await councilLetters(params.documentId ?? "");
  if (!set) return apiError(404, "document_not_found", "Dit document bestaat niet.");
  // pdfkit and its fonts load with the first PDF, not with the server.
  const { renderLettersZip } = await import("~/render/pdf/letter.server");
  const annexes = new URL(request.url).searchParams.get("annexes") === "true" ? annexFilesForZip(set.annexes) : [];
  return download(
    await renderLettersZip(set, new Date(), annexes),
    "application/zip",
    `${set.document.title} - brieven per raad.zip`,
  );
}
