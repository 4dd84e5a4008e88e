/**
 * Woo publication (Woo art. 3.3 lid 2 c-d): what the public site /openbaar shows and the sitemaps hand to the
 * Woo index. A Publication row is written in the transaction of the write that makes a document public (a
 * revision sent to the councils: published at once) or that makes a decision of the board (its answer to a
 * zienswijze, an adopted vote: due within two weeks, published by a secretary). Every list here reads the
 * Publication indexes; nothing derives publication from the documents' history.
 *
 * What is never public: a draft or an unsent revision (only frozen revisions get a row), an attachment marked
 * internal, a user (no name or e-mail of who logged, sent or answered is selected here), a superseded position.
 */
import type { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { LIST_PAGE_SIZE, pageWithin, type ListPageOf } from "~/utils/paging";
import type { Actor } from "~/utils/permissions";
import { CATEGORY_OF, DECISION_TERM_DAYS, SITEMAP_MAX_URLS, type PublicationKind, type WooCategory } from "~/utils/woo";
import { appendEvent } from "./event.server";

type Tx = Prisma.TransactionClient;

const DAY_MS = 24 * 60 * 60 * 1000;

/** Secretaries publish and withdraw (the answers and the board's votes are theirs to record too). */
export const mayPublish = (actor: Actor) => actor.role === "SECRETARY";

export function wooPublisher() {
  const env = getEnv();
  return { uri: env.WOO_PUBLISHER_URI ?? null, name: env.WOO_PUBLISHER_NAME };
}

/** In the send's transaction: the revision, now frozen, is public from the moment it was sent. */
export async function publishSentRevision(tx: Tx, revisionId: string) {
  const revision = await tx.documentRevision.findUnique({
    where: { id: revisionId },
    select: {
      id: true,
      number: true,
      createdAt: true,
      frozenAt: true,
      document: { select: { title: true, trailId: true } },
    },
  });
  if (!revision?.frozenAt) return;
  await tx.publication.upsert({
    where: { kind_sourceId: { kind: "revision", sourceId: revision.id } },
    create: {
      kind: "revision",
      sourceId: revision.id,
      trailId: revision.document.trailId,
      title: `${revision.document.title} (revisie ${revision.number})`,
      category: CATEGORY_OF.revision,
      createdOn: revision.createdAt,
      adoptedOn: revision.frozenAt,
      dueAt: revision.frozenAt,
      publishedAt: revision.frozenAt,
    },
    update: {},
  });
}

/**
 * In the transaction that records a decision of the board: its publication is due two weeks after the adoption.
 * A revised decision keeps its row (and, once published, shows its current text).
 */
export async function recordDecisionDue(
  tx: Tx,
  input: {
    kind: Exclude<PublicationKind, "revision">;
    sourceId: string;
    trailId: string;
    title: string;
    adoptedOn: Date;
    signedOn?: Date | null;
  },
) {
  const fields = {
    title: input.title,
    adoptedOn: input.adoptedOn,
    signedOn: input.signedOn ?? null,
    dueAt: new Date(input.adoptedOn.getTime() + DECISION_TERM_DAYS * DAY_MS),
  };
  await tx.publication.upsert({
    where: { kind_sourceId: { kind: input.kind, sourceId: input.sourceId } },
    create: {
      kind: input.kind,
      sourceId: input.sourceId,
      trailId: input.trailId,
      category: CATEGORY_OF[input.kind],
      createdOn: input.adoptedOn,
      ...fields,
    },
    update: fields,
  });
}

export type PublicationError =
  | { ok: false; status: 403; code: "forbidden_role" }
  | { ok: false; status: 404; code: "publication_not_found" }
  | { ok: false; status: 409; code: "publication_not_published" | "publication_withdrawn" };

/** A secretary publishes a due decision (the same day it is public and in the sitemaps). */
export async function publishPublication(
  publicationId: string,
  actor: Actor,
  now = new Date(),
): Promise<{ ok: true } | PublicationError> {
  if (!mayPublish(actor)) return { ok: false, status: 403, code: "forbidden_role" };
  return prisma.$transaction(async (tx) => {
    const row = await tx.publication.findUnique({ where: { id: publicationId } });
    if (!row) return { ok: false as const, status: 404 as const, code: "publication_not_found" as const };
    if (row.withdrawnAt) return { ok: false as const, status: 409 as const, code: "publication_withdrawn" as const };
    if (row.publishedAt) return { ok: true as const };
    // Only if still unpublished: two secretaries publishing at once write one date.
    const claimed = await tx.publication.updateMany({
      where: { id: row.id, publishedAt: null },
      data: { publishedAt: now },
    });
    if (claimed.count)
      await appendEvent(tx, {
        type: "publication.published",
        trailId: row.trailId,
        actor,
        payload: { publicationId: row.id, kind: row.kind, title: row.title, category: row.category },
      });
    return { ok: true as const };
  });
}

/** A secretary withdraws a published document; the reason stays on its public page. */
export async function withdrawPublication(
  publicationId: string,
  reason: string,
  actor: Actor,
  now = new Date(),
): Promise<{ ok: true } | PublicationError> {
  if (!mayPublish(actor)) return { ok: false, status: 403, code: "forbidden_role" };
  return prisma.$transaction(async (tx) => {
    const row = await tx.publication.findUnique({ where: { id: publicationId } });
    if (!row) return { ok: false as const, status: 404 as const, code: "publication_not_found" as const };
    if (!row.publishedAt)
      return { ok: false as const, status: 409 as const, code: "publication_not_published" as const };
    const done = await tx.publication.updateMany({
      where: { id: row.id, withdrawnAt: null },
      data: { withdrawnAt: now, withdrawReason: reason, withdrawnById: actor.id },
    });
    if (!done.count) return { ok: false as const, status: 409 as const, code: "publication_withdrawn" as const };
    await appendEvent(tx, {
      type: "publication.withdrawn",
      trailId: row.trailId,
      actor,
      payload: { publicationId: row.id, kind: row.kind, title: row.title, reason },
    });
    return { ok: true as const };
  });
}

export interface LatePublication {
  id: string;
  trailId: string;
  trail: string;
  title: string;
  dueAt: string;
}

/** The pipeline's alarm: publications past their due date and not published, oldest due first, along (publishedAt, dueAt, id). */
export async function latePublications(
  options: { page?: number; pageSize?: number; now?: Date } = {},
): Promise<ListPageOf<LatePublication>> {
  const where = { publishedAt: null, dueAt: { lt: options.now ?? new Date() } } satisfies Prisma.PublicationWhereInput;
  const pageSize = options.pageSize ?? LIST_PAGE_SIZE;
  const total = await prisma.publication.count({ where });
  const { page, pages, skip } = pageWithin(total, options.page ?? 1, pageSize);
  const rows = await prisma.publication.findMany({
    where,
    // publishedAt leads (all null here) so that PostgreSQL too reads the index in order, with no sort.
    orderBy: [{ publishedAt: "asc" }, { dueAt: "asc" }, { id: "asc" }],
    skip,
    take: pageSize,
    select: { id: true, title: true, dueAt: true, trail: { select: { id: true, title: true } } },
  });
  return {
    rows: rows.map((r) => ({
      id: r.id,
      trailId: r.trail.id,
      trail: r.trail.title,
      title: r.title,
      dueAt: r.dueAt.toISOString(),
    })),
    total,
    page,
    pages,
  };
}

/** A trail's publications for its secretaries (published, due, withdrawn), along (trailId, publishedAt, id). */
export function trailPublications(trailId: string) {
  return prisma.publication.findMany({
    where: { trailId },
    orderBy: [{ publishedAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      kind: true,
      title: true,
      category: true,
      dueAt: true,
      publishedAt: true,
      withdrawnAt: true,
      withdrawReason: true,
    },
  });
}

/** The public list of trails: those with a published document, newest started first, by (startedAt, id) cursor. */
export async function publicTrails(page: { limit: number; after: { at: Date; id: string } | null }) {
  return prisma.trail.findMany({
    where: {
      publications: { some: { publishedAt: { not: null } } },
      ...(page.after
        ? {
            OR: [{ startedAt: { lt: page.after.at } }, { startedAt: page.after.at, id: { lt: page.after.id } }],
          }
        : {}),
    },
    orderBy: [{ startedAt: "desc" }, { id: "desc" }],
    take: page.limit + 1,
    select: { id: true, title: true, reference: true, kind: true, startedAt: true, closedAt: true },
  });
}

/** A public trail by its reference or id: only once something of it is published. */
export async function findPublicTrail(key: string) {
  const trail = await prisma.trail.findFirst({
    where: {
      OR: [{ reference: key }, { id: key }],
      publications: { some: { publishedAt: { not: null } } },
    },
    select: { id: true, title: true, reference: true, kind: true, summary: true, startedAt: true, closedAt: true },
  });
  return trail;
}

/** What a trail's public page shows: its published documents, the councils' decisions, the board's answers. */
export async function publicTrailDetail(trailId: string) {
  const [publications, positions] = await Promise.all([
    prisma.publication.findMany({
      where: { trailId, publishedAt: { not: null } },
      orderBy: [{ publishedAt: "asc" }, { id: "asc" }],
      select: publicFields,
    }),
    prisma.position.findMany({
      // The current version of each: a corrected position shows only its correction.
      where: { trailId, supersededBy: { is: null } },
      orderBy: [{ meetingDate: "asc" }, { loggedAt: "asc" }, { id: "asc" }],
      select: {
        id: true,
        kind: true,
        text: true,
        meetingDate: true,
        votesFor: true,
        votesAgainst: true,
        votesAbstained: true,
        decisionReference: true,
        body: { select: { name: true, kind: true } },
        municipality: { select: { name: true } },
        items: { select: { id: true, kind: true, title: true, adopted: true }, orderBy: { createdAt: "asc" } },
      },
    }),
  ]);
  const answerIds = publications.filter((p) => p.kind === "answer" && !p.withdrawnAt).map((p) => p.sourceId);
  const answers = answerIds.length
    ? await prisma.zienswijzeAnswer.findMany({
        where: { id: { in: answerIds } },
        select: { id: true, text: true, answeredOn: true, municipality: { select: { name: true } } },
      })
    : [];
  return { publications, positions, answers };
}

const publicFields = {
  id: true,
  kind: true,
  sourceId: true,
  title: true,
  category: true,
  createdOn: true,
  adoptedOn: true,
  signedOn: true,
  publishedAt: true,
  withdrawnAt: true,
  withdrawReason: true,
} satisfies Prisma.PublicationSelect;

/** One published document with what its public page and PDF need; null when it is not (or never was) published. */
export async function publicPublication(publicationId: string) {
  const row = await prisma.publication.findFirst({
    where: { id: publicationId, publishedAt: { not: null } },
    select: { ...publicFields, trail: { select: { id: true, title: true, reference: true } } },
  });
  if (!row) return null;
  if (row.kind === "revision") {
    const revision = await prisma.documentRevision.findFirst({
      // Only ever a sent revision, even if a row pointed elsewhere.
      where: { id: row.sourceId, frozenAt: { not: null } },
      select: {
        number: true,
        frozenAt: true,
        content: true,
        document: { select: { title: true, kind: true } },
        annexes: {
          where: { internal: false },
          orderBy: [{ createdAt: "asc" }, { id: "asc" }],
          select: { id: true, title: true, fileName: true, size: true, mediaType: true },
        },
      },
    });
    return revision ? { ...row, source: { type: "revision" as const, ...revision } } : null;
  }
  if (row.kind === "answer") {
    const answer = await prisma.zienswijzeAnswer.findUnique({
      where: { id: row.sourceId },
      select: {
        text: true,
        answeredOn: true,
        municipality: { select: { name: true } },
        trail: { select: { title: true, reference: true, kind: true } },
        position: { select: { text: true, meetingDate: true, decisionReference: true } },
      },
    });
    return answer ? { ...row, source: { type: "answer" as const, ...answer } } : null;
  }
  const vote = await prisma.boardVote.findUnique({
    where: { id: row.sourceId },
    select: {
      subject: true,
      heldOn: true,
      rule: true,
      adopted: true,
      weightFor: true,
      weightAgainst: true,
      weightAbstained: true,
      weightAbsent: true,
    },
  });
  return vote ? { ...row, source: { type: "vote" as const, ...vote } } : null;
}

export type PublicPublication = NonNullable<Awaited<ReturnType<typeof publicPublication>>>;

/** Where the public sitemaps read a category: published, not withdrawn (the index's leading columns). */
const inSitemap = (category: WooCategory) =>
  ({ category, withdrawnAt: null, publishedAt: { not: null } }) satisfies Prisma.PublicationWhereInput;

/** withdrawnAt (null throughout) leads so that PostgreSQL also reads the index in order, with no sort. */
const SITEMAP_ORDER = [
  { withdrawnAt: "asc" },
  { publishedAt: "asc" },
  { id: "asc" },
] satisfies Prisma.PublicationOrderByWithRelationInput[];

const monthStart = (year: number, month: number) => new Date(Date.UTC(year, month - 1, 1));

/**
 * The sitemaps of a category: one per month with publications, split into parts of at most `size` urls. Each
 * month is found by one seek along Publication(category, withdrawnAt, publishedAt, id) to the first row at or after
 * the month's start, and each further part by a seek within that month, so the index costs a few index probes per
 * sitemap it lists, not a read of every publication.
 */
export async function sitemapParts(category: WooCategory, size = SITEMAP_MAX_URLS) {
  const parts: { month: string; part: number }[] = [];
  let from: Date | null = new Date(0);
  while (from) {
    const first: { publishedAt: Date | null } | null = await prisma.publication.findFirst({
      where: { ...inSitemap(category), publishedAt: { gte: from } },
      orderBy: SITEMAP_ORDER,
      select: { publishedAt: true },
    });
    if (!first?.publishedAt) break;
    const year: number = first.publishedAt.getUTCFullYear();
    const month: number = first.publishedAt.getUTCMonth() + 1;
    const end: Date = month === 12 ? monthStart(year + 1, 1) : monthStart(year, month + 1);
    const label = `${year}-${String(month).padStart(2, "0")}`;
    parts.push({ month: label, part: 1 });
    // A month of more than `size` publications gets further parts: the first row of each, within the month.
    for (let part = 2; ; part++) {
      const next = await prisma.publication.findFirst({
        where: { ...inSitemap(category), publishedAt: { gte: monthStart(year, month), lt: end } },
        orderBy: SITEMAP_ORDER,
        skip: (part - 1) * size,
        select: { id: true },
      });
      if (!next) break;
      parts.push({ month: label, part });
    }
    from = end;
  }
  return parts;
}

/** One sitemap's publications: a month's part, along the same index range. */
export async function sitemapPublications(category: WooCategory, month: string, part: number, size = SITEMAP_MAX_URLS) {
  const [year, m] = month.split("-").map(Number) as [number, number];
  const start = monthStart(year, m);
  const end = m === 12 ? monthStart(year + 1, 1) : monthStart(year, m + 1);
  return prisma.publication.findMany({
    where: { ...inSitemap(category), publishedAt: { gte: start, lt: end } },
    orderBy: SITEMAP_ORDER,
    skip: (part - 1) * size,
    take: size,
    select: {
      id: true,
      title: true,
      category: true,
      createdOn: true,
      adoptedOn: true,
      signedOn: true,
      publishedAt: true,
    },
  });
}
