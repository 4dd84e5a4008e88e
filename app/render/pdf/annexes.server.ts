/** The "Bijlagen" of a letter or a status brief: each annex's file name, title and size, as a tagged table. */
import type { Annex } from "~/models/annex.server";
import { dutch } from "~/locales/lookup";
import type { PdfWriter } from "./writer.server";

export function writeAnnexTable(
  writer: PdfWriter,
  annexes: readonly Pick<Annex, "fileName" | "title" | "size">[],
  caption: string,
  parent?: PDFKit.PDFStructureElement,
) {
  writer.table(
    [dutch("annexes.name"), dutch("annexes.label"), dutch("annexes.size")],
    annexes.map((a) => [a.fileName, a.title ?? "—", dutch("attachments.size", { kb: Math.ceil(a.size / 1024) })]),
    { widths: [0.45, 0.4, 0.15], caption },
    parent,
  );
}
