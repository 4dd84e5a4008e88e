/**
 * The stored form of a document: Lexical's serialised editor state, limited to
 * the node types this product knows. Everything that is saved passes
 * `parseDocument`: unknown node types, wrong attributes, oversized or too
 * deeply nested documents are refused before anything is written, and what is
 * kept is a clean copy holding only the attributes each node type has here
 * (no `style`, nothing unknown). No Lexical import here, so the server can
 * check and render without an editor.
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
  /** Bytes (UTF-8) of serialised JSON: 1 MB. */
  bytes: 1_000_000,
  nodes: 20_000,
  /** Nesting of elements (lists in lists in tables …). */
  depth: 24,
  /**
   * Nesting of JSON arrays and objects, counted on the text before it is
   * parsed, so that nothing recursive (JSON.stringify, a schema) ever meets a
   * hostile 100,000-deep value. Each element level is two (the node and its
   * children), so a document at the element limit is about 50 deep.
   */
  jsonDepth: 100,
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

/**
 * The attributes kept of each node type when a document is saved: what the
 * renderers and this product's editor use. Anything else a node carries is
 * dropped — `style` and `textStyle` above all (Lexical applies them as inline
 * CSS in the editor, so a saved `position:fixed` would cover the page), and
 * Lexical's node state (`$`), table widths, checklist marks and link targets,
 * which nothing here offers.
 */
const ELEMENT_KEYS = ["type", "version", "direction", "format", "indent", "textFormat", "children"] as const;
const TEXT_KEYS = ["type", "version", "text", "format", "mode", "detail"] as const;
export const ALLOWED_ATTRIBUTES: Record<DocumentNodeType, readonly string[]> = {
  root: ELEMENT_KEYS,
  paragraph: ELEMENT_KEYS,
  heading: [...ELEMENT_KEYS, "tag"],
  quote: ELEMENT_KEYS,
  text: TEXT_KEYS,
  linebreak: ["type", "version"],
  tab: TEXT_KEYS,
  list: [...ELEMENT_KEYS, "listType", "start", "tag"],
  listitem: [...ELEMENT_KEYS, "value"],
  link: [...ELEMENT_KEYS, "url", "title"],
  table: ELEMENT_KEYS,
  tablerow: ELEMENT_KEYS,
  tablecell: [...ELEMENT_KEYS, "headerState", "colSpan", "rowSpan"],
  "municipality-field": [...TEXT_KEYS, "field"],
  footnote: [...TEXT_KEYS, "note"],
  "decision-point": [...ELEMENT_KEYS, "pointId"],
  "generated-section": [...ELEMENT_KEYS, "source"],
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

/** UTF-8 length of a string, counted without encoding it; stops counting once past `limit`. */
function utf8LengthExceeds(text: string, limit: number): boolean {
  if (text.length > limit) return true;
  if (text.length * 3 <= limit) return false;
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      // A surrogate pair is one four-byte character.
      bytes += 4;
      i++;
    } else bytes += 3;
    if (bytes > limit) return true;
  }
  return false;
}

/**
 * Whether JSON text nests arrays and objects deeper than `limit`: one pass
 * over the characters, strings skipped, no recursion, so it is safe on any
 * input and runs before JSON.parse.
 */
export function jsonNestingExceeds(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // a backslash escapes the next character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      depth += 1;
      if (depth > limit) return true;
    } else if (c === 0x7d || c === 0x5d) depth -= 1;
  }
  return false;
}

/** The same for a value already parsed, walked with a stack of its own. */
function valueNestingExceeds(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length) {
    const [item, depth] = stack.pop()!;
    if (typeof item !== "object" || item === null) continue;
    if (depth > limit) return true;
    for (const child of Array.isArray(item) ? item : Object.values(item)) stack.push([child, depth + 1]);
  }
  return false;
}

/**
 * Checks a document (JSON text or an already parsed value) against the node
 * types and limits, and answers a clean copy: every node with only the
 * attributes its type has here (ALLOWED_ATTRIBUTES).
 */
export function parseDocument(
  input: string | unknown,
  /** Gives a later copy of a decision point a new id instead of refusing it (pasted points). */
  options: { renameDuplicatePoint?: () => string } = {},
): ParsedDocument {
  let value: unknown = input;
  if (typeof input === "string") {
    // Size and nesting first, on the text: nothing recursive has seen it yet.
    if (utf8LengthExceeds(input, LIMITS.bytes))
      return { ok: false, problem: { code: "document_too_large", limit: LIMITS.bytes } };
    if (jsonNestingExceeds(input, LIMITS.jsonDepth))
      return { ok: false, problem: { code: "document_too_deep", limit: LIMITS.jsonDepth } };
    try {
      value = JSON.parse(input);
    } catch {
      return { ok: false, problem: { code: "document_invalid_json" } };
    }
  } else if (valueNestingExceeds(input, LIMITS.jsonDepth)) {
    return { ok: false, problem: { code: "document_too_deep", limit: LIMITS.jsonDepth } };
  }
  if (typeof value !== "object" || value === null || !("root" in value))
    return { ok: false, problem: { code: "document_invalid_json" } };
  let nodes = 0;
  const pointIds = new Set<string>();
  const clean: { root?: SerializedNode } = {};
  // Iterative walk: a hostile document cannot exhaust the stack. Each node's
  // clean copy goes to its place in its parent's clean children.
  const stack: {
    node: unknown;
    path: string;
    depth: number;
    parentType: string | null;
    place: (copy: SerializedNode) => void;
  }[] = [
    {
      node: (value as { root: unknown }).root,
      path: "root",
      depth: 0,
      parentType: null,
      place: (copy) => (clean.root = copy),
    },
  ];
  while (stack.length) {
    const { node, path, depth, parentType, place } = stack.pop()!;
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
    const source = node as Record<string, unknown>;
    const copy = { type } as SerializedNode;
    for (const key of ALLOWED_ATTRIBUTES[type as DocumentNodeType])
      if (key !== "children" && source[key] !== undefined) copy[key] = source[key];
    if (type === "decision-point") {
      if (pointIds.has(String(copy.pointId))) {
        if (!options.renameDuplicatePoint)
          return { ok: false, problem: { code: "document_duplicate_decision_point", pointId: String(copy.pointId) } };
        copy.pointId = options.renameDuplicatePoint();
      }
      pointIds.add(String(copy.pointId));
    }
    const children = source.children;
    if (ALLOWED_CHILDREN[type as DocumentNodeType]) {
      if (!Array.isArray(children))
        return {
          ok: false,
          problem: { code: "document_invalid_node", nodeType: type, path, message: "children missing" },
        };
      const cleanChildren: SerializedNode[] = new Array<SerializedNode>(children.length);
      copy.children = cleanChildren;
      for (let i = children.length - 1; i >= 0; i--)
        stack.push({
          node: children[i],
          path: `${path}.${i}`,
          depth: depth + 1,
          parentType: type,
          place: (child) => (cleanChildren[i] = child),
        });
    }
    place(copy);
  }
  const document = clean as SerializedDocument;
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
