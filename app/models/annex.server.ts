/**
 * Annexes (bijlagen) of documents and trails: the begroting, notitie or advies
 * that goes with a raadsvoorstel, or papers of the trail as a whole. The same
 * checks as a position's attachments (checkUpload: type by content, size, a
 * name safe for download) and the same storage by hash (storeBlob).
 *
 * A document's annexes belong to one revision: the revision that is sent
 * keeps its annexes for good, a new revision starts with the annexes of the
 * one before it (copied in saveRevision), and only an unsent revision's
 * annexes can be added or removed. Secretaries and administrators manage
 * annexes; everyone signed in reads them.
 */
import type { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import type { Actor } from "~/utils/permissions";
import { checkUpload, storeBlob, type UploadRefusal } from "./attachment.server";
import { appendEvent } from "./event.server";
import { indexAttachment } from "./search.server";

type Tx = Prisma.TransactionClient;

/** The most annexes one revision or trail holds: a list that cannot grow without end. */
export const MAX_ANNEXES = 40;
export const MAX_ANNEX_TITLE = 200;

export type AnnexOwner =
  { kind: "document"; documentId: string; revision: number } | { kind: "trail"; trailId: string };

export type AnnexRefusal =
  | { ok: false; status: 403; code: "forbidden_role" }
  | { ok: false; status: 404; code: "revision_not_found" | "trail_not_found" | "annex_not_found" }
  | { ok: false; status: 409; code: "revision_sent" | "annex_limit" }
  | { ok: false; status: 400; code: "annex_title" }
  | UploadRefusal;

/** Secretaries (and administrators) add and remove annexes, as secretaries write the documents. */
export function mayManageAnnexes(actor: Pick<Actor, "role">): boolean {
  return actor.role === "SECRETARY" || actor.role === "ADMIN";
}

/** The fields every list of annexes shows: name, title, size, type; the hash for the zip. */
export const ANNEX_FIELDS = {
  id: true,
  fileName: true,
  title: true,
  size: true,
  mediaType: true,
  internal: true,
  sha256: true,
  createdAt: true,
} as const;

export type Annex = Prisma.AttachmentGetPayload<{ select: typeof ANNEX_FIELDS }>;

/** The annexes of one revision or one trail, oldest first, along Attachment(documentRevisionId|trailId, createdAt). */
function annexesOf(where: { documentRevisionId: string } | { trailId: string }): Promise<Annex[]> {
  return prisma.attachment.findMany({
    where,
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: ANNEX_FIELDS,
    take: MAX_ANNEXES,
  });
}

export const revisionAnnexes = (documentRevisionId: string) => annexesOf({ documentRevisionId });
export const trailAnnexes = (trailId: string) => annexesOf({ trailId });

/**
 * The revision (by id) while it is unsent, held against a send in the same moment: the no-op update takes the
 * row's lock on PostgreSQL, so a send waits for this transaction, and one that came first leaves nothing to update.
 */
async function holdUnsent(tx: Tx, revisionId: string): Promise<boolean> {
  const held = await tx.documentRevision.updateMany({
    where: { id: revisionId, frozenAt: null },
    data: { frozenAt: null },
  });
  return held.count === 1;
}

/** Where the annex goes: the revision or trail, the trail it is audited on, and the document for the sentence. */
async function resolveOwner(owner: AnnexOwner) {
  if (owner.kind === "trail") {
    const trail = await prisma.trail.findUnique({ where: { id: owner.trailId }, select: { id: true } });
    return trail ? { trailId: trail.id, revisionId: null, documentId: null, revision: null, frozen: false } : null;
  }
  const revision = await prisma.documentRevision.findUnique({
    where: { documentId_number: { documentId: owner.documentId, number: owner.revision } },
    select: { id: true, number: true, frozenAt: true, document: { select: { id: true, trailId: true } } },
  });
  return revision
    ? {
        trailId: revision.document.trailId,
        revisionId: revision.id,
        documentId: revision.document.id,
        revision: revision.number,
        frozen: revision.frozenAt !== null,
      }
    : null;
}

/**
 * Adds an annex. Everything is checked before a byte is stored: who adds it, that the revision is not sent, the
 * count, the title and the file itself; a refusal writes nothing. The row and its audit event in one transaction.
 */
export async function addAnnex(
  owner: AnnexOwner,
  file: { name: string; bytes: Uint8Array },
  input: { title?: string | null; internal?: boolean },
  actor: Actor,
): Promise<{ ok: true; annexId: string } | AnnexRefusal> {
  if (!mayManageAnnexes(actor)) return { ok: false, status: 403, code: "forbidden_role" };
  const target = await resolveOwner(owner);
  if (!target)
    return { ok: false, status: 404, code: owner.kind === "trail" ? "trail_not_found" : "revision_not_found" };
  if (target.frozen) return { ok: false, status: 409, code: "revision_sent" };
  const title = input.title?.trim() || null;
  if (title && title.length > MAX_ANNEX_TITLE) return { ok: false, status: 400, code: "annex_title" };
  const checked = checkUpload(file);
  if (!checked.ok) return checked;
  const where = target.revisionId ? { documentRevisionId: target.revisionId } : { trailId: target.trailId };
  if ((await prisma.attachment.count({ where })) >= MAX_ANNEXES) return { ok: false, status: 409, code: "annex_limit" };
  const sha256 = storeBlob(file.bytes);
  return prisma.$transaction(async (tx) => {
    if (target.revisionId && !(await holdUnsent(tx, target.revisionId)))
      return { ok: false as const, status: 409 as const, code: "revision_sent" as const };
    const created = await tx.attachment.create({
      data: {
        ...where,
        title,
        internal: input.internal ?? false,
        fileName: checked.fileName,
        mediaType: checked.mediaType,
        size: file.bytes.byteLength,
        sha256,
        uploadedBy: actor.id,
      },
    });
    // Searchable at once on a trail; on a document once its revision is sent (indexAttachment decides).
    await indexAttachment(tx, created.id);
    const onTrail = !target.revisionId;
    await appendEvent(tx, {
      type: onTrail ? "trail.annex_added" : "document.annex_added",
      trailId: target.trailId,
      actor,
      payload: {
        annexId: created.id,
        documentId: target.documentId,
        revision: target.revision,
        fileName: checked.fileName,
        label: title,
        internal: created.internal,
        sha256,
      },
    });
    return { ok: true as const, annexId: created.id };
  });
}

/** Removes an annex of a trail or of an unsent revision (the stored file stays: others may share its hash). */
export async function removeAnnex(annexId: string, actor: Actor): Promise<{ ok: true } | AnnexRefusal> {
  if (!mayManageAnnexes(actor)) return { ok: false, status: 403, code: "forbidden_role" };
  return prisma.$transaction(async (tx) => {
    const annex = await tx.attachment.findUnique({
      where: { id: annexId },
      include: { documentRevision: { select: { number: true, document: { select: { id: true, trailId: true } } } } },
    });
    // A position's attachment is not an annex: it is not removed here.
    if (!annex || annex.positionId)
      return { ok: false as const, status: 404 as const, code: "annex_not_found" as const };
    if (annex.documentRevisionId && !(await holdUnsent(tx, annex.documentRevisionId)))
      return { ok: false as const, status: 409 as const, code: "revision_sent" as const };
    await tx.attachment.delete({ where: { id: annex.id } });
    await indexAttachment(tx, annex.id);
    const onTrail = !annex.documentRevision;
    await appendEvent(tx, {
      type: onTrail ? "trail.annex_removed" : "document.annex_removed",
      trailId: annex.trailId ?? annex.documentRevision!.document.trailId,
      actor,
      payload: {
        annexId: annex.id,
        documentId: annex.documentRevision?.document.id ?? null,
        revision: annex.documentRevision?.number ?? null,
        fileName: annex.fileName,
        label: annex.title,
      },
    });
    return { ok: true as const };
  });
}

/** A new revision starts with the annexes of the one it follows (new rows, the same stored files). */
export async function carryAnnexes(tx: Tx, fromRevisionId: string, toRevisionId: string): Promise<number> {
  const annexes = await tx.attachment.findMany({
    where: { documentRevisionId: fromRevisionId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: MAX_ANNEXES,
  });
  if (!annexes.length) return 0;
  await tx.attachment.createMany({
    data: annexes.map((a) => ({
      documentRevisionId: toRevisionId,
      title: a.title,
      internal: a.internal,
      fileName: a.fileName,
      mediaType: a.mediaType,
      size: a.size,
      sha256: a.sha256,
      uploadedBy: a.uploadedBy,
      createdAt: a.createdAt,
    })),
  });
  return annexes.length;
}

/**
 * What a trail's status brief lists: the trail's own annexes, and per document those of the revision its letters
 * go out with (the last sent, else the latest). Three queries, whatever the number of documents.
 */
export async function briefAnnexes(trailId: string) {
  const [trail, documents] = await Promise.all([
    trailAnnexes(trailId),
    prisma.document.findMany({
      where: { trailId },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: {
        id: true,
        title: true,
        revisions: { orderBy: { number: "desc" }, select: { id: true, number: true, frozenAt: true } },
      },
    }),
  ]);
  const chosen = documents
    .filter((d) => d.revisions.length)
    .map((d) => ({ id: d.id, title: d.title, revision: d.revisions.find((r) => r.frozenAt) ?? d.revisions[0]! }));
  const rows = chosen.length
    ? await prisma.attachment.findMany({
        where: { documentRevisionId: { in: chosen.map((c) => c.revision.id) } },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        select: { ...ANNEX_FIELDS, documentRevisionId: true },
      })
    : [];
  return {
    trail,
    documents: chosen
      .map((c) => ({
        documentId: c.id,
        title: c.title,
        revision: c.revision.number,
        annexes: rows.filter((r) => r.documentRevisionId === c.revision.id),
      }))
      .filter((d) => d.annexes.length),
  };
}
