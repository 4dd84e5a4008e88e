/**
 * Dutch templates for the documents of a trail (../shared/DOMAIN.md): a new
 * document starts from one. Built as serialised Lexical JSON with small
 * helpers, so a template is checked by the same rules as any saved document.
 */
import type { DocumentKind } from "~/generated/prisma/enums";
import { TEXT_FORMAT, type MunicipalityField, type SerializedDocument, type SerializedNode } from "./document-json";

export const FIELD_PLACEHOLDERS: Record<MunicipalityField, string> = {
  name: "[gemeente]",
  council: "[de gemeenteraad van …]",
  inhabitants: "[inwoners]",
  share: "[aandeel]",
};

const element = { direction: null, format: "", indent: 0, version: 1 };

export function text(value: string, format = 0): SerializedNode {
  return { type: "text", text: value, format, detail: 0, mode: "normal", version: 1 };
}

export function bold(value: string): SerializedNode {
  return text(value, TEXT_FORMAT.bold);
}

export function field(name: MunicipalityField): SerializedNode {
  return {
    type: "municipality-field",
    field: name,
    text: FIELD_PLACEHOLDERS[name],
    format: 0,
    detail: 0,
    mode: "token",
    version: 1,
  };
}

type Inline = SerializedNode | string;
/** Inline nodes with neighbouring plain texts of one format merged, as Lexical normalises them. */
function inline(parts: Inline[]): SerializedNode[] {
  const nodes: SerializedNode[] = [];
  for (const part of parts) {
    const node = typeof part === "string" ? text(part) : part;
    const last = nodes[nodes.length - 1];
    if (last?.type === "text" && node.type === "text" && last.format === node.format && last.mode === node.mode) {
      nodes[nodes.length - 1] = { ...last, text: `${String(last.text)}${String(node.text)}` };
    } else nodes.push(node);
  }
  return nodes;
}

export function paragraph(...parts: Inline[]): SerializedNode {
  return { type: "paragraph", children: inline(parts), textFormat: 0, ...element };
}

export function heading(tag: "h1" | "h2" | "h3", value: string): SerializedNode {
  return { type: "heading", tag, children: [text(value)], ...element };
}

export function decisionPoint(pointId: string, ...parts: Inline[]): SerializedNode {
  return { type: "decision-point", pointId, children: inline(parts), ...element };
}

export function bulletList(items: Inline[][]): SerializedNode {
  return {
    type: "list",
    listType: "bullet",
    start: 1,
    tag: "ul",
    children: items.map((parts, i) => ({ type: "listitem", value: i + 1, children: inline(parts), ...element })),
    ...element,
  };
}

/** A table with one header row; a body cell is one inline part or several. */
export function table(header: string[], rows: (Inline | Inline[])[][]): SerializedNode {
  const cell = (parts: Inline[], headerState: number) => ({
    type: "tablecell",
    headerState,
    colSpan: 1,
    rowSpan: 1,
    children: [paragraph(...parts)],
    ...element,
  });
  return {
    type: "table",
    children: [
      { type: "tablerow", children: header.map((h) => cell([h], 1)), ...element },
      ...rows.map((row) => ({
        type: "tablerow",
        children: row.map((c) => cell(Array.isArray(c) ? c : [c], 0)),
        ...element,
      })),
    ],
    ...element,
  };
}

export function generatedSection(children: SerializedNode[]): SerializedNode {
  return { type: "generated-section", source: "oplegger", children, ...element };
}

export function documentOf(children: SerializedNode[]): SerializedDocument {
  return { root: { type: "root", children, ...element } as SerializedDocument["root"] };
}

export interface TemplateContext {
  trailTitle: string;
  reference: string;
  /** The names of the trail's participating municipalities, in order: the templates name them and count them. */
  participants: string[];
  /** Fresh decision point ids (the caller makes them, so templates stay pure). */
  pointIds: () => string;
}

const GR = "Gemeenschappelijke Regeling Servicebureau Jeugdhulp Haaglanden";

const NUMBER_WORDS = [
  "nul",
  "één",
  "twee",
  "drie",
  "vier",
  "vijf",
  "zes",
  "zeven",
  "acht",
  "negen",
  "tien",
  "elf",
  "twaalf",
];

/** "de negen gemeenten Delft, Den Haag … en Zoetermeer": the trail's own participants, counted in words. */
export function participantsPhrase(names: readonly string[], options: { named?: boolean } = {}): string {
  const count = NUMBER_WORDS[names.length] ?? String(names.length);
  // A letter goes to one council: it counts the others without naming them.
  if (options.named === false) return names.length === 1 ? "de gemeente" : `de ${count} deelnemende gemeenten`;
  const list =
    names.length > 1 ? `${names.slice(0, -1).join(", ")} en ${names.at(-1)}` : (names[0] ?? "geen gemeenten");
  return names.length === 1 ? `de gemeente ${list}` : `de ${count} gemeenten ${list}`;
}

function capitalised(text: string) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export const TEMPLATES: Record<DocumentKind, (context: TemplateContext) => SerializedDocument> = {
  RAADSVOORSTEL: (c) =>
    documentOf([
      heading("h1", `Raadsvoorstel: ${c.trailTitle}`),
      paragraph("Aan ", field("council"), ". Kenmerk: ", c.reference, "."),
      heading("h2", "Beslispunten"),
      paragraph("De raad wordt voorgesteld te besluiten:"),
      decisionPoint(c.pointIds(), "…"),
      decisionPoint(c.pointIds(), "…"),
      heading("h2", "Inleiding"),
      paragraph(
        `${capitalised(participantsPhrase(c.participants))} ${c.participants.length === 1 ? "werkt" : "werken"} in dit traject samen in de ${GR}. …`,
      ),
      heading("h2", "Beoogd effect"),
      paragraph("…"),
      heading("h2", "Argumenten"),
      paragraph("…"),
      heading("h2", "Kanttekeningen"),
      paragraph("…"),
      heading("h2", "Financiën"),
      paragraph(
        "Het aandeel van ",
        field("name"),
        " in de regionale kosten bedraagt ",
        field("share"),
        ", naar rato van ",
        field("inhabitants"),
        " inwoners.",
      ),
      heading("h2", "Communicatie en vervolg"),
      paragraph(
        "Alle raden ontvangen dezelfde informatie; het besluit van de raad wordt via de griffie aan het Regionaal Programmateam Jeugd gemeld.",
      ),
    ]),
  RAADSINFORMATIEBRIEF: (c) =>
    documentOf([
      heading("h1", `Raadsinformatiebrief: ${c.trailTitle}`),
      paragraph("Aan ", field("council"), "."),
      paragraph(bold("Onderwerp: "), c.trailTitle, ` (${c.reference})`),
      heading("h2", "Kern"),
      paragraph(
        `Met deze brief informeren de colleges van ${participantsPhrase(c.participants, { named: false })} in de regio Haaglanden hun raden, zodat alle raden over dezelfde informatie beschikken.`,
      ),
      heading("h2", "Toelichting"),
      paragraph("…"),
      heading("h2", "Financiële consequenties"),
      paragraph(
        "Voor ",
        field("name"),
        " (",
        field("inhabitants"),
        " inwoners) betekent dit een bedrag van ",
        field("share"),
        ".",
      ),
      heading("h2", "Vervolg"),
      bulletList([["…"]]),
      paragraph("Hoogachtend, het college van burgemeester en wethouders van ", field("name"), "."),
    ]),
  BESLISPUNTENMEMO: (c) =>
    documentOf([
      heading("h1", `Beslispuntenmemo BO Jeugd: ${c.trailTitle}`),
      paragraph(bold("Kenmerk: "), c.reference),
      heading("h2", "Gevraagd besluit"),
      paragraph("Het Bestuurlijk Overleg Jeugd wordt gevraagd:"),
      decisionPoint(c.pointIds(), "…"),
      heading("h2", "Toelichting"),
      paragraph("…"),
      heading("h2", "Vervolgproces"),
      table(
        ["Stap", "Datum"],
        [
          ["Colleges", "…"],
          ["Raden", "…"],
        ],
      ),
    ]),
  OPLEGGER: (c) =>
    documentOf([
      heading("h1", `Oplegger: ${c.trailTitle}`),
      paragraph(
        "Deze oplegger geeft per raad weer wat de raad heeft meegegeven en hoe en waar dat in het definitieve stuk is verwerkt.",
      ),
      generatedSection([paragraph("Nog niet gegenereerd.")]),
      heading("h2", "Conclusie"),
      paragraph("…"),
    ]),
  BESLUIT: (c) =>
    documentOf([
      heading("h1", `Besluit: ${c.trailTitle}`),
      paragraph(field("council"), ";"),
      paragraph("gelezen het voorstel van het college van burgemeester en wethouders;"),
      paragraph(`gelet op de ${GR} en de Wet gemeenschappelijke regelingen;`),
      paragraph(bold("besluit:")),
      decisionPoint(c.pointIds(), "…"),
      paragraph("Aldus besloten in de openbare vergadering van …"),
    ]),
};
