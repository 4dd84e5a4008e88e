import { describe, expect, it } from "vitest";
import { verifyEventChain } from "~/models/event.server";
import { prisma } from "~/utils/db.server";
import { toDateInputValue } from "~/utils/format";
import { TEST_PASSWORD } from "../test/setup/paths";
import { verifyPassword } from "~/utils/password.server";
import { seedIfEmpty } from "./seed-region";

describe("the seeded H10 region", () => {
  it("has the ten municipalities with their clusters", async () => {
    const municipalities = await prisma.municipality.findMany({ orderBy: { name: "asc" } });
    expect(municipalities.map((m) => `${m.name}:${m.cluster}`)).toEqual([
      "Delft:H4",
      "Den Haag:H1",
      "Leidschendam-Voorburg:H5",
      "Midden-Delfland:H4",
      "Pijnacker-Nootdorp:H5",
      "Rijswijk:H4",
      "Voorschoten:H5",
      "Wassenaar:H5",
      "Westland:H4",
      "Zoetermeer:H5",
    ]);
  });

  it("has the GR amendment's raadsvoorstel written out and sent on the day the draft went out", async () => {
    const revision = await prisma.documentRevision.findFirstOrThrow({
      where: { number: 1, document: { kind: "RAADSVOORSTEL", trail: { reference: "H10-GR-2024" } } },
    });
    // No template placeholder is left in what the councils received (the per-council fields stay until addressed).
    const texts: string[] = [];
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) return node.forEach(walk);
      if (typeof node !== "object" || node === null) return;
      const { type, text, ...rest } = node as { type?: string; text?: unknown };
      if (type === "text" && typeof text === "string") texts.push(text);
      Object.values(rest).forEach(walk);
    };
    walk(JSON.parse(revision.content));
    expect(texts.length).toBeGreaterThan(10);
    expect(texts.filter((t) => t.includes("…"))).toEqual([]);
    expect(revision.content).toContain("Wet versterking democratische legitimiteit Wgr");
    expect(toDateInputValue(revision.frozenAt!)).toBe("2024-01-12");
    expect(toDateInputValue(revision.createdAt)).toBe("2024-01-12");
    // Its Woo publication carries that day too, not the day the demo was seeded.
    const publication = await prisma.publication.findUniqueOrThrow({
      where: { kind_sourceId: { kind: "revision", sourceId: revision.id } },
    });
    expect([publication.createdOn, publication.publishedAt!].map(toDateInputValue)).toEqual([
      "2024-01-12",
      "2024-01-12",
    ]);
  });

  it("has the inhabitants on 1 January 2022 from the sources", async () => {
    const counts = await prisma.inhabitantCount.findMany({ where: { year: 2022 }, include: { municipality: true } });
    const bySlug = Object.fromEntries(counts.map((c) => [c.municipality.slug, c.count]));
    expect(bySlug).toMatchObject({
      "den-haag": 553_417,
      zoetermeer: 125_767,
      westland: 112_448,
      rijswijk: 56_941,
      wassenaar: 27_115,
      voorschoten: 25_627,
      "midden-delfland": 19_484,
    });
  });

  it("ends Voorschoten's participation at its exit on 1 January 2024 (seed 003: 'tot 2024')", async () => {
    const voorschoten = await prisma.municipality.findUniqueOrThrow({ where: { slug: "voorschoten" } });
    expect(voorschoten.participationTo?.toISOString()).toBe("2023-12-31T23:00:00.000Z");
    const exit = await prisma.trail.findUniqueOrThrow({
      where: { reference: "H10-UIT-VOORSCHOTEN" },
      include: { deadlines: { orderBy: { dueAt: "asc" } } },
    });
    expect(
      exit.deadlines.map((d) => [d.kind, toDateInputValue(d.dueAt), d.metAt ? toDateInputValue(d.metAt) : null]),
    ).toEqual([
      // Notice by 31 December 2022 (one calendar year), given 20 December 2022: met in time.
      ["exitNotice", "2022-12-31", "2022-12-20"],
      ["exitEffective", "2024-01-01", null],
    ]);
    // The amendment of 2024 runs after the exit: nine members, without Voorschoten.
    const amendment = await prisma.trail.findUniqueOrThrow({
      where: { reference: "H10-GR-2024" },
      include: { participants: true },
    });
    expect(amendment.participants).toHaveLength(9);
    expect(amendment.participants.map((p) => p.municipalityId)).not.toContain(voorschoten.id);
  });

  it("alarms no one about the exit: its effective date is a milestone, not an overdue deadline (issue 16)", async () => {
    const { regionOverview, secretaryPipeline, councilInbox } = await import("~/models/dashboard.server");
    const today = "2026-12-02";
    const overdueTrails = (await regionOverview({ deadline: "overdue" }, today)).rows.map((r) => r.reference);
    expect(overdueTrails).not.toContain("H10-UIT-VOORSCHOTEN");
    const exitRow = (await regionOverview({ kind: "EXIT" }, today)).rows[0]!;
    expect(exitRow).toMatchObject({ reference: "H10-UIT-VOORSCHOTEN", overdue: 0, dueThisWeek: 0 });
    expect((await secretaryPipeline(today)).overdue.rows.map((d) => d.kind)).not.toContain("exitEffective");
    const voorschoten = await prisma.municipality.findUniqueOrThrow({ where: { slug: "voorschoten" } });
    expect((await councilInbox(voorschoten.id, today)).rows.filter((i) => i.status === "overdue")).toEqual([]);
  });

  it("has the regional bodies and a college and council for every municipality", async () => {
    expect(await prisma.body.count({ where: { municipalityId: null } })).toBe(3);
    expect(await prisma.body.count({ where: { kind: "COUNCIL" } })).toBe(10);
    expect(await prisma.body.count({ where: { kind: "COLLEGE" } })).toBe(10);
  });

  it("has a secretary, an administrator, and a clerk and an alderman per municipality", async () => {
    const users = await prisma.user.findMany({ include: { municipality: true } });
    const seeded = users.filter((u) => u.email.endsWith("@h10.example"));
    expect(
      seeded
        .filter((u) => u.role === "CLERK")
        .map((u) => u.municipality?.slug)
        .sort(),
    ).toHaveLength(10);
    expect(seeded.filter((u) => u.role === "ALDERMAN").every((u) => u.municipality)).toBe(true);
    expect(
      seeded.filter((u) => u.role === "SECRETARY" || u.role === "ADMIN").every((u) => u.municipalityId === null),
    ).toBe(true);
    const clerk = seeded.find((u) => u.email === "griffier.delft@h10.example")!;
    expect(await verifyPassword(TEST_PASSWORD, clerk.passwordHash)).toBe(true);
  });

  it("has the five example trails, with the members of their time", async () => {
    const trails = await prisma.trail.findMany({
      include: { participants: { include: { municipality: true } } },
      orderBy: { startedAt: "asc" },
    });
    const seeded = trails.filter((t) => t.reference.startsWith("H10-"));
    expect(seeded.map((t) => t.kind).sort()).toEqual(["BUDGET_CYCLE", "EXIT", "GR_AMENDMENT", "PROCUREMENT", "VISION"]);
    const amendment = seeded.find((t) => t.kind === "GR_AMENDMENT")!;
    expect(amendment.participants.map((p) => p.municipality.slug)).not.toContain("voorschoten");
    expect(amendment.participants).toHaveLength(9);
    const exit = seeded.find((t) => t.kind === "EXIT")!;
    expect(exit.participants.map((p) => p.municipality.slug)).toEqual(["voorschoten"]);
    expect(seeded.find((t) => t.kind === "VISION")!.participants).toHaveLength(10);
    // The budget 2025 runs in 2024, after Voorschoten left: the nine, with the draft sent and three councils answered.
    const budget = seeded.find((t) => t.kind === "BUDGET_CYCLE")!;
    expect(budget.participants.map((p) => p.municipality.slug)).not.toContain("voorschoten");
    expect(budget.participants).toHaveLength(9);
    expect(budget.state).toBe("budgetZienswijzen");
    expect(
      budget.participants
        .filter((p) => p.status !== "received")
        .map((p) => p.municipality.slug)
        .sort(),
    ).toEqual(["delft", "midden-delfland", "zoetermeer"]);
  });

  it("quotes in its allocation keys no share of a year whose inhabitant figures the app does not hold", async () => {
    const keys = await prisma.allocationKey.findMany({ select: { name: true, description: true } });
    expect(keys.length).toBeGreaterThan(0);
    const years = new Set((await prisma.inhabitantCount.findMany({ select: { year: true } })).map((c) => c.year));
    for (const key of keys) {
      for (const quoted of key.description.matchAll(/\b(?:19|20)\d\d\b/g))
        expect(years.has(Number(quoted[0])), `${key.name}: ${key.description}`).toBe(true);
      expect(key.description, key.name).not.toMatch(/\d+,\d+\s*%/);
    }
  });

  it("does not seed a database that already has a region", async () => {
    expect(await seedIfEmpty({ demoPassword: "wordt-niet-gebruikt" })).toBeNull();
    expect(await prisma.municipality.count()).toBe(10);
  });

  it("leaves a valid audit chain", async () => {
    expect(await verifyEventChain()).toMatchObject({ ok: true });
  });
});
