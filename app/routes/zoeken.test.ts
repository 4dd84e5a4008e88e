import { describe, expect, it } from "vitest";
import { addMeeting } from "~/models/meeting.server";
import type { SearchGroup } from "~/models/search.server";
import { prisma } from "~/utils/db.server";
import { demoActors } from "../../test/factories/trail";
import { clientFor, get, outcome } from "../../test/factories/request";
import { loader } from "./zoeken";

type Page = { query: string; filter: Record<string, unknown>; groups: SearchGroup[]; years: number[] };

async function load(email: string | undefined, query: string) {
  const client = await clientFor(email);
  return outcome(() => loader({ request: get(client, `/zoeken${query}`), params: {}, context: {} }));
}

describe("the search page", () => {
  it("sends whoever is signed out to sign in, and searches nothing for them", async () => {
    const result = await load(undefined, "?q=zienswijze");
    expect(result.status).toBe(302);
    expect(result.headers.get("Location")).toMatch(/^\/inloggen/);
  });

  it("finds the seeded trails and positions for every role, grouped by kind, and ignores filter values that do not fit", async () => {
    for (const email of ["wethouder.delft@h10.example", "griffier.westland@h10.example", "secretaris@h10.example"]) {
      const result = await load(email, "?q=zienswijzen&kind=geen&year=abc&state=half&page=-1");
      expect(result.status).toBe(200);
      const page = result.body as Page;
      expect(page.filter).toMatchObject({ q: "zienswijzen", kind: undefined, year: undefined, state: undefined });
      expect(page.groups.map((g) => g.kind)).toEqual(expect.arrayContaining(["trail", "position"]));
      const trails = page.groups.find((g) => g.kind === "trail")!;
      expect(trails.results.map((r) => r.trail?.reference)).toContain("H10-GR-2024");
      expect(page.years.length).toBeGreaterThan(0);
    }
    // An empty query: no results and no error.
    const empty = await load("wethouder.delft@h10.example", "?q=");
    expect(empty.status).toBe(200);
    expect((empty.body as Page).groups).toEqual([]);
  });

  it("filters by a municipality, and links a meeting to its page for everyone", async () => {
    const actors = await demoActors();
    const delft = await prisma.municipality.findUniqueOrThrow({ where: { slug: "delft" } });
    expect(
      await addMeeting(
        { municipalityId: delft.id, bodyKind: "COUNCIL", date: "2031-09-11", note: "Begrotingsraad kiekendief" },
        actors("griffier.delft"),
      ),
    ).toEqual({ ok: true });
    const hrefFor = async (email: string) => {
      const page = (await load(email, `?q=kiekendief&municipality=${delft.id}`)).body as Page;
      return page.groups.flatMap((g) => g.results.map((r) => [g.kind, r.href]));
    };
    const meeting = await prisma.councilMeeting.findFirstOrThrow({ where: { note: "Begrotingsraad kiekendief" } });
    for (const who of ["griffier.delft", "beheer", "wethouder.delft"])
      expect(await hrefFor(`${who}@h10.example`)).toEqual([["meeting", `/vergaderingen/${meeting.id}`]]);
    const rijswijk = await prisma.municipality.findUniqueOrThrow({ where: { slug: "rijswijk" } });
    const other = (await load("griffier.delft@h10.example", `?q=kiekendief&municipality=${rijswijk.id}`)).body as Page;
    expect(other.groups).toEqual([]);
  });
});
