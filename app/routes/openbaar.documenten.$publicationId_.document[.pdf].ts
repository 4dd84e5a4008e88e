import type { LoaderFunctionArgs } from "@remix-run/node";
import type { SerializedDocument } from "~/editor/document-json";
import { FIELD_PLACEHOLDERS } from "~/editor/templates";
import { publicPublication } from "~/models/publication.server";
import { download } from "~/utils/download.server";
import { toDateInputValue } from "~/utils/format";
import { i18next } from "~/utils/i18next.server";
import { translate } from "~/locales/lookup";
import { escapeXml } from "~/utils/woo";

/** A withdrawn document's PDF is gone: 410 with a short page that says when and why, in the reader's language. */
async function gonePage(request: Request, id: string, at: Date, reason: string) {
  const lng = (await i18next.getLocale(request)) === "en" ? "en" : "nl";
  const t = (key: string, values?: Record<string, string>) => escapeXml(translate(lng, key, values));
  const date = new Intl.DateTimeFormat(lng === "en" ? "en-GB" : "nl-NL", {
    dateStyle: "long",
    timeZone: "Europe/Amsterdam",
  }).format(at);
  const html = `<!DOCTYPE html>
<html lang="${lng}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t("woo.titles.gone")} · ${t("app.name")}</title></head>
<body><main><h1>${t("woo.titles.gone")}</h1>
<p>${t("woo.withdrawnOn", { date })}. ${t("woo.reason")}: ${escapeXml(reason)}</p>
<p><a href="/openbaar/documenten/${encodeURIComponent(id)}">${t("woo.toDocumentPage")}</a></p></main></body></html>`;
  return new Response(html, {
    status: 410,
    headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" },
  });
}

/**
 * The PDF of a published document, without sign-in: a sent revision (its per-municipality fields as placeholders,
 * as the signed-in download renders it) or the board's answer letter. Only ever a published, sent text.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const found = params.publicationId ? await publicPublication(params.publicationId) : null;
  if (!found || found.source.type === "vote")
    return new Response("Niet gevonden", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  if (found.withdrawnAt) return gonePage(request, found.id, found.withdrawnAt, found.withdrawReason ?? "");
  const source = found.source;
  if (source.type === "answer") {
    const { answerLetterFileName, renderAnswerLetterPdf } = await import("~/render/pdf/answer.server");
    const letter = {
      trail: source.trail,
      municipality: source.municipality.name,
      zienswijze: {
        text: source.position.text,
        meetingOn: source.position.meetingDate ? toDateInputValue(source.position.meetingDate) : null,
        decisionReference: source.position.decisionReference,
      },
      answer: { text: source.text, answeredOn: toDateInputValue(source.answeredOn) },
    };
    return download(await renderAnswerLetterPdf(letter), "application/pdf", answerLetterFileName(letter));
  }
  const [{ renderDocumentPdf }, { PdfWriter }] = await Promise.all([
    import("~/render/pdf/document.server"),
    import("~/render/pdf/writer.server"),
  ]);
  const title = `${source.document.title} (revisie ${source.number})`;
  const writer = new PdfWriter({
    title,
    subject: `${found.trail.title} (${found.trail.reference})`,
    header: title,
    generatedAt: new Date(),
    labels: { page: (n, of) => `Pagina ${n} van ${of}`, generatedAt: "Gemaakt op" },
  });
  writer.heading(1, title);
  renderDocumentPdf(writer, JSON.parse(source.content) as SerializedDocument, {
    fieldPlaceholder: (f) => FIELD_PLACEHOLDERS[f],
  });
  return download(await writer.finish(), "application/pdf", `${source.document.title} - revisie ${source.number}.pdf`);
}
