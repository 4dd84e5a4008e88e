/**
 * Documents of a trail and their revisions. Saving makes a revision; a save
 * based on an older revision is refused as a conflict and the author's text
 * stays in their draft. Sending a revision to the councils freezes it; the
 * positions record which revision each council decided on.
 */
import type { DocumentKind, Prisma } from "~/generated/prisma/client";
import { compareDocuments } from "~/editor/compare";
import { decisionPoints, parseDocument, type DocumentProblem, type SerializedDocument } from "~/editor/document-json";
import { newDecisionPointId } from "~/editor/ids";
import { TEMPLATES } from "~/editor/templates";
import { prisma } from "~/utils/db.server";
import { fromDateInputValue } from "~/utils/format";
import { todayInAmsterdam } from "~/utils/date-range";
import type { Actor } from "~/utils/permissions";
import { carryAnnexes } from "./annex.server";
import { appendEvent } from "./event.server";
import { createOnce } from "./form-key.server";
import { deliverSoon } from "./mail-outbox.server";
import { notifyCouncils } from "./notification.server";
import { publishSentRevision } from "./publication.server";
import { indexAttachment, indexDocument } from "./search.server";
import { councilStepOffered, sendToCouncilsStep, type WorkflowError } from "./trail-workflow.server";

type Tx = Prisma.TransactionClient;

export { DOCUMENT_KINDS } from "~/schemas/document";

export type DocumentError =
  | { ok: false; status: 403; code: "forbidden_role" }
  | { ok: false; status: 404; code: "document_not_found" | "trail_not_found" | "revision_not_found" }
  | { ok: false; status: 400; code: "document_invalid"; problem: DocumentProblem }
  | {
      ok: false;
      status: 409;
      code: "revision_conflict";
      currentRevision: number;
      currentContent: string;
      /** The author's text as kept in their draft (checked and cleaned). */
      draftContent: string;
    };

/** Policy secretaries write the documents; everyone signed in reads them. */
export function mayEditDocuments(actor: Actor): boolean {
  return actor.role === "SECRETARY";
}

/**
 * Validates raw content for saving: JSON, known nodes, limits; only the
 * attributes each node type has are kept (no `style`, nothing unknown);
 * pasted copies of a decision point get ids of their own.
 */
export function prepareContent(raw: string) {
  return parseDocument(raw, { renameDuplicatePoint: newDecisionPointId });
}

export async function createDocument(
  input: { trailId: string; kind: DocumentKind; title: string },
  actor: Actor,
  /** The form's one-time key: a second post with it creates nothing and answers with the first document. */
  formKey?: string | null,
) {
  if (!mayEditDocuments(actor)) return { ok: false as const, status: 403 as const, code: "forbidden_role" as const };
  return createOnce({
    use: { userId: actor.id, key: formKey },
    scope: "document",
    content: input,
    create: async (tx) => {
      const trail = await tx.trail.findUnique({
        where: { id: input.trailId },
        select: {
          id: true,
          title: true,
          reference: true,
          state: true,
          participants: { select: { municipality: { select: { name: true } } } },
        },
      });
      if (!trail) return { ok: false as const, status: 404 as const, code: "trail_not_found" as const };
      const content = TEMPLATES[input.kind]({
        trailTitle: trail.title,
        reference: trail.reference,
        participants: trail.participants.map((p) => p.municipality.name).sort((a, b) => a.localeCompare(b, "nl")),
        pointIds: newDecisionPointId,
      });
      const document = await tx.document.create({
        data: {
          trailId: trail.id,
          kind: input.kind,
          title: input.title,
          revisions: {
            create: { number: 1, content: JSON.stringify(content), note: "Uit sjabloon", authorId: actor.id },
          },
        },
      });
      await appendEvent(tx, {
        type: "document.created",
        trailId: trail.id,
        actor,
        payload: { documentId: document.id, kind: input.kind, title: input.title },
        resultingState: trail.state,
      });
      return { ok: true as const, documentId: document.id };
    },
    idOf: (created) => created.documentId,
    repeat: (documentId) => ({ ok: true as const, documentId }),
  });
}

export function listTrailDocuments(trailId: string) {
  return prisma.document.findMany({
    where: { trailId },
    orderBy: { createdAt: "asc" },
    include: {
      revisions: { orderBy: { number: "desc" }, take: 1, select: { number: true, createdAt: true, frozenAt: true } },
    },
  });
}

/** A document with its revision list (without their content) and the content of one revision (default: the latest). */
export async function getDocument(documentId: string, revisionNumber?: number) {
  const document = await prisma.document.findUnique({
    where: { id: documentId },
    include: {
      trail: { select: { id: true, title: true, reference: true } },
      revisions: {
        orderBy: { number: "desc" },
        select: {
          id: true,
          number: true,
          note: true,
          createdAt: true,
          frozenAt: true,
          author: { select: { name: true } },
        },
      },
    },
  });
  if (!document || !document.revisions.length) return null;
  const number = revisionNumber ?? document.revisions[0]!.number;
  const revision = await prisma.documentRevision.findUnique({ where: { documentId_number: { documentId, number } } });
  if (!revision) return null;
  return { document, revision, content: JSON.parse(revision.content) as SerializedDocument };
}

async function latestRevision(tx: Tx, documentId: string) {
  return tx.documentRevision.findFirst({ where: { documentId }, orderBy: { number: "desc" } });
}

export type SaveResult = { ok: true; revision: number } | DocumentError;

/**
 * Saves the author's text as a new revision when it is based on the latest
 * one; otherwise a 409 with the current text, and the author's text kept as
 * their draft to merge.
 */
export async function saveRevision(
  input: { documentId: string; baseRevision: number; content: string; note?: string },
  actor: Actor,
): Promise<SaveResult> {
  if (!mayEditDocuments(actor)) return { ok: false, status: 403, code: "forbidden_role" };
  const prepared = prepareContent(input.content);
  if (!prepared.ok) return { ok: false, status: 400, code: "document_invalid", problem: prepared.problem };
  return prisma.$transaction(async (tx): Promise<SaveResult> => {
    const document = await tx.document.findUnique({
      where: { id: input.documentId },
      select: { id: true, trailId: true },
    });
    if (!document) return { ok: false, status: 404, code: "document_not_found" };
    const latest = await latestRevision(tx, document.id);
    const current = latest?.number ?? 0;
    if (current !== input.baseRevision) {
      await keepDraft(tx, document.id, actor.id, input.baseRevision, prepared.json);
      return {
        ok: false,
        status: 409,
        code: "revision_conflict",
        currentRevision: current,
        currentContent: latest?.content ?? "",
        draftContent: prepared.json,
      };
    }
    const number = current + 1;
    // The unique (documentId, number) makes a racing second save fail instead of forking history.
    const created = await tx.documentRevision.create({
      data: {
        documentId: document.id,
        number,
        content: prepared.json,
        note: input.note?.trim() || null,
        authorId: actor.id,
      },
    });
    // The annexes go along; the revision before keeps its own (fixed for good once it was sent).
    const annexes = latest ? await carryAnnexes(tx, latest.id, created.id) : 0;
    await tx.documentDraft.deleteMany({ where: { documentId: document.id, userId: actor.id } });
    await appendEvent(tx, {
      type: "document.revision_saved",
      trailId: document.trailId,
      actor,
      payload: { documentId: document.id, revision: number, note: input.note ?? null, annexes },
    });
    return { ok: true, revision: number };
  });
}

async function keepDraft(tx: Tx, documentId: string, userId: string, baseRevision: number, content: string) {
  await tx.documentDraft.upsert({
    where: { documentId_userId: { documentId, userId } },
    create: { documentId, userId, baseRevision, content },
    update: { baseRevision, content, savedAt: new Date() },
  });
}

/** Autosave: the author's work in progress, per author, never a conflict. */
export async function autosaveDraft(
  input: { documentId: string; baseRevision: number; content: string },
  actor: Actor,
) {
  if (!mayEditDocuments(actor)) return { ok: false as const, status: 403 as const, code: "forbidden_role" as const };
  const prepared = prepareContent(input.content);
  if (!prepared.ok)
    return { ok: false as const, status: 400 as const, code: "document_invalid" as const, problem: prepared.problem };
  const exists = await prisma.document.count({ where: { id: input.documentId } });
  if (!exists) return { ok: false as const, status: 404 as const, code: "document_not_found" as const };
  await keepDraft(prisma, input.documentId, actor.id, input.baseRevision, prepared.json);
  return { ok: true as const };
}

export function getDraft(documentId: string, userId: string) {
  return prisma.documentDraft.findUnique({ where: { documentId_userId: { documentId, userId } } });
}

/** Documents addressed to the councils: sending one asks them (the other kinds are internal or follow later). */
const COUNCIL_DOCUMENTS: ReadonlySet<DocumentKind> = new Set(["RAADSVOORSTEL", "RAADSINFORMATIEBRIEF"]);

/**
 * What sending a document of this kind would do to its trail now, for the warning beside the send button: the
 * workflow step that asks the councils (sendRevision takes it) and how many councils it marks as having received
 * the text today, so that their terms start; null when sending only freezes the text.
 */
export async function stepOnSend(
  trailId: string,
  kind: DocumentKind,
): Promise<{ type: string; councils: number } | null> {
  if (!COUNCIL_DOCUMENTS.has(kind)) return null;
  const trail = await prisma.trail.findUnique({
    where: { id: trailId },
    select: {
      kind: true,
      snapshot: true,
      machineVersion: true,
      state: true,
      participants: { select: { municipalityId: true } },
    },
  });
  const type = trail ? councilStepOffered(trail) : null;
  return trail && type ? { type, councils: trail.participants.length } : null;
}

/**
 * Sends a revision to the councils: it is frozen, and positions can record it
 * as the text decided on. A council document sent while the trail is still
 * being prepared is the step that asks the councils (the workflow's
 * sendToCouncils event, dated `on`, default today): the trail moves on and
 * every participating council is marked as having received it.
 */
export async function sendRevision(
  input: { documentId: string; revision: number; on?: string },
  actor: Actor,
): Promise<
  | { ok: true; revisionId: string; step: string | null }
  | { ok: false; status: 403; code: "forbidden_role" }
  | { ok: false; status: 404; code: "revision_not_found" }
  | WorkflowError
> {
  if (!mayEditDocuments(actor)) return { ok: false as const, status: 403 as const, code: "forbidden_role" as const };
  const result = await prisma.$transaction(async (tx) => {
    const revision = await tx.documentRevision.findUnique({
      where: { documentId_number: { documentId: input.documentId, number: input.revision } },
      include: { document: { select: { trailId: true, kind: true, title: true, trail: { select: { title: true } } } } },
    });
    if (!revision) return { ok: false as const, status: 404 as const, code: "revision_not_found" as const };
    let step: string | null = null;
    const today = todayInAmsterdam();
    if (!revision.frozenAt && COUNCIL_DOCUMENTS.has(revision.document.kind)) {
      // The step first: a refused step (a date out of range) leaves the revision unsent and nothing written.
      const sent = await sendToCouncilsStep(tx, revision.document.trailId, input.on ?? today, actor);
      if (sent && !sent.ok) return sent;
      step = sent ? sent.type : null;
    }
    if (!revision.frozenAt) {
      // Sent now, or on the earlier day it went out (`on`, as the step that asked the councils is dated).
      const frozenAt = input.on && input.on < today ? fromDateInputValue(input.on) : new Date();
      await tx.documentRevision.update({ where: { id: revision.id }, data: { frozenAt } });
      // Public under the Woo from the moment it is sent (publication.server.ts).
      await publishSentRevision(tx, revision.id);
      await indexDocument(tx, input.documentId);
      // Its annexes are found from now on too.
      for (const annex of await tx.attachment.findMany({
        where: { documentRevisionId: revision.id },
        select: { id: true },
      }))
        await indexAttachment(tx, annex.id);
      await appendEvent(tx, {
        type: "document.sent",
        trailId: revision.document.trailId,
        actor,
        payload: { documentId: input.documentId, revision: input.revision, step },
      });
      // The step that asked the councils told them already; a later revision of a council document is news.
      if (!step && COUNCIL_DOCUMENTS.has(revision.document.kind))
        await notifyCouncils(tx, {
          trailId: revision.document.trailId,
          actor,
          kind: "documentSent",
          values: {
            trail: revision.document.trail.title,
            document: revision.document.title,
            revision: String(input.revision),
          },
        });
    }
    return { ok: true as const, revisionId: revision.id, step };
  });
  if (result.ok) deliverSoon();
  return result;
}

/** Two revisions side by side. */
export async function compareRevisions(documentId: string, before: number, after: number) {
  const rows = await prisma.documentRevision.findMany({ where: { documentId, number: { in: [before, after] } } });
  const find = (n: number) => rows.find((r) => r.number === n);
  const a = find(before);
  const b = find(after);
  if (!a || !b) return null;
  return compareDocuments(JSON.parse(a.content) as SerializedDocument, JSON.parse(b.content) as SerializedDocument);
}

/** The revisions sent to the councils on a trail, newest first, with their decision points. */
export async function sentRevisions(trailId: string) {
  const rows = await prisma.documentRevision.findMany({
    where: { frozenAt: { not: null }, document: { trailId } },
    orderBy: { frozenAt: "desc" },
    include: { document: { select: { id: true, title: true, kind: true } } },
  });
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    documentId: r.document.id,
    title: r.document.title,
    kind: r.document.kind,
    frozenAt: r.frozenAt!,
    points: decisionPoints(JSON.parse(r.content) as SerializedDocument),
  }));
}

/** Position kinds by which a council adopts (or consents to) the text as a whole. */
const ADOPTING_KINDS = ["ADOPTED", "ADOPTED_WITH_AMENDMENTS", "CONSENT_GIVEN"] as const;

/**
 * Per decision point of each text sent to the councils: which councils
 * adopted it as drafted and which amended it, with the amended texts. Two
 * queries whatever the number of councils, each reading this trail's rows only.
 */
export async function decisionPointOverview(trailId: string) {
  const revisions = await sentRevisions(trailId);
  if (!revisions.length) return [];
  const positions = await prisma.position.findMany({
    where: {
      // The trail's own positions (along its index), of these texts: read by the revision alone, it scanned every
      // position of every trail (20 ms at 10,000 trails, 1.4 at 100).
      trailId,
      documentRevisionId: { in: revisions.map((r) => r.id) },
      supersededBy: null,
      municipalityId: { not: null },
    },
    include: { municipality: { select: { name: true } }, items: { where: { kind: "AMENDMENT", adopted: true } } },
    orderBy: { municipality: { name: "asc" } },
  });
  return revisions
    .filter((revision, index) => index === 0 || positions.some((p) => p.documentRevisionId === revision.id))
    .map((revision) => {
      const decided = positions.filter((p) => p.documentRevisionId === revision.id);
      return {
        revisionId: revision.id,
        documentId: revision.documentId,
        title: revision.title,
        number: revision.number,
        points: revision.points.map((point) => {
          const amendments = decided.flatMap((p) =>
            p.items
              .filter((i) => i.decisionPoint === point.pointId)
              .map((i) => ({ municipality: p.municipality!.name, positionId: p.id, title: i.title, text: i.text })),
          );
          const amendedBy = new Set(amendments.map((a) => a.municipality));
          const adoptedAsDrafted = decided
            .filter(
              (p) => (ADOPTING_KINDS as readonly string[]).includes(p.kind) && !amendedBy.has(p.municipality!.name),
            )
            .map((p) => p.municipality!.name);
          return { ...point, adoptedAsDrafted: [...new Set(adoptedAsDrafted)], amendments };
        }),
      };
    });
}
