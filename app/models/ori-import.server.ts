/**
 * Importing council outcomes from the council's own system, as harvested by Open Raadsinformatie's successor
 * openbesluitvorming.nl (or any API of the same shape, configured per municipality in OriSource).
 *
 * The shapes read here are those documented in ontola/openbesluitvorming: API.md ("Bulk export":
 * GET /api/export/changes?source=&cursor=&limit=, NDJSON records { seq, op, time, entity_id, entity_type,
 * source_key, payload }, headers X-Next-Cursor and X-Has-More; "Entity detail": GET /api/entities/{id}, a meeting
 * answering with sortDate and agenda[]; errors as JSON with a stable `code`, e.g. unknown_export_source) and
 * schemas/motion.schema.json (name, motion_type, status, result aangenomen | verworpen | ingetrokken | aangehouden |
 * overig, date, last_discussed_at, tally { in_favour, against }, votes[] { option voor | tegen, group_name },
 * meeting, agenda_item) and schemas/meeting.schema.json (agenda items with id, number, title, agenda_items).
 *
 * A matched item becomes a ProposedPosition: nothing is written to a trail until the council's clerk confirms it,
 * and then through logPosition, with the same rules as a position typed in. Each page of the change feed is one
 * transaction with the cursor that follows it: a failure (timeout, HTTP error, malformed or cut-off NDJSON, an
 * unknown source) leaves the cursor where the last committed page put it, and the next round tries again after a
 * backoff.
 */
import { z } from "zod";
import type { Prisma, PositionKind } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { canonicalJson } from "~/utils/canonical-json";
import { fromDateInputValue, toDateInputValue } from "~/utils/format";
import type { Actor } from "~/utils/permissions";
import { pageWithin, LIST_PAGE_SIZE, type ListPageOf } from "~/utils/paging";
import { appendEvent, appendEvents } from "./event.server";
import { logPosition, ProposalDecided, type NewPosition, type PartyVotes } from "./position.server";
import type { FormKeyReused } from "./form-key.server";
import { yieldToEventLoop } from "~/utils/event-loop";

type Tx = Prisma.TransactionClient;

/** Records asked for per page of the change feed (the API allows up to 1000). */
export const ORI_PAGE_SIZE = 200;
/** Pages read per source per round; the rest follows in the next round. */
export const ORI_PAGES_PER_RUN = 25;
/** How long one request may take. */
export const ORI_TIMEOUT_MS = 20_000;
/** The longest wait after failures in a row (the wait doubles per failure from one hour). */
const MAX_BACKOFF_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;

/** Why a run failed; the kind is logged and shown to administrators with the message. */
export type OriFailureKind = "timeout" | "http" | "malformed" | "partial" | "unknown_source";

export class OriImportError extends Error {
  constructor(
    readonly kind: OriFailureKind,
    message: string,
  ) {
    super(message);
  }
}

// ---- The source's shapes (API.md, schemas/*.schema.json) ----

const entityRef = z.string().min(1);

const ChangeRecord = z.object({
  seq: z.number().int(),
  op: z.enum(["upsert", "delete"]),
  entity_id: z.string().min(1),
  entity_type: z.string().min(1),
  source_key: z.string().min(1),
  payload: z.record(z.string(), z.unknown()).optional(),
});

const MotionPayload = z.object({
  name: z.string().min(1),
  motion_type: z.string().optional(),
  status: z.string().optional(),
  result: z.enum(["aangenomen", "verworpen", "ingetrokken", "aangehouden", "overig"]).optional(),
  date: z.string().optional(),
  last_discussed_at: z.string().optional(),
  description: z.string().optional(),
  tally: z.object({ in_favour: z.number().int().min(0), against: z.number().int().min(0) }).optional(),
  votes: z.array(z.object({ option: z.enum(["voor", "tegen"]), group_name: z.string().optional() }).loose()).optional(),
  meeting: entityRef.optional(),
  agenda_item: entityRef.optional(),
});

interface OriAgendaItem {
  id: string;
  number?: string;
  title?: string;
  agenda_items?: OriAgendaItem[];
}

const AgendaItemShape: z.ZodType<OriAgendaItem> = z.lazy(() =>
  z
    .object({
      id: z.string(),
      number: z.string().optional(),
      title: z.string().optional(),
      agenda_items: z.array(AgendaItemShape).optional(),
    })
    .loose(),
);

const MeetingEntity = z
  .object({
    entityId: z.string(),
    entityType: z.literal("Meeting"),
    sortDate: z.string().min(10),
    agenda: z.array(AgendaItemShape).optional(),
  })
  .loose();

const ApiError = z.object({ code: z.string() }).loose();

// ---- Reading the source ----

interface Fetched {
  body: string;
  headers: Headers;
}

async function get(url: string, timeoutMs: number): Promise<Fetched | { status: 404 }> {
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), headers: { accept: "application/json" } });
  } catch (error) {
    if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError"))
      throw new OriImportError("timeout", `Geen antwoord binnen ${timeoutMs / 1000} s`);
    throw new OriImportError("http", `Verbinding mislukt: ${(error as Error).message}`);
  }
  let body: string;
  try {
    body = await response.text();
  } catch (error) {
    // The body ended before its announced length (a cut connection), or the timeout fell while reading it.
    if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError"))
      throw new OriImportError("timeout", `Geen volledig antwoord binnen ${timeoutMs / 1000} s`);
    throw new OriImportError("partial", `Onvolledig antwoord: ${(error as Error).message}`);
  }
  if (response.status === 404) return { status: 404 };
  if (!response.ok) {
    let code: string | undefined;
    try {
      code = ApiError.parse(JSON.parse(body)).code;
    } catch {
      code = undefined;
    }
    if (code === "unknown_export_source" || code === "unknown_organization" || code === "missing_export_source")
      throw new OriImportError("unknown_source", `De bron kent deze organisatie niet (${code})`);
    throw new OriImportError("http", `HTTP ${response.status}${code ? ` (${code})` : ""}`);
  }
  return { body, headers: response.headers };
}

/** One page of the change feed, parsed and checked; a line that is not a record fails the whole page. */
export async function readChanges(
  source: { baseUrl: string; sourceKey: string; cursor: string | null },
  options: { limit?: number; timeoutMs?: number } = {},
) {
  const url = new URL(`${source.baseUrl}/api/export/changes`);
  url.searchParams.set("source", source.sourceKey);
  url.searchParams.set("limit", String(options.limit ?? ORI_PAGE_SIZE));
  if (source.cursor) url.searchParams.set("cursor", source.cursor);
  const answer = await get(url.toString(), options.timeoutMs ?? ORI_TIMEOUT_MS);
  if ("status" in answer) throw new OriImportError("unknown_source", "De wijzigingenfeed bestaat niet (HTTP 404)");
  const nextCursor = answer.headers.get("x-next-cursor");
  const hasMore = answer.headers.get("x-has-more");
  if (!nextCursor || (hasMore !== "true" && hasMore !== "false"))
    throw new OriImportError("partial", "Het antwoord mist X-Next-Cursor of X-Has-More");
  const lines = answer.body.split("\n");
  const records: z.infer<typeof ChangeRecord>[] = [];
  for (const [index, line] of lines.entries()) {
    if (!line.trim()) continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      // The last line cut off mid-record is a partial answer; a bad line before it is a malformed one.
      const last = index === lines.length - 1;
      throw new OriImportError(
        last ? "partial" : "malformed",
        last ? `Regel ${index + 1} is afgebroken` : `Regel ${index + 1} is geen JSON`,
      );
    }
    const record = ChangeRecord.safeParse(parsed);
    if (!record.success) throw new OriImportError("malformed", `Regel ${index + 1} is geen wijzigingsrecord`);
    if (record.data.source_key !== source.sourceKey)
      throw new OriImportError("unknown_source", `Regel ${index + 1} hoort bij een andere bron`);
    records.push(record.data);
  }
  return { records, nextCursor, hasMore: hasMore === "true" };
}

/** A meeting's start and agenda (GET /api/entities/{id}); null when the source does not know it. */
async function readMeeting(baseUrl: string, meetingId: string, timeoutMs: number) {
  const answer = await get(`${baseUrl}/api/entities/${encodeURIComponent(meetingId)}`, timeoutMs);
  if ("status" in answer) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(answer.body);
  } catch {
    throw new OriImportError("malformed", `De vergadering ${meetingId} is geen JSON`);
  }
  const meeting = MeetingEntity.safeParse(parsed);
  if (!meeting.success) throw new OriImportError("malformed", `De vergadering ${meetingId} heeft een onbekende vorm`);
  return meeting.data;
}

// ---- From a motion to a proposal ----

/** What a motion record says the council did, or null when it is not a decision to propose (withdrawn, held). */
export function kindOf(motion: z.infer<typeof MotionPayload>): PositionKind | null {
  if (motion.result !== "aangenomen" && motion.result !== "verworpen") return null;
  const type = (motion.motion_type ?? "").toLowerCase();
  if (type.includes("amendement")) return "AMENDMENT";
  if (type.includes("motie")) return "MOTION";
  return motion.result === "aangenomen" ? "ADOPTED" : "REJECTED";
}

/** A title compared without case, accents, punctuation and spacing. */
export function normalTitle(title: string): string {
  return title
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** The per-member votes summed per group (option is only voor or tegen: API.md). */
function partyVotesOf(votes: z.infer<typeof MotionPayload>["votes"]): PartyVotes[] {
  const byParty = new Map<string, PartyVotes>();
  for (const vote of votes ?? []) {
    const party = vote.group_name?.trim() || "—";
    const row = byParty.get(party) ?? { party, for: 0, against: 0, abstained: 0 };
    if (vote.option === "voor") row.for += 1;
    else row.against += 1;
    byParty.set(party, row);
  }
  return [...byParty.values()].sort((a, b) => a.party.localeCompare(b.party, "nl"));
}

function findAgendaItem(items: readonly OriAgendaItem[] | undefined, id: string): OriAgendaItem | null {
  for (const item of items ?? []) {
    if (item.id === id) return item;
    const nested = findAgendaItem(item.agenda_items, id);
    if (nested) return nested;
  }
  return null;
}

/** A day (YYYY-MM-DD, Dutch time) from the source's timestamps: ISO, or "2024-11-07 20:00:00" in UTC. */
function dayOf(value: string | undefined): string | null {
  if (!value) return null;
  const iso = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2})?$/.test(value) ? `${value.replace(" ", "T")}Z` : value;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : null;
  return toDateInputValue(date);
}

interface OpenTrail {
  id: string;
  title: string;
  reference: string;
  startedOn: string;
}

interface Candidate {
  trailId: string;
  agendaItemId: string | null;
  matchedBy: "agendaItem" | "dateTitle";
}

/**
 * The trail a decision belongs to: first the agenda item of this council's meeting that day (by its number or
 * title), then a single open trail whose title or reference the item's title contains, started on or before the
 * meeting. None, or more than one by title: no match.
 */
async function matchTrail(
  municipalityId: string,
  meetingOn: string,
  titles: string[],
  agendaNumber: string | undefined,
  openTrails: readonly OpenTrail[],
): Promise<Candidate | null> {
  const wanted = titles.map(normalTitle).filter(Boolean);
  const start = fromDateInputValue(meetingOn);
  const end = new Date(start.getTime() + 36 * HOUR_MS);
  const items = await prisma.agendaItem.findMany({
    where: {
      meeting: { municipalityId, date: { gte: new Date(start.getTime() - 12 * HOUR_MS), lt: end } },
      trail: { closedAt: null, participants: { some: { municipalityId } } },
    },
    select: { id: true, number: true, title: true, trailId: true, meeting: { select: { date: true } } },
  });
  const sameDay = items.filter((i) => toDateInputValue(i.meeting.date) === meetingOn);
  const byAgenda = sameDay.filter(
    (i) =>
      (agendaNumber !== undefined && String(i.number) === agendaNumber.trim()) ||
      wanted.some((w) => w === normalTitle(i.title)),
  );
  if (byAgenda.length === 1)
    return { trailId: byAgenda[0]!.trailId, agendaItemId: byAgenda[0]!.id, matchedBy: "agendaItem" };
  const byTitle = openTrails.filter(
    (t) =>
      t.startedOn <= meetingOn &&
      wanted.some((w) => w.includes(normalTitle(t.title)) || w.includes(normalTitle(t.reference))),
  );
  if (byTitle.length === 1) return { trailId: byTitle[0]!.id, agendaItemId: null, matchedBy: "dateTitle" };
  return null;
}

export interface OriRunResult {
  municipalityId: string;
  municipality: string;
  ok: boolean;
  /** Records read, proposals made, records already proposed before, records that matched no trail. */
  read: number;
  proposed: number;
  duplicates: number;
  unmatched: number;
  error?: { kind: OriFailureKind; message: string };
}

/** Imports one council's new decisions, page by page; each page and its cursor are one transaction. */
export async function importForMunicipality(
  municipalityId: string,
  options: { now?: Date; timeoutMs?: number; pageSize?: number; maxPages?: number } = {},
): Promise<OriRunResult> {
  const now = options.now ?? new Date();
  const timeoutMs = options.timeoutMs ?? ORI_TIMEOUT_MS;
  const source = await prisma.oriSource.findUniqueOrThrow({
    where: { municipalityId },
    include: { municipality: { select: { name: true } } },
  });
  const result: OriRunResult = {
    municipalityId,
    municipality: source.municipality.name,
    ok: true,
    read: 0,
    proposed: 0,
    duplicates: 0,
    unmatched: 0,
  };
  const openTrails: OpenTrail[] = (
    await prisma.trailParticipant.findMany({
      where: { municipalityId, trail: { closedAt: null } },
      select: { trail: { select: { id: true, title: true, reference: true, startedAt: true } } },
    })
  ).map(({ trail }) => ({ ...trail, startedOn: toDateInputValue(trail.startedAt) }));
  const meetings = new Map<string, z.infer<typeof MeetingEntity> | null>();
  let cursor = source.cursor;
  try {
    for (let page = 0; page < (options.maxPages ?? ORI_PAGES_PER_RUN); page++) {
      const changes = await readChanges(
        { baseUrl: source.baseUrl, sourceKey: source.sourceKey, cursor },
        { limit: options.pageSize, timeoutMs },
      );
      result.read += changes.records.length;
      const rows: Prisma.ProposedPositionCreateManyInput[] = [];
      for (const record of changes.records) {
        if (record.op !== "upsert" || record.entity_type !== "Motion") continue;
        const motion = MotionPayload.safeParse(record.payload ?? {});
        if (!motion.success) throw new OriImportError("malformed", `${record.entity_id} is geen geldige motie`);
        const kind = kindOf(motion.data);
        if (!kind) continue;
        let meeting: z.infer<typeof MeetingEntity> | null = null;
        if (motion.data.meeting) {
          if (!meetings.has(motion.data.meeting))
            meetings.set(motion.data.meeting, await readMeeting(source.baseUrl, motion.data.meeting, timeoutMs));
          meeting = meetings.get(motion.data.meeting) ?? null;
        }
        const meetingOn = dayOf(meeting?.sortDate) ?? dayOf(motion.data.last_discussed_at) ?? dayOf(motion.data.date);
        if (!meetingOn) {
          result.unmatched += 1;
          continue;
        }
        const agendaItem = motion.data.agenda_item ? findAgendaItem(meeting?.agenda, motion.data.agenda_item) : null;
        const match = await matchTrail(
          municipalityId,
          meetingOn,
          [motion.data.name, ...(agendaItem?.title ? [agendaItem.title] : [])],
          agendaItem?.number,
          openTrails,
        );
        if (!match) {
          result.unmatched += 1;
          continue;
        }
        const partyVotes = partyVotesOf(motion.data.votes);
        rows.push({
          municipalityId,
          trailId: match.trailId,
          source: source.sourceKey,
          sourceId: record.entity_id,
          sourceUrl: `${source.baseUrl}/api/entities/${encodeURIComponent(record.entity_id)}`,
          kind,
          title: motion.data.name.slice(0, 500),
          text: [motion.data.status, motion.data.description].filter(Boolean).join("\n\n").slice(0, 20_000),
          meetingDate: fromDateInputValue(meetingOn),
          votesFor: motion.data.tally?.in_favour ?? (partyVotes.length ? sum(partyVotes, "for") : null),
          votesAgainst: motion.data.tally?.against ?? (partyVotes.length ? sum(partyVotes, "against") : null),
          partyVotes: partyVotes.length ? canonicalJson(partyVotes) : null,
          agendaItemId: match.agendaItemId,
          matchedBy: match.matchedBy,
        });
      }
      const committed = await prisma.$transaction(async (tx) => {
        const fresh = await storeProposals(tx, source.sourceKey, rows);
        await tx.oriSource.update({
          where: { municipalityId },
          data: {
            cursor: changes.nextCursor,
            lastRunAt: now,
            lastSuccessAt: now,
            lastError: null,
            failures: 0,
            retryAfter: null,
          },
        });
        return fresh;
      });
      result.proposed += committed;
      result.duplicates += rows.length - committed;
      cursor = changes.nextCursor;
      await yieldToEventLoop();
      if (!changes.hasMore) break;
    }
    if (result.read === 0)
      await prisma.oriSource.update({
        where: { municipalityId },
        data: { lastRunAt: now, lastSuccessAt: now, lastError: null, failures: 0, retryAfter: null },
      });
  } catch (error) {
    const failure =
      error instanceof OriImportError ? error : new OriImportError("http", (error as Error).message ?? "onbekend");
    const failures = source.failures + 1;
    await prisma.oriSource.update({
      where: { municipalityId },
      data: {
        lastRunAt: now,
        lastError: `${failure.kind}: ${failure.message}`.slice(0, 500),
        failures,
        retryAfter: new Date(now.getTime() + backoffMs(failures)),
      },
    });
    result.ok = false;
    result.error = { kind: failure.kind, message: failure.message };
  }
  return result;
}

function sum(rows: PartyVotes[], key: "for" | "against"): number {
  return rows.reduce((total, row) => total + row[key], 0);
}

/** One hour after the first failure, doubling per failure in a row, at most a day. */
export function backoffMs(failures: number): number {
  return Math.min(HOUR_MS * 2 ** Math.max(0, failures - 1), MAX_BACKOFF_MS);
}

/**
 * Stores the proposals not made before (the unique key is source + id; each once) with an audit event per proposal,
 * in the caller's transaction; returns how many were new.
 */
export async function storeProposals(tx: Tx, source: string, rows: Prisma.ProposedPositionCreateManyInput[]) {
  const fresh = await newOnly(tx, source, rows);
  if (fresh.length) await tx.proposedPosition.createMany({ data: fresh });
  await appendEvents(
    tx,
    fresh.map((row) => ({
      type: "position.proposed",
      trailId: row.trailId,
      payload: {
        municipalityId: row.municipalityId,
        source: row.source,
        sourceId: row.sourceId,
        kind: row.kind,
        matchedBy: row.matchedBy,
      },
    })),
  );
  return fresh.length;
}

/** The rows not proposed before (the unique key is source + id), and each once. */
async function newOnly(tx: Tx, source: string, rows: Prisma.ProposedPositionCreateManyInput[]) {
  if (!rows.length) return rows;
  const known = new Set(
    (
      await tx.proposedPosition.findMany({
        where: { source, sourceId: { in: rows.map((r) => r.sourceId) } },
        select: { sourceId: true },
      })
    ).map((r) => r.sourceId),
  );
  return rows.filter((row) => {
    if (known.has(row.sourceId)) return false;
    known.add(row.sourceId);
    return true;
  });
}

/**
 * The scheduled round: every configured source that is due (not waiting after a failure), one after the other.
 * Returns what each did, for the server's log.
 */
export async function runOriImport(now = new Date(), options: { timeoutMs?: number } = {}): Promise<OriRunResult[]> {
  const due = await prisma.oriSource.findMany({
    where: { OR: [{ retryAfter: null }, { retryAfter: { lte: now } }] },
    select: { municipalityId: true },
    orderBy: { municipalityId: "asc" },
  });
  const results: OriRunResult[] = [];
  for (const { municipalityId } of due) {
    results.push(await importForMunicipality(municipalityId, { now, timeoutMs: options.timeoutMs }));
    await yieldToEventLoop();
  }
  return results;
}

// ---- Configuration (administrators) ----

export async function listOriSources() {
  const municipalities = await prisma.municipality.findMany({
    orderBy: { name: "asc" },
    select: { id: true, name: true, oriSource: true },
  });
  return municipalities.map((m) => ({
    id: m.id,
    name: m.name,
    baseUrl: m.oriSource?.baseUrl ?? null,
    sourceKey: m.oriSource?.sourceKey ?? null,
    lastRunAt: m.oriSource?.lastRunAt ?? null,
    lastSuccessAt: m.oriSource?.lastSuccessAt ?? null,
    lastError: m.oriSource?.lastError ?? null,
    failures: m.oriSource?.failures ?? 0,
    retryAfter: m.oriSource?.retryAfter ?? null,
  }));
}

/** Sets (or, without a base URL, removes) a municipality's source; a new source or key starts from the beginning. */
export async function setOriSource(
  input: { municipalityId: string; baseUrl: string | null; sourceKey: string | null },
  actor: Actor,
): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const municipality = await tx.municipality.findUnique({
      where: { id: input.municipalityId },
      select: { id: true, oriSource: true },
    });
    if (!municipality) return false;
    if (!input.baseUrl || !input.sourceKey) {
      await tx.oriSource.deleteMany({ where: { municipalityId: input.municipalityId } });
    } else {
      const baseUrl = input.baseUrl.replace(/\/+$/, "");
      const same = municipality.oriSource?.baseUrl === baseUrl && municipality.oriSource.sourceKey === input.sourceKey;
      await tx.oriSource.upsert({
        where: { municipalityId: input.municipalityId },
        create: { municipalityId: input.municipalityId, baseUrl, sourceKey: input.sourceKey },
        update: same ? {} : { baseUrl, sourceKey: input.sourceKey, cursor: null, failures: 0, retryAfter: null },
      });
    }
    await appendEvent(tx, { type: "municipality.ori_source_set", actor, payload: input });
    return true;
  });
}

// ---- The clerk's proposals ----

/** Only the council's own clerks decide on its proposals. */
export function mayDecideProposal(actor: Actor, municipalityId: string): boolean {
  return actor.role === "CLERK" && actor.municipalityId === municipalityId;
}

export interface ProposalRow {
  id: string;
  trailId: string;
  trailTitle: string;
  kind: PositionKind;
  title: string;
  meetingOn: string;
  matchedBy: string;
  sourceUrl: string;
}

/**
 * A council's open proposals, oldest first, counted and paged along ProposedPosition(municipalityId, status,
 * createdAt, id); with a trail, only that trail's.
 */
export async function listProposals(
  municipalityId: string,
  requested = 1,
  pageSize = LIST_PAGE_SIZE,
): Promise<ListPageOf<ProposalRow>> {
  const where = { municipalityId, status: "PROPOSED" } satisfies Prisma.ProposedPositionWhereInput;
  const total = await prisma.proposedPosition.count({ where });
  const { page, pages, skip } = pageWithin(total, requested, pageSize);
  const rows = await prisma.proposedPosition.findMany({
    where,
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    skip,
    take: pageSize,
    select: {
      id: true,
      kind: true,
      title: true,
      meetingDate: true,
      matchedBy: true,
      sourceUrl: true,
      trail: { select: { id: true, title: true } },
    },
  });
  return {
    total,
    page,
    pages,
    rows: rows.map((r) => ({
      id: r.id,
      trailId: r.trail.id,
      trailTitle: r.trail.title,
      kind: r.kind,
      title: r.title,
      meetingOn: toDateInputValue(r.meetingDate),
      matchedBy: r.matchedBy,
      sourceUrl: r.sourceUrl,
    })),
  };
}

/** The number of a council's open proposals (the overview's link), from the index alone. */
export function countProposals(municipalityId: string): Promise<number> {
  return prisma.proposedPosition.count({ where: { municipalityId, status: "PROPOSED" } });
}

export async function getProposal(proposalId: string) {
  const proposal = await prisma.proposedPosition.findUnique({
    where: { id: proposalId },
    include: {
      trail: { select: { id: true, title: true, kind: true, revision: true, closedAt: true } },
      municipality: { select: { name: true } },
    },
  });
  if (!proposal) return null;
  return {
    ...proposal,
    meetingOn: toDateInputValue(proposal.meetingDate),
    partyVotes: proposal.partyVotes ? (JSON.parse(proposal.partyVotes) as PartyVotes[]) : [],
  };
}

/**
 * A council's current positions (corrections left out) on a trail, newest meeting first, at most five: read along
 * Position(trailId), a trail's handful of rows.
 */
export async function councilPositionsOn(trailId: string, municipalityId: string) {
  const rows = await prisma.position.findMany({
    where: { trailId, municipalityId, body: { kind: "COUNCIL" }, supersededBy: null },
    orderBy: [{ meetingDate: "desc" }, { id: "desc" }],
    take: 5,
    select: { kind: true, meetingDate: true },
  });
  return rows.map((p) => ({ kind: p.kind, meetingOn: p.meetingDate ? toDateInputValue(p.meetingDate) : null }));
}

export interface ProposalConfirmation {
  proposalId: string;
  expectedRevision: number;
  kind: PositionKind;
  text: string;
  meetingDate: string;
  votes?: { for: number; against: number; abstained: number };
  confirmLate?: boolean;
}

type ConfirmResult =
  | Awaited<ReturnType<typeof logPosition>>
  | FormKeyReused
  | { ok: false; status: 403; code: "forbidden" }
  | { ok: false; status: 404; code: "proposal_not_found" }
  | { ok: false; status: 409; code: "proposal_decided" };

/**
 * Confirms a proposal: the clerk's (possibly edited) position is logged by logPosition, with the same checks, step,
 * audit event and notifications as one typed in, and the source link; the proposal is marked confirmed in the same
 * transaction.
 */
export async function confirmProposal(
  input: ProposalConfirmation,
  actor: Actor,
  formKey?: string | null,
): Promise<ConfirmResult> {
  const proposal = await prisma.proposedPosition.findUnique({ where: { id: input.proposalId } });
  if (!proposal) return { ok: false, status: 404, code: "proposal_not_found" };
  if (!mayDecideProposal(actor, proposal.municipalityId)) return { ok: false, status: 403, code: "forbidden" };
  if (proposal.status !== "PROPOSED") return { ok: false, status: 409, code: "proposal_decided" };
  const position: NewPosition = {
    trailId: proposal.trailId,
    expectedRevision: input.expectedRevision,
    municipalityId: proposal.municipalityId,
    body: "COUNCIL",
    kind: input.kind,
    text: input.text,
    meetingDate: input.meetingDate,
    votes: input.votes,
    partyVotes: proposal.partyVotes ? (JSON.parse(proposal.partyVotes) as PartyVotes[]) : undefined,
    confirmLate: input.confirmLate,
    agendaItemId: proposal.agendaItemId ?? undefined,
    sourceUrl: proposal.sourceUrl,
    proposalId: proposal.id,
  };
  try {
    return await logPosition(position, actor, formKey);
  } catch (error) {
    if (error instanceof ProposalDecided) return { ok: false, status: 409, code: "proposal_decided" };
    throw error;
  }
}

/** Rejects a proposal with the clerk's reason; nothing reaches the trail. */
export async function rejectProposal(
  input: { proposalId: string; reason: string },
  actor: Actor,
): Promise<
  | { ok: true }
  | { ok: false; status: 403; code: "forbidden" }
  | { ok: false; status: 404; code: "proposal_not_found" }
  | { ok: false; status: 409; code: "proposal_decided" }
> {
  const proposal = await prisma.proposedPosition.findUnique({ where: { id: input.proposalId } });
  if (!proposal) return { ok: false, status: 404, code: "proposal_not_found" };
  if (!mayDecideProposal(actor, proposal.municipalityId)) return { ok: false, status: 403, code: "forbidden" };
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.proposedPosition.updateMany({
      where: { id: input.proposalId, status: "PROPOSED" },
      data: { status: "REJECTED", decidedById: actor.id, decidedAt: new Date(), rejectReason: input.reason },
    });
    if (!count) return { ok: false as const, status: 409 as const, code: "proposal_decided" as const };
    await appendEvent(tx, {
      type: "position.proposal_rejected",
      trailId: proposal.trailId,
      actor,
      payload: { proposalId: proposal.id, sourceId: proposal.sourceId, reason: input.reason },
    });
    return { ok: true as const };
  });
}
