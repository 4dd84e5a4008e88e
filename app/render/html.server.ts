/**
 * Stored documents to HTML on the server, one renderer per node type, without
 * a DOM and without Lexical. Every piece of text and every attribute is
 * escaped; links keep only safe schemes; nothing the author typed reaches the
 * page as markup. Only documents that passed `parseDocument` come here.
 */
import { sameSitePath } from "~/utils/same-site";
import { documentLabels, type DocumentLabels } from "./labels";
import {
  DOCUMENT_NODE_TYPES,
  TEXT_FORMAT,
  type DocumentNodeType,
  type MunicipalityField,
  type SerializedDocument,
  type SerializedNode,
} from "~/editor/document-json";

export interface RenderOptions {
  /** Values for the per-municipality fields when the document is addressed to one council. */
  fields?: Partial<Record<MunicipalityField, string>>;
  /** Shown in place of an unfilled field, e.g. "[gemeente]". */
  fieldPlaceholder?: (field: MunicipalityField) => string;
  /** Words for the decision point label and the notes heading, in the reader's language (default Dutch). */
  labels?: DocumentLabels;
}

interface RenderContext {
  options: RenderOptions;
  footnotes: string[];
  decisionPoints: number;
}

type Renderer = (node: SerializedNode, context: RenderContext, children: () => string) => string;

export function escapeHtml(value: string): string {
  return value.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!,
  );
}

/** http(s), mailto, and links within the app; anything else (javascript:, data:, …) is dropped. */
export function safeUrl(url: string): string | null {
  const trimmed = url.trim();
  if (trimmed.startsWith("/")) return sameSitePath(trimmed);
  if (trimmed.startsWith("#")) return trimmed;
  try {
    const parsed = new URL(trimmed);
    return ["http:", "https:", "mailto:"].includes(parsed.protocol) ? parsed.href : null;
  } catch {
    return null;
  }
}

function formatted(text: string, format: number): string {
  let html = escapeHtml(text);
  const wrap = (bit: number, tag: string) => {
    if (format & bit) html = `<${tag}>${html}</${tag}>`;
  };
  wrap(TEXT_FORMAT.code, "code");
  wrap(TEXT_FORMAT.subscript, "sub");
  wrap(TEXT_FORMAT.superscript, "sup");
  wrap(TEXT_FORMAT.strikethrough, "s");
  wrap(TEXT_FORMAT.underline, "u");
  wrap(TEXT_FORMAT.highlight, "mark");
  wrap(TEXT_FORMAT.italic, "em");
  wrap(TEXT_FORMAT.bold, "strong");
  return html;
}

const ALIGN = new Set(["left", "center", "right", "justify"]);
/** Paragraph alignment as a class (the CSP allows no inline styles). */
function alignClass(node: SerializedNode): string {
  return typeof node.format === "string" && ALIGN.has(node.format) ? ` class="h10-align-${node.format}"` : "";
}

const DEFAULT_LABELS = documentLabels("nl");

export const HTML_RENDERERS: Record<DocumentNodeType, Renderer> = {
  root: (_node, _context, children) => children(),
  paragraph: (node, _context, children) => `<p${alignClass(node)}>${children() || "<br>"}</p>`,
  heading: (node, _context, children) => {
    const tag = ["h1", "h2", "h3", "h4"].includes(String(node.tag)) ? String(node.tag) : "h2";
    // A document's headings sit under the page's own h1.
    const shifted = `h${Math.min(6, Number(tag.slice(1)) + 1)}`;
    return `<${shifted}${alignClass(node)}>${children()}</${shifted}>`;
  },
  quote: (_node, _context, children) => `<blockquote>${children()}</blockquote>`,
  text: (node) => formatted(String(node.text ?? ""), Number(node.format ?? 0)),
  tab: () => "\t",
  linebreak: () => "<br>",
  list: (node, _context, children) => {
    const ordered = node.listType === "number";
    const start = ordered && typeof node.start === "number" && node.start !== 1 ? ` start="${node.start}"` : "";
    return ordered ? `<ol${start}>${children()}</ol>` : `<ul>${children()}</ul>`;
  },
  listitem: (node, _context, children) => {
    // A list item that only holds a nested list is Lexical's way of indenting.
    const nestedOnly = (node.children ?? []).length > 0 && (node.children ?? []).every((c) => c.type === "list");
    return nestedOnly ? `<li class="h10-nested">${children()}</li>` : `<li>${children()}</li>`;
  },
  link: (node, _context, children) => {
    const href = safeUrl(String(node.url ?? ""));
    if (!href) return children();
    const external = /^(https?|mailto):/.test(href);
    return `<a class="utrecht-link" href="${escapeHtml(href)}"${external ? ' rel="noopener noreferrer"' : ""}>${children()}</a>`;
  },
  table: (_node, _context, children) =>
    `<div class="h10-table-scroll"><table class="utrecht-table">${children()}</table></div>`,
  tablerow: (_node, _context, children) => `<tr>${children()}</tr>`,
  tablecell: (node, _context, children) => {
    const header = Number(node.headerState ?? 0);
    const span = `${Number(node.colSpan ?? 1) > 1 ? ` colspan="${Number(node.colSpan)}"` : ""}${Number(node.rowSpan ?? 1) > 1 ? ` rowspan="${Number(node.rowSpan)}"` : ""}`;
    // headerState: 1 row header cell (column heading), 2 column header cell (row heading), 3 both.
    if (header === 0) return `<td${span}>${children()}</td>`;
    return `<th scope="${header & 1 ? "col" : "row"}"${span}>${children()}</th>`;
  },
  "municipality-field": (node, context) => {
    const field = node.field as MunicipalityField;
    const value = context.options.fields?.[field];
    if (value !== undefined)
      return `<span class="h10-field" data-field="${escapeHtml(field)}">${escapeHtml(value)}</span>`;
    const placeholder = context.options.fieldPlaceholder?.(field) ?? String(node.text ?? "");
    return `<span class="h10-field h10-field--open" data-field="${escapeHtml(field)}">${escapeHtml(placeholder)}</span>`;
  },
  footnote: (node, context) => {
    context.footnotes.push(String(node.note ?? ""));
    const n = context.footnotes.length;
    return `<sup class="h10-footnote-ref"><a href="#noot-${n}" id="noot-ref-${n}">${n}</a></sup>`;
  },
  "decision-point": (node, context, children) => {
    context.decisionPoints += 1;
    const label = context.options.labels?.decisionPoint ?? DEFAULT_LABELS.decisionPoint;
    return `<p class="h10-decision-point" id="${escapeHtml(String(node.pointId))}"><strong>${escapeHtml(label)} ${context.decisionPoints}.</strong> ${children()}</p>`;
  },
  "generated-section": (_node, context, children) => {
    const label = context.options.labels?.generated ?? DEFAULT_LABELS.generated;
    return `<section class="h10-generated" aria-label="${escapeHtml(label)}"><p class="h10-generated__label">${escapeHtml(label)}</p>${children()}</section>`;
  },
};

// Every node type the documents may hold has a renderer (checked at start-up, not only in tests).
for (const type of DOCUMENT_NODE_TYPES) if (!HTML_RENDERERS[type]) throw new Error(`No HTML renderer for ${type}`);

function renderNode(node: SerializedNode, context: RenderContext): string {
  const renderer = HTML_RENDERERS[node.type as DocumentNodeType];
  if (!renderer) return "";
  return renderer(node, context, () => (node.children ?? []).map((child) => renderNode(child, context)).join(""));
}

/** The document as HTML, with its notes at the end. */
export function renderDocumentHtml(document: SerializedDocument, options: RenderOptions = {}): string {
  const context: RenderContext = { options, footnotes: [], decisionPoints: 0 };
  const body = renderNode(document.root, context);
  if (!context.footnotes.length) return body;
  const notes = context.footnotes
    .map(
      (note, i) =>
        `<li id="noot-${i + 1}">${escapeHtml(note)} <a href="#noot-ref-${i + 1}" aria-label="terug">↩</a></li>`,
    )
    .join("");
  return `${body}<section class="h10-footnotes"><h2>${escapeHtml(options.labels?.notes ?? DEFAULT_LABELS.notes)}</h2><ol>${notes}</ol></section>`;
}
