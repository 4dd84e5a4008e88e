import type { LoaderFunctionArgs } from "@remix-run/node";
import { annexFilesForZip, councilLetters, requireSignatoriesOrConfirmation } from "~/models/letters.server";
import { download } from "~/utils/download.server";
import { httpError } from "~/utils/http.server";
import { requireUser } from "~/utils/session.server";

/** Every council's letter as its own PDF, in one zip; with `?bijlagen=on` the revision's annexes too, under "Bijlagen/". */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request);
  const set = await councilLetters(params.documentId ?? "");
  if (!set) throw httpError(404, "document_not_found", "Dit document bestaat niet.");
  const unconfirmed = requireSignatoriesOrConfirmation(set, request);
  if (unconfirmed) throw unconfirmed;
  // pdfkit and its fonts load with the first PDF, not with the server.
  const { renderLettersZip } = await import("~/render/pdf/letter.server");
  const withAnnexes = new URL(request.url).searchParams.get("bijlagen") === "on";
  const annexes = withAnnexes ? annexFilesForZip(set.annexes) : [];
  return download(
    await renderLettersZip(set, new Date(), annexes),
    "application/zip",
    `${set.document.title} - brieven per raad.zip`,
  );
}
