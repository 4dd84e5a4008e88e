/**
 * The stored form of a document: Lexical's serialised editor state, limited to
 * the node types this product knows. Everything that is saved passes
 * `parseDocument`: unknown node types, wrong attributes, oversized or too
 * deeply nested documents are refused before anything is written. No Lexical
 * import here, so the server can check and render without an editor.
 */
import { z } from "zod";

/** Text format bits as Lexical stores them. */
export const TEXT_FORMAT = {
  bold: 1,
  italic: 2,
  strikethrough: 4,
  underline: 8,
  code: 16,
  subscript: 32,
  superscript: 64,
  highlight: 128,
} as const;

/** What a per-municipality field is filled with when a letter is addressed to one council. */
export const MUNICIPALITY_FIELDS = ["name", "council", "inhabitants", "share"] as const;
export type MunicipalityField = (typeof MUNICIPALITY_FIELDS)[number];

export const DECISION_POINT_ID = /^bp-[a-z0-9]{6,32}$/;

export const LIMITS = {
  /** Characters of serialised JSON. */
  bytes: 1_000_000,
  nodes: 20_000,
  /** Nesting of elements (lists in lists in tables …). */
  depth: 24,
  textLength: 100_000,
} as const;

/** Every node type a document may hold; the renderers cover exactly these. */
export const DOCUMENT_NODE_TYPES = [
  "root",
  "paragraph",
  "heading",
  "quote",
  "text",
  "linebreak",
  "tab",
  "list",
  "listitem",
  "link",
  "table",
  "tablerow",
  "tablecell",
  "municipality-field",
  "footnote",
  "decision-point",
  "generated-section",
] as const;
export type DocumentNodeType = (typeof DOCUMENT_NODE_TYPES)[number];

/** A serialised node: its type, its own attributes, and children for elements. */
export interface SerializedNode {
  type: string;
  version?: number;
  children?: SerializedNode[];
  [attribute: string]: unknown;
}

export interface SerializedDocument {
  root: SerializedNode & { type: "root"; children: SerializedNode[] };
}

const elementCommon = {
  children: z.array(z.unknown()),
  direction: z.enum(["ltr", "rtl"]).nullable().optional(),
  format: z.union([z.string().max(20), z.number().int()]).optional(),
  indent: z.number().int().min(0).max(10).optional(),
  version: z.number().int().optional(),
  textFormat: z.number().int().min(0).max(2047).optional(),
  textStyle: z.string().max(500).optional(),
};

const textCommon = {
  text: z.string().max(LIMITS.textLength),
  format: z.number().int().min(0).max(2047),
  style: z.string().max(500).optional(),
  mode: z.enum(["normal", "token", "segmented"]).optional(),
  detail: z.number().int().min(0).max(3).optional(),
  version: z.number().int().optional(),
};

/** The attributes each node type may carry; Lexical's own extra attributes pass, unknown types do not. */
const NODE_SCHEMAS: Record<DocumentNodeType, z.ZodType> = {
  root: z.looseObject({ type: z.literal("root"), ...elementCommon }),
  paragraph: z.looseObject({ type: z.literal("paragraph"), ...elementCommon }),
  heading: z.looseObject({ type: z.literal("heading"), tag: z.enum(["h1", "h2", "h3", "h4"]), ...elementCommon }),
  quote: z.looseObject({ type: z.literal("quote"), ...elementCommon }),
  text: z.looseObject({ type: z.literal("text"), ...textCommon }),
  linebreak: z.looseObject({ type: z.literal("linebreak") }),
  tab: z.looseObject({ type: z.literal("tab"), ...textCommon }),
  list: z.looseObject({
    type: z.literal("list"),
    listType: z.enum(["bullet", "number"]),
    start: z.number().int().min(0).max(10_000).optional(),
    tag: z.enum(["ul", "ol"]).optional(),
    ...elementCommon,
  }),
  listitem: z.looseObject({
    type: z.literal("listitem"),
    value: z.number().int().min(0).max(10_000).optional(),
    ...elementCommon,
  }),
  link: z.looseObject({
    type: z.literal("link"),
    url: z.string().max(2_000),
    rel: z.string().max(100).nullable().optional(),
    target: z.string().max(20).nullable().optional(),
    title: z.string().max(500).nullable().optional(),
    ...elementCommon,
  }),
  table: z.looseObject({ type: z.literal("table"), ...elementCommon }),
  tablerow: z.looseObject({ type: z.literal("tablerow"), ...elementCommon }),
  tablecell: z.looseObject({
    type: z.literal("tablecell"),
    headerState: z.number().int().min(0).max(3),
    colSpan: z.number().int().min(1).max(50).optional(),
    rowSpan: z.number().int().min(1).max(500).optional(),
    ...elementCommon,
  }),
  "municipality-field": z.looseObject({
    type: z.literal("municipality-field"),
    field: z.enum(MUNICIPALITY_FIELDS),
    ...textCommon,
  }),
  footnote: z.looseObject({ type: z.literal("footnote"), note: z.string().trim().min(1).max(5_000), ...textCommon }),
  "decision-point": z.looseObject({
    type: z.literal("decision-point"),
    pointId: z.string().regex(DECISION_POINT_ID),
    ...elementCommon,
  }),
  "generated-section": z.looseObject({
    type: z.literal("generated-section"),
    source: z.enum(["oplegger"]),
    ...elementCommon,
  }),
};

/** Which children an element may hold: blocks in blocks, inline nodes in text blocks. */
const INLINE = new Set(["text", "linebreak", "tab", "link", "municipality-field", "footnote"]);
const BLOCK = new Set(["paragraph", "heading", "quote", "list", "table", "decision-point", "generated-section"]);
const ALLOWED_CHILDREN: Partial<Record<DocumentNodeType, (type: string) => boolean>> = {
  root: (t) => BLOCK.has(t),
  "generated-section": (t) => BLOCK.has(t) && t !== "generated-section",
  paragraph: (t) => INLINE.has(t),
  heading: (t) => INLINE.has(t),
  quote: (t) => INLINE.has(t),
  "decision-point": (t) => INLINE.has(t),
  link: (t) => t === "text" || t === "linebreak" || t === "municipality-field",
  list: (t) => t === "listitem",
  listitem: (t) => INLINE.has(t) || t === "list",
  table: (t) => t === "tablerow",
  tablerow: (t) => t === "tablecell",
  tablecell: (t) => t === "paragraph" || t === "list",
};

export type DocumentProblem =
  | { code: "document_too_large"; limit: number }
  | { code: "document_invalid_json" }
  | { code: "document_unknown_node"; nodeType: string; path: string }
  | { code: "document_invalid_node"; nodeType: string; path: string; message: string }
  | { code: "document_misplaced_node"; nodeType: string; parentType: string; path: string }
  | { code: "document_too_deep"; limit: number }
  | { code: "document_too_many_nodes"; limit: number }
  | { code: "document_duplicate_decision_point"; pointId: string };

export type ParsedDocument =
  { ok: true; document: SerializedDocument; json: string } | { ok: false; problem: DocumentProblem };

/** Checks a document (JSON text or an already parsed value) against the node types and limits. */
export function parseDocument(
  input: string | unknown,
  /** Gives a later copy of a decision point a new id instead of refusing it (pasted points). */
  options: { renameDuplicatePoint?: () => string } = {},
): ParsedDocument {
  let value: unknown = input;
  if (typeof input === "string") {
    if (input.length > LIMITS.bytes) return { ok: false, problem: { code: "document_too_large", limit: LIMITS.bytes } };
    try {
      value = JSON.parse(input);
    } catch {
      return { ok: false, problem: { code: "document_invalid_json" } };
    }
  }
  if (typeof value !== "object" || value === null || !("root" in value))
    return { ok: false, problem: { code: "document_invalid_json" } };
  let nodes = 0;
  const pointIds = new Set<string>();
  // Iterative walk: a hostile document cannot exhaust the stack.
  const stack: { node: unknown; path: string; depth: number; parentType: string | null }[] = [
    { node: (value as { root: unknown }).root, path: "root", depth: 0, parentType: null },
  ];
  while (stack.length) {
    const { node, path, depth, parentType } = stack.pop()!;
    nodes += 1;
    if (nodes > LIMITS.nodes) return { ok: false, problem: { code: "document_too_many_nodes", limit: LIMITS.nodes } };
    if (depth > LIMITS.depth) return { ok: false, problem: { code: "document_too_deep", limit: LIMITS.depth } };
    const type =
      typeof node === "object" && node !== null && typeof (node as { type?: unknown }).type === "string"
        ? (node as { type: string }).type
        : "";
    if (!(DOCUMENT_NODE_TYPES as readonly string[]).includes(type))
      return { ok: false, problem: { code: "document_unknown_node", nodeType: type, path } };
    if (parentType === null ? type !== "root" : !ALLOWED_CHILDREN[parentType as DocumentNodeType]?.(type)) {
      return {
        ok: false,
        problem: { code: "document_misplaced_node", nodeType: type, parentType: parentType ?? "", path },
      };
    }
    const checked = NODE_SCHEMAS[type as DocumentNodeType].safeParse(node);
    if (!checked.success) {
      return {
        ok: false,
        problem: {
          code: "document_invalid_node",
          nodeType: type,
          path,
          message: checked.error.issues[0]?.message ?? "",
        },
      };
    }
    if (type === "decision-point") {
      const point = node as { pointId: string };
      if (pointIds.has(point.pointId)) {
        if (!options.renameDuplicatePoint)
          return { ok: false, problem: { code: "document_duplicate_decision_point", pointId: point.pointId } };
        point.pointId = options.renameDuplicatePoint();
      }
      pointIds.add(point.pointId);
    }
    const children = (node as { children?: unknown[] }).children;
    if (ALLOWED_CHILDREN[type as DocumentNodeType]) {
      if (!Array.isArray(children))
        return {
          ok: false,
          problem: { code: "document_invalid_node", nodeType: type, path, message: "children missing" },
        };
      for (let i = children.length - 1; i >= 0; i--)
        stack.push({ node: children[i], path: `${path}.${i}`, depth: depth + 1, parentType: type });
    }
  }
  const document = value as SerializedDocument;
  return { ok: true, document, json: JSON.stringify(document) };
}

/** The plain text of a node and its descendants (footnote markers left out). */
export function plainText(node: SerializedNode): string {
  if (node.type === "footnote") return "";
  if (typeof node.text === "string") return node.text;
  if (node.type === "linebreak") return "\n";
  return (node.children ?? []).map(plainText).join("");
}

/** The decision points of a document in order, numbered as the councils see them. */
export function decisionPoints(document: SerializedDocument): { pointId: string; number: number; text: string }[] {
  const points: { pointId: string; number: number; text: string }[] = [];
  const visit = (node: SerializedNode) => {
    if (node.type === "decision-point")
      points.push({ pointId: String(node.pointId), number: points.length + 1, text: plainText(node) });
    else for (const child of node.children ?? []) visit(child);
  };
  visit(document.root);
  return points;
}
