import { beforeAll, describe, expect, it } from "vitest";
import { countQueries, prisma } from "~/utils/db.server";
import type { Actor } from "~/utils/permissions";
import { wholeTableReads } from "../../test/factories/query-plan";
import { amendmentWithDraftReceived, demoActors } from "../../test/factories/trail";
import { logPosition } from "./position.server";
import { trailPage } from "./trail-page.server";

let actors: (local: string) => Actor;
let delft: string;
let denHaag: string;

beforeAll(async () => {
  actors = await demoActors();
  delft = (await prisma.municipality.findUniqueOrThrow({ where: { slug: "delft" } })).id;
  denHaag = (await prisma.municipality.findUniqueOrThrow({ where: { slug: "den-haag" } })).id;
});

/** A zienswijze of a council on a trail, logged by the secretary. */
async function zienswijze(trailId: string, revision: number, municipalityId: string, meetingDate = "2024-03-07") {
  const result = await logPosition(
    {
      trailId,
      expectedRevision: revision,
      municipalityId,
      body: "COUNCIL",
      kind: "ZIENSWIJZE",
      text: "De raad vraagt om een sterkere rol bij de begroting.",
      meetingDate,
    },
    actors("secretaris"),
  );
  if (!result.ok) throw new Error(result.code);
  return result.revision;
}

describe("the trail page's model", () => {
  it("answers null for a trail that does not exist", async () => {
    expect(await trailPage("no-such-trail", actors("secretaris"))).toBeNull();
  });

  it("sends the same number of queries however many trails there are and however many rows this one has", async () => {
    const secretary = actors("secretaris");
    const t = await amendmentWithDraftReceived([delft, denHaag], secretary);
    const first = await countQueries(() => trailPage(t.trailId, secretary, "2024-03-01"));
    expect(first.result?.matrix).toHaveLength(2);

    // Ten more trails, each with a position, and this trail's own rows grow: a position and its events.
    for (let i = 0; i < 10; i += 1) {
      const other = await amendmentWithDraftReceived([delft, denHaag], secretary);
      await zienswijze(other.trailId, other.revision, delft);
    }
    await zienswijze(t.trailId, t.revision, denHaag);
    const later = await countQueries(() => trailPage(t.trailId, secretary, "2024-03-01"));
    expect(later.result?.timeline.events.length).toBeGreaterThan(first.result!.timeline.events.length);
    expect(later.queries).toBe(first.queries);
    // A trail of ten councils costs what a trail of two costs: nothing is read per council.
    const all = (await prisma.municipality.findMany({ select: { id: true }, take: 10 })).map((m) => m.id);
    const wide = await amendmentWithDraftReceived(all, secretary);
    const wider = await countQueries(() => trailPage(wide.trailId, secretary, "2024-03-01"));
    expect(wider.result?.matrix).toHaveLength(all.length);
    expect(wider.queries).toBe(first.queries);
    // A fixed set: one read of the trail for the page and its workflow, then each kind of row with its relations
    // (Prisma reads each included relation with one query of its own, whatever the number of rows). The council
    // agendas add three (the items, their meetings and their decisions, the meetings before the deadlines), the
    // shared drafts and their authors two.
    expect(first.queries).toBeLessThanOrEqual(35);
  });

  it("reads no whole table that grows with the history: every statement goes along an index", async () => {
    // The seeded GR amendment: a raadsvoorstel sent to the councils (its decision points and the positions on it),
    // amounts, a board vote and agendas, so every part of the page sends its statements.
    const seeded = await prisma.trail.findFirstOrThrow({ where: { reference: "H10-GR-2024" } });
    for (const who of ["secretaris", "griffier.delft", "wethouder.delft"]) {
      const captured = await countQueries(() => trailPage(seeded.id, actors(who), "2024-03-01"));
      expect(captured.result?.pointOverview.length, who).toBeGreaterThan(0);
      // The positions on the sent text were read by the revision alone: a scan of every trail's positions.
      expect(await wholeTableReads(captured), who).toEqual([]);
    }
  });

  it("names an exit trail's exit payment with its money, and no exit payment on another kind", async () => {
    const exit = await prisma.trail.findFirstOrThrow({ where: { kind: "EXIT" } });
    const page = (await trailPage(exit.id, actors("secretaris"), "2022-06-01"))!;
    // Seed 004: about three times Voorschoten's annual contribution of € 71,000.
    expect(page.exitPayment).toEqual({ cents: 21_300_000, multipleHundredths: 300 });
    const amendment = await prisma.trail.findFirstOrThrow({ where: { reference: "H10-GR-2024" } });
    expect((await trailPage(amendment.id, actors("secretaris"), "2024-03-01"))!.exitPayment).toBeNull();
  });

  it("sums up the next deadline ahead and every term passed, and offers each user only their own steps", async () => {
    const secretary = actors("secretaris");
    const t = await amendmentWithDraftReceived([delft, denHaag], secretary);
    // Received on 15 January 2024: eight weeks run to 11 March 2024.
    const before = (await trailPage(t.trailId, secretary, "2024-03-01"))!;
    expect(before.attention.late).toEqual([]);
    expect(before.attention.next).toMatchObject({ kind: "zienswijze", dueOn: "2024-03-11", status: "dueSoon" });
    // Both councils' terms end that day: the summary counts them rather than naming the first council.
    expect(before.attention.next!.sharedBy).toBe(2);
    // A council's own user sees their own council's term first, whichever council's comes first in the list.
    const listed = before.attention.next!.municipality;
    const [otherClerk, otherCouncil] =
      listed === "Delft" ? ["griffier.den-haag", "Den Haag"] : ["griffier.delft", "Delft"];
    const own = (await trailPage(t.trailId, actors(otherClerk), "2024-03-01"))!;
    expect(own.attention.next).toMatchObject({ municipality: otherCouncil, sharedBy: 2 });

    await zienswijze(t.trailId, t.revision, denHaag, "2024-03-07");
    const after = (await trailPage(t.trailId, secretary, "2024-03-20"))!;
    // Den Haag gave its view in time; Delft's term passed without one.
    expect(after.attention.late.map((d) => [d.municipality, d.status])).toEqual([["Delft", "overdue"]]);
    expect(after.attention.next).toBeNull();

    // The secretary may log for both councils; Delft's clerk for Delft only (positionOptionsFor, as on the
    // position page); the regional steps are the secretary's.
    expect(Object.values(after.tasks).map((task) => task.mayLog)).toEqual([true, true]);
    const clerk = (await trailPage(t.trailId, actors("griffier.delft"), "2024-03-20"))!;
    expect(clerk.tasks[delft]!.mayLog).toBe(true);
    expect(clerk.tasks[denHaag]!.mayLog).toBe(false);
    expect(clerk.tasks[denHaag]!.actions).toEqual([]);
    expect(clerk.regionalActions).toEqual([]);
    expect(clerk.mayAddTarget).toBe(false);
    expect(clerk.ownMunicipality).toEqual({ id: delft, name: "Delft" });
  });
});
