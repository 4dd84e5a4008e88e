/**
 * Shared drafts (gedeelde concepten, issue 18): a clerk (for their own council) or a secretary publishes a draft
 * text for a step of a trail, such as a model zienswijze or a model amendment on a decision point, to every
 * participating council; their clerks are told. A council starts its position from it (Position.sharedDraftId,
 * checked in logPosition: the draft must be of the same trail). A new version is a new draft that supersedes the
 * old one. The trail page and the oplegger show who joined a draft unchanged and who changed it (utils/shared-draft.ts).
 */
import type { Prisma } from "~/generated/prisma/client";
import { canonicalJson } from "~/utils/canonical-json";
import { prisma } from "~/utils/db.server";
import type { Actor } from "~/utils/permissions";
import type { PositionKind } from "~workflows/positions";
import { appendEvent } from "./event.server";
import { createOnce, type FormKeyReused } from "./form-key.server";
import { deliverSoon } from "./mail-outbox.server";
import { notifyCouncils } from "./notification.server";

type Tx = Prisma.TransactionClient;

/** A model amendment or motion in a draft. */
export interface SharedDraftItem {
  kind: "AMENDMENT" | "MOTION";
  title: string;
  text: string;
}

export interface NewSharedDraft {
  trailId: string;
  kind: PositionKind;
  title: string;
  text: string;
  items?: SharedDraftItem[];
  /** The earlier draft of this trail that this one replaces. */
  supersedesId?: string;
}

export type SharedDraftResult =
  | { ok: true; sharedDraftId: string }
  | { ok: false; status: 403; code: "forbidden_role" }
  | { ok: false; status: 404; code: "trail_not_found" }
  | { ok: false; status: 422; code: "trail_closed" | "shared_draft_not_in_trail" }
  | { ok: false; status: 409; code: "shared_draft_superseded" };

/** Who may publish on a trail: a secretary, or a clerk of a council that takes part (for their own council). */
export function mayPublishSharedDraft(actor: Actor, participants: readonly string[]): boolean {
  if (actor.role === "SECRETARY") return true;
  return actor.role === "CLERK" && actor.municipalityId !== null && participants.includes(actor.municipalityId);
}

/** Publishes a shared draft to the trail's councils, audited and told to their clerks, in one transaction. */
export async function publishSharedDraft(
  input: NewSharedDraft,
  actor: Actor,
  formKey?: string | null,
): Promise<SharedDraftResult | FormKeyReused> {
  const result = await createOnce({
    use: { userId: actor.id, key: formKey },
    scope: "shared_draft",
    content: input,
    create: async (tx): Promise<SharedDraftResult> => {
      const trail = await tx.trail.findUnique({
        where: { id: input.trailId },
        select: { id: true, title: true, closedAt: true, participants: { select: { municipalityId: true } } },
      });
      if (!trail) return { ok: false, status: 404, code: "trail_not_found" };
      if (
        !mayPublishSharedDraft(
          actor,
          trail.participants.map((p) => p.municipalityId),
        )
      )
        return { ok: false, status: 403, code: "forbidden_role" };
      if (trail.closedAt) return { ok: false, status: 422, code: "trail_closed" };
      if (input.supersedesId) {
        const earlier = await tx.sharedDraft.findFirst({
          where: { id: input.supersedesId, trailId: trail.id },
          select: { supersededBy: { select: { id: true } } },
        });
        if (!earlier) return { ok: false, status: 422, code: "shared_draft_not_in_trail" };
        if (earlier.supersededBy) return { ok: false, status: 409, code: "shared_draft_superseded" };
      }
      const draft = await tx.sharedDraft.create({
        data: {
          trailId: trail.id,
          kind: input.kind,
          title: input.title,
          text: input.text,
          items: input.items?.length ? canonicalJson(input.items) : null,
          authorId: actor.id,
          municipalityId: actor.role === "CLERK" ? actor.municipalityId : null,
          supersedesId: input.supersedesId ?? null,
        },
      });
      await appendEvent(tx, {
        type: "shared_draft.published",
        trailId: trail.id,
        actor,
        payload: {
          sharedDraftId: draft.id,
          kind: input.kind,
          title: input.title,
          items: input.items?.length ?? 0,
          ...(input.supersedesId ? { supersedes: input.supersedesId } : {}),
        },
      });
      await notifyCouncils(tx, {
        trailId: trail.id,
        actor,
        kind: "sharedDraftPublished",
        values: { trail: trail.title, title: input.title, kind: input.kind },
      });
      return { ok: true, sharedDraftId: draft.id };
    },
    idOf: (published) => published.sharedDraftId,
    repeat: (sharedDraftId) => ({ ok: true as const, sharedDraftId }),
  });
  if (result.ok) deliverSoon();
  return result;
}

/** The items of a draft as stored. */
export function draftItems(stored: string | null): SharedDraftItem[] {
  return stored ? (JSON.parse(stored) as SharedDraftItem[]) : [];
}

/** A trail's shared drafts are listed this many at a time, newest first. */
export const SHARED_DRAFT_LIMIT = 100;

/**
 * A trail's shared drafts, newest first, along SharedDraft(trailId, publishedAt, id), with their authors: two
 * queries. Whether a draft was superseded is told by the list itself (a new version is published later, so it is
 * listed before the one it replaces).
 */
export async function listSharedDrafts(trailId: string) {
  const rows = await prisma.sharedDraft.findMany({
    where: { trailId },
    orderBy: [{ publishedAt: "desc" }, { id: "desc" }],
    take: SHARED_DRAFT_LIMIT,
    include: { author: { select: { name: true } } },
  });
  const replaced = new Set(rows.map((row) => row.supersedesId).filter((id) => id !== null));
  return rows.map((row) => ({ ...row, items: draftItems(row.items), superseded: replaced.has(row.id) }));
}

/** A draft of this trail, or null when there is none with this id on this trail (a draft of another trail). */
export async function sharedDraftOfTrail(sharedDraftId: string, trailId: string, tx: Tx | typeof prisma = prisma) {
  const row = await tx.sharedDraft.findFirst({ where: { id: sharedDraftId, trailId } });
  return row ? { ...row, items: draftItems(row.items) } : null;
}
