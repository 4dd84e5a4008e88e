import type { LoaderFunctionArgs } from "@remix-run/node";
import { councilLetters, requireSignatoriesOrConfirmation } from "~/models/letters.server";
import { download } from "~/utils/download.server";
import { httpError } from "~/utils/http.server";
import { requireUser } from "~/utils/session.server";

/** Every council's letter in one PDF, a bookmark per council. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request);
  const set = await councilLetters(params.documentId ?? "");
  if (!set) throw httpError(404, "document_not_found", "Dit document bestaat niet.");
  const unconfirmed = requireSignatoriesOrConfirmation(set, request);
  if (unconfirmed) throw unconfirmed;
  // pdfkit and its fonts load with the first PDF, not with the server.
  const { renderCombinedLettersPdf } = await import("~/render/pdf/letter.server");
  return download(await renderCombinedLettersPdf(set), "application/pdf", `${set.document.title} - alle raden.pdf`);
}
