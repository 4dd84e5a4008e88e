/**
 * The oplegger: generated from a trail's positions and their processing. Per
 * council what it advised, and how and where that was handled in the final
 * document; grouped by theme or decision point once the secretary has tagged
 * them, otherwise per council. The generated part sits in a marked section;
 * the rest of the document is the secretary's and survives regeneration.
 */
import nl from "~/locales/nl";
import { dutch } from "~/locales/lookup";
import { positionWord } from "~/utils/words";
import { decisionPoints, type SerializedDocument, type SerializedNode } from "~/editor/document-json";
import { newDecisionPointId } from "~/editor/ids";
import type { Segment } from "~/editor/compare";
import { TEXT_FORMAT } from "~/editor/document-json";
import { bold, generatedSection, heading, paragraph, table, TEMPLATES, text } from "~/editor/templates";
import { draftUses, type DraftUse } from "~/utils/shared-draft";
import { prisma } from "~/utils/db.server";
import { formatDate } from "~/utils/format";
import type { Actor } from "~/utils/permissions";
import { KINDS_TO_PROCESS, KINDS_WITH_ANSWERS } from "~workflows/positions";
import { mayEditDocuments } from "./document.server";
import { appendEvent } from "./event.server";
import { listSharedDrafts } from "./shared-draft.server";

type Advice = Awaited<ReturnType<typeof loadAdvice>>[number];

function loadAdvice(trailId: string) {
  return prisma.position.findMany({
    where: { trailId, supersededBy: null, kind: { in: [...KINDS_TO_PROCESS] } },
    orderBy: [{ municipality: { name: "asc" } }, { meetingDate: "asc" }],
    include: {
      municipality: { select: { name: true } },
      body: { select: { name: true, kind: true } },
      processing: true,
      answer: { select: { text: true, answeredOn: true } },
    },
  });
}

/** The body's word (Raad, Raadscommissie, College), or its name for a regional body. */
function bodyName(body: { name: string; kind: string }): string {
  return body.kind in nl.positionBodies ? nl.positionBodies[body.kind as keyof typeof nl.positionBodies] : body.name;
}

/** A shared draft as the oplegger lists it: who joined it unchanged, who changed it and how. */
export interface OpleggerDraft {
  title: string;
  kind: string;
  uses: DraftUse[];
}

/** A text's differences from its model in words and in form: "[weggelaten: …]" struck through, "[toegevoegd: …]" underlined. */
function differenceParts(segments: Segment[]): SerializedNode[] {
  return segments.map((segment) =>
    segment.change === "same"
      ? text(segment.text)
      : segment.change === "inserted"
        ? text(`[toegevoegd: ${segment.text.trim()}]`, TEXT_FORMAT.underline)
        : text(`[weggelaten: ${segment.text.trim()}]`, TEXT_FORMAT.strikethrough),
  );
}

/** Per shared draft: the councils that adopted it unchanged, and a table of those that changed it with the differences. */
export function sharedDraftNodes(drafts: readonly OpleggerDraft[]): SerializedNode[] {
  const used = drafts.filter((d) => d.uses.length);
  if (!used.length) return [];
  const nodes: SerializedNode[] = [heading("h2", "Gedeelde concepten")];
  for (const draft of used) {
    nodes.push(heading("h3", `${draft.title} (${dutch(`positionKinds.${draft.kind}`)})`));
    const joined = draft.uses.filter((u) => u.joined).map((u) => u.name);
    const changed = draft.uses.filter((u) => !u.joined);
    nodes.push(
      paragraph(bold("Overgenomen zonder wijziging: "), joined.length ? `${joined.join(", ")}.` : "geen enkele raad."),
    );
    if (changed.length)
      nodes.push(
        table(
          ["Gemeente", "Wijzigingen ten opzichte van het concept"],
          changed.map((use) => [[use.name], differenceParts(use.diff)]),
        ),
      );
  }
  return nodes;
}

/** The answer ledger in the oplegger (Wgr art. 35 lid 3: the answers go with the draft to the AB). */
function answerNodes(advice: readonly Advice[]): SerializedNode[] {
  const zienswijzen = advice.filter((a) => a.kind === "ZIENSWIJZE" && a.body.kind === "COUNCIL" && a.municipality);
  if (!zienswijzen.length) return [];
  return [
    heading("h2", "Zienswijzen en de antwoorden van het dagelijks bestuur"),
    table(
      ["Gemeente", "Zienswijze", "Antwoord van het dagelijks bestuur"],
      zienswijzen.map((a) => [
        [a.municipality!.name],
        [a.text],
        a.answer ? [bold(`${formatDate(a.answer.answeredOn)}: `), a.answer.text] : [bold("Nog niet beantwoord.")],
      ]),
    ),
  ];
}

/** The generated section's content: groups, each a heading and a table of councils; then the shared drafts. */
export function opleggerSection(
  advice: Advice[],
  pointNames: Map<string, string>,
  drafts: readonly OpleggerDraft[] = [],
  /** The kind has an answer ledger: the board's answers to the councils' zienswijzen follow the table. */
  ledger = false,
): SerializedNode {
  if (!advice.length)
    return generatedSection([
      paragraph("Er zijn (nog) geen standpunten van raden vastgelegd."),
      ...sharedDraftNodes(drafts),
    ]);
  const tagged = advice.some((a) => a.processing?.theme || a.processing?.decisionPoint);
  const groupOf = (a: Advice) =>
    tagged
      ? (a.processing?.theme ??
        (a.processing?.decisionPoint ? (pointNames.get(a.processing.decisionPoint) ?? "Beslispunt") : "Overig"))
      : (a.municipality?.name ?? a.body.name);
  const groups = new Map<string, Advice[]>();
  for (const a of advice) groups.set(groupOf(a), [...(groups.get(groupOf(a)) ?? []), a]);
  const children: SerializedNode[] = [
    heading("h2", tagged ? "Standpunten per thema en beslispunt" : "Standpunten per gemeente"),
  ];
  for (const [name, items] of groups) {
    children.push(heading("h3", name));
    children.push(
      table(
        // The body that took the position in its own column, under its own word: a committee's advice is not
        // the council's zienswijze.
        ["Gemeente", "Orgaan", "Standpunt", "Verwerking", "Plaats in het stuk", "Toelichting"],
        items.map((a) => [
          [a.municipality?.name ?? a.body.name],
          [bodyName(a.body)],
          [
            bold(
              `${dutch(positionWord(a.body.kind, a.kind))}${a.meetingDate ? ` (${formatDate(a.meetingDate)})` : ""}: `,
            ),
            a.text,
          ],
          [a.processing ? nl.outcomes[a.processing.outcome] : "Nog niet verwerkt"],
          [a.processing?.location ?? "—"],
          [a.processing?.reason ?? "—"],
        ]),
      ),
    );
  }
  return generatedSection([...children, ...(ledger ? answerNodes(advice) : []), ...sharedDraftNodes(drafts)]);
}

/** Replaces every generated section of a document with a new one (the first keeps its place). */
export function withGeneratedSection(document: SerializedDocument, section: SerializedNode): SerializedDocument {
  let placed = false;
  const children = document.root.children.flatMap((child) => {
    if (child.type !== "generated-section") return [child];
    if (placed) return [];
    placed = true;
    return [section];
  });
  if (!placed) children.push(section);
  return { root: { ...document.root, children } };
}

/** Generates the trail's oplegger, or a new revision of it with the generated part brought up to date. */
export async function generateOplegger(trailId: string, actor: Actor) {
  if (!mayEditDocuments(actor)) return { ok: false as const, status: 403 as const, code: "forbidden_role" as const };
  const trail = await prisma.trail.findUnique({
    where: { id: trailId },
    select: { id: true, title: true, reference: true, state: true, kind: true },
  });
  if (!trail) return { ok: false as const, status: 404 as const, code: "trail_not_found" as const };
  const [advice, sent, drafts, started] = await Promise.all([
    loadAdvice(trail.id),
    prisma.documentRevision.findMany({
      where: { frozenAt: { not: null }, document: { trailId } },
      select: { content: true },
    }),
    listSharedDrafts(trail.id),
    // The current positions that started from a shared draft, to compare with it.
    prisma.position.findMany({
      where: { trailId, supersededBy: null, sharedDraftId: { not: null } },
      select: {
        id: true,
        text: true,
        sharedDraftId: true,
        municipality: { select: { id: true, name: true } },
        supersededBy: { select: { id: true } },
      },
    }),
  ]);
  const uses = draftUses(drafts, started);
  const pointNames = new Map<string, string>();
  for (const revision of sent)
    for (const p of decisionPoints(JSON.parse(revision.content) as SerializedDocument))
      pointNames.set(p.pointId, `Beslispunt ${p.number}: ${p.text}`);
  const section = opleggerSection(
    advice,
    pointNames,
    drafts.map((d) => ({ title: d.title, kind: d.kind, uses: uses.get(d.id) ?? [] })),
    KINDS_WITH_ANSWERS.includes(trail.kind),
  );

  return prisma.$transaction(async (tx) => {
    const existing = await tx.document.findFirst({
      where: { trailId, kind: "OPLEGGER" },
      orderBy: { createdAt: "asc" },
      include: { revisions: { orderBy: { number: "desc" }, take: 1 } },
    });
    if (!existing) {
      const base = TEMPLATES.OPLEGGER({
        trailTitle: trail.title,
        reference: trail.reference,
        participants: [],
        pointIds: newDecisionPointId,
      });
      const created = await tx.document.create({
        data: {
          trailId,
          kind: "OPLEGGER",
          title: `Oplegger: ${trail.title}`,
          revisions: {
            create: {
              number: 1,
              content: JSON.stringify(withGeneratedSection(base, section)),
              note: "Gegenereerd uit de standpunten",
              authorId: actor.id,
            },
          },
        },
      });
      await appendEvent(tx, {
        type: "document.oplegger_generated",
        trailId,
        actor,
        payload: { documentId: created.id, revision: 1, positions: advice.length },
        resultingState: trail.state,
      });
      return { ok: true as const, documentId: created.id, revision: 1 };
    }
    const latest = existing.revisions[0]!;
    const number = latest.number + 1;
    const content = withGeneratedSection(JSON.parse(latest.content) as SerializedDocument, section);
    await tx.documentRevision.create({
      data: {
        documentId: existing.id,
        number,
        content: JSON.stringify(content),
        note: "Gegenereerd deel bijgewerkt",
        authorId: actor.id,
      },
    });
    await appendEvent(tx, {
      type: "document.oplegger_generated",
      trailId,
      actor,
      payload: { documentId: existing.id, revision: number, positions: advice.length },
      resultingState: trail.state,
    });
    return { ok: true as const, documentId: existing.id, revision: number };
  });
}
