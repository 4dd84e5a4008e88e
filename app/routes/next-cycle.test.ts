import { describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { clientFor, formPost, get, outcome, type Client } from "../../test/factories/request";
import { sendTrailEvent } from "~/models/trail-workflow.server";
import { createTrail, demoActors } from "../../test/factories/trail";
import { loader as trailLoader } from "./trajecten.$trailId";
import { action, loader } from "./trajecten.$trailId_.volgend-jaar";

const seededCycle = () => prisma.trail.findUniqueOrThrow({ where: { reference: "H10-BEGR-2025" } });

const page = (client: Client, trailId: string) =>
  outcome(() =>
    loader({ request: get(client, `/trajecten/${trailId}/volgend-jaar`), params: { trailId }, context: {} }),
  );
const post = (client: Client, trailId: string, fields: Record<string, string>) =>
  outcome(() =>
    action({
      request: formPost(client, `/trajecten/${trailId}/volgend-jaar`, fields),
      params: { trailId },
      context: {},
    }),
  );
const trailPage = (client: Client, trailId: string) =>
  outcome(() => trailLoader({ request: get(client, `/trajecten/${trailId}`), params: { trailId }, context: {} }));

const valid = {
  title: "Begroting 2026 GR Servicebureau Jeugdhulp Haaglanden",
  reference: "H10-BEGR-2026",
  summary: "De begrotingscyclus 2026.",
  abMeetingOn: "2025-07-03",
  startedOn: "2025-01-06",
};

type Reply = { result: { error: Record<string, string[]> | null } };
const errorsOf = (body: unknown) => (body as Reply).result.error;

describe("the page that starts next year's budget cycle", () => {
  it("is the secretary's: a clerk gets no page and cannot post", async () => {
    const cycle = await seededCycle();
    const clerk = await clientFor("griffier.delft@h10.example");
    expect((await page(clerk, cycle.id)).status).toBe(403);
    const trails = await prisma.trail.count();
    expect((await post(clerk, cycle.id, valid)).status).toBe(403);
    expect(await prisma.trail.count()).toBe(trails);
    // Nor is the action on the trail page offered to the clerk.
    expect((await trailPage(clerk, cycle.id)).body).toMatchObject({ cycles: { mayStart: null } });
  });

  it("answers bad input with Dutch form errors on the fields, writing nothing", async () => {
    const cycle = await seededCycle();
    const secretary = await clientFor("secretaris@h10.example");
    const shown = (await page(secretary, cycle.id)).body as { plan: { reference: string; abMeetingOn: string } };
    expect(shown.plan).toMatchObject({ reference: "H10-BEGR-2026", abMeetingOn: "2025-07-04" });
    expect((await trailPage(secretary, cycle.id)).body).toMatchObject({ cycles: { mayStart: 2026, next: null } });
    const before = await prisma.event.count();
    const cases: [Record<string, string>, string, string][] = [
      [{ title: "" }, "title", "validation.titleRequired"],
      [{ reference: "H10 BEGR" }, "reference", "validation.referenceInvalid"],
      [{ abMeetingOn: "4 juli" }, "abMeetingOn", "validation.dateInvalid"],
      [{ abMeetingOn: "2026-07-02" }, "abMeetingOn", "nextCycle.errors.ab_meeting_outside_year"],
      [{ startedOn: "2025-07-04" }, "startedOn", "nextCycle.errors.start_after_ab_meeting"],
      [{ reference: "H10-GR-2024" }, "reference", "errorCodes.reference_taken"],
    ];
    for (const [change, field, message] of cases) {
      const result = await post(secretary, cycle.id, { ...valid, ...change });
      expect(result.status, JSON.stringify(change)).toBe(400);
      // The first message is the one the field shows.
      expect(errorsOf(result.body)?.[field]?.[0], JSON.stringify(change)).toBe(message);
    }
    expect(await prisma.event.count()).toBe(before);
  });

  it("starts the cycle and goes to it; a second start and an amendment are refused on the form", async () => {
    const cycle = await seededCycle();
    const secretary = await clientFor("secretaris@h10.example");
    const started = await post(secretary, cycle.id, valid);
    expect(started.status).toBe(302);
    const next = await prisma.trail.findUniqueOrThrow({
      where: { reference: "H10-BEGR-2026" },
      include: { participants: true },
    });
    expect(started.headers.get("Location")).toBe(`/trajecten/${next.id}`);
    // The new cycle's page links back; the old one's links on and offers no second start.
    expect((await trailPage(secretary, next.id)).body).toMatchObject({
      trail: { summary: expect.stringContaining("Gestart vanuit de vorige begrotingscyclus") },
      cycles: { previous: { id: cycle.id }, mayStart: 2027 },
    });
    expect((await trailPage(secretary, cycle.id)).body).toMatchObject({
      cycles: { next: { id: next.id }, mayStart: null },
    });

    const again = await post(secretary, cycle.id, { ...valid, reference: "H10-BEGR-2026-B" });
    expect(again.status).toBe(409);
    expect(errorsOf(again.body)?.[""]).toEqual(["nextCycle.errors.next_exists"]);
    expect((await page(secretary, cycle.id)).body).toMatchObject({ refusal: "next_exists", plan: null });

    // A budget amendment of 2025, planned by its AB meeting.
    const amendment = await createTrail("BUDGET_CYCLE", [next.participants[0]!.municipalityId], {
      startedOn: "2025-01-06",
    });
    const planned = await sendTrailEvent(
      { trailId: amendment.id, expectedRevision: 0, type: "AMENDMENT_PLANNED", fields: { abMeetingOn: "2025-07-03" } },
      (await demoActors())("secretaris"),
    );
    expect(planned.ok).toBe(true);
    const trails = await prisma.trail.count();
    const refused = await post(secretary, amendment.id, { ...valid, reference: "H10-BEGRW-2026" });
    expect(refused.status).toBe(409);
    expect(errorsOf(refused.body)?.[""]).toEqual(["nextCycle.errors.amendment"]);
    expect(await prisma.trail.count()).toBe(trails);
    // Another kind of trail has no such page.
    const gr = await prisma.trail.findUniqueOrThrow({ where: { reference: "H10-GR-2024" } });
    expect((await page(secretary, gr.id)).status).toBe(404);
    expect((await trailPage(secretary, gr.id)).body).toMatchObject({ cycles: null });
  });
});
