import { describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { clientFor, get, outcome } from "../../test/factories/request";
import { createTrail } from "../../test/factories/trail";
import { loader } from "./overzicht";

describe("the overview page", () => {
  it("pages the region's open trails fifty at a time, keeping the filter", async () => {
    const delft = await prisma.municipality.findUniqueOrThrow({ where: { slug: "delft" } });
    // Other test files in this worker may have added vision trails to its database: count on from there.
    const total = (await prisma.trail.count({ where: { kind: "VISION", closedAt: null } })) + 55;
    const pages = Math.ceil(total / 50);
    for (let i = 0; i < 55; i++) await createTrail("VISION", [delft.id]);
    const alderman = await clientFor("wethouder.delft@h10.example");
    const load = (query: string) =>
      outcome(() => loader({ request: get(alderman, `/overzicht${query}`), params: {}, context: {} })).then(
        (r) => r.body as { overview: unknown[]; total: number; page: number; pages: number; filter: { kind?: string } },
      );
    const first = await load("?kind=VISION");
    expect(first.total).toBe(total);
    expect(first.overview).toHaveLength(50);
    expect(first.pages).toBe(pages);
    const last = await load(`?kind=VISION&page=${pages}`);
    expect(last).toMatchObject({ page: pages, filter: { kind: "VISION" } });
    expect(last.overview).toHaveLength(total - 50 * (pages - 1));
    // A page past the end shows the last page; a malformed one the first.
    expect((await load("?kind=VISION&page=99")).page).toBe(pages);
    expect((await load("?kind=VISION&page=twee")).page).toBe(1);
  });
});

describe("the clerk's inbox and the secretary's pipeline, paged (issue 17)", () => {
  it("shows a council's inbox fifty at a time and keeps the other lists' pages", async () => {
    const delft = await prisma.municipality.findUniqueOrThrow({ where: { slug: "delft" } });
    const secretary = await prisma.user.findFirstOrThrow({ where: { role: "SECRETARY" } });
    // Vision trails whose start picture went to Delft: each awaits the council's input.
    const { sendTrailEvent } = await import("~/models/trail-workflow.server");
    for (let i = 0; i < 52; i++) {
      const trail = await createTrail("VISION", [delft.id]);
      const sent = await sendTrailEvent(
        { trailId: trail.id, expectedRevision: 0, type: "START_PICTURE_SENT", fields: { on: "2024-01-10" } },
        { id: secretary.id, role: "SECRETARY", municipalityId: null },
      );
      expect(sent).toMatchObject({ ok: true });
    }
    const awaited = await prisma.trailParticipant.count({
      where: { municipalityId: delft.id, inboxDueAt: { not: null } },
    });
    expect(awaited).toBeGreaterThanOrEqual(52);
    const clerk = await clientFor("griffier.delft@h10.example");
    type Inbox = { rows: { trailId: string }[]; total: number; page: number; pages: number };
    const load = (query: string) =>
      outcome(() => loader({ request: get(clerk, `/overzicht${query}`), params: {}, context: {} })).then(
        (r) => r.body as { inbox: Inbox; pipeline: unknown; lists: Record<string, number> },
      );
    const first = await load("");
    expect(first.pipeline).toBeNull();
    expect(first.inbox).toMatchObject({ total: awaited, page: 1, pages: Math.ceil(awaited / 50) });
    expect(first.inbox.rows).toHaveLength(50);
    const second = await load("?inboxPage=2&page=1");
    expect(second.inbox.page).toBe(2);
    expect(second.lists).toMatchObject({ inboxPage: 2 });
    expect(second.inbox.rows).toHaveLength(Math.min(50, awaited - 50));
    const seen = [...first.inbox.rows, ...second.inbox.rows].map((r) => r.trailId);
    expect(new Set(seen).size).toBe(seen.length);
    // A malformed page is the first.
    expect((await load("?inboxPage=-3")).inbox.page).toBe(1);

    // The secretary's stages are counts from one GROUP BY, not lists of every trail.
    const secretaryClient = await clientFor("secretaris@h10.example");
    const pipeline = (
      (await outcome(() => loader({ request: get(secretaryClient, "/overzicht"), params: {}, context: {} }))) as {
        body: { pipeline: { stages: { kind: string; state: string; count: number }[] } };
      }
    ).body.pipeline;
    const visionStage = pipeline.stages.find((s) => s.kind === "VISION" && s.state === "startPicture")!;
    expect(visionStage.count).toBe(
      await prisma.trail.count({ where: { kind: "VISION", state: "startPicture", closedAt: null } }),
    );
  });
});
