import { beforeAll, describe, expect, it } from "vitest";
import { createActor } from "xstate";
import { verifyEventChain } from "~/models/event.server";
import { loadTrailBrief } from "~/models/brief.server";
import { trailPage } from "~/models/trail-page.server";
import { renderTrailBriefPdf } from "~/render/pdf/brief.server";
import { sendTrailEvent, startTrail } from "~/models/trail-workflow.server";
import { prisma } from "~/utils/db.server";
import { toDateInputValue } from "~/utils/format";
import type { Actor } from "~/utils/permissions";
import { createTrail, demoActors } from "../../test/factories/trail";
import { checkModel, type ModelRun } from "../../test/factories/workflow-paths";
import { readPdf } from "../../test/pdf/read-pdf";
import { availableEvents, refusalOf, type PersistedSnapshot } from "../registry";
import { yearOf } from "../shared/dates";
import { budgetCycle } from ".";
import { adoptionYear, budgetCycleMachine, type BudgetCycleContext } from "./machine";

let run: ModelRun;
let actors: (local: string) => Actor;
let slugOf: Map<string, string>;
let participants: string[];

beforeAll(async () => {
  actors = await demoActors();
  const municipalities = await prisma.municipality.findMany({
    where: { slug: { in: ["delft", "rijswijk"] } },
    orderBy: { slug: "asc" },
  });
  slugOf = new Map(municipalities.map((m) => [m.id, m.slug]));
  participants = municipalities.map((m) => m.id);
  run = {
    kind: "BUDGET_CYCLE",
    participants,
    events: () => [
      // The AB meeting of Thursday 18 July 2024 adopts the budget 2025 (or amends the budget 2024).
      { type: "CYCLE_PLANNED", abMeetingOn: "2024-07-18" },
      { type: "AMENDMENT_PLANNED", abMeetingOn: "2024-07-18" },
      { type: "AB_MEETING_MOVED", abMeetingOn: "2024-07-11" },
      { type: "KADERBRIEF_SENT", on: "2024-04-19" },
      { type: "DRAFT_SENT", on: "2024-04-25" },
      ...participants.flatMap((municipalityId) => [
        { type: "ZIENSWIJZE_GIVEN", municipalityId, on: "2024-06-13" },
        { type: "NO_ZIENSWIJZE", municipalityId, on: "2024-06-14" },
      ]),
      { type: "WINDOW_CLOSED", on: "2024-07-05" },
      { type: "ZIENSWIJZEN_ANSWERED", on: "2024-07-05" },
      { type: "BUDGET_ADOPTED", on: "2024-07-18" },
      { type: "BUDGET_SENT_TO_GS", on: "2024-07-25" },
      { type: "ACCOUNTS_ADOPTED", on: "2026-06-25" },
      { type: "ACCOUNTS_SENT_TO_GS", on: "2026-07-02" },
    ],
    actorFor: (event): Actor =>
      event.municipalityId ? actors(`griffier.${slugOf.get(event.municipalityId)}`) : actors("secretaris"),
    invariant: (snapshot: PersistedSnapshot) => {
      const c = snapshot.context as unknown as BudgetCycleContext;
      const tracks = Object.values(c.councils);
      // Planned by its AB meeting: the budget year follows from it, and stays with a moved meeting.
      if (c.abMeetingOn) expect(yearOf(c.abMeetingOn)).toBe(adoptionYear(c));
      else expect(snapshot.value).toBe("budgetPlanning");
      // An amendment has no kaderbrief and no accounts.
      if (c.amendment)
        expect([c.kaderbriefSentOn, c.accountsAdoptedOn, c.accountsSentToGsOn]).toEqual([null, null, null]);
      // Once the draft is sent every council has received it that day; none answers before.
      if (c.draftSentOn) expect(tracks.every((t) => t.receivedOn === c.draftSentOn)).toBe(true);
      for (const t of tracks.filter((t) => t.zienswijzeOn)) expect(t.zienswijzeOn! >= c.draftSentOn!).toBe(true);
      // Adopted only after the answers, in the year before the budget year (an amendment: in it).
      if (c.adoptedOn) {
        expect(c.answeredOn! <= c.adoptedOn).toBe(true);
        expect(yearOf(c.adoptedOn)).toBe(c.amendment ? c.budgetYear : c.budgetYear! - 1);
      }
      // Closed: the budget at GS, and for the year's budget its accounts too.
      if (snapshot.value === "budgetClosed") {
        expect(c.sentToGsOn).not.toBeNull();
        if (!c.amendment) expect(c.accountsSentToGsOn).not.toBeNull();
      }
    },
  };
});

describe("Budget cycle: model-based", () => {
  it("every path in memory; every state and transition through the real persistence layer", async () => {
    const graph = await checkModel(run, [
      "budgetPlanning",
      "kaderbrief",
      "draftBudget",
      "budgetZienswijzen",
      "answeringZienswijzen",
      "abAdoption",
      "budgetToGs",
      "accounts",
      "accountsToGs",
      "budgetClosed",
    ]);
    expect(graph.paths.length).toBeGreaterThan(20);
    expect(await verifyEventChain()).toMatchObject({ ok: true });
  }, 120_000);
});

describe("Budget cycle rules", () => {
  const start = (ids: string[]) => createActor(budgetCycleMachine, { input: { participants: ids } }).start();
  const toWindow = (actor: ReturnType<typeof start>) => {
    actor.send({ type: "CYCLE_PLANNED", abMeetingOn: "2024-07-04" });
    actor.send({ type: "KADERBRIEF_SENT", on: "2024-03-28" });
    actor.send({ type: "DRAFT_SENT", on: "2024-04-11" });
  };

  it("plans the year's budget by the AB meeting: the budget year is the next year", () => {
    const actor = start(["a"]);
    actor.send({ type: "CYCLE_PLANNED", abMeetingOn: "2024-07-04" });
    expect(actor.getSnapshot().value).toBe("kaderbrief");
    expect(actor.getSnapshot().context).toMatchObject({ budgetYear: 2025, amendment: false });
  });

  it("an amendment skips the kaderbrief, amends the budget of its own year and closes at GS", () => {
    const actor = start(["a", "b"]);
    actor.send({ type: "AMENDMENT_PLANNED", abMeetingOn: "2024-11-14" });
    expect(actor.getSnapshot().value).toBe("draftBudget");
    expect(actor.getSnapshot().context).toMatchObject({ budgetYear: 2024, amendment: true });
    actor.send({ type: "DRAFT_SENT", on: "2024-08-15" });
    actor.send({ type: "ZIENSWIJZE_GIVEN", municipalityId: "a", on: "2024-10-01" });
    actor.send({ type: "NO_ZIENSWIJZE", municipalityId: "b", on: "2024-10-02" });
    expect(actor.getSnapshot().value).toBe("answeringZienswijzen");
    actor.send({ type: "ZIENSWIJZEN_ANSWERED", on: "2024-10-24" });
    actor.send({ type: "BUDGET_ADOPTED", on: "2024-11-14" });
    actor.send({ type: "BUDGET_SENT_TO_GS", on: "2024-11-20" });
    expect(actor.getSnapshot().value).toBe("budgetClosed");
  });

  it("closes the window when every council answered, or after the day the zienswijzen were due", () => {
    const actor = start(["a", "b"]);
    toWindow(actor);
    actor.send({ type: "ZIENSWIJZE_GIVEN", municipalityId: "a", on: "2024-06-01" });
    // Due two weeks before the AB meeting of 4 July: 20 June.
    expect(refusalOf("BUDGET_CYCLE", actor.getSnapshot(), { type: "WINDOW_CLOSED", on: "2024-06-20" })).toEqual({
      reason: "termsNotOver",
      values: { lastDeadline: "2024-06-20" },
    });
    actor.send({ type: "WINDOW_CLOSED", on: "2024-06-21" });
    expect(actor.getSnapshot().value).toBe("answeringZienswijzen");
  });

  it("explains each refused step", () => {
    const actor = start(["a"]);
    const refusal = (event: Record<string, unknown> & { type: string }) =>
      refusalOf("BUDGET_CYCLE", actor.getSnapshot(), event);
    actor.send({ type: "CYCLE_PLANNED", abMeetingOn: "2024-07-04" });
    expect(refusal({ type: "AB_MEETING_MOVED", abMeetingOn: "2025-01-09" })).toEqual({
      reason: "abMeetingOutsideYear",
      values: { year: "2024" },
    });
    actor.send({ type: "KADERBRIEF_SENT", on: "2024-04-25" });
    expect(refusal({ type: "DRAFT_SENT", on: "2024-04-24" })).toEqual({
      reason: "draftBeforeKaderbrief",
      values: { sentOn: "2024-04-25" },
    });
    expect(refusal({ type: "DRAFT_SENT", on: "2024-07-04" })).toEqual({
      reason: "draftAfterAbMeeting",
      values: { abMeetingOn: "2024-07-04" },
    });
    actor.send({ type: "DRAFT_SENT", on: "2024-04-26" });
    expect(refusal({ type: "AB_MEETING_MOVED", abMeetingOn: "2024-04-26" })).toEqual({
      reason: "abMeetingBeforeDraft",
      values: { sentOn: "2024-04-26" },
    });
    expect(refusal({ type: "ZIENSWIJZE_GIVEN", municipalityId: "a", on: "2024-04-25" })).toEqual({
      reason: "answerBeforeSent",
      values: { sentOn: "2024-04-26" },
    });
    expect(refusal({ type: "ZIENSWIJZE_GIVEN", municipalityId: "x", on: "2024-05-25" })).toEqual({
      reason: "notParticipating",
    });
    actor.send({ type: "ZIENSWIJZE_GIVEN", municipalityId: "a", on: "2024-06-13" });
    expect(refusal({ type: "ZIENSWIJZEN_ANSWERED", on: "2024-06-12" })).toEqual({
      reason: "answersBeforeZienswijzen",
      values: { after: "2024-06-13" },
    });
    actor.send({ type: "ZIENSWIJZEN_ANSWERED", on: "2024-06-20" });
    expect(refusal({ type: "BUDGET_ADOPTED", on: "2024-06-19" })).toEqual({
      reason: "adoptionBeforeAnswers",
      values: { answeredOn: "2024-06-20" },
    });
    expect(refusal({ type: "BUDGET_ADOPTED", on: "2025-01-09" })).toEqual({
      reason: "adoptionOutsideYear",
      values: { year: "2024" },
    });
    actor.send({ type: "BUDGET_ADOPTED", on: "2024-07-04" });
    expect(refusal({ type: "BUDGET_SENT_TO_GS", on: "2024-07-03" })).toEqual({
      reason: "beforeAdoption",
      values: { adoptedOn: "2024-07-04" },
    });
    actor.send({ type: "BUDGET_SENT_TO_GS", on: "2024-07-10" });
    expect(refusal({ type: "ACCOUNTS_ADOPTED", on: "2025-12-31" })).toEqual({
      reason: "accountsInBudgetYear",
      values: { year: "2025" },
    });
  });

  it("derives the year's deadlines from the AB meeting and marks those met", () => {
    const actor = start(["a", "b"]);
    actor.send({ type: "CYCLE_PLANNED", abMeetingOn: "2024-07-04" });
    expect(budgetCycle.deadlines(actor.getSnapshot().context).map((d) => [d.kind, d.dueOn, d.metOn])).toEqual([
      ["kaderbrief", "2024-04-30", null],
      ["draftBudget", "2024-04-11", null],
      // Two weeks after the planned meeting, before 15 September.
      ["budgetToGs", "2024-07-18", null],
      ["accountsToGs", "2026-07-15", null],
    ]);
    actor.send({ type: "KADERBRIEF_SENT", on: "2024-04-25" });
    actor.send({ type: "DRAFT_SENT", on: "2024-04-26" });
    actor.send({ type: "ZIENSWIJZE_GIVEN", municipalityId: "a", on: "2024-06-13" });
    const deadlines = budgetCycle.deadlines(actor.getSnapshot().context);
    expect(deadlines.filter((d) => d.kind === "zienswijze").map((d) => [d.municipalityId, d.dueOn, d.metOn])).toEqual([
      ["a", "2024-06-20", "2024-06-13"],
      ["b", "2024-06-20", null],
    ]);
    // The draft went out late: it was due twelve weeks before the meeting.
    expect(deadlines.find((d) => d.kind === "draftBudget")).toMatchObject({ dueOn: "2024-04-11", metOn: "2024-04-26" });
    expect(budgetCycle.councilStatus(actor.getSnapshot().context, "a")).toEqual({
      status: "zienswijzeGiven",
      on: "2024-06-13",
    });
    expect(budgetCycle.councilStatus(actor.getSnapshot().context, "b")).toEqual({
      status: "received",
      on: "2024-04-26",
    });
    expect(budgetCycle.stageProgress("budgetZienswijzen", actor.getSnapshot().context, 2)).toEqual({
      label: "progress.responded",
      done: 1,
      total: 2,
    });
  });

  it("offers the secretary and each clerk the steps of the stage", () => {
    const actor = start(["a"]);
    toWindow(actor);
    const persisted = actor.getPersistedSnapshot() as PersistedSnapshot;
    expect(availableEvents("BUDGET_CYCLE", persisted, { role: "CLERK", municipalityId: "a" })).toEqual([
      { type: "ZIENSWIJZE_GIVEN", municipalityId: "a" },
      { type: "NO_ZIENSWIJZE", municipalityId: "a" },
    ]);
    expect(availableEvents("BUDGET_CYCLE", persisted, { role: "SECRETARY", municipalityId: null })).toContainEqual({
      type: "AB_MEETING_MOVED",
    });
  });
});

describe("Budget cycle deadlines as stored", () => {
  it("writes each term's deadline with its article, and the councils' when the draft goes out", async () => {
    const secretary = actors("secretaris");
    const trail = await createTrail("BUDGET_CYCLE", participants);
    let revision = trail.revision;
    for (const [type, fields] of [
      ["CYCLE_PLANNED", { abMeetingOn: "2024-07-04" }],
      ["KADERBRIEF_SENT", { on: "2024-03-28" }],
      ["DRAFT_SENT", { on: "2024-04-11" }],
    ] as const) {
      const result = await sendTrailEvent({ trailId: trail.id, expectedRevision: revision, type, fields }, secretary);
      expect(result, type).toMatchObject({ ok: true });
      if (result.ok) revision = result.revision;
    }
    const rows = await prisma.deadline.findMany({ where: { trailId: trail.id }, orderBy: [{ dueAt: "asc" }] });
    expect(rows.map((r) => [r.kind, toDateInputValue(r.dueAt), r.metAt ? toDateInputValue(r.metAt) : null])).toEqual([
      ["draftBudget", "2024-04-11", "2024-04-11"],
      ["kaderbrief", "2024-04-30", "2024-03-28"],
      ["zienswijze", "2024-06-20", null],
      ["zienswijze", "2024-06-20", null],
      ["budgetToGs", "2024-07-18", null],
      ["accountsToGs", "2026-07-15", null],
    ]);
    expect(rows.find((r) => r.kind === "draftBudget")!.basis).toContain("Wgr art. 35 lid 1");
    expect(rows.find((r) => r.kind === "kaderbrief")!.basis).toContain("Wgr art. 34b");
  });
});

describe("Budget cycle started as the other kinds are", () => {
  it("starts from the new-trail form with the members of its start date, and is planned by its AB meeting", async () => {
    const secretary = actors("secretaris");
    const started = await startTrail(
      {
        kind: "BUDGET_CYCLE",
        title: "Begroting 2027",
        reference: "TEST-BEGR-2027",
        summary: "",
        startedOn: "2026-01-05",
      },
      secretary,
    );
    if (!started.ok) throw new Error(started.code);
    const members = await prisma.municipality.count({ where: { participationTo: null } });
    expect(await prisma.trailParticipant.count({ where: { trailId: started.trailId } })).toBe(members);
    const page = await trailPage(started.trailId, secretary, "2026-01-05");
    // The one step: plan the cycle or an amendment, each with the date of the AB meeting that adopts.
    expect(page!.regionalActions).toEqual([
      { type: "CYCLE_PLANNED", fields: ["abMeetingOn"], pastOnly: false },
      { type: "AMENDMENT_PLANNED", fields: ["abMeetingOn"], pastOnly: false },
    ]);
    const planned = await sendTrailEvent(
      { trailId: started.trailId, expectedRevision: 0, type: "CYCLE_PLANNED", fields: { abMeetingOn: "2026-07-02" } },
      secretary,
    );
    expect(planned).toMatchObject({ ok: true, state: "kaderbrief" });
    const after = await trailPage(started.trailId, secretary, "2026-01-05");
    // The timeline keeps the meeting the cycle is planned by (its sentence names it).
    expect(after!.timeline.events.find((e) => e.type === "workflow.CYCLE_PLANNED")?.details).toMatchObject({
      abMeetingOn: "2026-07-02",
    });
    // Moving the meeting is possible, but the step still to take is the kaderbrief.
    expect(after!.regionalActions.map((a) => a.type)).toEqual(["AB_MEETING_MOVED", "KADERBRIEF_SENT"]);
    const deadlines = await prisma.deadline.findMany({
      where: { trailId: started.trailId },
      orderBy: { dueAt: "asc" },
    });
    expect(deadlines.map((d) => [d.kind, toDateInputValue(d.dueAt)])).toEqual([
      ["draftBudget", "2026-04-09"],
      ["kaderbrief", "2026-04-30"],
      ["budgetToGs", "2026-07-16"],
      ["accountsToGs", "2028-07-17"],
    ]);
  });
});

describe("the seeded budget cycle 2025", () => {
  it("has its status brief, with each council's standing and the open deadlines with their articles", async () => {
    const trail = await prisma.trail.findUniqueOrThrow({ where: { reference: "H10-BEGR-2025" } });
    const brief = (await loadTrailBrief(trail.id, actors("wethouder.delft"), "2024-06-14"))!;
    expect(brief.matrix).toHaveLength(9);
    const text = (await readPdf(await renderTrailBriefPdf(brief))).text.replace(/\s+/g, " ");
    expect(text).toContain("Statusbrief: Begroting 2025 GR Servicebureau Jeugdhulp Haaglanden");
    expect(text).toContain("Zoetermeer — Zienswijze (27 mei 2024)");
    // The open deadlines, each with its article.
    expect(text).toContain("Begroting naar Gedeputeerde Staten Regio 18 juli 2024");
    expect(text).toContain("Wgr art. 34 lid 2");
  });
});
