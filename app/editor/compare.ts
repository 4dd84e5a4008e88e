/**
 * Comparing two revisions on the document's structure: the blocks (headings,
 * paragraphs, list items, table rows, decision points) are aligned first, then
 * changed blocks are compared word by word. A decision point is matched by its
 * id, so an amended point shows as changed, not as one removed and one added.
 */
import { diffArrays, diffWords } from "diff";
import { plainText, type SerializedDocument, type SerializedNode } from "./document-json";

export interface Block {
  /** What the block is: "heading:h2", "paragraph", "listitem", "tablerow", "decision-point". */
  kind: string;
  /** For decision points: their id, kept across revisions. */
  pointId?: string;
  text: string;
}

export type Segment = { text: string; change: "same" | "inserted" | "deleted" };

export type ComparisonRow =
  | { change: "same"; kind: string; left: Segment[]; right: Segment[] }
  | { change: "changed"; kind: string; left: Segment[]; right: Segment[] }
  | { change: "added"; kind: string; left: null; right: Segment[] }
  | { change: "removed"; kind: string; left: Segment[]; right: null };

/** The document's blocks in reading order. */
export function blocksOf(document: SerializedDocument): Block[] {
  const blocks: Block[] = [];
  const visit = (node: SerializedNode) => {
    switch (node.type) {
      case "root":
      case "generated-section":
      case "list":
      case "table":
        (node.children ?? []).forEach(visit);
        return;
      case "listitem": {
        const own = (node.children ?? []).filter((c) => c.type !== "list");
        if (own.length) blocks.push({ kind: "listitem", text: own.map(plainText).join("") });
        (node.children ?? []).filter((c) => c.type === "list").forEach(visit);
        return;
      }
      case "tablerow":
        blocks.push({ kind: "tablerow", text: (node.children ?? []).map(plainText).join(" | ") });
        return;
      case "heading":
        blocks.push({ kind: `heading:${String(node.tag)}`, text: plainText(node) });
        return;
      case "decision-point":
        blocks.push({ kind: "decision-point", pointId: String(node.pointId), text: plainText(node) });
        return;
      default:
        blocks.push({ kind: node.type, text: plainText(node) });
    }
  };
  visit(document.root);
  return blocks;
}

const sameBlock = (a: Block, b: Block) => a.kind === b.kind && a.text === b.text && a.pointId === b.pointId;
/** Whether a removed and an added block are one block changed (same kind; the same point for decision points). */
const counterpart = (a: Block, b: Block) => a.kind === b.kind && a.pointId === b.pointId;

/** Two texts compared word by word: the old side with its deletions, the new side with its insertions. */
export function wordDiff(before: string, after: string): { left: Segment[]; right: Segment[] } {
  const left: Segment[] = [];
  const right: Segment[] = [];
  for (const part of diffWords(before, after)) {
    if (part.added) right.push({ text: part.value, change: "inserted" });
    else if (part.removed) left.push({ text: part.value, change: "deleted" });
    else {
      left.push({ text: part.value, change: "same" });
      right.push({ text: part.value, change: "same" });
    }
  }
  return { left, right };
}

/** Two texts compared word by word as one run, deletions and insertions in their place (a text against its model). */
export function inlineWordDiff(before: string, after: string): Segment[] {
  return diffWords(before, after).map((part) => ({
    text: part.value,
    change: part.added ? "inserted" : part.removed ? "deleted" : "same",
  }));
}

/** Side-by-side rows of two revisions, with insertions and deletions marked. */
export function compareDocuments(before: SerializedDocument, after: SerializedDocument): ComparisonRow[] {
  const rows: ComparisonRow[] = [];
  const parts = diffArrays(blocksOf(before), blocksOf(after), { comparator: sameBlock });
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if (!part.added && !part.removed) {
      for (const block of part.value)
        rows.push({
          change: "same",
          kind: block.kind,
          left: [{ text: block.text, change: "same" }],
          right: [{ text: block.text, change: "same" }],
        });
      continue;
    }
    // A run of removed blocks followed by added ones: pair counterparts as changes.
    const removed = part.removed ? part.value : [];
    const next = parts[i + 1];
    const added = part.removed && next?.added ? next.value : part.added ? part.value : [];
    if (part.removed && next?.added) i += 1;
    const unmatched = [...added];
    for (const old of removed) {
      const index = unmatched.findIndex((candidate) => counterpart(old, candidate));
      if (index === -1) {
        rows.push({ change: "removed", kind: old.kind, left: [{ text: old.text, change: "deleted" }], right: null });
        continue;
      }
      // Added blocks before the counterpart come first, in their order.
      for (const extra of unmatched.splice(0, index))
        rows.push({ change: "added", kind: extra.kind, left: null, right: [{ text: extra.text, change: "inserted" }] });
      const changed = unmatched.shift()!;
      rows.push({ change: "changed", kind: old.kind, ...wordDiff(old.text, changed.text) });
    }
    for (const extra of unmatched)
      rows.push({ change: "added", kind: extra.kind, left: null, right: [{ text: extra.text, change: "inserted" }] });
  }
  return rows;
}
