/**
 * Stored documents to PDF: one renderer per node type, the same node types the
 * HTML renderer covers. Block nodes write structure elements through the
 * PdfWriter; inline nodes become runs of text. Per-municipality fields are
 * filled when a letter is addressed to one council.
 */
import {
  DOCUMENT_NODE_TYPES,
  TEXT_FORMAT,
  type DocumentNodeType,
  type MunicipalityField,
  type SerializedDocument,
  type SerializedNode,
} from "~/editor/document-json";
import { safeUrl, type RenderOptions } from "../html.server";
import { documentLabels } from "../labels";
import type { PdfWriter, Run } from "./writer.server";

/** The same options as the HTML renderer: field values, placeholders, labels. */
export type PdfRenderOptions = RenderOptions;

interface PdfContext {
  writer: PdfWriter;
  options: PdfRenderOptions;
  footnotes: string[];
  decisionPoints: number;
  parent: PDFKit.PDFStructureElement | undefined;
}

type InlineRenderer = (node: SerializedNode, context: PdfContext) => Run[];
type BlockRenderer = (node: SerializedNode, context: PdfContext) => void;

const DEFAULT_LABELS = documentLabels("nl");

function inline(nodes: SerializedNode[] | undefined, context: PdfContext): Run[] {
  return (nodes ?? []).flatMap((child) => {
    const renderer = PDF_RENDERERS[child.type as DocumentNodeType];
    return renderer?.kind === "inline" ? renderer.render(child, context) : [];
  });
}

function blocks(nodes: SerializedNode[] | undefined, context: PdfContext) {
  for (const child of nodes ?? []) {
    const renderer = PDF_RENDERERS[child.type as DocumentNodeType];
    if (renderer?.kind === "block") renderer.render(child, context);
  }
}

/** A list's items as runs, nested lists flattened with an indent marker. */
function listItems(list: SerializedNode, context: PdfContext, depth = 0): { runs: Run[]; depth: number }[] {
  return (list.children ?? []).flatMap((item) => {
    const own = inline(
      (item.children ?? []).filter((c) => c.type !== "list"),
      context,
    );
    const nested = (item.children ?? [])
      .filter((c) => c.type === "list")
      .flatMap((l) => listItems(l, context, depth + 1));
    return [...(own.length ? [{ runs: own, depth }] : []), ...nested];
  });
}

export const PDF_RENDERERS: Record<
  DocumentNodeType,
  { kind: "inline"; render: InlineRenderer } | { kind: "block"; render: BlockRenderer }
> = {
  root: { kind: "block", render: (node, c) => blocks(node.children, c) },
  paragraph: { kind: "block", render: (node, c) => c.writer.paragraph(inline(node.children, c), c.parent) },
  heading: {
    kind: "block",
    // A document's h1 is a section heading in the PDF (the PDF's own title is H1).
    render: (node, c) =>
      c.writer.heading(
        Math.min(3, Number(String(node.tag).slice(1)) + 1) as 2 | 3,
        inline(node.children, c)
          .map((r) => r.text)
          .join(""),
        c.parent,
      ),
  },
  quote: {
    kind: "block",
    render: (node, c) =>
      c.writer.paragraph(
        inline(node.children, c).map((r) => ({ ...r, italic: true })),
        c.parent,
      ),
  },
  list: {
    kind: "block",
    render: (node, c) => {
      // Nested levels are drawn indented under their parent item.
      const items = listItems(node, c);
      let i = 0;
      while (i < items.length) {
        const depth = items[i]!.depth;
        const run: Run[][] = [];
        while (i < items.length && items[i]!.depth === depth) run.push(items[i++]!.runs);
        c.writer.list(run, node.listType === "number" && depth === 0, c.parent, { indent: depth * 18 });
      }
    },
  },
  listitem: { kind: "block", render: () => undefined },
  table: {
    kind: "block",
    render: (node, c) => {
      const rows = (node.children ?? []).map((row) =>
        (row.children ?? []).map((cell) => ({
          cell,
          runs: (cell.children ?? []).flatMap((p) => [...inline(p.children, c), { text: " " }]),
        })),
      );
      const [first, ...rest] = rows;
      if (!first) return;
      const hasHeader = first.every((x) => Number(x.cell.headerState ?? 0) & 1);
      const header = hasHeader
        ? first.map((x) =>
            x.runs
              .map((r) => r.text)
              .join("")
              .trim(),
          )
        : first.map((_, i) => `${i + 1}`);
      const body = (hasHeader ? rest : rows).map((row) => row.map((x) => x.runs));
      c.writer.table(
        header,
        body,
        {
          rowHeaders:
            body.every((row) => row.length > 0) &&
            rows.slice(hasHeader ? 1 : 0).every((row) => Number(row[0]?.cell.headerState ?? 0) & 2),
        },
        c.parent,
      );
    },
  },
  tablerow: { kind: "block", render: () => undefined },
  tablecell: { kind: "block", render: () => undefined },
  "decision-point": {
    kind: "block",
    render: (node, c) => {
      c.decisionPoints += 1;
      const label = c.options.labels?.decisionPoint ?? DEFAULT_LABELS.decisionPoint;
      c.writer.paragraph(
        [{ text: `${label} ${c.decisionPoints}. `, bold: true }, ...inline(node.children, c)],
        c.parent,
      );
    },
  },
  "generated-section": {
    kind: "block",
    render: (node, c) => {
      const section = c.writer.section("Sect", c.parent, {
        title: c.options.labels?.generated ?? DEFAULT_LABELS.generated,
      });
      c.writer.paragraph([{ text: c.options.labels?.generated ?? DEFAULT_LABELS.generated, italic: true }], section);
      blocks(node.children, { ...c, parent: section });
      c.writer.endSection(section);
    },
  },
  text: {
    kind: "inline",
    render: (node) => {
      const format = Number(node.format ?? 0);
      return [
        {
          text: String(node.text ?? ""),
          bold: !!(format & TEXT_FORMAT.bold),
          italic: !!(format & TEXT_FORMAT.italic),
          superscript: !!(format & TEXT_FORMAT.superscript),
        },
      ];
    },
  },
  linebreak: { kind: "inline", render: () => [{ text: "\n" }] },
  tab: { kind: "inline", render: () => [{ text: "    " }] },
  link: {
    kind: "inline",
    render: (node, c) => {
      const href = safeUrl(String(node.url ?? ""));
      const runs = inline(node.children, c);
      return href && /^(https?|mailto):/.test(href) ? runs.map((r) => ({ ...r, link: href })) : runs;
    },
  },
  "municipality-field": {
    kind: "inline",
    render: (node, c) => {
      const field = node.field as MunicipalityField;
      return [{ text: c.options.fields?.[field] ?? c.options.fieldPlaceholder?.(field) ?? String(node.text ?? "") }];
    },
  },
  footnote: {
    kind: "inline",
    render: (node, c) => {
      c.footnotes.push(String(node.note ?? ""));
      return [{ text: String(c.footnotes.length), superscript: true }];
    },
  },
};

for (const type of DOCUMENT_NODE_TYPES) if (!PDF_RENDERERS[type]) throw new Error(`No PDF renderer for ${type}`);

/** Writes a document's content into the writer, with its notes at the end. */
export function renderDocumentPdf(
  writer: PdfWriter,
  document: SerializedDocument,
  options: PdfRenderOptions = {},
  parent?: PDFKit.PDFStructureElement,
) {
  const context: PdfContext = { writer, options, footnotes: [], decisionPoints: 0, parent };
  blocks(document.root.children, context);
  if (context.footnotes.length) {
    writer.heading(2, options.labels?.notes ?? DEFAULT_LABELS.notes, parent);
    writer.list(
      context.footnotes.map((note) => [{ text: note }]),
      true,
      parent,
    );
  }
}
