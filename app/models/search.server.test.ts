import { beforeAll, describe, expect, it } from "vitest";
import { documentOf, paragraph } from "~/editor/templates";
import { prisma } from "~/utils/db.server";
import type { Actor } from "~/utils/permissions";
import { explain, onPostgres, statementText } from "../../test/factories/query-plan";
import { amendmentWithDraftReceived, demoActors } from "../../test/factories/trail";
import { storeAttachment } from "./attachment.server";
import { createDocument, saveRevision, sendRevision } from "./document.server";
import { addMeeting, removeMeeting } from "./meeting.server";
import { correctPosition, logPosition } from "./position.server";
import {
  COMMON_COUNT_TTL_MS,
  COUNT_LIMIT,
  STEM_PROBE,
  keptCommonWords,
  indexMissing,
  indexTrailClosed,
  rarestFirst,
  search,
  searchCountQuery,
  searchQuery,
  searchYears,
  type SearchFilter,
} from "./search.server";
import { SEARCH_KINDS } from "~/schemas/search";
import { startTrail } from "./trail-workflow.server";

let actors: (local: string) => Actor;
let delft: string;
let rijswijk: string;

beforeAll(async () => {
  actors = await demoActors();
  delft = (await prisma.municipality.findUniqueOrThrow({ where: { slug: "delft" } })).id;
  rijswijk = (await prisma.municipality.findUniqueOrThrow({ where: { slug: "rijswijk" } })).id;
});

/** The titles found per kind, as plain text. */
async function found(query: string, filter: SearchFilter = {}) {
  const { groups } = await search(query, filter);
  return Object.fromEntries(
    groups.map((g) => [g.kind, g.results.map((r) => r.title.map((s) => s.text).join(""))] as const),
  );
}

let counter = 0;
async function newTrail(title: string, summary = "") {
  counter += 1;
  const reference = `ZOEK-${process.pid}-${counter}`;
  const started = await startTrail(
    { kind: "VISION", title, reference, summary, startedOn: "2024-02-01" },
    actors("secretaris"),
  );
  if (!started.ok) throw new Error(started.code);
  return { trailId: started.trailId, reference };
}

describe("search over the seeded region", () => {
  it("finds the seeded GR amendment by a word's other form and by its reference, with the words marked", async () => {
    // The seed's summary says "zienswijzen van de raden"; the query is the singular.
    for (const query of ["zienswijze", "zienswijzen", "ZIENSWIJZEN"]) {
      const { groups, terms } = await search(query, {});
      expect(terms).toEqual(["zienswijz"]);
      const trails = groups.find((g) => g.kind === "trail")!;
      const gr = trails.results.find((r) => r.trail?.reference === "H10-GR-2024")!;
      expect(gr.href).toMatch(/^\/trajecten\/c/);
      expect(gr.snippet.filter((s) => s.mark).map((s) => s.text)).toContain("zienswijzen");
      // The seeded zienswijzen of the councils are positions.
      expect(groups.find((g) => g.kind === "position")?.total).toBeGreaterThan(0);
    }
    // The reference's words (h10, gr, 2024) all in the trail.
    expect((await found("H10-GR-2024")).trail).toContain(
      "Wijziging GR Servicebureau Jeugdhulp Haaglanden (Wet versterking democratische legitimiteit Wgr)",
    );
    // Every word must match.
    expect(await found("zienswijze onvindbaarwoord")).toEqual({});
    // A query without a word finds nothing, and says so without an error.
    expect(await search(" -- ", {})).toEqual({ terms: [], groups: [] });
  });
});

describe("the search index kept by the writes", () => {
  it("folds diacritics: reele finds reële and the other way round", async () => {
    const { reference } = await newTrail("Reële kosten van de jeugdhulp in Zuiderpolder", "Een raming.");
    const { groups } = await search("reele kost zuiderpolder", {});
    const hit = groups.find((g) => g.kind === "trail")!.results.find((r) => r.trail?.reference === reference)!;
    expect(hit.title).toEqual([
      { text: "Reële", mark: true },
      { text: " " },
      { text: "kosten", mark: true },
      { text: " van de jeugdhulp in " },
      { text: "Zuiderpolder", mark: true },
    ]);
    const other = await search("REËLE zuiderpolder", {});
    expect(other.groups[0]!.results.map((r) => r.trail?.reference)).toEqual([reference]);
  });

  it("finds a document's text only once a revision was sent, never a draft or an unsent revision", async () => {
    const { trailId } = await newTrail("Traject met een voorstel over kraanvogels");
    const created = await createDocument(
      { trailId, kind: "RAADSINFORMATIEBRIEF", title: "Brief over de boomkikkers" },
      actors("secretaris"),
    );
    if (!created.ok) throw new Error(created.code);
    const content = JSON.stringify(documentOf([paragraph("De raad ontvangt de goudvinkenregeling ter kennisname.")]));
    expect(
      await saveRevision({ documentId: created.documentId, baseRevision: 1, content }, actors("secretaris")),
    ).toEqual({ ok: true, revision: 2 });
    expect(await found("goudvinkenregeling")).toEqual({});
    expect(await found("boomkikkers")).toEqual({});
    const sent = await sendRevision({ documentId: created.documentId, revision: 2 }, actors("secretaris"));
    expect(sent).toMatchObject({ ok: true });
    const { groups } = await search("goudvinkenregeling", {});
    expect(groups.map((g) => g.kind)).toEqual(["document"]);
    const hit = groups[0]!.results[0]!;
    expect(hit.href).toBe(`/documenten/${created.documentId}?revisie=2`);
    expect(hit.snippet.find((s) => s.mark)?.text).toBe("goudvinkenregeling");
    // A later draft revision does not replace the sent text in the search.
    const later = JSON.stringify(documentOf([paragraph("Nieuwe tekst over de zwaluwstaartnota.")]));
    await saveRevision({ documentId: created.documentId, baseRevision: 2, content: later }, actors("secretaris"));
    expect(await found("zwaluwstaartnota")).toEqual({});
    expect((await found("goudvinkenregeling")).document).toHaveLength(1);
  });

  it("replaces a position's text by its correction's, and indexes amendments' attachments' and meetings' words", async () => {
    const t = await amendmentWithDraftReceived([delft, rijswijk], actors("secretaris"));
    const logged = await logPosition(
      {
        trailId: t.trailId,
        expectedRevision: t.revision,
        municipalityId: delft,
        body: "COUNCIL",
        kind: "MOTION",
        text: "De raad verzoekt het college om de wachtlijstvogelnota te herzien.",
        meetingDate: "2024-03-07",
      },
      actors("griffier.delft"),
    );
    if (!logged.ok) throw new Error(logged.code);
    expect((await found("wachtlijstvogelnota")).position).toEqual(["Delft"]);
    const corrected = await correctPosition(
      logged.positionId,
      { text: "De raad verzoekt om de pimpelmeesregelingen.", meetingDate: "2024-03-07", reason: "Verkeerde tekst" },
      actors("griffier.delft"),
    );
    if (!corrected.ok) throw new Error(corrected.code);
    expect(await found("wachtlijstvogelnota")).toEqual({});
    const { groups } = await search("pimpelmeesregeling", {});
    expect(groups[0]!.results.map((r) => r.href)).toEqual([
      `/trajecten/${t.trailId}/standpunten/${corrected.positionId}`,
    ]);

    // An attachment's name.
    const pdf = new TextEncoder().encode("%PDF-1.4\n%%EOF\n");
    const attached = await storeAttachment(
      corrected.positionId,
      { name: "Besluit-koolmezenverordening.pdf", bytes: pdf },
      actors("griffier.delft"),
    );
    expect(attached).toMatchObject({ ok: true });
    expect((await found("koolmezenverordening")).attachment).toEqual(["Besluit-koolmezenverordening.pdf"]);

    // A meeting, until it is removed.
    const added = await addMeeting(
      { municipalityId: rijswijk, bodyKind: "COMMITTEE", date: "2031-05-06", note: "Extra sessie roerdompbeleid" },
      actors("griffier.rijswijk"),
    );
    expect(added).toEqual({ ok: true });
    expect((await found("roerdompbeleid")).meeting).toEqual(["Raadscommissie Rijswijk"]);
    const meeting = await prisma.councilMeeting.findFirstOrThrow({ where: { note: "Extra sessie roerdompbeleid" } });
    expect(await removeMeeting(meeting.id, actors("griffier.rijswijk"))).toEqual({ ok: true });
    expect(await found("roerdompbeleid")).toEqual({});
  });

  it("filters by kind, municipality, year and state", async () => {
    const t = await amendmentWithDraftReceived([delft, rijswijk], actors("secretaris"));
    let revision = t.revision;
    for (const municipalityId of [delft, rijswijk]) {
      const logged = await logPosition(
        {
          trailId: t.trailId,
          expectedRevision: revision,
          municipalityId,
          body: "COUNCIL",
          kind: "MOTION",
          text: "Motie over het ijsvogelfonds.",
          meetingDate: "2024-03-07",
        },
        actors(municipalityId === delft ? "griffier.delft" : "griffier.rijswijk"),
      );
      if (!logged.ok) throw new Error(logged.code);
      revision = logged.revision;
    }
    const { trailId } = await newTrail("Het ijsvogelfonds in de regio");
    expect(await found("ijsvogelfonds")).toEqual({
      trail: ["Het ijsvogelfonds in de regio"],
      position: expect.arrayContaining(["Delft", "Rijswijk"]),
    });
    expect(await found("ijsvogelfonds", { kind: "position" })).toEqual({
      position: expect.arrayContaining(["Delft", "Rijswijk"]),
    });
    // A council's own positions, and the trails it takes part in (the new vision: every council).
    expect(await found("ijsvogelfonds", { municipalityId: rijswijk })).toEqual({
      trail: ["Het ijsvogelfonds in de regio"],
      position: ["Rijswijk"],
    });
    expect(await found("ijsvogelfonds", { year: 2024 })).toMatchObject({ position: expect.any(Array) });
    expect(await found("ijsvogelfonds", { year: 2019 })).toEqual({});
    expect(await searchYears()).toEqual(expect.arrayContaining([2024, 2017]));
    expect(Object.keys(await found("ijsvogelfonds", { state: "open" }))).toEqual(["trail", "position"]);
    expect(await found("ijsvogelfonds", { state: "closed" })).toEqual({});
    // Closed as the step that closes a trail does (trail-summary.server.test.ts closes one through its steps).
    await prisma.$transaction(async (tx) => {
      await tx.trail.update({ where: { id: trailId }, data: { closedAt: new Date("2024-06-01T00:00:00Z") } });
      await indexTrailClosed(tx, trailId);
    });
    expect(await found("ijsvogelfonds", { state: "closed" })).toEqual({ trail: ["Het ijsvogelfonds in de regio"] });
  });

  it("pages a kind 20 at a time, counted in SQL", async () => {
    const t = await amendmentWithDraftReceived([delft, rijswijk], actors("secretaris"));
    let revision = t.revision;
    for (let i = 0; i < 23; i++) {
      const logged = await logPosition(
        {
          trailId: t.trailId,
          expectedRevision: revision,
          municipalityId: delft,
          body: "COUNCIL",
          kind: "MOTION",
          text: `Motie ${i} over de zilverreigerregeling.`,
          meetingDate: "2024-03-07",
        },
        actors("griffier.delft"),
      );
      if (!logged.ok) throw new Error(logged.code);
      revision = logged.revision;
    }
    const first = await search("zilverreigerregeling", {});
    expect(first.groups).toMatchObject([{ kind: "position", total: 23 }]);
    expect(first.groups[0]!.results).toHaveLength(20);
    const second = await search("zilverreigerregeling", { kind: "position", page: 2 });
    expect(second.groups[0]!.results).toHaveLength(3);
    const ids = new Set([...first.groups[0]!.results, ...second.groups[0]!.results].map((r) => r.id));
    expect(ids.size).toBe(23);
  });

  const TERM = { stem: true, kind: true, year: true, day: true, trailState: true } as const;

  it("indexes what was written before the search existed, in batches, the same as the writes did", async () => {
    const { reference } = await newTrail("Traject over de grutto-aanpak");
    // The test factory's trails (test/factories/trail.ts) skip startTrail: they are caught up first.
    await indexMissing();
    const before = await prisma.searchEntry.findMany({
      orderBy: [{ kind: "asc" }, { sourceId: "asc" }],
      select: { kind: true, sourceId: true, title: true, body: true, terms: { select: TERM } },
    });
    expect(before.length).toBeGreaterThan(30);
    const seeded = await search("zienswijze", {});
    // A database migrated to the search: every row there, no entry yet.
    await prisma.searchEntry.deleteMany({});
    expect(await found("grutto")).toEqual({});
    // Seven at a time: many batches, each onwards from the last.
    expect(await indexMissing(7)).toBe(before.length);
    const after = await prisma.searchEntry.findMany({
      orderBy: [{ kind: "asc" }, { sourceId: "asc" }],
      select: { kind: true, sourceId: true, title: true, body: true, terms: { select: TERM } },
    });
    // Each term carries its entry's kind, year and day, the same both ways.
    expect(before.flatMap((r) => r.terms).every((t) => t.kind && t.year > 2000 && t.day.length === 10)).toBe(true);
    const sorted = (rows: typeof before) =>
      rows.map((r) => ({
        ...r,
        terms: r.terms.map((t) => `${t.stem} ${t.kind} ${t.year} ${t.day} ${t.trailState}`).sort(),
      }));
    expect(sorted(after)).toEqual(sorted(before));
    expect((await search("grutto", {})).groups[0]!.results[0]!.trail?.reference).toBe(reference);
    expect((await search("zienswijze", {})).groups.map((g) => g.total)).toEqual(seeded.groups.map((g) => g.total));
    expect(await indexMissing()).toBe(0);
  });

  it.each([
    {
      filter: { municipalityId: "delft", year: 2024 },
      index: "SearchTerm_stem_kind_year_day_entryId_idx",
      sqlite: "stem=\\? AND kind=\\? AND year=\\?",
      pg: "\\(stem = 'zienswijz'::text\\) AND \\(kind = 'trail'::text\\) AND \\(year = 2024\\)",
    },
    {
      filter: { state: "closed", year: 2024 },
      index: "SearchTerm_stem_kind_trailState_year_day_entryId_idx",
      sqlite: "stem=\\? AND kind=\\? AND trailState=\\? AND year=\\?",
      pg: "\\(stem = 'zienswijz'::text\\) AND \\(kind = 'trail'::text\\) AND \\(\"trailState\" = 'closed'::text\\) AND \\(year = 2024\\)",
    },
  ] as const)(
    "reads each kind's page and count newest first along $index, on both engines",
    async ({ filter: given, index, sqlite, pg }) => {
      const filter: SearchFilter = { ...given, ...("municipalityId" in given ? { municipalityId: delft } : {}) };
      const page = await explain(statementText(searchQuery(["zienswijz", "raad"], filter)), { ordered: true });
      const count = await explain(statementText(searchCountQuery(["zienswijz", "raad"], filter)));
      const starts = (plan: string) => plan.split(`${index}`).length - 1;
      // Every kind's page starts at its stem, kind (and state) and year in the index.
      expect(starts(page)).toBe(SEARCH_KINDS.length);
      if (onPostgres()) {
        // A count has no order: on these tiny tables PostgreSQL may take either index that starts with the stem
        // and the kind.
        expect(count.match(/using "SearchTerm_stem_kind_\w+" on "SearchTerm" s0(_\d)? /g)).toHaveLength(
          SEARCH_KINDS.length,
        );
        // Newest first is the index read backwards: the one sort left (sorts are made dear) is the outer one of the
        // 100 rows at most; the other word is looked up per entry.
        expect(page).toMatch(new RegExp(`Index Only Scan Backward using "${index}" on "SearchTerm" s0`));
        expect(page).toMatch(new RegExp(`Index Cond: \\(${pg}\\)`));
        expect(page.match(/-> +Sort|^Sort/gm)).toHaveLength(1);
        expect(`${page}\n${count}`).not.toMatch(/Seq Scan on "SearchTerm"|Seq Scan on "SearchEntry"/);
      } else {
        expect(starts(count)).toBe(SEARCH_KINDS.length);
        for (const kind of SEARCH_KINDS) {
          // A kind's page is a co-routine: along the index, no sort of its own before its rows are read.
          const block = page.slice(page.indexOf(`CO-ROUTINE ${kind}`), page.indexOf(`SCAN ${kind}`));
          expect(block).toMatch(new RegExp(`SEARCH s0 USING COVERING INDEX ${index} \\(${sqlite}\\)`));
          expect(block).not.toMatch(/TEMP B-TREE/);
        }
        expect(`${page}\n${count}`).toMatch(
          /SEARCH s (EXISTS )?USING COVERING INDEX sqlite_autoindex_SearchTerm_1 \(stem=\? AND entryId=\?\)/,
        );
        expect(`${page}\n${count}`).not.toMatch(/SCAN (s0|s|e)\b/);
      }
    },
  );

  it("counts a kind up to 1,000 and says there are more; its pages stop there", async () => {
    const t = await amendmentWithDraftReceived([delft], actors("secretaris"));
    // 1,001 entries of one word, written as the index writes them (a position each would take minutes).
    const entries = Array.from({ length: COUNT_LIMIT + 1 }, (_, i) => ({
      id: `kwak-${process.pid}-${i}`,
      kind: "position",
      sourceId: `kwak-source-${process.pid}-${i}`,
      trailId: t.trailId,
      municipalityId: delft,
      year: 2024,
      day: `2024-03-${String(1 + (i % 28)).padStart(2, "0")}`,
      title: "Delft",
      body: `Zienswijze ${i} over de kwakregeling.`,
    }));
    await prisma.searchEntry.createMany({ data: entries });
    await prisma.searchTerm.createMany({
      data: entries.map((e) => ({
        stem: "kwakregel",
        entryId: e.id,
        kind: e.kind,
        year: e.year,
        day: e.day,
        trailState: "open",
      })),
    });
    const { groups } = await search("kwakregeling", {});
    expect(groups).toMatchObject([{ kind: "position", total: COUNT_LIMIT, more: true }]);
    // Newest first: the 28th of March leads.
    expect(groups[0]!.results.map((r) => r.day)).toEqual(Array(20).fill("2024-03-28"));
    // Page 50 is the last counted one; a later page asks for it.
    const last = await search("kwakregeling", { kind: "position", page: 50 });
    expect(last.groups[0]!.results).toHaveLength(20);
    expect((await search("kwakregeling", { kind: "position", page: 999 })).groups[0]!.results).toEqual(
      last.groups[0]!.results,
    );
    // With a year that has none, nothing; one entry fewer is an exact count.
    expect((await search("kwakregeling", { year: 2023 })).groups).toEqual([]);
    await prisma.searchEntry.delete({ where: { id: entries[0]!.id } });
    expect((await search("kwakregeling", {})).groups).toMatchObject([{ total: COUNT_LIMIT, more: false }]);
  });

  it("ranks two common words by counting on past the probe, keeps those counts a while, and probes a rare word afresh", async () => {
    const t = await amendmentWithDraftReceived([delft], actors("secretaris"));
    // kwaakwoord on STEM_PROBE + 300 entries, piepwoord on STEM_PROBE + 100 of them: both past the probe, where
    // they look alike; counted on, piepwoord is the rarer and leads, though the shorter word.
    const n = STEM_PROBE + 300;
    const ids = Array.from({ length: n }, (_, i) => `kwaak-${process.pid}-${i}`);
    const term = (stem: string, entryId: string) => ({
      stem,
      entryId,
      kind: "position",
      year: 2024,
      day: "2024-03-01",
    });
    for (let at = 0; at < n; at += 2000) {
      const slice = ids.slice(at, at + 2000);
      await prisma.searchEntry.createMany({
        data: slice.map((id) => ({
          id,
          kind: "position",
          sourceId: `${id}-source`,
          trailId: t.trailId,
          municipalityId: delft,
          year: 2024,
          day: "2024-03-01",
          title: "Delft",
          body: "",
        })),
      });
      await prisma.searchTerm.createMany({
        data: slice.flatMap((id, i) => [
          term("kwaakwoord", id),
          ...(at + i < STEM_PROBE + 100 ? [term("piepwoord", id)] : []),
        ]),
      });
    }
    try {
      const now = Date.now();
      expect(await rarestFirst(["kwaakwoord", "piepwoord"], now)).toEqual(["piepwoord", "kwaakwoord"]);
      expect(keptCommonWords()).toEqual(expect.arrayContaining(["kwaakwoord", "piepwoord"]));
      // 1,000 of kwaakwoord's entries go: within the time its count is kept the order stands, after it the word
      // is probed again, now rarer than the probe, and leads.
      await prisma.searchTerm.deleteMany({ where: { stem: "kwaakwoord", entryId: { in: ids.slice(0, 1000) } } });
      expect(await rarestFirst(["kwaakwoord", "piepwoord"], now + 1000)).toEqual(["piepwoord", "kwaakwoord"]);
      expect(await rarestFirst(["kwaakwoord", "piepwoord"], now + COMMON_COUNT_TTL_MS + 1)).toEqual([
        "kwaakwoord",
        "piepwoord",
      ]);
      // A word nowhere yet matches nothing; written, it is found at once (a rare word's count is never kept).
      expect(await rarestFirst(["piepwoord", "snorwoord"])).toEqual([]);
      await prisma.searchTerm.create({ data: term("snorwoord", ids[n - 1]!) });
      expect(await rarestFirst(["piepwoord", "snorwoord"])).toEqual(["snorwoord", "piepwoord"]);
    } finally {
      await prisma.searchEntry.deleteMany({ where: { id: { in: ids } } });
    }
  });

  it("leads with the rarest word, and finds nothing at once when a word is nowhere", async () => {
    await newTrail("Traject over de korhoenregeling");
    // zienswijz is in many seeded entries, korhoenregel in one: it leads, though it is the longer word here.
    expect(await rarestFirst(["zienswijz", "korhoenregel"])).toEqual(["korhoenregel", "zienswijz"]);
    expect(await rarestFirst(["zienswijz", "nergensvoorkomend"])).toEqual([]);
    expect(await found("zienswijze nergensvoorkomendwoord")).toEqual({});
    expect(await found("raad zienswijze")).toEqual(await found("zienswijze raad"));
  });
});
