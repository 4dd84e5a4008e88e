import fs from "node:fs";
import Ajv from "ajv";
import addFormats from "ajv-formats";
import { parse } from "yaml";
import { beforeAll, describe, expect, it } from "vitest";
import { recordBoardVote } from "~/models/board-vote.server";
import { createDocument, saveRevision } from "~/models/document.server";
import { correctPosition, logPosition } from "~/models/position.server";
import { publishPublication, withdrawPublication } from "~/models/publication.server";
import { prisma } from "~/utils/db.server";
import type { Actor } from "~/utils/permissions";
import { call } from "../../test/factories/api";
import { explain, onPostgres } from "../../test/factories/query-plan";
import { amendmentWithDraftReceived, demoActors } from "../../test/factories/trail";
import { action, loader } from "./open.$";

// The VNG ODS specification's schemas (test/fixtures/ods/README.md: source and licence).
const spec = parse(fs.readFileSync("test/fixtures/ods/openapi.yaml", "utf8")) as {
  components: { schemas: Record<string, unknown> };
};
/**
 * OpenAPI 3.0's `nullable` as JSON Schema: beside a type it adds "null" to it; alone in an allOf (the
 * specification's way to make a reference nullable) it makes the whole allOf accept null.
 */
function jsonSchemaOf(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(jsonSchemaOf);
  if (!node || typeof node !== "object") return node;
  const { nullable, ...rest } = node as Record<string, unknown>;
  const converted = Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, jsonSchemaOf(v)]));
  const allOf = converted.allOf as Record<string, unknown>[] | undefined;
  const nullableInAllOf = allOf?.some((part) => part.nullable === true && !part.type && !part.$ref);
  if (allOf && nullableInAllOf) {
    const parts = allOf.filter((part) => !(part.nullable === true && !part.type && !part.$ref));
    return { anyOf: [{ type: "null" }, { ...converted, allOf: parts }] };
  }
  if (nullable === true && typeof converted.type === "string") {
    converted.type = [converted.type, "null"];
    if (Array.isArray(converted.enum)) converted.enum = [...(converted.enum as unknown[]), null];
  }
  return converted;
}

const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema({ $id: "ods", components: jsonSchemaOf(spec.components) } as object);

const LIST_SCHEMA: Record<string, [list: string, item: string]> = {
  vergaderingen: ["PaginatedVergaderingList", "Vergadering"],
  agendapunten: ["PaginatedAgendapuntList", "Agendapunt"],
  besluiten: ["PaginatedBesluitList", "Besluit"],
  stemmingen: ["PaginatedStemmingList", "Stemming"],
  stemresultatenperfractie: ["PaginatedStemresultaatPerFractieList", "StemresultaatPerFractie"],
  informatieobjecten: ["PaginatedInformatieObjectList", "InformatieObject"],
};
const SCHEMA_OF_KIND: Record<string, string> = {
  ...Object.fromEntries(Object.entries(LIST_SCHEMA).map(([k, [, item]]) => [k, item])),
  fracties: "Fractie",
};

function expectOds(schema: string, body: unknown) {
  const validate = ajv.getSchema(`ods#/components/schemas/${schema}`);
  expect(validate, schema).toBeTruthy();
  expect(validate!(body), `${schema}: ${JSON.stringify(validate!.errors)}`).toBe(true);
}

const ORIGIN = "http://127.0.0.1";
async function open(path: string) {
  const url = new URL(`${ORIGIN}${path}`);
  const response = await call(() =>
    loader({ request: new Request(url), params: { "*": url.pathname.replace(/^\/open\/?/, "") }, context: {} }),
  );
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

interface Listed {
  id: string;
  url: string;
  [key: string]: unknown;
}

/** Every row of a collection, page by page along `next`. */
async function all(kind: string, query = "", limit = 200): Promise<Listed[]> {
  const rows: Listed[] = [];
  let path: string | null = `/open/${kind}?limit=${limit}${query}`;
  for (let pages = 0; path && pages < 500; pages++) {
    const { status, body } = await open(path);
    expect(status, JSON.stringify(body)).toBe(200);
    expectOds(LIST_SCHEMA[kind]![0], body);
    rows.push(...(body.results as Listed[]));
    path = body.next ? new URL(body.next as string).pathname + new URL(body.next as string).search : null;
  }
  return rows;
}

let actors: (local: string) => Actor;
const municipality = new Map<string, string>();
let amended: { trailId: string; positionId: string; correctedId: string; unsentRevisionId: string };
let boardVoteId: string;

beforeAll(async () => {
  actors = await demoActors();
  for (const m of await prisma.municipality.findMany()) municipality.set(m.slug, m.id);
  const secretary = actors("secretaris");
  // An amendment of the arrangement: Rijswijk's council gives its zienswijze with votes per group and a motion; Delft's
  // first zienswijze is corrected; a document revision is saved but never sent.
  const t = await amendmentWithDraftReceived([municipality.get("delft")!, municipality.get("rijswijk")!], secretary);
  const logged = await logPosition(
    {
      trailId: t.trailId,
      expectedRevision: t.revision,
      municipalityId: municipality.get("rijswijk")!,
      body: "COUNCIL",
      kind: "ZIENSWIJZE",
      text: "De raad stemt in met de wijziging van de gemeenschappelijke regeling en vraagt vroege betrokkenheid.",
      meetingDate: "2024-02-29",
      votes: { for: 25, against: 4, abstained: 0 },
      partyVotes: [
        { party: "Beter voor Rijswijk", for: 8, against: 0, abstained: 0 },
        { party: "VVD", for: 5, against: 0, abstained: 0 },
        { party: "Partij van de Arbeid", for: 2, against: 2, abstained: 0 },
        { party: "Wij zijn Rijswijk", for: 0, against: 2, abstained: 0 },
      ],
    },
    actors("griffier.rijswijk"),
  );
  if (!logged.ok) throw new Error(JSON.stringify(logged));
  await prisma.positionItem.create({
    data: {
      positionId: logged.positionId,
      kind: "MOTION",
      title: "Motie vroegtijdige betrokkenheid raden",
      text: "Verzoekt het algemeen bestuur de raden voor de kaderbrief te consulteren.",
      adopted: true,
      votesFor: 27,
      votesAgainst: 2,
      votesAbstained: 0,
    },
  });
  const delft = await logPosition(
    {
      trailId: t.trailId,
      expectedRevision: logged.revision,
      municipalityId: municipality.get("delft")!,
      body: "COUNCIL",
      kind: "ZIENSWIJZE",
      text: "Eerste tekst, later gecorrigeerd.",
      meetingDate: "2024-03-07",
      votes: { for: 30, against: 9, abstained: 0 },
    },
    actors("griffier.delft"),
  );
  if (!delft.ok) throw new Error(JSON.stringify(delft));
  const corrected = await correctPosition(
    delft.positionId,
    {
      text: "De raad van Delft vraagt de raden vroeg te betrekken bij de begroting.",
      meetingDate: "2024-03-07",
      votes: { for: 30, against: 9, abstained: 0 },
      reason: "Tikfout in de tekst",
    },
    actors("griffier.delft"),
  );
  if (!corrected.ok) throw new Error(JSON.stringify(corrected));
  const document = await createDocument(
    { trailId: t.trailId, kind: "RAADSVOORSTEL", title: "Concept raadsvoorstel, niet verzonden" },
    secretary,
  );
  if (!document.ok) throw new Error(JSON.stringify(document));
  const content = JSON.stringify({
    root: {
      type: "root",
      version: 1,
      direction: null,
      format: "",
      indent: 0,
      children: [
        {
          type: "paragraph",
          version: 1,
          direction: null,
          format: "",
          indent: 0,
          textFormat: 0,
          textStyle: "",
          children: [
            { type: "text", version: 1, text: "Geheim concept", format: 0, style: "", mode: "normal", detail: 0 },
          ],
        },
      ],
    },
  });
  const saved = await saveRevision({ documentId: document.documentId, baseRevision: 1, content }, secretary);
  if (!saved.ok) throw new Error(JSON.stringify(saved));
  const unsent = await prisma.documentRevision.findFirstOrThrow({
    where: { documentId: document.documentId, number: 2 },
  });
  amended = {
    trailId: t.trailId,
    positionId: logged.positionId,
    correctedId: corrected.positionId,
    unsentRevisionId: unsent.id,
  };
  const board = await prisma.municipality.findMany({ where: { participationTo: null }, select: { id: true } });
  const vote = await recordBoardVote(
    t.trailId,
    {
      subject: "Vaststelling ontwerpwijziging GR",
      heldOn: "2024-04-04",
      rule: "QUALIFIED",
      inhabitantsYear: 2022,
      ballots: [{ member: "Voorzitter", choice: "FOR", municipalityIds: board.map((m) => m.id) }],
    },
    secretary,
  );
  if (!vote.ok) throw new Error(JSON.stringify(vote));
  boardVoteId = vote.id;
  // The board's decision is open data once its Woo publication is public (within two weeks of the vote).
  const due = await prisma.publication.findUniqueOrThrow({
    where: { kind_sourceId: { kind: "vote", sourceId: vote.id } },
  });
  expect(await publishPublication(due.id, secretary)).toEqual({ ok: true });
});

describe("the open data (VNG ODS)", () => {
  it("lists its collections, and every page and every resource validates against the specification's schema", async () => {
    const index = await open("/open");
    expect(index.status).toBe(200);
    expect(Object.keys(index.body)).toEqual(Object.keys(LIST_SCHEMA));
    for (const kind of Object.keys(LIST_SCHEMA)) {
      const rows = await all(kind);
      expect(rows.length, kind).toBeGreaterThan(0);
      for (const row of rows) expectOds(LIST_SCHEMA[kind]![1], row);
    }
    // Every reference in every resource leads to a resource that validates too (one hop, each url once).
    const seen = new Set<string>();
    const references = new Set<string>();
    const collect = (value: unknown) => {
      if (typeof value === "string" && value.startsWith(`${ORIGIN}/open/`)) references.add(value);
      else if (Array.isArray(value)) value.forEach(collect);
      else if (value && typeof value === "object") Object.values(value).forEach(collect);
    };
    for (const kind of Object.keys(LIST_SCHEMA)) (await all(kind)).forEach(collect);
    for (const url of references) {
      if (seen.has(url)) continue;
      seen.add(url);
      const path = new URL(url).pathname;
      const { status, body } = await open(path);
      expect(status, `${path}: ${JSON.stringify(body)}`).toBe(200);
      expectOds(SCHEMA_OF_KIND[path.split("/")[2]!]!, body);
      expect(body.url).toBe(url);
    }
    expect(seen.size).toBeGreaterThan(20);
  });

  it("maps a council's decision to a Besluit with its Stemming, votes per group, meeting and agenda item", async () => {
    const besluit = await open(`/open/besluiten/${amended.positionId}`);
    expect(besluit.body).toMatchObject({ besluitresultaat: "Zienswijze ingediend" });
    const stemming = await open(`/open/stemmingen/${amended.positionId}`);
    expect(stemming.body).toMatchObject({ resultaatMondelingeStemming: "voor", stemmingstype: "regulier" });
    const item = await open(new URL((stemming.body.agendapunt as Listed).url).pathname);
    // Rijswijk is GM0603: its meeting of 29 February 2024, held.
    expect((item.body.vergadering as Listed).id).toBe("0603-2024-02-29");
    const meeting = await open("/open/vergaderingen/0603-2024-02-29");
    expect(meeting.body).toMatchObject({
      vergaderingstype: "raadsvergadering",
      vergaderdatum: "2024-02-29",
      status: "gehouden",
      gemeente: { gemeentecode: "0603", gemeentenaam: "Rijswijk" },
    });
    const groups = await all("stemresultatenperfractie", "&gemeentecode=0603");
    const mine = groups.filter((g) => (g.stemming as Listed).id === amended.positionId);
    expect(mine.map((g) => g.fractiestemresultaat)).toEqual(["aangenomen", "aangenomen", "verdeeld", "verworpen"]);
    const group = await open(new URL((mine[2]!.fractie as Listed).url).pathname);
    expect(group.body).toMatchObject({ fractienaam: "Partij van de Arbeid", gemeente: { gemeentecode: "0603" } });
    // The motion it adopted is an InformatieObject of type motie, on the trail's zaak.
    const documents = await all("informatieobjecten", "&gemeentecode=0603");
    const motion = documents.find((d) => d.titel === "Motie vroegtijdige betrokkenheid raden");
    expect(motion).toMatchObject({ informatieobjecttype: "motie", omschrijving: "Aangenomen" });
    const reference = (await prisma.trail.findUniqueOrThrow({ where: { id: amended.trailId } })).reference;
    expect((motion!.zaken as { zaakidentificatie: string }[])[0]!.zaakidentificatie).toBe(reference);
  });

  it("publishes the seed: Den Haag's zienswijze, the sent raadsvoorstel with its PDF, and the board's answer", async () => {
    const decisions = await all("besluiten", "&gemeentecode=0518");
    expect(decisions.map((d) => d.besluittoelichting)).toContainEqual(
      expect.stringContaining("De raad stemt in met de wijziging van de regeling"),
    );
    const meetings = await all("vergaderingen", "&vergaderdatum=2024-03-07");
    expect(meetings.map((m) => m.id)).toContain("0518-2024-03-07");
    const documents = await all("informatieobjecten");
    const proposal = documents.find((d) => d.titel === "Raadsvoorstel wijziging GR Servicebureau Jeugdhulp Haaglanden");
    expect(proposal).toMatchObject({ informatieobjecttype: "voorstel", taal: "dut" });
    const publication = await prisma.publication.findUniqueOrThrow({
      where: { kind_sourceId: { kind: "revision", sourceId: proposal!.id } },
    });
    expect(proposal!.link).toBe(`${ORIGIN}/openbaar/documenten/${publication.id}/document.pdf`);
    const answer = documents.find((d) => d.informatieobjecttype === "antwoord");
    expect(answer?.titel).toContain("Zoetermeer");
    // The board's vote is a Besluit of its meeting, an algemene bestuursvergadering.
    const board = await open(`/open/besluiten/ab-${boardVoteId}`);
    expect(board.body).toMatchObject({ besluitresultaat: "Aangenomen" });
    const abMeeting = await open("/open/vergaderingen/ab-2024-04-04");
    expect(abMeeting.body).toMatchObject({ vergaderingstype: "algemene_bestuursvergadering", status: "gehouden" });
  });

  it("follows the Woo publication: a board decision not yet published and a withdrawn document are not open data", async () => {
    const secretary = actors("secretaris");
    const board = await prisma.municipality.findMany({ where: { participationTo: null }, select: { id: true } });
    const unpublished = await recordBoardVote(
      amended.trailId,
      {
        subject: "Besluit nog niet gepubliceerd",
        heldOn: "2024-05-02",
        rule: "SIMPLE",
        inhabitantsYear: 2022,
        ballots: [{ member: "Voorzitter", choice: "FOR", municipalityIds: board.map((m) => m.id) }],
      },
      secretary,
    );
    if (!unpublished.ok) throw new Error(JSON.stringify(unpublished));
    expect((await open(`/open/besluiten/ab-${unpublished.id}`)).status).toBe(404);
    expect((await open("/open/vergaderingen/ab-2024-05-02")).status).toBe(404);
    expect((await all("besluiten")).map((b) => b.id)).not.toContain(`ab-${unpublished.id}`);
    // The seed's sent raadsvoorstel, withdrawn: gone from the list and by id.
    const documents = await all("informatieobjecten");
    const proposal = documents.find((d) => d.informatieobjecttype === "voorstel")!;
    const publication = await prisma.publication.findUniqueOrThrow({
      where: { kind_sourceId: { kind: "revision", sourceId: proposal.id } },
    });
    expect(await withdrawPublication(publication.id, "Bevat per abuis persoonsgegevens.", secretary)).toEqual({
      ok: true,
    });
    expect((await open(`/open/informatieobjecten/${proposal.id}`)).status).toBe(404);
    expect((await all("informatieobjecten")).map((d) => d.id)).not.toContain(proposal.id);
  });

  it("never shows a draft, an unsent revision, a replaced decision, a college's position or a user", async () => {
    expect((await open(`/open/informatieobjecten/${amended.unsentRevisionId}`)).status).toBe(404);
    const corrected = await prisma.position.findUniqueOrThrow({ where: { id: amended.correctedId } });
    expect((await open(`/open/besluiten/${corrected.supersedesId}`)).status).toBe(404);
    expect((await open(`/open/besluiten/${amended.correctedId}`)).status).toBe(200);
    const everything = JSON.stringify(await Promise.all(Object.keys(LIST_SCHEMA).map((kind) => all(kind))));
    expect(everything).not.toContain("Geheim concept");
    expect(everything).not.toContain("Concept raadsvoorstel, niet verzonden");
    expect(everything).not.toContain("Eerste tekst, later gecorrigeerd.");
    expect(everything).not.toContain("@h10.example");
    for (const user of await prisma.user.findMany({ select: { name: true } })) {
      expect(everything).not.toContain(user.name);
    }
    const college = await prisma.position.findFirst({ where: { body: { kind: { not: "COUNCIL" } } } });
    if (college) expect((await open(`/open/besluiten/${college.id}`)).status).toBe(404);
  });

  it("pages by cursor without losing or repeating a row, and filters by council and date", async () => {
    const whole = await all("besluiten");
    const byOne = await all("besluiten", "", 1);
    expect(byOne.map((r) => r.id)).toEqual(whole.map((r) => r.id));
    expect(new Set(whole.map((r) => r.id)).size).toBe(whole.length);
    for (const kind of ["vergaderingen", "agendapunten", "informatieobjecten"]) {
      expect(
        (await all(kind, "", 2)).map((r) => r.id),
        kind,
      ).toEqual((await all(kind)).map((r) => r.id));
    }
    const delft = await all("besluiten", "&gemeentecode=GM0503");
    expect(delft.length).toBeGreaterThan(0);
    const delftIds = new Set(
      (await prisma.position.findMany({ where: { municipalityId: municipality.get("delft")! } })).map((p) => p.id),
    );
    expect(delft.every((d) => delftIds.has(d.id))).toBe(true);
    const march = await all("vergaderingen", "&vanaf=2024-03-01&tot=2024-03-31");
    expect(march.length).toBeGreaterThan(0);
    expect(march.every((m) => (m.vergaderdatum as string).startsWith("2024-03"))).toBe(true);
  });

  it("lists each council's meeting day with its own decisions, at any page size, and a crowded day's first 100", async () => {
    // Rijswijk's meeting day of 29 February 2024 crowded with 150 more decisions, copies of its zienswijze.
    const source = await prisma.position.findUniqueOrThrow({ where: { id: amended.positionId } });
    const copies = Array.from({ length: 150 }, (_, i) => ({
      ...source,
      id: `crowded-${String(i).padStart(3, "0")}`,
      supersedesId: null,
      sharedDraftId: null,
    }));
    await prisma.position.createMany({ data: copies });
    try {
      const single = async (id: string) => (await open(`/open/vergaderingen/${id}`)).body.agendapunten as string[];
      const crowded = await single("0603-2024-02-29");
      // The day's first 100 by id: the source sorts before "crowded-…" or after; either way 100 of 151.
      expect(crowded).toHaveLength(100);
      // Every page size (one day a page: the crowded day alone is read on its own) lists the same days, each with
      // what its own resource lists: no decision of another council or day, none lost.
      for (const limit of [1, 2, 200]) {
        const days = (await all("vergaderingen", "", limit)).filter((m) => m.vergaderingstype === "raadsvergadering");
        expect(days.length).toBeGreaterThan(1);
        for (const day of days) expect(day.agendapunten, `${day.id} by ${limit}`).toEqual(await single(day.id));
      }
      const rijswijk = await all("vergaderingen", "&gemeentecode=0603", 2);
      expect(rijswijk.find((m) => m.id === "0603-2024-02-29")?.agendapunten).toEqual(crowded);
    } finally {
      await prisma.position.deleteMany({ where: { id: { in: copies.map((c) => c.id) } } });
    }
  });

  it("answers bad input with JSON and a stable code, and writes nothing", async () => {
    const cases: [string, number, string][] = [
      ["/open/besluiten?gemeentecode=Delft", 400, "invalid_gemeentecode"],
      ["/open/besluiten?gemeentecode=9999", 400, "unknown_gemeentecode"],
      ["/open/besluiten?vanaf=2024-13-01", 400, "invalid_date"],
      ["/open/besluiten?vanaf=2024-05-01&tot=2024-04-01", 400, "invalid_date_range"],
      ["/open/besluiten?limit=0", 400, "invalid_limit"],
      ["/open/besluiten?next=nep", 400, "invalid_cursor"],
      ["/open/zaken", 404, "not_found"],
      ["/open/besluiten/bestaat-niet", 404, "not_found"],
      ["/open/besluiten/a/b", 404, "not_found"],
      ["/open/fracties", 404, "not_found"],
    ];
    const events = await prisma.event.count();
    for (const [path, status, code] of cases) {
      const answer = await open(path);
      expect([path, answer.status, answer.body.code]).toEqual([path, status, code]);
    }
    // A cursor of one filter is not taken by another.
    const page = await open("/open/besluiten?limit=1");
    const next = new URL(page.body.next as string).searchParams.get("next")!;
    expect((await open(`/open/besluiten?limit=1&gemeentecode=0503&next=${next}`)).body.code).toBe("invalid_cursor");
    const posted = await call(() => action());
    expect(posted.status).toBe(405);
    expect(await prisma.event.count()).toBe(events);
  });

  it("reads each collection along an index in its order, on both engines", async () => {
    const sorted = /TEMP B-TREE|Sort\b/;
    const scan = (table: string) => new RegExp(`SCAN "?${table}"?(?! USING)|Seq Scan on "?${table}"?`);
    const plans: [sql: string, index: string, table: string][] = [
      [
        `SELECT "id" FROM "Position" WHERE "meetingDate" IS NOT NULL ORDER BY "meetingDate", "municipalityId", "id" LIMIT 51`,
        "Position_meetingDate_municipalityId_id_idx",
        "Position",
      ],
      [
        `SELECT "id" FROM "DocumentRevision" WHERE "frozenAt" IS NOT NULL ORDER BY "frozenAt", "id" LIMIT 51`,
        "DocumentRevision_frozenAt_id_idx",
        "DocumentRevision",
      ],
      [
        `SELECT "id" FROM "PositionItem" ORDER BY "createdAt", "id" LIMIT 51`,
        "PositionItem_createdAt_id_idx",
        "PositionItem",
      ],
      [
        `SELECT "id" FROM "ZienswijzeAnswer" ORDER BY "answeredOn", "id" LIMIT 51`,
        "ZienswijzeAnswer_answeredOn_id_idx",
        "ZienswijzeAnswer",
      ],
      [`SELECT "id" FROM "BoardVote" ORDER BY "heldOn", "id" LIMIT 51`, "BoardVote_heldOn_id_idx", "BoardVote"],
      [
        `SELECT "id" FROM "AgendaItem" ORDER BY "createdAt", "id" LIMIT 51`,
        "AgendaItem_createdAt_id_idx",
        "AgendaItem",
      ],
      [
        `SELECT "meetingDate", "municipalityId" FROM "Position" WHERE "meetingDate" IS NOT NULL AND EXISTS ` +
          `(SELECT 1 FROM "Municipality" WHERE "Municipality"."id" = "Position"."municipalityId") ` +
          `GROUP BY "meetingDate", "municipalityId" ORDER BY "meetingDate", "municipalityId" LIMIT 51`,
        "Position_meetingDate_municipalityId_id_idx",
        "Position",
      ],
      // One council's meeting days: its id as a range of one value (open-data.server.ts, meetingDays).
      [
        `SELECT "meetingDate", "municipalityId" FROM "Position" WHERE "meetingDate" >= ${
          onPostgres() ? "TIMESTAMP '1970-01-01 00:00:00'" : "'1970-01-01T00:00:00.000+00:00'"
        } AND "municipalityId" >= 'x' AND "municipalityId" <= 'x' ` +
          `GROUP BY "meetingDate", "municipalityId" ORDER BY "meetingDate", "municipalityId" LIMIT 51`,
        "Position_meetingDate_municipalityId_id_idx",
        "Position",
      ],
      [
        `SELECT "id" FROM "Position" WHERE "municipalityId" = 'x' AND "meetingDate" = ${
          onPostgres() ? "TIMESTAMP '2024-03-06 23:00:00'" : "'2024-03-06T23:00:00.000+00:00'"
        } AND "agendaItemId" IS NULL ORDER BY "id" LIMIT 100`,
        "Position_meetingDate_municipalityId_id_idx",
        "Position",
      ],
    ];
    for (const [sql, index, table] of plans) {
      const plan = await explain(sql, { ordered: true });
      expect(plan, sql).toContain(index);
      expect(plan, sql).not.toMatch(scan(table));
      if (!onPostgres() || !sql.includes("GROUP BY")) expect(plan, sql).not.toMatch(sorted);
    }
    // A page's meeting days' decisions (meetingDaysOf): a seek per day and council along the same index; what is
    // read is those days' decisions, which a sort of no more than the page's rows puts in order (PostgreSQL, on
    // these few rows, is told to avoid the sort, as above).
    const day = (iso: string) => (onPostgres() ? `TIMESTAMP '${iso.replace("T", " ")}'` : `'${iso}.000+00:00'`);
    const pageDays =
      `SELECT "id", "municipalityId", "meetingDate" FROM "Position" WHERE "agendaItemId" IS NULL ` +
      `AND "meetingDate" IN (${day("2024-03-06T23:00:00")}, ${day("2024-03-13T23:00:00")}) ` +
      `AND "municipalityId" IN ('x', 'y') ORDER BY "meetingDate", "municipalityId", "id" LIMIT 201`;
    const plan = await explain(pageDays, { ordered: true });
    expect(plan, pageDays).toContain("Position_meetingDate_municipalityId_id_idx");
    expect(plan, pageDays).not.toMatch(scan("Position"));
  });
});
