import type { LoaderFunctionArgs } from "@remix-run/node";
import { councilLetters } from "~/models/letters.server";
import { renderLettersZip } from "~/render/pdf/letter.server";
import { apiError, requireApiUser } from "~/utils/api.server";
import { download } from "~/utils/download.server";

/** A document's letters to the councils, a PDF per council in one zip. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireApiUser(request);
  const set = await councilLetters(params.documentId ?? "");
  if (!set) return apiError(404, "document_not_found", "Dit document bestaat niet.");
  return download(await renderLettersZip(set), "application/zip", `${set.document.title} - brieven per raad.zip`);
}
