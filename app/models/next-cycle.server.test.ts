import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { fromDateInputValue, toDateInputValue } from "~/utils/format";
import type { Actor } from "~/utils/permissions";
import { createTrail, demoActors } from "../../test/factories/trail";
import { budgetContributions } from "./contribution.server";
import { addFinancialItem } from "./finance.server";
import { listTrailEvents, verifyEventChain } from "./event.server";
import { budgetCycleLinks, nextCycleProposal, startNextCycle, type NextCycleInput } from "./next-cycle.server";
import { sendTrailEvent } from "./trail-workflow.server";

let actors: (local: string) => Actor;
let seeded: { id: string; participants: { municipalityId: string }[] };

beforeAll(async () => {
  actors = await demoActors();
  seeded = await prisma.trail.findUniqueOrThrow({
    where: { reference: "H10-BEGR-2025" },
    select: { id: true, participants: { select: { municipalityId: true } } },
  });
});

/** Everything starting a cycle writes: none of it may change when it is refused. */
async function written() {
  const [trails, events, items, deadlines, participants, notifications] = await Promise.all([
    prisma.trail.count(),
    prisma.event.count(),
    prisma.financialItem.count(),
    prisma.deadline.count(),
    prisma.trailParticipant.count(),
    prisma.notification.count(),
  ]);
  return { trails, events, items, deadlines, participants, notifications };
}

/** A budget cycle of these councils, started on `startedOn` and planned by `plan` for an AB meeting. */
async function cycle(participants: string[], startedOn: string, plan: "CYCLE_PLANNED" | "AMENDMENT_PLANNED" | null) {
  const trail = await createTrail("BUDGET_CYCLE", participants, { startedOn });
  if (plan) {
    const sent = await sendTrailEvent(
      {
        trailId: trail.id,
        expectedRevision: trail.revision,
        type: plan,
        fields: { abMeetingOn: `${startedOn.slice(0, 4)}-07-05` },
      },
      actors("secretaris"),
    );
    if (!sent.ok) throw new Error(sent.code);
  }
  return trail;
}

const input2026: NextCycleInput = {
  title: "Begroting 2026 GR Servicebureau Jeugdhulp Haaglanden",
  reference: "H10-BEGR-2026",
  summary: "De begrotingscyclus 2026.",
  abMeetingOn: "2025-07-03",
  startedOn: "2025-01-06",
};

describe("starting next year's budget cycle from this one", () => {
  it("proposes the seeded cycle's next year: texts, a working-day AB meeting, its councils and its figures", async () => {
    const proposal = (await nextCycleProposal(seeded.id, "2025-01-06"))!;
    expect(proposal.refusal).toBeNull();
    const plan = proposal.plan!;
    expect(plan).toMatchObject({
      budgetYear: 2026,
      adoptionYear: 2025,
      title: "Begroting 2026 GR Servicebureau Jeugdhulp Haaglanden",
      reference: "H10-BEGR-2026",
      // Thursday 4 July 2024 → Friday 4 July 2025.
      abMeetingOn: "2025-07-04",
      startedOn: "2025-01-06",
    });
    expect(plan.summary).toContain("De begrotingscyclus 2026 van de GR Servicebureau Jeugdhulp Haaglanden");
    // Another year in the summary stays.
    expect(plan.summary).toContain("€ 3.091.150 in 2021");
    expect(plan.carried).toHaveLength(9);
    expect(plan.left).toEqual([]);
    expect(plan.lastYear).toEqual([
      expect.objectContaining({
        year: 2025,
        cents: 321_479_600,
        key: expect.objectContaining({ name: "Inwoners 2022" }),
      }),
    ]);
    expect(plan.proposed).toEqual([
      expect.objectContaining({
        label: "Bijdrage gemeenten ontwerpbegroting 2026",
        kind: "YEARLY",
        year: 2026,
        cents: 321_479_600,
      }),
    ]);
    // When the proposed meeting has passed (a cycle logged afterwards), the start is a year after this one's.
    expect((await nextCycleProposal(seeded.id, "2026-12-04"))!.plan!.startedOn).toBe("2025-01-08");
  });

  it("refuses a clerk, writing nothing", async () => {
    const before = await written();
    expect(await startNextCycle(seeded.id, input2026, actors("griffier.delft"))).toEqual({
      ok: false,
      code: "forbidden",
    });
    expect(await written()).toEqual(before);
  });

  it("refuses bad dates and a taken reference in one go, writing nothing", async () => {
    const before = await written();
    const refused = async (change: Partial<NextCycleInput>) =>
      startNextCycle(seeded.id, { ...input2026, ...change }, actors("secretaris"));
    // The AB adopts the 2026 budget in 2025.
    expect(await refused({ abMeetingOn: "2026-07-02" })).toEqual({ ok: false, code: "ab_meeting_outside_year" });
    expect(await refused({ abMeetingOn: "2024-12-12" })).toEqual({ ok: false, code: "ab_meeting_outside_year" });
    expect(await refused({ startedOn: "2025-07-04" })).toEqual({ ok: false, code: "start_after_ab_meeting" });
    expect(await refused({ reference: "H10-GR-2024" })).toEqual({ ok: false, code: "reference_taken" });
    expect(await written()).toEqual(before);
  });

  it("carries the councils, the key and the figures over, on the new year's dates, in one go", async () => {
    const before = await written();
    const secretary = actors("secretaris");
    const started = await startNextCycle(seeded.id, input2026, secretary, "form-key-next-1");
    if (!started.ok) throw new Error(started.code);
    // The same form posted again starts nothing more.
    expect(await startNextCycle(seeded.id, input2026, secretary, "form-key-next-1")).toEqual(started);

    const next = await prisma.trail.findUniqueOrThrow({
      where: { id: started.trailId },
      include: { participants: true, deadlines: true, financialItems: { include: { key: true } } },
    });
    expect(next).toMatchObject({
      kind: "BUDGET_CYCLE",
      title: "Begroting 2026 GR Servicebureau Jeugdhulp Haaglanden",
      reference: "H10-BEGR-2026",
      state: "kaderbrief",
      summary:
        "De begrotingscyclus 2026. Gestart vanuit de vorige begrotingscyclus: " +
        "Begroting 2025 GR Servicebureau Jeugdhulp Haaglanden (H10-BEGR-2025).",
    });
    expect(toDateInputValue(next.startedAt)).toBe("2025-01-06");
    expect(next.participants.map((p) => p.municipalityId).sort()).toEqual(
      seeded.participants.map((p) => p.municipalityId).sort(),
    );
    const context = JSON.parse(next.snapshot!).context;
    expect(context).toMatchObject({ budgetYear: 2026, amendment: false, abMeetingOn: "2025-07-03" });
    // The new year's deadlines, from its AB meeting on Thursday 3 July 2025.
    const due = Object.fromEntries(next.deadlines.map((d) => [d.kind, toDateInputValue(d.dueAt)]));
    expect(due).toEqual({
      kaderbrief: "2025-04-30",
      draftBudget: "2025-04-10",
      budgetToGs: "2025-07-17",
      accountsToGs: "2027-07-15",
    });
    // The figures: this year's contribution as last year's, and the same amount proposed for 2026, by the same key.
    const seededItem = await prisma.financialItem.findFirstOrThrow({ where: { trailId: seeded.id, year: 2025 } });
    expect(
      next.financialItems
        .map((i) => ({ year: i.year, kind: i.kind, cents: i.amountCents, keyId: i.keyId, label: i.label }))
        .sort((a, b) => a.year - b.year),
    ).toEqual([
      { year: 2025, kind: "YEARLY", cents: 321_479_600n, keyId: seededItem.keyId, label: seededItem.label },
      {
        year: 2026,
        kind: "YEARLY",
        cents: 321_479_600n,
        keyId: seededItem.keyId,
        label: "Bijdrage gemeenten ontwerpbegroting 2026",
      },
    ]);
    const contributions = (await budgetContributions(next.id))!;
    expect(contributions.budgetYear).toBe(2026);
    expect(contributions.previous).toEqual({ source: "previousTrail", reference: "H10-BEGR-2025", trailId: seeded.id });
    expect(contributions.total).toEqual({
      cents: 321_479_600,
      previousCents: 321_479_600,
      diffCents: 0,
      percentTenths: 0,
    });

    // The audit trail of both cycles, in one unbroken chain.
    const types = (await listTrailEvents(next.id)).map((e) => e.type);
    expect(types).toEqual([
      "trail.started",
      "workflow.CYCLE_PLANNED",
      "finance.item_added",
      "finance.item_added",
      "budget_cycle.carried_over",
    ]);
    const old = (await listTrailEvents(seeded.id)).at(-1)!;
    expect(old.type).toBe("budget_cycle.next_started");
    expect(JSON.parse(old.payload)).toMatchObject({ nextTrailId: next.id, reference: "H10-BEGR-2026", year: 2026 });
    expect((await verifyEventChain()).ok).toBe(true);
    const after = await written();
    expect(after.trails).toBe(before.trails + 1);
    expect(after.items).toBe(before.items + 2);

    // Each cycle links to the other; the new one offers the secretary the year after.
    const links = async (trailId: string, who: string) =>
      budgetCycleLinks(
        await prisma.trail.findUniqueOrThrow({ where: { id: trailId }, include: { participants: true } }),
        actors(who),
      );
    expect(await links(seeded.id, "secretaris")).toMatchObject({
      budgetYear: 2025,
      next: { id: next.id, reference: "H10-BEGR-2026", budgetYear: 2026 },
      mayStart: null,
    });
    expect(await links(next.id, "secretaris")).toMatchObject({
      previous: { id: seeded.id, reference: "H10-BEGR-2025" },
      next: null,
      mayStart: 2027,
    });
    expect((await links(next.id, "griffier.delft"))!.mayStart).toBeNull();
  });

  it("refuses the same year twice, an amendment and an unplanned cycle, writing nothing", async () => {
    const amendment = await cycle(
      seeded.participants.map((p) => p.municipalityId),
      "2027-01-04",
      "AMENDMENT_PLANNED",
    );
    const unplanned = await cycle(
      seeded.participants.map((p) => p.municipalityId),
      "2027-01-04",
      null,
    );
    const before = await written();
    const secretary = actors("secretaris");
    expect(await startNextCycle(seeded.id, { ...input2026, reference: "H10-BEGR-2026-B" }, secretary)).toEqual({
      ok: false,
      code: "next_exists",
    });
    expect(await startNextCycle(amendment.id, { ...input2026, abMeetingOn: "2027-07-01" }, secretary)).toEqual({
      ok: false,
      code: "amendment",
    });
    expect(await startNextCycle(unplanned.id, input2026, secretary)).toEqual({ ok: false, code: "not_planned" });
    expect(await written()).toEqual(before);
    expect((await nextCycleProposal(seeded.id))!).toMatchObject({
      refusal: "next_exists",
      next: { reference: "H10-BEGR-2026" },
      plan: null,
    });
    expect((await nextCycleProposal(amendment.id))!.refusal).toBe("amendment");
    const links = await budgetCycleLinks(
      await prisma.trail.findUniqueOrThrow({ where: { id: amendment.id }, include: { participants: true } }),
      secretary,
    );
    expect(links).toBeNull();
  });

  it("leaves out the councils that no longer take part in the new budget year", async () => {
    const municipalities = await prisma.municipality.findMany({ orderBy: { name: "asc" } });
    const id = (slug: string) => municipalities.find((m) => m.slug === slug)!.id;
    // Rijswijk leaves on 1 January 2031, before the budget year 2031; Voorschoten left on 1 January 2024.
    await prisma.municipality.update({
      where: { id: id("rijswijk") },
      data: { participationTo: fromDateInputValue("2031-01-01") },
    });
    const old = await cycle([id("delft"), id("rijswijk"), id("voorschoten")], "2029-01-08", "CYCLE_PLANNED");
    const proposal = (await nextCycleProposal(old.id, "2030-01-07"))!.plan!;
    expect(proposal.carried.map((m) => m.name)).toEqual(["Delft"]);
    expect(proposal.left).toEqual([
      { id: id("rijswijk"), name: "Rijswijk", participationTo: "2031-01-01" },
      { id: id("voorschoten"), name: "Voorschoten", participationTo: "2024-01-01" },
    ]);
    // Without amounts of its budget year there are no figures to carry.
    expect(proposal.lastYear).toEqual([]);
    const started = await startNextCycle(
      old.id,
      { ...input2026, reference: `${old.reference}-NEXT`, abMeetingOn: "2030-07-04", startedOn: "2030-01-07" },
      actors("secretaris"),
    );
    if (!started.ok) throw new Error(started.code);
    const next = await prisma.trail.findUniqueOrThrow({
      where: { id: started.trailId },
      include: { participants: true, financialItems: true },
    });
    expect(next.participants.map((p) => p.municipalityId)).toEqual([id("delft")]);
    expect(next.financialItems).toEqual([]);
    expect(JSON.parse(next.snapshot!).context.councils).toEqual({
      [id("delft")]: { receivedOn: null, zienswijze: null, zienswijzeOn: null },
    });
  });

  it("proposes one yearly item per key, pm when one of its amounts is pm, and no one-off amount again", async () => {
    const secretary = actors("secretaris");
    const keys = await prisma.allocationKey.findMany({
      where: { name: { in: ["Inwoners 2022", "Inwoners vorig jaar"] } },
    });
    const [byYear, lastYear] = ["Inwoners 2022", "Inwoners vorig jaar"].map(
      (name) => keys.find((k) => k.name === name)!.id,
    );
    const old = await cycle(
      seeded.participants.map((p) => p.municipalityId),
      "2031-01-06",
      "CYCLE_PLANNED",
    );
    const items: [string, "YEARLY" | "ONE_OFF", string, string | null][] = [
      ["Jaarkosten", "YEARLY", "1.000", byYear!],
      ["Indexatie", "YEARLY", "500", byYear!],
      ["Eenmalige verbouwing", "ONE_OFF", "200", lastYear!],
      ["Nieuwe taak", "YEARLY", "pm", lastYear!],
      // Not shared by a key: not a contribution, not carried.
      ["Eigen kosten", "YEARLY", "300", null],
    ];
    for (const [label, kind, amount, keyId] of items) {
      const added = await addFinancialItem(old.id, { label, kind, year: 2032, amount, keyId }, secretary);
      expect(added.ok).toBe(true);
    }
    const plan = (await nextCycleProposal(old.id, "2032-01-05"))!.plan!;
    expect(plan.lastYear.map((i) => [i.label, i.year, i.cents])).toEqual([
      ["Jaarkosten", 2032, 100_000],
      ["Indexatie", 2032, 50_000],
      ["Eenmalige verbouwing", 2032, 20_000],
      ["Nieuwe taak", 2032, null],
    ]);
    expect(plan.proposed.map((i) => [i.label, i.kind, i.year, i.cents, i.key.id])).toEqual([
      ["Bijdrage gemeenten ontwerpbegroting 2033 (verdeelsleutel Inwoners 2022)", "YEARLY", 2033, 150_000, byYear],
      ["Bijdrage gemeenten ontwerpbegroting 2033 (verdeelsleutel Inwoners vorig jaar)", "YEARLY", 2033, null, lastYear],
    ]);
    const started = await startNextCycle(
      old.id,
      { ...input2026, reference: `${old.reference}-NEXT`, abMeetingOn: "2032-07-01", startedOn: "2032-01-05" },
      secretary,
    );
    if (!started.ok) throw new Error(started.code);
    const written = await prisma.financialItem.findMany({ where: { trailId: started.trailId } });
    expect(written.map((i) => [i.year, i.amountCents, i.keyId]).sort()).toEqual(
      [
        [2032, 100_000n, byYear],
        [2032, 50_000n, byYear],
        [2032, 20_000n, lastYear],
        [2032, null, lastYear],
        [2033, 150_000n, byYear],
        [2033, null, lastYear],
      ].sort(),
    );
  });
});
