/**
 * Open data in the shape of the VNG ODS specification "Open Raads-, Staten- en Bestuursinformatie" (2.0.0-beta,
 * test/fixtures/ods/openapi.yaml): what the region decided in public, unauthenticated, read-only, under /open/.
 *
 * The mapping:
 * - a council meeting that handled a trail is a Vergadering: a meeting the clerk planned with the trail on its
 *   agenda, or, for a decision logged without an agenda item, the council's meeting of that day (its id is the
 *   CBS code and the date); the GR board's meetings (the days it voted) are Vergaderingen of type
 *   algemene_bestuursvergadering;
 * - the trail's item on it is an Agendapunt (an accepted agenda item, or the logged decision's own item);
 * - a council's logged position (its current version) is a Besluit, with a Stemming when votes were counted and
 *   the votes per group (StemresultaatPerFractie); a GR board vote is a Besluit with its Stemming;
 * - a sent revision of a document is an InformatieObject of type voorstel, with its PDF; an amendment or motion a
 *   council voted on is one of type amendement or motie; the board's answer to a zienswijze one of type antwoord;
 * - the trail is the Zaak that groups them.
 *
 * Only what was sent or decided is public: never a draft, an unsent revision, a user, or an internal attachment.
 * Every list is paged by a cursor over its sort key and id, each source read along an index in that order
 * (several sources are merged: each reads one page past the cursor, the merge keeps the first page).
 */
import type { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { fromDateInputValue, toDateInputValue } from "~/utils/format";
import type { CursorKey, PageRequest } from "~/utils/cursor.server";
import type { PartyVotes } from "./position.server";

/** The region's registry number in a Zaak (zaakregistratie): this application is the one registry of trails. */
const ZAAK_REGISTRY = 1;
/** The GR board's gremium. */
const BOARD_GREMIUM = { gremiumidentificatie: "ab", gremiumnaam: "Algemeen bestuur GR Jeugdhulp Haaglanden" };

export interface OpenFilter {
  /** A municipality's CBS code without "GM" (0503), as ODS names it: gemeentecode. */
  municipalityId?: string;
  /** The first moment of the list's date range (its first day's start) and the first after it (the day after its last). */
  from?: Date;
  before?: Date;
}

/** Builds absolute urls of the open resources and of the public pages they link to. */
export interface OpenLinks {
  resource(kind: OpenResource, id: string): string;
  /** A trail's public page (the Woo publication). */
  trail(reference: string): string;
  /** A published document's PDF on the public site. */
  publicationPdf(publicationId: string): string;
}

export const OPEN_RESOURCES = [
  "vergaderingen",
  "agendapunten",
  "besluiten",
  "stemmingen",
  "stemresultatenperfractie",
  "informatieobjecten",
  "fracties",
] as const;
export type OpenResource = (typeof OPEN_RESOURCES)[number];

// ---------------------------------------------------------------------------------------------------------------
// Merging sources into one cursor-paged list

/** One row of a merged list: its sort key, the source's rank and the row's id within its source. */
interface Keyed<T> {
  at: Date;
  rank: number;
  id: string;
  row: T;
}

/** The cursor's id names the source and the row: "<rank>:<id>". */
export const cursorKeyOf = (k: { at: Date; rank: number; id: string }): CursorKey => ({
  at: k.at,
  id: `${k.rank}:${k.id}`,
});

function parseAfter(after: CursorKey | null): { at: Date; rank: number; id: string } | null {
  if (!after) return null;
  const match = /^(\d):(.+)$/.exec(after.id);
  return match ? { at: after.at, rank: Number(match[1]), id: match[2]! } : { at: after.at, rank: 9, id: "" };
}

/**
 * The where clause of source `rank` for the rows after the cursor, on its date field `field` and its id field
 * `idField`: a later date; on the cursor's date, a later source, or the same source and a later id.
 */
function afterWhere(
  after: ReturnType<typeof parseAfter>,
  rank: number,
  field: string,
  idField = "id",
): Record<string, unknown> {
  if (!after) return {};
  if (rank > after.rank) return { [field]: { gte: after.at } };
  if (rank < after.rank) return { [field]: { gt: after.at } };
  return {
    [field]: { gte: after.at },
    OR: [{ [field]: { gt: after.at } }, { [idField]: { gt: after.id } }],
  };
}

function dateWhere(field: string, filter: OpenFilter): Record<string, unknown> {
  if (!filter.from && !filter.before) return {};
  return {
    [field]: {
      ...(filter.from ? { gte: filter.from } : {}),
      ...(filter.before ? { lt: filter.before } : {}),
    },
  };
}

/** Both conditions on one field: the cursor's and the filter's. */
function and(...parts: Record<string, unknown>[]): Record<string, unknown> {
  const nonEmpty = parts.filter((p) => Object.keys(p).length);
  return nonEmpty.length <= 1 ? (nonEmpty[0] ?? {}) : { AND: nonEmpty };
}

function merge<T>(lists: Keyed<T>[][], limit: number): Keyed<T>[] {
  return lists
    .flat()
    .sort((a, b) => a.at.getTime() - b.at.getTime() || a.rank - b.rank || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .slice(0, limit + 1);
}

// ---------------------------------------------------------------------------------------------------------------
// What is public

/**
 * A council's decision in force: of a council (not its committee or college; a council's body is a municipality's),
 * not replaced by a correction. No condition on the municipalityId column itself: SQLite would then take an index
 * led by it instead of the list's own.
 */
const PUBLIC_DECISION = {
  body: { kind: "COUNCIL" },
  supersededBy: { is: null },
} satisfies Prisma.PositionWhereInput;

const positionSelect = {
  id: true,
  municipalityId: true,
  trailId: true,
  kind: true,
  text: true,
  meetingDate: true,
  votesFor: true,
  votesAgainst: true,
  votesAbstained: true,
  legalGround: true,
  decisionReference: true,
  partyVotes: true,
  agendaItemId: true,
  documentRevisionId: true,
  loggedAt: true,
  municipality: { select: { id: true, name: true, cbsCode: true } },
  trail: { select: { reference: true, title: true } },
} satisfies Prisma.PositionSelect;
type PublicPosition = Prisma.PositionGetPayload<{ select: typeof positionSelect }>;

type Gemeente = { gemeentecode: string; gemeentenaam: string };
const gemeenteOf = (m: { name: string; cbsCode: string | null }): Gemeente | undefined =>
  m.cbsCode ? { gemeentecode: m.cbsCode.replace(/^GM/, ""), gemeentenaam: m.name } : undefined;

const day = (date: Date) => toDateInputValue(date);
const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);
const ref = (links: OpenLinks, kind: OpenResource, id: string) => ({ id, url: links.resource(kind, id) });

/** The id of a council's meeting of a day that has no planned meeting in the app: its CBS code and the day. */
export const meetingDayId = (cbsCode: string, date: Date) => `${cbsCode.replace(/^GM/, "")}-${day(date)}`;
const BOARD_MEETING_PREFIX = "ab-";
/** A meeting lists at most this many agenda items (a council decides a handful of the region's trails a day). */
const MEETING_ITEMS = 100;
/** The lower bound of a range on a date column that takes every date (see meetingDays). */
const EPOCH = new Date(0);
/** The agenda item of a decision logged without one. */
const DECISION_ITEM_PREFIX = "b-";
const BOARD_PREFIX = "ab-";

const RESULT: Record<string, string> = {
  ZIENSWIJZE: "Zienswijze ingediend",
  WENSEN_EN_BEDENKINGEN: "Wensen en bedenkingen geuit",
  CONSENT_GIVEN: "Toestemming verleend",
  CONSENT_WITHHELD: "Toestemming onthouden",
  ADOPTED: "Vastgesteld",
  ADOPTED_WITH_AMENDMENTS: "Geamendeerd vastgesteld",
  REJECTED: "Verworpen",
  AMENDMENT: "Amendement",
  MOTION: "Motie",
  NO_RESPONSE: "Geen zienswijze",
};
const GROUND: Record<string, string> = {
  law: "Strijd met het recht (Wgr art. 1 lid 4)",
  publicInterest: "Strijd met het algemeen belang (Wgr art. 1 lid 4)",
};

const outcome = (votesFor: number, votesAgainst: number) =>
  votesFor > votesAgainst ? "voor" : votesFor < votesAgainst ? "tegen" : "gelijk";

function partyVotesOf(p: { partyVotes: string | null }): PartyVotes[] {
  if (!p.partyVotes) return [];
  try {
    const parsed = JSON.parse(p.partyVotes) as PartyVotes[];
    return Array.isArray(parsed) ? parsed : [];
  } catch {
    return [];
  }
}

const slug = (text: string) =>
  text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
/** A group's id: its council's CBS code and its name, folded (at most 40 characters, as ODS allows). */
const groupId = (cbsCode: string, party: string) => `${cbsCode.replace(/^GM/, "")}-${slug(party)}`.slice(0, 40);

// ---------------------------------------------------------------------------------------------------------------
// Shapes

function besluitOf(p: PublicPosition, links: OpenLinks) {
  const explanation = [p.legalGround ? GROUND[p.legalGround] : null, p.text].filter(Boolean).join(". ");
  return {
    url: links.resource("besluiten", p.id),
    id: p.id,
    besluitresultaat: RESULT[p.kind] ?? p.kind,
    besluittoelichting: clip(explanation, 200),
    stemmingen: p.votesFor === null ? [] : [links.resource("stemmingen", p.id)],
  };
}

const agendaItemIdOf = (p: { id: string; agendaItemId: string | null }) =>
  p.agendaItemId ?? `${DECISION_ITEM_PREFIX}${p.id}`;

function stemmingOf(p: PublicPosition, links: OpenLinks) {
  const informatieobject =
    p.kind === "AMENDMENT" || p.kind === "MOTION"
      ? ref(links, "informatieobjecten", p.id)
      : p.documentRevisionId
        ? ref(links, "informatieobjecten", p.documentRevisionId)
        : null;
  return {
    url: links.resource("stemmingen", p.id),
    id: p.id,
    agendapunt: ref(links, "agendapunten", agendaItemIdOf(p)),
    besluit: ref(links, "besluiten", p.id),
    // ODS's reference is nullable only beside its $ref: none is left out rather than null.
    ...(informatieobject ? { informatieobject } : {}),
    resultaatMondelingeStemming: outcome(p.votesFor ?? 0, p.votesAgainst ?? 0),
    stemmingstype: "regulier",
    stemmen: [],
  };
}

function groupResultsOf(p: PublicPosition, links: OpenLinks) {
  const cbs = p.municipality?.cbsCode;
  if (!cbs) return [];
  return partyVotesOf(p).map((v, i) => ({
    url: links.resource("stemresultatenperfractie", `${p.id}-${i + 1}`),
    id: `${p.id}-${i + 1}`,
    fractie: ref(links, "fracties", groupId(cbs, v.party)),
    stemming: ref(links, "stemmingen", p.id),
    fractiestemresultaat: v.against === 0 && v.for > 0 ? "aangenomen" : v.for === 0 ? "verworpen" : "verdeeld",
  }));
}

function zaakOf(trail: { reference: string; title: string }, links: OpenLinks) {
  return {
    zaakidentificatie: trail.reference,
    zaakregistratie: ZAAK_REGISTRY,
    url: links.trail(trail.reference),
    omschrijving: trail.title,
  };
}

/** The Agendapunt of a decision logged without an agenda item, on its council's meeting of that day. */
function decisionItemOf(p: PublicPosition, links: OpenLinks) {
  const cbs = p.municipality?.cbsCode;
  const meeting = cbs && p.meetingDate ? meetingDayId(cbs, p.meetingDate) : null;
  return {
    url: links.resource("agendapunten", agendaItemIdOf(p)),
    id: agendaItemIdOf(p),
    vergadering: meeting ? ref(links, "vergaderingen", meeting) : ref(links, "vergaderingen", "onbekend"),
    agendapuntTitel: clip(p.trail.title, 100),
    agendapuntOmschrijving: `${p.trail.reference}: ${p.trail.title}`,
    gemeente: p.municipality ? gemeenteOf(p.municipality) : undefined,
    indicatorBehandeld: true,
    informatieobjecten: p.documentRevisionId ? [links.resource("informatieobjecten", p.documentRevisionId)] : [],
    stemmingen: p.votesFor === null ? [] : [links.resource("stemmingen", p.id)],
  };
}

const boardVoteSelect = {
  id: true,
  subject: true,
  heldOn: true,
  rule: true,
  weightFor: true,
  weightAgainst: true,
  weightAbstained: true,
  adopted: true,
  trail: { select: { reference: true, title: true } },
} satisfies Prisma.BoardVoteSelect;
/** A board vote with its public Woo publication, if it has one: only then is it open data. */
type PublicBoardVote = Prisma.BoardVoteGetPayload<{ select: typeof boardVoteSelect }> & {
  publicationId: string | null;
};

function boardBesluitOf(v: PublicBoardVote, links: OpenLinks) {
  const id = `${BOARD_PREFIX}${v.id}`;
  return {
    url: links.resource("besluiten", id),
    id,
    besluitresultaat: v.adopted ? "Aangenomen" : "Verworpen",
    besluittoelichting: clip(`${v.subject} (${v.trail.reference})`, 200),
    stemmingen: [links.resource("stemmingen", id)],
  };
}

function boardStemmingOf(v: PublicBoardVote, links: OpenLinks) {
  const id = `${BOARD_PREFIX}${v.id}`;
  return {
    url: links.resource("stemmingen", id),
    id,
    agendapunt: ref(links, "agendapunten", id),
    besluit: ref(links, "besluiten", id),
    resultaatMondelingeStemming: v.adopted ? "voor" : outcome(v.weightFor, v.weightAgainst),
    stemmingstype: "regulier",
    stemmen: [],
  };
}

function boardItemOf(v: PublicBoardVote, links: OpenLinks) {
  const id = `${BOARD_PREFIX}${v.id}`;
  return {
    url: links.resource("agendapunten", id),
    id,
    vergadering: ref(links, "vergaderingen", `${BOARD_MEETING_PREFIX}${day(v.heldOn)}`),
    agendapuntTitel: clip(v.subject, 100),
    agendapuntOmschrijving: `${v.trail.reference}: ${v.trail.title}`,
    indicatorBehandeld: true,
    informatieobjecten: [],
    stemmingen: [links.resource("stemmingen", id)],
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The Woo publication (publication.server.ts) decides what of the board is public

/**
 * The rows with the id of their publication when it is public (published, not withdrawn), else null: a sent
 * revision, a board's answer or an adopted vote is open data once the Woo publication shows it, and no longer once
 * it was withdrawn. One query along Publication(kind, sourceId) for the page's rows.
 */
async function withPublication<T extends { id: string }>(
  kind: "revision" | "answer" | "vote",
  rows: T[],
): Promise<(T & { publicationId: string | null })[]> {
  if (!rows.length) return [];
  const publications = await prisma.publication.findMany({
    where: { kind, sourceId: { in: rows.map((r) => r.id) }, publishedAt: { not: null }, withdrawnAt: null },
    select: { id: true, sourceId: true },
  });
  const byId = new Map(publications.map((p) => [p.sourceId, p.id]));
  return rows.map((r) => ({ ...r, publicationId: byId.get(r.id) ?? null }));
}

// ---------------------------------------------------------------------------------------------------------------
// Reading

/** The municipality of a gemeentecode (0503 or GM0503), or null when there is none. */
export async function municipalityByCode(code: string): Promise<{ id: string } | null> {
  const digits = /^(?:GM)?(\d{4})$/i.exec(code)?.[1];
  if (!digits) return null;
  return prisma.municipality.findUnique({ where: { cbsCode: `GM${digits}` }, select: { id: true } });
}

/**
 * A decision's place in the lists: its meeting day, its council and its id, the order of the index
 * Position(meetingDate, municipalityId, id). The cursor's id is the council's and the decision's, joined by "!" (below
 * every letter and digit, so the joined ids sort as the pairs do).
 */
const decisionKey = (p: { municipalityId: string | null; id: string }) => `${p.municipalityId ?? ""}!${p.id}`;

/** The rows after a decision's key, in (meetingDate, municipalityId, id) order. */
function afterDecision(after: ReturnType<typeof parseAfter>, rank: number): Prisma.PositionWhereInput {
  if (!after) return {};
  if (rank !== after.rank) return afterWhere(after, rank, "meetingDate") as Prisma.PositionWhereInput;
  const [municipalityId = "", id = ""] = after.id.split("!");
  return {
    meetingDate: { gte: after.at },
    OR: [
      { meetingDate: { gt: after.at } },
      { municipalityId: { gt: municipalityId } },
      { municipalityId, id: { gt: id } },
    ],
  };
}

/**
 * The current council decisions after the cursor, by meeting day, along Position(meetingDate, municipalityId, id),
 * with `extra` conditions. One council's as a condition on its relation, not the column: the page walks the same
 * index and skips the other councils' rows (about nine in ten), rather than sorting the council's every decision.
 */
function decisions(filter: OpenFilter, page: PageRequest, rank: number, extra: Prisma.PositionWhereInput = {}) {
  const after = parseAfter(page.after);
  return prisma.position.findMany({
    where: {
      ...PUBLIC_DECISION,
      ...extra,
      meetingDate: { not: null },
      ...(filter.municipalityId ? { municipality: { is: { id: filter.municipalityId } } } : {}),
      ...and(afterDecision(after, rank), dateWhere("meetingDate", filter)),
    },
    orderBy: [{ meetingDate: "asc" }, { municipalityId: "asc" }, { id: "asc" }],
    take: page.limit + 1,
    select: positionSelect,
  });
}

/** The GR board's votes after the cursor, in (heldOn, id) order; none when a council is asked for. */
async function boardVotes(filter: OpenFilter, page: PageRequest, rank: number) {
  if (filter.municipalityId) return [];
  const after = parseAfter(page.after);
  const votes = await prisma.boardVote.findMany({
    where: and(afterWhere(after, rank, "heldOn"), dateWhere("heldOn", filter)),
    orderBy: [{ heldOn: "asc" }, { id: "asc" }],
    take: page.limit + 1,
    select: boardVoteSelect,
  });
  return withPublication("vote", votes);
}

export interface OpenPage<T> {
  rows: T[];
  /** The last row's key, for the next page's cursor; null when this is the last page. */
  nextKey: CursorKey | null;
}

function pageFrom<T, R>(keyed: Keyed<T>[], limit: number, shape: (row: T) => R | R[]): OpenPage<R> {
  const rows = keyed.slice(0, limit);
  const last = rows[rows.length - 1];
  return {
    rows: rows.flatMap((k) => shape(k.row)),
    nextKey: keyed.length > limit && last ? cursorKeyOf(last) : null,
  };
}

type Row =
  | { kind: "hidden" }
  | { kind: "position"; p: PublicPosition }
  | { kind: "board"; v: PublicBoardVote }
  | { kind: "meeting"; m: PublicMeeting }
  | { kind: "meetingDay"; municipalityId: string; date: Date }
  | { kind: "boardDay"; date: Date }
  | { kind: "item"; i: PublicItem }
  | { kind: "revision"; r: PublicRevision }
  | { kind: "positionItem"; i: PublicPositionItem }
  | { kind: "answer"; a: PublicAnswer };

const positionRows = (ps: PublicPosition[], rank: number): Keyed<Row>[] =>
  ps.map((p) => ({ at: p.meetingDate!, rank, id: decisionKey(p), row: { kind: "position", p } }));
/** A board vote not (or no longer) published keeps its place in the order but shows nothing. */
const boardRows = (vs: PublicBoardVote[], rank: number): Keyed<Row>[] =>
  vs.map((v) => ({ at: v.heldOn, rank, id: v.id, row: v.publicationId ? { kind: "board", v } : { kind: "hidden" } }));

export async function listBesluiten(filter: OpenFilter, page: PageRequest, links: OpenLinks) {
  const [ps, vs] = await Promise.all([decisions(filter, page, 0), boardVotes(filter, page, 1)]);
  return pageFrom(merge([positionRows(ps, 0), boardRows(vs, 1)], page.limit), page.limit, (r) =>
    r.kind === "position" ? besluitOf(r.p, links) : r.kind === "board" ? boardBesluitOf(r.v, links) : [],
  );
}

/**
 * Paged by decision, as the decisions are: a decision taken without counted votes (a hamerstuk) has no Stemming, so
 * a page can hold fewer than `limit` (even none) and still have a next one. Filtering on the votes in SQL would make
 * a page read past every decision without them.
 */
export async function listStemmingen(filter: OpenFilter, page: PageRequest, links: OpenLinks) {
  const [ps, vs] = await Promise.all([decisions(filter, page, 0), boardVotes(filter, page, 1)]);
  return pageFrom(merge([positionRows(ps, 0), boardRows(vs, 1)], page.limit), page.limit, (r) =>
    r.kind === "position"
      ? r.p.votesFor === null
        ? []
        : stemmingOf(r.p, links)
      : r.kind === "board"
        ? boardStemmingOf(r.v, links)
        : [],
  );
}

/** Paged by decision (as listStemmingen): a page holds the group results of `limit` decisions. */
export async function listGroupResults(filter: OpenFilter, page: PageRequest, links: OpenLinks) {
  const ps = await decisions(filter, page, 0);
  return pageFrom(merge([positionRows(ps, 0)], page.limit), page.limit, (r) =>
    r.kind === "position" ? groupResultsOf(r.p, links) : [],
  );
}

const meetingSelect = {
  id: true,
  bodyKind: true,
  date: true,
  status: true,
  location: true,
  note: true,
  municipality: { select: { id: true, name: true, cbsCode: true } },
  items: { where: { status: "ACCEPTED" }, select: { id: true }, orderBy: { number: "asc" } },
} satisfies Prisma.CouncilMeetingSelect;
type PublicMeeting = Prisma.CouncilMeetingGetPayload<{ select: typeof meetingSelect }>;

const STATUS = { PLANNED: "gepland", HELD: "gehouden", CANCELLED: "geannuleerd" } as const;

function meetingOf(m: PublicMeeting, links: OpenLinks) {
  const council = m.bodyKind === "COUNCIL";
  const gemeente = gemeenteOf(m.municipality);
  return {
    url: links.resource("vergaderingen", m.id),
    id: m.id,
    vergaderingstype: council ? "raadsvergadering" : "commissievergadering",
    naam: `${council ? "Raadsvergadering" : "Commissievergadering"} ${m.municipality.name}`,
    vergaderdatum: day(m.date),
    geplandeVergaderdatum: day(m.date),
    status: STATUS[m.status],
    ...(m.location ? { locatie: clip(m.location, 100) } : {}),
    ...(m.note ? { vergadertoelichting: m.note } : {}),
    ...(gemeente ? { gemeente } : {}),
    georganiseerdDoorGremium: {
      gremiumidentificatie: council ? "raad" : "commissie",
      gremiumnaam: `${council ? "Gemeenteraad" : "Raadscommissie"} ${m.municipality.name}`,
    },
    agendapunten: m.items.map((i) => links.resource("agendapunten", i.id)),
  };
}

/** A day on which a council decided without a planned meeting, as a meeting: its council and the day's decisions. */
function meetingDayShape(
  municipality: { name: string; cbsCode: string | null } | undefined,
  date: Date,
  decisionIds: string[],
  links: OpenLinks,
) {
  if (!municipality?.cbsCode || !decisionIds.length) return null;
  const id = meetingDayId(municipality.cbsCode, date);
  const gemeente = gemeenteOf(municipality);
  return {
    url: links.resource("vergaderingen", id),
    id,
    vergaderingstype: "raadsvergadering",
    naam: `Raadsvergadering ${municipality.name}`,
    vergaderdatum: day(date),
    status: "gehouden",
    ...(gemeente ? { gemeente } : {}),
    georganiseerdDoorGremium: { gremiumidentificatie: "raad", gremiumnaam: `Gemeenteraad ${municipality.name}` },
    agendapunten: decisionIds.map((p) => links.resource("agendapunten", `${DECISION_ITEM_PREFIX}${p}`)),
  };
}

async function meetingDayOf(municipalityId: string, date: Date, links: OpenLinks) {
  return (await meetingDaysOf([{ municipalityId, date }], links))[0] ?? null;
}

/** A council's day's first MEETING_ITEMS public decisions, along Position(meetingDate, municipalityId, id). */
async function dayDecisions(municipalityId: string, date: Date): Promise<string[]> {
  const ps = await prisma.position.findMany({
    where: { ...PUBLIC_DECISION, municipalityId, meetingDate: date, agendaItemId: null },
    orderBy: { id: "asc" },
    select: { id: true },
    take: MEETING_ITEMS,
  });
  return ps.map((p) => p.id);
}

/**
 * Days of councils as meetings (null for a day without a public decision), for a whole page in two statements: the
 * councils, and the days' public decisions along Position(meetingDate, municipalityId, id), of which each day shows
 * its first MEETING_ITEMS. Should the days hold more than MEETING_ITEMS each on average, the read stops there and each
 * day is read on its own, up to MEETING_ITEMS (so a crowded day costs its page no more than that).
 */
async function meetingDaysOf(days: { municipalityId: string; date: Date }[], links: OpenLinks) {
  if (!days.length) return [];
  const councilIds = [...new Set(days.map((d) => d.municipalityId))];
  const most = days.length * MEETING_ITEMS;
  const [municipalities, decisions] = await Promise.all([
    prisma.municipality.findMany({
      where: { id: { in: councilIds } },
      select: { id: true, name: true, cbsCode: true },
    }),
    prisma.position.findMany({
      where: {
        ...PUBLIC_DECISION,
        agendaItemId: null,
        // The days and the councils as two lists: a seek per pair along the index. A pair the page does not show
        // (another council on the page's first or last day) is dropped below. One OR per pair made SQLite read
        // every row (250 ms at 10,000 trails).
        meetingDate: { in: [...new Map(days.map((d) => [d.date.getTime(), d.date])).values()] },
        municipalityId: { in: councilIds },
      },
      orderBy: [{ meetingDate: "asc" }, { municipalityId: "asc" }, { id: "asc" }],
      select: { id: true, municipalityId: true, meetingDate: true },
      take: most + 1,
    }),
  ]);
  const key = (municipalityId: string | null, date: Date | null) => `${municipalityId}|${date?.getTime()}`;
  const ids = new Map<string, string[]>(days.map((d) => [key(d.municipalityId, d.date), []]));
  if (decisions.length > most)
    await Promise.all(
      days.map(async (d) => ids.set(key(d.municipalityId, d.date), await dayDecisions(d.municipalityId, d.date))),
    );
  else
    for (const p of decisions) {
      const list = ids.get(key(p.municipalityId, p.meetingDate));
      if (list && list.length < MEETING_ITEMS) list.push(p.id);
    }
  const byId = new Map(municipalities.map((m) => [m.id, m]));
  return days.map((d) =>
    meetingDayShape(byId.get(d.municipalityId), d.date, ids.get(key(d.municipalityId, d.date)) ?? [], links),
  );
}

async function boardDayOf(date: Date, links: OpenLinks) {
  const votes = (
    await withPublication(
      "vote",
      await prisma.boardVote.findMany({
        where: { heldOn: date },
        orderBy: [{ heldOn: "asc" }, { id: "asc" }],
        select: { id: true },
        take: MEETING_ITEMS,
      }),
    )
  ).filter((v) => v.publicationId);
  if (!votes.length) return null;
  const id = `${BOARD_MEETING_PREFIX}${day(date)}`;
  return {
    url: links.resource("vergaderingen", id),
    id,
    vergaderingstype: "algemene_bestuursvergadering",
    naam: "Vergadering algemeen bestuur GR Jeugdhulp Haaglanden",
    vergaderdatum: day(date),
    status: "gehouden",
    georganiseerdDoorGremium: BOARD_GREMIUM,
    agendapunten: votes.map((v) => links.resource("agendapunten", `${BOARD_PREFIX}${v.id}`)),
  };
}

/**
 * The days without a planned meeting on which a council decided on a trail, after the cursor: grouped in the order of
 * the index Position(meetingDate, municipalityId, id), for one council too, without the
 * conditions of a public decision (its body, its agenda item, not replaced), which would make the database group
 * every row first; a day of only a college's, a replaced or an agenda item's position is left out when it is shaped
 * (meetingDaysOf gives null).
 */
async function meetingDays(filter: OpenFilter, page: PageRequest, rank: number) {
  const after = parseAfter(page.after);
  const groups = await prisma.position.groupBy({
    by: ["meetingDate", "municipalityId"],
    where: {
      // Every council's days, and one council's, along (meetingDate, municipalityId), stopping after the page's
      // days. "municipalityId IS NOT NULL" would lead SQLite to the other index and a sort of every row, a join
      // does not. One council as a range of one value, and its days as a range from 1970: SQLite then walks the
      // dates and finds the council within each, with statistics (a skip-scan) and without. An equality, or a join
      // on its relation, led it to Position(municipalityId, awaitingAnswer) and a sort of the council's every
      // position: 20 ms at 10,000 trails, against 0.2 ms.
      ...(filter.municipalityId
        ? {
            meetingDate: { gte: EPOCH },
            municipalityId: { gte: filter.municipalityId, lte: filter.municipalityId },
          }
        : { meetingDate: { not: null }, municipality: { isNot: null } }),
      ...and(afterWhere(after, rank, "meetingDate", "municipalityId"), dateWhere("meetingDate", filter)),
    },
    orderBy: [{ meetingDate: "asc" }, { municipalityId: "asc" }],
    take: page.limit + 1,
  });
  return groups.map((g): Keyed<Row> => ({
    at: g.meetingDate!,
    rank,
    id: g.municipalityId!,
    row: { kind: "meetingDay", municipalityId: g.municipalityId!, date: g.meetingDate! },
  }));
}

async function boardDays(filter: OpenFilter, page: PageRequest, rank: number) {
  if (filter.municipalityId) return [];
  const after = parseAfter(page.after);
  const groups = await prisma.boardVote.groupBy({
    by: ["heldOn"],
    where: and(afterWhere(after, rank, "heldOn"), dateWhere("heldOn", filter)),
    orderBy: [{ heldOn: "asc" }],
    take: page.limit + 1,
  });
  return groups.map((g): Keyed<Row> => ({ at: g.heldOn, rank, id: "", row: { kind: "boardDay", date: g.heldOn } }));
}

async function plannedMeetings(filter: OpenFilter, page: PageRequest, rank: number) {
  const after = parseAfter(page.after);
  const ms = await prisma.councilMeeting.findMany({
    where: {
      items: { some: { status: "ACCEPTED" } },
      ...(filter.municipalityId ? { municipalityId: filter.municipalityId } : {}),
      ...and(afterWhere(after, rank, "date"), dateWhere("date", filter)),
    },
    orderBy: [{ date: "asc" }, { id: "asc" }],
    take: page.limit + 1,
    select: meetingSelect,
  });
  return ms.map((m): Keyed<Row> => ({ at: m.date, rank, id: m.id, row: { kind: "meeting", m } }));
}

export async function listVergaderingen(filter: OpenFilter, page: PageRequest, links: OpenLinks) {
  const lists = await Promise.all([
    plannedMeetings(filter, page, 0),
    meetingDays(filter, page, 1),
    boardDays(filter, page, 2),
  ]);
  const keyed = merge(lists, page.limit);
  const shown = keyed.slice(0, page.limit);
  const days = shown.flatMap((k) => (k.row.kind === "meetingDay" ? [k.row] : []));
  const shapedDays = new Map((await meetingDaysOf(days, links)).map((shaped, i) => [days[i]!, shaped]));
  const shaped = await Promise.all(
    shown.map((k) => {
      const r = k.row;
      if (r.kind === "meeting") return meetingOf(r.m, links);
      if (r.kind === "meetingDay") return shapedDays.get(r) ?? null;
      if (r.kind === "boardDay") return boardDayOf(r.date, links);
      return null;
    }),
  );
  const last = keyed[Math.min(keyed.length, page.limit) - 1];
  return {
    rows: shaped.filter((s) => s !== null),
    nextKey: keyed.length > page.limit && last ? cursorKeyOf(last) : null,
  };
}

const itemSelect = {
  id: true,
  number: true,
  title: true,
  handledAt: true,
  createdAt: true,
  documentRevisionId: true,
  meeting: { select: { id: true, municipality: { select: { name: true, cbsCode: true } } } },
  trail: { select: { reference: true, title: true } },
  positions: {
    where: { ...PUBLIC_DECISION, votesFor: { not: null } },
    select: { id: true },
    orderBy: { loggedAt: "asc" },
  },
} satisfies Prisma.AgendaItemSelect;
type PublicItem = Prisma.AgendaItemGetPayload<{ select: typeof itemSelect }>;

function itemOf(i: PublicItem, links: OpenLinks) {
  const gemeente = gemeenteOf(i.meeting.municipality);
  return {
    url: links.resource("agendapunten", i.id),
    id: i.id,
    vergadering: ref(links, "vergaderingen", i.meeting.id),
    agendapuntvolgnummer: String(i.number).slice(0, 3),
    agendapuntKenmerk: String(i.number),
    agendapuntTitel: clip(i.title, 100),
    agendapuntOmschrijving: `${i.trail.reference}: ${i.trail.title}`,
    ...(gemeente ? { gemeente } : {}),
    indicatorBehandeld: i.handledAt !== null,
    informatieobjecten: i.documentRevisionId ? [links.resource("informatieobjecten", i.documentRevisionId)] : [],
    stemmingen: i.positions.map((p) => links.resource("stemmingen", p.id)),
  };
}

export async function listAgendapunten(filter: OpenFilter, page: PageRequest, links: OpenLinks) {
  const after = parseAfter(page.after);
  const [items, ps, vs] = await Promise.all([
    prisma.agendaItem.findMany({
      where: {
        status: "ACCEPTED",
        ...(filter.municipalityId ? { meeting: { municipalityId: filter.municipalityId } } : {}),
        ...and(afterWhere(after, 0, "createdAt"), dateWhere("createdAt", filter)),
      },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: page.limit + 1,
      select: itemSelect,
    }),
    decisions(filter, page, 1, { agendaItemId: null }),
    boardVotes(filter, page, 2),
  ]);
  const keyed = merge(
    [
      items.map((i): Keyed<Row> => ({ at: i.createdAt, rank: 0, id: i.id, row: { kind: "item", i } })),
      positionRows(ps, 1),
      boardRows(vs, 2),
    ],
    page.limit,
  );
  return pageFrom(keyed, page.limit, (r) =>
    r.kind === "item"
      ? itemOf(r.i, links)
      : r.kind === "position"
        ? decisionItemOf(r.p, links)
        : r.kind === "board"
          ? boardItemOf(r.v, links)
          : [],
  );
}

const revisionSelect = {
  id: true,
  number: true,
  frozenAt: true,
  document: { select: { kind: true, title: true, trail: { select: { reference: true, title: true } } } },
  agendaItems: { where: { status: "ACCEPTED" }, select: { id: true } },
} satisfies Prisma.DocumentRevisionSelect;
type PublicRevision = Prisma.DocumentRevisionGetPayload<{ select: typeof revisionSelect }> & {
  publicationId: string | null;
};

/** A sent revision is a voorstel; an information letter a mededeling; a decision a besluitvormingsstuk. */
const DOCUMENT_TYPE: Record<string, string> = {
  RAADSVOORSTEL: "voorstel",
  RAADSINFORMATIEBRIEF: "mededeling",
  BESLISPUNTENMEMO: "voorstel",
  OPLEGGER: "besluitvormingsstuk",
  BESLUIT: "besluitvormingsstuk",
};

function revisionOf(r: PublicRevision, links: OpenLinks) {
  if (!r.publicationId) return null;
  return {
    url: links.resource("informatieobjecten", r.id),
    id: r.id,
    informatieobjecttype: DOCUMENT_TYPE[r.document.kind] ?? "voorstel",
    titel: clip(r.document.title, 200),
    auteur: "Dagelijks bestuur GR Jeugdhulp Haaglanden",
    creatiedatum: day(r.frozenAt!),
    versie: String(r.number),
    taal: "dut",
    link: links.publicationPdf(r.publicationId),
    agendapunten: r.agendaItems.map((i) => ref(links, "agendapunten", i.id)),
    zaken: [zaakOf(r.document.trail, links)],
  };
}

const positionItemSelect = {
  id: true,
  kind: true,
  title: true,
  text: true,
  adopted: true,
  decisionPoint: true,
  createdAt: true,
  position: { select: positionSelect },
} satisfies Prisma.PositionItemSelect;
type PublicPositionItem = Prisma.PositionItemGetPayload<{ select: typeof positionItemSelect }>;

function amendmentOrMotion(
  o: {
    id: string;
    kind: "AMENDMENT" | "MOTION";
    title: string;
    text: string;
    adopted: boolean | null;
    decisionPoint?: string | null;
  },
  p: PublicPosition,
  links: OpenLinks,
) {
  const amendment = o.kind === "AMENDMENT";
  const gemeente = p.municipality ? gemeenteOf(p.municipality) : undefined;
  return {
    url: links.resource("informatieobjecten", o.id),
    id: o.id,
    informatieobjecttype: amendment ? "amendement" : "motie",
    ...(amendment ? {} : { motietype: "overig" }),
    titel: clip(o.title, 200),
    inhoud: o.text,
    omschrijving:
      [o.adopted === null ? null : o.adopted ? "Aangenomen" : "Verworpen", o.decisionPoint]
        .filter(Boolean)
        .join(", ") || undefined,
    ...(p.meetingDate ? { datumIngediend: day(p.meetingDate) } : {}),
    creatiedatum: day(p.meetingDate ?? p.loggedAt),
    taal: "dut",
    ...(gemeente ? { gemeente } : {}),
    ...(amendment && p.documentRevisionId
      ? {
          gerelateerdInformatieobject: {
            informatieobject: ref(links, "informatieobjecten", p.documentRevisionId),
            rol: "voorstel",
          },
        }
      : {}),
    agendapunten: [ref(links, "agendapunten", agendaItemIdOf(p))],
    zaken: [zaakOf(p.trail, links)],
  };
}

const answerSelect = {
  id: true,
  text: true,
  answeredOn: true,
  municipality: { select: { name: true, cbsCode: true } },
  trail: { select: { reference: true, title: true } },
} satisfies Prisma.ZienswijzeAnswerSelect;
type PublicAnswer = Prisma.ZienswijzeAnswerGetPayload<{ select: typeof answerSelect }> & {
  publicationId: string | null;
};

function answerOf(a: PublicAnswer, links: OpenLinks) {
  if (!a.publicationId) return null;
  const gemeente = gemeenteOf(a.municipality);
  return {
    url: links.resource("informatieobjecten", a.id),
    id: a.id,
    informatieobjecttype: "antwoord",
    titel: clip(`Antwoord op de zienswijze van de raad van ${a.municipality.name}: ${a.trail.title}`, 200),
    auteur: "Dagelijks bestuur GR Jeugdhulp Haaglanden",
    inhoud: a.text,
    creatiedatum: day(a.answeredOn),
    taal: "dut",
    ...(gemeente ? { gemeente } : {}),
    link: links.publicationPdf(a.publicationId),
    zaken: [zaakOf(a.trail, links)],
  };
}

export async function listInformatieobjecten(filter: OpenFilter, page: PageRequest, links: OpenLinks) {
  const after = parseAfter(page.after);
  const council = filter.municipalityId;
  const [revisions, items, ps, answers] = await Promise.all([
    // A sent revision goes to every council: it is the region's, listed without a council filter.
    council
      ? []
      : prisma.documentRevision
          .findMany({
            where: { frozenAt: { not: null }, ...and(afterWhere(after, 0, "frozenAt"), dateWhere("frozenAt", filter)) },
            orderBy: [{ frozenAt: "asc" }, { id: "asc" }],
            take: page.limit + 1,
            select: revisionSelect,
          })
          .then((rows) => withPublication("revision", rows)),
    prisma.positionItem.findMany({
      where: {
        position: { ...PUBLIC_DECISION, ...(council ? { municipalityId: council } : {}) },
        ...and(afterWhere(after, 1, "createdAt"), dateWhere("createdAt", filter)),
      },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: page.limit + 1,
      select: positionItemSelect,
    }),
    // Amendments and motions logged as a position: taken from the page of decisions (as listStemmingen), so that
    // a page never reads past every other decision.
    decisions(filter, page, 2),
    prisma.zienswijzeAnswer
      .findMany({
        where: {
          ...(council ? { municipalityId: council } : {}),
          position: { supersededBy: { is: null } },
          ...and(afterWhere(after, 3, "answeredOn"), dateWhere("answeredOn", filter)),
        },
        orderBy: [{ answeredOn: "asc" }, { id: "asc" }],
        take: page.limit + 1,
        select: answerSelect,
      })
      .then((rows) => withPublication("answer", rows)),
  ]);
  const keyed = merge(
    [
      revisions.map((r): Keyed<Row> => ({ at: r.frozenAt!, rank: 0, id: r.id, row: { kind: "revision", r } })),
      items.map((i): Keyed<Row> => ({ at: i.createdAt, rank: 1, id: i.id, row: { kind: "positionItem", i } })),
      positionRows(ps, 2),
      answers.map((a): Keyed<Row> => ({ at: a.answeredOn, rank: 3, id: a.id, row: { kind: "answer", a } })),
    ],
    page.limit,
  );
  return pageFrom(keyed, page.limit, (r) => {
    if (r.kind === "revision") return revisionOf(r.r, links) ?? [];
    if (r.kind === "positionItem") return amendmentOrMotion(r.i, r.i.position, links);
    if (r.kind === "position" && (r.p.kind === "AMENDMENT" || r.p.kind === "MOTION"))
      return amendmentOrMotion(
        { id: r.p.id, kind: r.p.kind as "AMENDMENT" | "MOTION", title: r.p.trail.title, text: r.p.text, adopted: null },
        r.p,
        links,
      );
    if (r.kind === "answer") return answerOf(r.a, links) ?? [];
    return [];
  });
}

// ---------------------------------------------------------------------------------------------------------------
// One resource by id (null: none, or not public)

const currentDecision = (id: string) =>
  prisma.position.findFirst({ where: { id, ...PUBLIC_DECISION }, select: positionSelect });
/** A board vote by its open id (ab-<id>), when its Woo publication is public. */
async function boardVote(id: string): Promise<PublicBoardVote | null> {
  if (!id.startsWith(BOARD_PREFIX)) return null;
  const vote = await prisma.boardVote.findUnique({
    where: { id: id.slice(BOARD_PREFIX.length) },
    select: boardVoteSelect,
  });
  const [published] = await withPublication("vote", vote ? [vote] : []);
  return published?.publicationId ? published : null;
}

export async function getOpenResource(kind: OpenResource, id: string, links: OpenLinks): Promise<object | null> {
  switch (kind) {
    case "besluiten": {
      const v = await boardVote(id);
      if (v) return boardBesluitOf(v, links);
      const p = await currentDecision(id);
      return p ? besluitOf(p, links) : null;
    }
    case "stemmingen": {
      const v = await boardVote(id);
      if (v) return boardStemmingOf(v, links);
      const p = await currentDecision(id);
      return p && p.votesFor !== null ? stemmingOf(p, links) : null;
    }
    case "stemresultatenperfractie": {
      const match = /^(.+)-(\d{1,3})$/.exec(id);
      const p = match ? await currentDecision(match[1]!) : null;
      return (p && groupResultsOf(p, links)[Number(match![2]) - 1]) ?? null;
    }
    case "fracties":
      return getGroup(id, links);
    case "agendapunten": {
      const v = await boardVote(id);
      if (v) return boardItemOf(v, links);
      if (id.startsWith(DECISION_ITEM_PREFIX)) {
        const p = await currentDecision(id.slice(DECISION_ITEM_PREFIX.length));
        return p && !p.agendaItemId ? decisionItemOf(p, links) : null;
      }
      const item = await prisma.agendaItem.findFirst({ where: { id, status: "ACCEPTED" }, select: itemSelect });
      return item ? itemOf(item, links) : null;
    }
    case "vergaderingen": {
      if (id.startsWith(BOARD_MEETING_PREFIX)) {
        const date = dateOf(id.slice(BOARD_MEETING_PREFIX.length));
        return date ? boardDayOf(date, links) : null;
      }
      const dayMatch = /^(\d{4})-(\d{4}-\d{2}-\d{2})$/.exec(id);
      if (dayMatch) {
        const municipality = await municipalityByCode(dayMatch[1]!);
        const date = dateOf(dayMatch[2]!);
        return municipality && date ? meetingDayOf(municipality.id, date, links) : null;
      }
      const m = await prisma.councilMeeting.findFirst({
        where: { id, items: { some: { status: "ACCEPTED" } } },
        select: meetingSelect,
      });
      return m ? meetingOf(m, links) : null;
    }
    case "informatieobjecten": {
      const [revision, item, position, answer] = await Promise.all([
        prisma.documentRevision.findFirst({ where: { id, frozenAt: { not: null } }, select: revisionSelect }),
        prisma.positionItem.findFirst({ where: { id, position: PUBLIC_DECISION }, select: positionItemSelect }),
        prisma.position.findFirst({
          where: { id, ...PUBLIC_DECISION, kind: { in: ["AMENDMENT", "MOTION"] } },
          select: positionSelect,
        }),
        prisma.zienswijzeAnswer.findFirst({
          where: { id, position: { supersededBy: { is: null } } },
          select: answerSelect,
        }),
      ]);
      const [publishedRevision] = await withPublication("revision", revision ? [revision] : []);
      if (publishedRevision) return revisionOf(publishedRevision, links);
      if (item) return amendmentOrMotion(item, item.position, links);
      if (position)
        return amendmentOrMotion(
          {
            id: position.id,
            kind: position.kind as "AMENDMENT" | "MOTION",
            title: position.trail.title,
            text: position.text,
            adopted: null,
          },
          position,
          links,
        );
      const [publishedAnswer] = await withPublication("answer", answer ? [answer] : []);
      return publishedAnswer ? answerOf(publishedAnswer, links) : null;
    }
  }
}

/** A day in an id (2024-03-07) as the app stores days: the start of that day in the Netherlands. */
function dateOf(text: string): Date | null {
  try {
    return fromDateInputValue(text);
  } catch {
    return null;
  }
}

/**
 * A council's group (fractie), by the id its group results name: the council's CBS code and the folded name. Its
 * name is read from the council's latest decisions with votes per group (at most 50, along the decisions' index).
 */
async function getGroup(id: string, links: OpenLinks) {
  const match = /^(\d{4})-([a-z0-9-]+)$/.exec(id);
  const municipality = match ? await municipalityByCode(match[1]!) : null;
  if (!match || !municipality) return null;
  const recent = await prisma.position.findMany({
    where: { ...PUBLIC_DECISION, municipality: { is: { id: municipality.id } }, partyVotes: { not: null } },
    orderBy: [{ meetingDate: "desc" }, { municipalityId: "desc" }, { id: "desc" }],
    take: 50,
    select: { partyVotes: true, municipality: { select: { name: true, cbsCode: true } } },
  });
  for (const p of recent) {
    const party = partyVotesOf(p).find((v) => groupId(p.municipality!.cbsCode!, v.party) === id);
    if (party) {
      const gemeente = gemeenteOf(p.municipality!);
      return {
        url: links.resource("fracties", id),
        id,
        fractienaam: clip(party.party, 100),
        ...(gemeente ? { gemeente } : {}),
      };
    }
  }
  return null;
}
