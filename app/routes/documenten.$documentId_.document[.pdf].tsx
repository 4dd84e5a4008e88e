import type { LoaderFunctionArgs } from "@remix-run/node";
import { FIELD_PLACEHOLDERS } from "~/editor/templates";
import { getDocument } from "~/models/document.server";
import { download } from "~/utils/download.server";
import { httpError } from "~/utils/http.server";
import { requireUser } from "~/utils/session.server";

/** One revision of a document as a tagged PDF, its per-municipality fields as placeholders. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request);
  const requested = Number(new URL(request.url).searchParams.get("revisie") ?? "");
  const loaded = await getDocument(
    params.documentId ?? "",
    Number.isInteger(requested) && requested > 0 ? requested : undefined,
  );
  if (!loaded) throw httpError(404, "document_not_found", "Dit document of deze revisie bestaat niet.");
  const [{ renderDocumentPdf }, { PdfWriter }] = await Promise.all([
    import("~/render/pdf/document.server"),
    import("~/render/pdf/writer.server"),
  ]);
  const title = `${loaded.document.title} (revisie ${loaded.revision.number})`;
  const writer = new PdfWriter({
    title,
    subject: `${loaded.document.trail.title} (${loaded.document.trail.reference})`,
    header: title,
    generatedAt: new Date(),
    labels: { page: (n, of) => `Pagina ${n} van ${of}`, generatedAt: "Gemaakt op" },
  });
  writer.heading(1, title);
  renderDocumentPdf(writer, loaded.content, { fieldPlaceholder: (f) => FIELD_PLACEHOLDERS[f] });
  return download(
    await writer.finish(),
    "application/pdf",
    `${loaded.document.title} - revisie ${loaded.revision.number}.pdf`,
  );
}
