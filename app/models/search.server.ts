/**
 * Search over trails (title, reference, summary), the last sent revision of each document (its full text), the
 * current version of each position (its text, amendments, motions and legal ground), council meetings and
 * attachment names.
 *
 * The index is two tables: SearchEntry, one row per searchable thing with what a result shows, and SearchTerm,
 * each distinct stem of an entry once (app/utils/search-text.server.ts: folded and stemmed in TypeScript, so both
 * engines compare the same stems). The write that changes what an entry shows rewrites it in its own transaction
 * (index* below, called from the model functions). SearchTerm also carries its entry's kind, year and day, so a query
 * reads its rarest stem's entries of each kind newest first along the index (stem, kind, year, day, entryId), keeps
 * those that have every other stem (along the primary key (stem, entryId)) and pass the filter, and stops: a page
 * after its 20 rows, a count after COUNT_LIMIT + 1. A common word therefore costs the same at any size; the worst
 * case is words that are each common but rarely meet, whose count reads the rarest word's entries of a kind.
 *
 * Everyone signed in reads every trail, position, sent document, meeting date and attachment of the region; drafts
 * and unsent revisions are never indexed.
 */
import crypto from "node:crypto";
import { Prisma } from "~/generated/prisma/client";
import { plainText, type SerializedDocument, type SerializedNode } from "~/editor/document-json";
import { prisma } from "~/utils/db.server";
import { insertRows } from "~/utils/insert-rows.server";
import { toDateInputValue } from "~/utils/format";
import { queryStems, snippet, markWords, stems } from "~/utils/search-text.server";
import { RESULTS_PER_KIND, SEARCH_KINDS, type SearchKind, type Segment } from "~/schemas/search";
import { yieldToEventLoop } from "~/utils/event-loop";

type Tx = Prisma.TransactionClient;

/** The text kept on an entry for its snippet. */
const BODY_LIMIT = 10_000;

interface EntryInput {
  kind: SearchKind;
  sourceId: string;
  trailId: string | null;
  municipalityId: string | null;
  year: number;
  day: string | null;
  title: string;
  detail: string;
  body: string;
  revision?: number | null;
  /** Indexed beside the title and body, not shown (a reference, a municipality's name). */
  extra?: string;
}

/**
 * Replaces the entry of (kind, sourceId) and its stems. `fresh`: there is none to replace; `trailState`: the caller
 * knows whether the entry's trail is open or closed, so it is not read again.
 */
async function writeEntry(
  tx: Tx,
  entry: EntryInput,
  options: { fresh?: boolean; trailState?: TrailState } = {},
): Promise<void> {
  if (!options.fresh) await removeEntry(tx, entry.kind, entry.sourceId);
  const { extra, ...row } = entry;
  const terms = stems(`${entry.title}\n${entry.detail}\n${entry.body}\n${extra ?? ""}`);
  const trailState = entry.trailId ? (options.trailState ?? (await trailStateOf(tx, entry.trailId))) : "";
  // Two inserts, nothing read back.
  const id = crypto.randomUUID();
  await insertRows(tx, "SearchEntry", [
    { ...row, id, revision: row.revision ?? null, body: entry.body.slice(0, BODY_LIMIT), updatedAt: new Date() },
  ]);
  await insertRows(
    tx,
    "SearchTerm",
    terms.map((stem) => ({ stem, entryId: id, kind: entry.kind, year: entry.year, day: entry.day ?? "", trailState })),
  );
}

/** A trail's state as SearchTerm keeps it for the open/closed filter. */
type TrailState = "open" | "closed";

/** The trail's state, read. */
async function trailStateOf(tx: Tx, trailId: string): Promise<TrailState> {
  const trail = await tx.trail.findUnique({ where: { id: trailId }, select: { closedAt: true } });
  return trail?.closedAt ? "closed" : "open";
}

/** A trail closed: its entries' words are found under "closed" from now on (called in the step that closes it). */
export async function indexTrailClosed(tx: Tx, trailId: string): Promise<void> {
  await tx.searchTerm.updateMany({ where: { entry: { trailId } }, data: { trailState: "closed" } });
}

async function removeEntry(tx: Tx, kind: SearchKind, sourceId: string): Promise<void> {
  // SearchTerm rows go with their entry (ON DELETE CASCADE).
  await tx.searchEntry.deleteMany({ where: { kind, sourceId } });
}

/** A trail's entry: its title, reference and summary. */
export async function indexTrail(tx: Tx, trailId: string): Promise<void> {
  const trail = await tx.trail.findUnique({
    where: { id: trailId },
    select: { title: true, reference: true, summary: true, startedAt: true },
  });
  if (!trail) return removeEntry(tx, "trail", trailId);
  await writeEntry(tx, {
    kind: "trail",
    sourceId: trailId,
    trailId,
    municipalityId: null,
    year: trail.startedAt.getUTCFullYear(),
    day: toDateInputValue(trail.startedAt),
    title: trail.title,
    detail: trail.reference,
    body: trail.summary,
  });
}

/** A document's text, its blocks on lines of their own. */
export function documentText(document: SerializedDocument): string {
  const blocks: string[] = [];
  const visit = (node: SerializedNode) => {
    const children = node.children ?? [];
    // A block holding inline nodes is one line; a container (the root, a list, a table) is visited further.
    if (children.length && children.every((child) => !child.children || child.type === "link")) {
      blocks.push(plainText(node));
    } else if (children.length) {
      children.forEach(visit);
    } else if (typeof node.text === "string") blocks.push(node.text);
  };
  visit(document.root as SerializedNode);
  return blocks.filter((block) => block.trim()).join("\n");
}

/** A document's entry: its last revision sent to the councils; none while no revision was sent. */
export async function indexDocument(tx: Tx, documentId: string): Promise<void> {
  const document = await tx.document.findUnique({
    where: { id: documentId },
    select: {
      trailId: true,
      kind: true,
      title: true,
      revisions: {
        where: { frozenAt: { not: null } },
        orderBy: { number: "desc" },
        take: 1,
        select: { number: true, content: true, frozenAt: true },
      },
    },
  });
  const sent = document?.revisions[0];
  if (!document || !sent?.frozenAt) return removeEntry(tx, "document", documentId);
  await writeEntry(tx, {
    kind: "document",
    sourceId: documentId,
    trailId: document.trailId,
    municipalityId: null,
    year: sent.frozenAt.getUTCFullYear(),
    day: toDateInputValue(sent.frozenAt),
    title: document.title,
    detail: document.kind,
    body: documentText(JSON.parse(sent.content) as SerializedDocument),
    revision: sent.number,
  });
}

interface PositionSource {
  id: string;
  trailId: string;
  municipalityId: string | null;
  kind: string;
  text: string;
  meetingDate: Date | null;
  loggedAt: Date;
  legalGround: string | null;
  decisionReference: string | null;
}

function positionEntry(
  position: PositionSource,
  items: { title: string; text: string }[],
  municipalityName: string | null,
): EntryInput {
  const on = position.meetingDate ?? position.loggedAt;
  const body = [
    position.text,
    ...items.map((item) => `${item.title}: ${item.text}`),
    position.legalGround ?? "",
    position.decisionReference ?? "",
  ].filter(Boolean);
  return {
    kind: "position",
    sourceId: position.id,
    trailId: position.trailId,
    municipalityId: position.municipalityId,
    year: on.getUTCFullYear(),
    day: toDateInputValue(on),
    title: municipalityName ?? "",
    detail: position.kind,
    body: body.join("\n"),
  };
}

/**
 * A position's entry: its text, its amendments and motions, the decision's reference and a withheld consent's
 * legal ground. Only the current version is found: indexing a correction removes the entry of the version it
 * replaces.
 */
export async function indexPosition(tx: Tx, positionId: string): Promise<void> {
  const position = await tx.position.findUnique({
    where: { id: positionId },
    include: {
      supersededBy: { select: { id: true } },
      municipality: { select: { name: true } },
      items: { orderBy: { createdAt: "asc" }, select: { title: true, text: true } },
    },
  });
  if (!position || position.supersededBy) return removeEntry(tx, "position", positionId);
  if (position.supersedesId) await removeEntry(tx, "position", position.supersedesId);
  await writeEntry(tx, positionEntry(position, position.items, position.municipality?.name ?? null));
}

/** The entry of a position just logged, from what the caller holds: no read, no entry to replace. */
export async function indexNewPosition(
  tx: Tx,
  position: PositionSource,
  municipalityName: string,
  trailClosed: boolean,
): Promise<void> {
  await writeEntry(tx, positionEntry(position, [], municipalityName), {
    fresh: true,
    trailState: trailClosed ? "closed" : "open",
  });
}

/** A council meeting's entry: the council (or committee), its municipality, date and note. */
export async function indexMeeting(tx: Tx, meetingId: string): Promise<void> {
  const meeting = await tx.councilMeeting.findUnique({
    where: { id: meetingId },
    select: { municipalityId: true, bodyKind: true, date: true, note: true, municipality: { select: { name: true } } },
  });
  if (!meeting) return removeEntry(tx, "meeting", meetingId);
  const title = `${meeting.bodyKind === "COMMITTEE" ? "Raadscommissie" : "Gemeenteraad"} ${meeting.municipality.name}`;
  await writeEntry(tx, {
    kind: "meeting",
    sourceId: meetingId,
    trailId: null,
    municipalityId: meeting.municipalityId,
    year: meeting.date.getUTCFullYear(),
    day: toDateInputValue(meeting.date),
    title,
    detail: meeting.bodyKind,
    body: meeting.note ?? "",
    extra: "vergadering meeting",
  });
}

/** Removes a meeting's entry (the meeting is deleted). */
export function unindexMeeting(tx: Tx, meetingId: string): Promise<void> {
  return removeEntry(tx, "meeting", meetingId);
}

/**
 * An attachment's entry: its file name and title. A position's attachment and a trail's annex are found at once;
 * an annex of a document revision once that revision is sent (sendRevision indexes them), never before.
 */
export async function indexAttachment(tx: Tx, attachmentId: string): Promise<void> {
  const attachment = await tx.attachment.findUnique({
    where: { id: attachmentId },
    select: {
      fileName: true,
      title: true,
      createdAt: true,
      trailId: true,
      position: { select: { trailId: true, municipalityId: true, body: { select: { name: true } } } },
      documentRevision: { select: { frozenAt: true, document: { select: { trailId: true, title: true } } } },
    },
  });
  const unsent = attachment?.documentRevision && !attachment.documentRevision.frozenAt;
  const trailId =
    attachment?.position?.trailId ?? attachment?.documentRevision?.document.trailId ?? attachment?.trailId ?? null;
  if (!attachment || unsent || !trailId) return removeEntry(tx, "attachment", attachmentId);
  await writeEntry(tx, {
    kind: "attachment",
    sourceId: attachmentId,
    trailId,
    municipalityId: attachment.position?.municipalityId ?? null,
    year: attachment.createdAt.getUTCFullYear(),
    day: toDateInputValue(attachment.createdAt),
    title: attachment.title ? `${attachment.title} (${attachment.fileName})` : attachment.fileName,
    detail: attachment.position?.body.name ?? attachment.documentRevision?.document.title ?? "",
    body: "",
  });
}

const INDEXERS: Record<SearchKind, (tx: Tx, id: string) => Promise<void>> = {
  trail: indexTrail,
  document: indexDocument,
  position: indexPosition,
  meeting: indexMeeting,
  attachment: indexAttachment,
};

/** What should have an entry and has none: a SQL selecting ids, per kind. */
const MISSING: Record<SearchKind, Prisma.Sql> = {
  trail: Prisma.sql`SELECT s."id" FROM "Trail" s WHERE NOT EXISTS
    (SELECT 1 FROM "SearchEntry" e WHERE e."kind" = 'trail' AND e."sourceId" = s."id")`,
  document: Prisma.sql`SELECT s."id" FROM "Document" s WHERE EXISTS
    (SELECT 1 FROM "DocumentRevision" r WHERE r."documentId" = s."id" AND r."frozenAt" IS NOT NULL) AND NOT EXISTS
    (SELECT 1 FROM "SearchEntry" e WHERE e."kind" = 'document' AND e."sourceId" = s."id")`,
  position: Prisma.sql`SELECT s."id" FROM "Position" s WHERE NOT EXISTS
    (SELECT 1 FROM "Position" c WHERE c."supersedesId" = s."id") AND NOT EXISTS
    (SELECT 1 FROM "SearchEntry" e WHERE e."kind" = 'position' AND e."sourceId" = s."id")`,
  meeting: Prisma.sql`SELECT s."id" FROM "CouncilMeeting" s WHERE NOT EXISTS
    (SELECT 1 FROM "SearchEntry" e WHERE e."kind" = 'meeting' AND e."sourceId" = s."id")`,
  attachment: Prisma.sql`SELECT s."id" FROM "Attachment" s WHERE NOT EXISTS
    (SELECT 1 FROM "SearchEntry" e WHERE e."kind" = 'attachment' AND e."sourceId" = s."id")
    AND (s."documentRevisionId" IS NULL OR EXISTS
      (SELECT 1 FROM "DocumentRevision" r WHERE r."id" = s."documentRevisionId" AND r."frozenAt" IS NOT NULL))`,
};

/**
 * Indexes what has no entry yet (rows written before the search existed, in a database migrated to it), 100 at a
 * time in the order of their ids, one transaction each. Run once the server listens; returns how many entries it wrote.
 */
export async function indexMissing(batch = 100): Promise<number> {
  let written = 0;
  for (const kind of SEARCH_KINDS) {
    // Onwards by id, so each batch starts where the last one ended instead of passing every indexed row again.
    let after = "";
    for (;;) {
      const rows = await prisma.$queryRaw<{ id: string }[]>(
        Prisma.sql`${MISSING[kind]} AND s."id" > ${after} ORDER BY s."id" LIMIT ${batch}`,
      );
      if (!rows.length) break;
      after = rows[rows.length - 1]!.id;
      // A batch is a few hundred small statements: on a busy PostgreSQL that can pass Prisma's 5 s default.
      await prisma.$transaction(
        async (tx) => {
          for (const row of rows) await INDEXERS[kind](tx, row.id);
        },
        { timeout: 60_000 },
      );
      written += rows.length;
      // Let requests in between batches.
      await yieldToEventLoop();
    }
  }
  return written;
}

export interface SearchFilter {
  kind?: SearchKind;
  municipalityId?: string;
  year?: number;
  state?: "open" | "closed";
  /** With a kind: its page (1-based). */
  page?: number;
}

/** A row of searchQuery: the entry's columns and its trail's and municipality's names. */
interface ResultRow extends Omit<EntryInput, "extra" | "revision"> {
  id: string;
  revision: number | null;
  trailTitle: string | null;
  trailReference: string | null;
  municipalityName: string | null;
}

/**
 * Where counting a kind's results stops: past it the page says "more than 1,000". A count then reads at most this
 * many matches along the index, however long the history.
 */
export const COUNT_LIMIT = 1000;

/** How far a word's entries are counted to find the rarest word of a query, which then leads. */
export const STEM_PROBE = 5000;

/**
 * The FROM and WHERE of one kind's matches: the first stem's entries of that kind (and trail state, and year) along
 * SearchTerm's index (stem, kind, [trailState,] year, day, entryId), newest first, kept when they have every other
 * stem (along the primary key) and pass the municipality filter. With `shown`, the entry and its trail are joined
 * for their columns; a count joins the entry only for the municipality filter. CROSS JOIN keeps SQLite on that start.
 */
function matches(terms: string[], kind: SearchKind, filter: SearchFilter, shown: boolean): Prisma.Sql {
  const [first, ...rest] = terms;
  const conditions: Prisma.Sql[] = [Prisma.sql`s0."stem" = ${first}`, Prisma.sql`s0."kind" = ${kind}`];
  // The trail's state and the year are on the term, in an index after the kind.
  if (filter.state) conditions.push(Prisma.sql`s0."trailState" = ${filter.state}`);
  if (filter.year !== undefined) conditions.push(Prisma.sql`s0."year" = ${filter.year}`);
  for (const stem of rest)
    conditions.push(
      Prisma.sql`EXISTS (SELECT 1 FROM "SearchTerm" s WHERE s."stem" = ${stem} AND s."entryId" = s0."entryId")`,
    );
  if (filter.municipalityId)
    // A council's own entries, and those of the trails it takes part in.
    conditions.push(Prisma.sql`(e."municipalityId" = ${filter.municipalityId} OR (e."municipalityId" IS NULL AND
      EXISTS (SELECT 1 FROM "TrailParticipant" p WHERE p."trailId" = e."trailId"
        AND p."municipalityId" = ${filter.municipalityId})))`);
  if (!shown && !filter.municipalityId)
    return Prisma.sql`FROM "SearchTerm" s0 WHERE ${Prisma.join(conditions, " AND ")}`;
  return Prisma.sql`FROM "SearchTerm" s0
    CROSS JOIN "SearchEntry" e
    ${shown ? Prisma.sql`LEFT JOIN "Trail" t ON t."id" = e."trailId"` : Prisma.empty}
    WHERE e."id" = s0."entryId" AND ${Prisma.join(conditions, " AND ")}`;
}

const NEWEST_FIRST = Prisma.sql`ORDER BY s0."year" DESC, s0."day" DESC, s0."entryId" DESC`;

/** The kinds a search shows: the filter's, or all. */
const kindsOf = (filter: SearchFilter): readonly SearchKind[] => (filter.kind ? [filter.kind] : SEARCH_KINDS);

/** The page a kind shows: with a kind chosen the filter's page, within the counted results. */
function offsetOf(filter: SearchFilter): number {
  if (!filter.kind) return 0;
  const last = Math.ceil(COUNT_LIMIT / RESULTS_PER_KIND);
  return (Math.min(filter.page ?? 1, last) - 1) * RESULTS_PER_KIND;
}

/**
 * The statement of a search's results: per kind the page's rows, each read newest first along the index and
 * stopped after RESULTS_PER_KIND, so its cost does not grow with the number of matches.
 */
export function searchQuery(terms: string[], filter: SearchFilter): Prisma.Sql {
  const offset = offsetOf(filter);
  const pages = kindsOf(filter).map(
    (kind) => Prisma.sql`SELECT * FROM (
      SELECT e."id", e."kind", e."sourceId", e."trailId", e."municipalityId", e."year", e."day", e."title",
        e."detail", e."body", e."revision", t."title" AS "trailTitle", t."reference" AS "trailReference",
        (SELECT m."name" FROM "Municipality" m WHERE m."id" = e."municipalityId") AS "municipalityName"
      ${matches(terms, kind, filter, true)}
      ${NEWEST_FIRST} LIMIT ${RESULTS_PER_KIND} OFFSET ${offset}) AS "${Prisma.raw(kind)}"`,
  );
  return Prisma.sql`SELECT * FROM (${Prisma.join(pages, " UNION ALL ")}) AS x
    ORDER BY x."kind", x."year" DESC, x."day" DESC, x."id" DESC`;
}

/** The statement of a search's counts: per kind its matches, counted up to one past COUNT_LIMIT. */
export function searchCountQuery(terms: string[], filter: SearchFilter): Prisma.Sql {
  const counts = kindsOf(filter).map(
    (kind) => Prisma.sql`(SELECT COUNT(*) FROM (SELECT 1 AS one ${matches(terms, kind, filter, false)}
      LIMIT ${COUNT_LIMIT + 1}) AS c) AS "${Prisma.raw(kind)}"`,
  );
  return Prisma.sql`SELECT ${Prisma.join(counts, ", ")}`;
}

/** Each word's entries counted up to `limit`, in one statement: a count by stem. */
async function countStems(stems: string[], limit: number): Promise<Map<string, number>> {
  const probes = stems.map(
    (stem, i) => Prisma.sql`(SELECT COUNT(*) FROM (SELECT 1 AS one FROM "SearchTerm" WHERE "stem" = ${stem}
      LIMIT ${limit}) AS c) AS "${Prisma.raw(`s${i}`)}"`,
  );
  const [row] = await prisma.$queryRaw<Record<string, number | bigint>[]>(
    Prisma.sql`SELECT ${Prisma.join(probes, ", ")}`,
  );
  return new Map(stems.map((stem, i) => [stem, Number(row?.[`s${i}`] ?? 0)]));
}

/** How far a common word's entries are counted to rank it against another common word. */
const COMMON_COUNT_LIMIT = 500_000;
/** How long a common word's count is kept: it only orders the lookup, so a count minutes old serves as well. */
export const COMMON_COUNT_TTL_MS = 10 * 60_000;
/** How many common words' counts are kept (the oldest goes first). */
const COMMON_COUNTS_KEPT = 1000;
const commonCounts = new Map<string, { count: number; until: number }>();

/** The common words whose counts are kept now (for tests). */
export function keptCommonWords(): string[] {
  return [...commonCounts.keys()];
}

/**
 * The query's stems, the rarest first, so the rarest leads the lookup; none when a stem has no entry at all
 * (nothing can match).
 *
 * Each stem is counted along the primary key up to STEM_PROBE, which tells a rare word's number exactly. When two or
 * more words pass it (both common: "zienswijze delft" at 10,000 trails has 75,000 and 10,000 entries), the probe
 * cannot tell which is rarer, and leading with the wrong one read seven times the entries to count the matches. Those
 * words are then counted on, up to COMMON_COUNT_LIMIT, and the count is kept per process for COMMON_COUNT_TTL_MS:
 * a common word's number changes little in minutes, and it only orders the lookup, never decides what matches. A
 * rare word is probed afresh every time, so a word just written is found at once.
 */
export async function rarestFirst(terms: string[], now = Date.now()): Promise<string[]> {
  const counts = new Map<string, number>();
  for (const stem of terms) {
    const kept = commonCounts.get(stem);
    if (kept && kept.until > now) counts.set(stem, kept.count);
  }
  const unknown = terms.filter((stem) => !counts.has(stem));
  if (unknown.length) for (const [stem, count] of await countStems(unknown, STEM_PROBE)) counts.set(stem, count);
  if (terms.some((stem) => counts.get(stem) === 0)) return [];
  const common = terms.filter((stem) => counts.get(stem)! >= STEM_PROBE);
  const uncounted = common.filter((stem) => !commonCounts.get(stem) || commonCounts.get(stem)!.until <= now);
  if (common.length > 1 && uncounted.length)
    for (const [stem, count] of await countStems(uncounted, COMMON_COUNT_LIMIT)) {
      counts.set(stem, count);
      commonCounts.delete(stem);
      commonCounts.set(stem, { count, until: now + COMMON_COUNT_TTL_MS });
      if (commonCounts.size > COMMON_COUNTS_KEPT) commonCounts.delete(commonCounts.keys().next().value!);
    }
  // Stable: among equally common stems the longer (sorted so by the caller) stays first.
  return [...terms].sort((a, b) => counts.get(a)! - counts.get(b)!);
}

export interface SearchResult {
  id: string;
  kind: SearchKind;
  href: string | null;
  title: Segment[];
  detail: string;
  day: string | null;
  snippet: Segment[];
  trail: { title: string; reference: string } | null;
  municipality: string | null;
}

export interface SearchGroup {
  kind: SearchKind;
  /** Its matches, counted up to COUNT_LIMIT. */
  total: number;
  /** More than COUNT_LIMIT match. */
  more: boolean;
  results: SearchResult[];
}

/** Where a result leads: every signed-in user reads each of them. */
function hrefOf(row: ResultRow): string {
  switch (row.kind) {
    case "trail":
      return `/trajecten/${row.sourceId}`;
    case "document":
      return `/documenten/${row.sourceId}${row.revision ? `?revisie=${row.revision}` : ""}`;
    case "position":
      return `/trajecten/${row.trailId}/standpunten/${row.sourceId}`;
    case "attachment":
      return `/bijlagen/${row.sourceId}`;
    case "meeting":
      return `/vergaderingen/${row.sourceId}`;
  }
}

/**
 * Searches for `query` (every word must match, each by its stem) within the filter: per kind its count (up to
 * COUNT_LIMIT, and whether there are more) and up to RESULTS_PER_KIND results (with a kind chosen, the filter's page of them), in the order of SEARCH_KINDS. An empty
 * query (no word in it) finds nothing and sends no statement.
 */
export async function search(query: string, filter: SearchFilter): Promise<{ terms: string[]; groups: SearchGroup[] }> {
  // Longer stems first, then the rarest: the rarer word leads the lookup.
  const terms = queryStems(query).sort((a, b) => b.length - a.length);
  if (!terms.length) return { terms, groups: [] };
  const ordered = terms.length > 1 ? await rarestFirst(terms) : terms;
  if (!ordered.length) return { terms, groups: [] };
  const [counts] = await prisma.$queryRaw<Record<SearchKind, number | bigint>[]>(searchCountQuery(ordered, filter));
  const groups = new Map<SearchKind, SearchGroup>();
  for (const kind of kindsOf(filter)) {
    const counted = Number(counts?.[kind] ?? 0);
    if (counted)
      groups.set(kind, { kind, total: Math.min(counted, COUNT_LIMIT), more: counted > COUNT_LIMIT, results: [] });
  }
  if (!groups.size) return { terms, groups: [] };
  const rows = await prisma.$queryRaw<ResultRow[]>(searchQuery(ordered, filter));
  const wanted = new Set(terms);
  for (const row of rows) {
    groups.get(row.kind)?.results.push({
      id: row.id,
      kind: row.kind,
      href: hrefOf(row),
      title: markWords(row.title, wanted),
      detail: row.detail,
      day: row.day,
      snippet: snippet(row.body, wanted),
      trail: row.trailTitle ? { title: row.trailTitle, reference: row.trailReference ?? "" } : null,
      municipality: row.municipalityName,
    });
  }
  return { terms, groups: SEARCH_KINDS.flatMap((kind) => groups.get(kind) ?? []) };
}

/**
 * The years that have entries, newest first (the year filter's choices): from the index on year, one step per year
 * (each the greatest year below the last), so the cost follows the number of years, not of entries.
 */
export async function searchYears(): Promise<number[]> {
  const rows = await prisma.$queryRaw<{ year: number | bigint | null }[]>(Prisma.sql`WITH RECURSIVE y("year") AS (
      SELECT MAX("year") FROM "SearchEntry"
      UNION ALL
      SELECT (SELECT MAX(e."year") FROM "SearchEntry" e WHERE e."year" < y."year") FROM y WHERE y."year" IS NOT NULL
    ) SELECT "year" FROM y WHERE "year" IS NOT NULL`);
  return rows.map((row) => Number(row.year));
}
