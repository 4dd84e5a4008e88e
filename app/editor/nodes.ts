/**
 * The Lexical nodes of this product's documents. No React and no DOM beyond
 * createDOM, so the same list serves the browser editor and the headless
 * editor in tests and on the server.
 */
import { HeadingNode, QuoteNode } from "@lexical/rich-text";
import { ListItemNode, ListNode } from "@lexical/list";
import { LinkNode } from "@lexical/link";
import { TableCellNode, TableNode, TableRowNode } from "@lexical/table";
import {
  $applyNodeReplacement,
  $createParagraphNode,
  ElementNode,
  TextNode,
  type EditorConfig,
  type Klass,
  type LexicalNode,
  type LexicalUpdateJSON,
  type NodeKey,
  type RangeSelection,
  type SerializedElementNode,
  type SerializedTextNode,
  type Spread,
} from "lexical";
import type { MunicipalityField } from "./document-json";
import { newDecisionPointId } from "./ids";

export type SerializedMunicipalityFieldNode = Spread<{ field: MunicipalityField }, SerializedTextNode>;

/** A placeholder filled per council when a letter is addressed (its name, its share of a cost). */
export class MunicipalityFieldNode extends TextNode {
  __field: MunicipalityField;

  static getType(): string {
    return "municipality-field";
  }

  static clone(node: MunicipalityFieldNode): MunicipalityFieldNode {
    return new MunicipalityFieldNode(node.__field, node.__text, node.__key);
  }

  constructor(field: MunicipalityField = "name", text?: string, key?: NodeKey) {
    super(text ?? `[${field}]`, key);
    this.__field = field;
  }

  static importJSON(serialized: SerializedMunicipalityFieldNode): MunicipalityFieldNode {
    return $createMunicipalityFieldNode(serialized.field, serialized.text).updateFromJSON(serialized);
  }

  exportJSON(): SerializedMunicipalityFieldNode {
    return { ...super.exportJSON(), type: "municipality-field", field: this.__field };
  }

  getField(): MunicipalityField {
    return this.getLatest().__field;
  }

  createDOM(config: EditorConfig): HTMLElement {
    const dom = super.createDOM(config);
    dom.classList.add("h10-field");
    dom.dataset.field = this.__field;
    return dom;
  }

  canInsertTextBefore(): boolean {
    return false;
  }

  canInsertTextAfter(): boolean {
    return false;
  }

  isTextEntity(): true {
    return true;
  }
}

export function $createMunicipalityFieldNode(field: MunicipalityField, text?: string): MunicipalityFieldNode {
  return $applyNodeReplacement(new MunicipalityFieldNode(field, text).setMode("token"));
}

export function $isMunicipalityFieldNode(node: LexicalNode | null | undefined): node is MunicipalityFieldNode {
  return node instanceof MunicipalityFieldNode;
}

export type SerializedFootnoteNode = Spread<{ note: string }, SerializedTextNode>;

/** A footnote: a marker in the text, its note listed at the end of the document. */
export class FootnoteNode extends TextNode {
  __note: string;

  static getType(): string {
    return "footnote";
  }

  static clone(node: FootnoteNode): FootnoteNode {
    return new FootnoteNode(node.__note, node.__text, node.__key);
  }

  constructor(note = "", text = "*", key?: NodeKey) {
    super(text, key);
    this.__note = note;
  }

  static importJSON(serialized: SerializedFootnoteNode): FootnoteNode {
    return $createFootnoteNode(serialized.note).updateFromJSON(serialized);
  }

  exportJSON(): SerializedFootnoteNode {
    return { ...super.exportJSON(), type: "footnote", note: this.__note };
  }

  getNote(): string {
    return this.getLatest().__note;
  }

  createDOM(config: EditorConfig): HTMLElement {
    const dom = super.createDOM(config);
    dom.classList.add("h10-footnote-ref");
    dom.title = this.__note;
    return dom;
  }

  canInsertTextBefore(): boolean {
    return false;
  }

  canInsertTextAfter(): boolean {
    return false;
  }
}

export function $createFootnoteNode(note: string): FootnoteNode {
  return $applyNodeReplacement(new FootnoteNode(note, "*").setMode("token").toggleFormat("superscript"));
}

export function $isFootnoteNode(node: LexicalNode | null | undefined): node is FootnoteNode {
  return node instanceof FootnoteNode;
}

export type SerializedDecisionPointNode = Spread<{ pointId: string }, SerializedElementNode>;

/** A numbered decision point (beslispunt): the unit councils amend and vote on. */
export class DecisionPointNode extends ElementNode {
  __pointId: string;

  static getType(): string {
    return "decision-point";
  }

  static clone(node: DecisionPointNode): DecisionPointNode {
    return new DecisionPointNode(node.__pointId, node.__key);
  }

  constructor(pointId?: string, key?: NodeKey) {
    super(key);
    this.__pointId = pointId ?? newDecisionPointId();
  }

  static importJSON(serialized: SerializedDecisionPointNode): DecisionPointNode {
    return $createDecisionPointNode(serialized.pointId).updateFromJSON(serialized);
  }

  updateFromJSON(serialized: LexicalUpdateJSON<SerializedDecisionPointNode>): this {
    return super.updateFromJSON(serialized);
  }

  exportJSON(): SerializedDecisionPointNode {
    return { ...super.exportJSON(), type: "decision-point", pointId: this.__pointId };
  }

  getPointId(): string {
    return this.getLatest().__pointId;
  }

  createDOM(): HTMLElement {
    const dom = document.createElement("p");
    dom.className = "h10-decision-point";
    dom.dataset.point = this.__pointId;
    return dom;
  }

  updateDOM(): boolean {
    return false;
  }

  /** Enter at the end of a decision point starts the next one. */
  insertNewAfter(_selection: RangeSelection, restoreSelection = true): DecisionPointNode {
    const next = $createDecisionPointNode();
    this.insertAfter(next, restoreSelection);
    return next;
  }

  /** Backspace at its start turns it back into a paragraph. */
  collapseAtStart(): boolean {
    const paragraph = $createParagraphNode();
    this.getChildren().forEach((child) => paragraph.append(child));
    this.replace(paragraph);
    return true;
  }
}

export function $createDecisionPointNode(pointId?: string): DecisionPointNode {
  return $applyNodeReplacement(new DecisionPointNode(pointId));
}

export function $isDecisionPointNode(node: LexicalNode | null | undefined): node is DecisionPointNode {
  return node instanceof DecisionPointNode;
}

export type SerializedGeneratedSectionNode = Spread<{ source: "oplegger" }, SerializedElementNode>;

/** The part of a document the app generated (the oplegger's overview of positions), marked as such. */
export class GeneratedSectionNode extends ElementNode {
  __source: "oplegger";

  static getType(): string {
    return "generated-section";
  }

  static clone(node: GeneratedSectionNode): GeneratedSectionNode {
    return new GeneratedSectionNode(node.__source, node.__key);
  }

  constructor(source: "oplegger" = "oplegger", key?: NodeKey) {
    super(key);
    this.__source = source;
  }

  static importJSON(serialized: SerializedGeneratedSectionNode): GeneratedSectionNode {
    return new GeneratedSectionNode(serialized.source).updateFromJSON(serialized);
  }

  exportJSON(): SerializedGeneratedSectionNode {
    return { ...super.exportJSON(), type: "generated-section", source: this.__source };
  }

  createDOM(): HTMLElement {
    const dom = document.createElement("section");
    dom.className = "h10-generated";
    return dom;
  }

  updateDOM(): boolean {
    return false;
  }

  isShadowRoot(): boolean {
    return true;
  }
}

/** Every node class a document may hold: the browser editor and the headless editor use this list. */
export const DOCUMENT_NODES: Klass<LexicalNode>[] = [
  HeadingNode,
  QuoteNode,
  ListNode,
  ListItemNode,
  LinkNode,
  TableNode,
  TableRowNode,
  TableCellNode,
  MunicipalityFieldNode,
  FootnoteNode,
  DecisionPointNode,
  GeneratedSectionNode,
];
