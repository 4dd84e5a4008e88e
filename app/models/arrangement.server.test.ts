import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import type { Actor } from "~/utils/permissions";
import { createTrail, demoActors } from "../../test/factories/trail";
import { boardMunicipalities, listBoardVotes, recordBoardVote } from "./board-vote.server";
import { listContracts, saveContract } from "./contract.server";
import { exitOverview, exitPayment, setExitEstimate } from "./exit.server";

let actors: (local: string) => Actor;
beforeAll(async () => {
  actors = await demoActors();
});

const trailOf = (reference: string) => prisma.trail.findUniqueOrThrow({ where: { reference } });

describe("the exit calculator on Voorschoten's exit (seed 004)", () => {
  it("gives the notice dates, three times the annual contribution and the overview with pm items", async () => {
    const trail = await trailOf("H10-UIT-VOORSCHOTEN");
    const overview = (await exitOverview(trail.id))!;
    expect(overview.exiting?.name).toBe("Voorschoten");
    expect(overview).toMatchObject({
      // Seed 003: Voorschoten took part "tot 2024"; one calendar year of notice (seed 004).
      wishedExitOn: "2024-01-01",
      notifiedOn: "2022-12-20",
      exitOn: "2024-01-01",
      latestNoticeOn: "2022-12-31",
      earliestExitOn: "2024-01-01",
    });
    expect(overview.estimate).toEqual({ annualCents: 7_100_000, multipleHundredths: 300, paymentCents: 21_300_000 });
    expect(overview.friction.lines.map((l) => [l.label, l.cents])).toEqual([
      ["Kosten uittreding GR", 21_300_000],
      ["Kosten ICT", null],
      ["Extra capaciteit overstap", null],
      ["Aanpassing externe communicatie", null],
    ]);
    expect(overview.friction.total).toEqual({ cents: 21_300_000, pm: true });
    expect(overview.structural.total).toEqual({ cents: 15_000_000, pm: true });
    // The five contracts at 1 January 2024.
    const contracts = Object.fromEntries(overview.contracts.map((c) => [c.name, c]));
    expect(Object.keys(contracts)).toHaveLength(5);
    expect(contracts["Jeugdhulpplus"]!.runsPastExit).toBe(false);
    expect(contracts["Raamovereenkomst jeugdbescherming en jeugdreclassering"]!.runsPastExit).toBe(true);
  });

  it("answers what-if dates: a wished exit's latest notice, a notice date's earliest exit", async () => {
    const trail = await trailOf("H10-UIT-VOORSCHOTEN");
    const overview = (await exitOverview(trail.id, { wishedExitOn: "2025-01-01", notifiedOn: "2022-01-01" }))!;
    expect(overview.latestNoticeOn).toBe("2023-12-31");
    // Notice on 1 January 2022: the rest of 2022, then all of 2023 — exit on 1 January 2024.
    expect(overview.earliestExitOn).toBe("2024-01-01");
    expect(await exitOverview((await trailOf("H10-GR-2024")).id)).toBeNull();
  });

  it("rounds the payment half away from zero and records the estimate in the audit trail", async () => {
    expect(exitPayment(7_100_000n, 300)).toBe(21_300_000n);
    expect(exitPayment(1n, 250)).toBe(3n); // 2.5 cents
    expect(exitPayment(-1n, 250)).toBe(-3n);
    const trail = await createTrail("EXIT", [
      (await prisma.municipality.findUniqueOrThrow({ where: { slug: "wassenaar" } })).id,
    ]);
    expect(
      await setExitEstimate(trail.id, { annualCents: 5_000_000n, multipleHundredths: 275 }, actors("secretaris")),
    ).toEqual({ ok: true });
    expect((await exitOverview(trail.id))!.estimate.paymentCents).toBe(13_750_000);
    const event = await prisma.event.findFirstOrThrow({ where: { trailId: trail.id, type: "exit.estimate_set" } });
    expect(JSON.parse(event.payload)).toEqual({
      annualContribution: "50000.00",
      multiple: 2.75,
      exitPayment: "137500.00",
    });
    expect(
      await setExitEstimate(
        (await trailOf("H10-GR-2024")).id,
        { annualCents: 1n, multipleHundredths: 300 },
        actors("secretaris"),
      ),
    ).toEqual({ ok: false, code: "not_an_exit" });
  });
});

describe("the GR board's weighted votes", () => {
  async function clusters(on: string) {
    const members = await boardMunicipalities(on);
    return (cluster: string) => members.filter((m) => m.cluster === cluster).map((m) => m.id);
  }

  it("records a vote with its members, weights by 2022's inhabitants and the result, in the audit trail", async () => {
    const trail = await trailOf("H10-GR-2024");
    const of = await clusters("2024-06-01");
    const recorded = await recordBoardVote(
      trail.id,
      {
        subject: "Ontwerp gewijzigde regeling naar de raden",
        heldOn: "2024-06-01",
        rule: "SIMPLE",
        // The app holds 2022's figures only.
        inhabitantsYear: 2022,
        ballots: [
          { member: "Bestuurslid H1", choice: "FOR", municipalityIds: of("H1") },
          { member: "Bestuurslid H4", choice: "AGAINST", municipalityIds: of("H4") },
          { member: "Bestuurslid H5", choice: "ABSTAIN", municipalityIds: of("H5") },
        ],
      },
      actors("secretaris"),
    );
    expect(recorded.ok).toBe(true);
    const [vote] = (await listBoardVotes(trail.id)).filter(
      (v) => v.subject === "Ontwerp gewijzigde regeling naar de raden",
    );
    // H5 without Voorschoten, which left the arrangement on 1 January 2024.
    expect(vote).toMatchObject({
      inhabitantsYear: 2022,
      adopted: true,
      weights: { FOR: 553_417, AGAINST: 292_873, ABSTAIN: 285_542, ABSENT: 0 },
    });
    expect(vote!.ballots[1]!.municipalities.map((m) => m.name)).toEqual([
      "Delft",
      "Midden-Delfland",
      "Rijswijk",
      "Westland",
    ]);
    const event = await prisma.event.findFirstOrThrow({
      where: { trailId: trail.id, type: "board_vote.recorded" },
      orderBy: { sequence: "desc" },
    });
    expect(JSON.parse(event.payload)).toMatchObject({ adopted: true, cast: 846_290, inhabitantsYear: 2022 });
  });

  it("a vote before Voorschoten left counts Voorschoten in H5; after, it may not be named", async () => {
    // Votes of 2023 and 2024: on the exit trail, which started in 2020 (a vote lies at most half a year before its trail's start).
    const trail = await trailOf("H10-UIT-VOORSCHOTEN");
    const voorschoten = (await prisma.municipality.findUniqueOrThrow({ where: { slug: "voorschoten" } })).id;
    const before = await clusters("2023-06-01");
    expect(before("H5")).toContain(voorschoten);
    const recorded = await recordBoardVote(
      trail.id,
      {
        subject: "Begroting 2023",
        heldOn: "2023-06-01",
        rule: "SIMPLE",
        inhabitantsYear: 2022,
        ballots: [{ member: "Bestuurslid H5", choice: "FOR", municipalityIds: before("H5") }],
      },
      actors("secretaris"),
    );
    expect(recorded.ok).toBe(true);
    const vote = (await listBoardVotes(trail.id)).find((v) => v.subject === "Begroting 2023")!;
    expect(vote.weights.FOR).toBe(311_169);
    const after = await recordBoardVote(
      trail.id,
      {
        subject: "Begroting 2024",
        heldOn: "2024-06-01",
        rule: "SIMPLE",
        inhabitantsYear: 2022,
        ballots: [{ member: "Bestuurslid H5", choice: "FOR", municipalityIds: [voorschoten] }],
      },
      actors("secretaris"),
    );
    expect(after).toMatchObject({ ok: false, code: "not_a_member" });
  });

  it("refuses a municipality twice, one outside the arrangement, and missing inhabitants, writing nothing", async () => {
    const trail = await trailOf("H10-UIT-VOORSCHOTEN");
    const of = await clusters("2023-06-01");
    const before = await prisma.boardVote.count();
    const base = { subject: "X", heldOn: "2023-06-01", rule: "SIMPLE" as const, inhabitantsYear: null };
    expect(
      await recordBoardVote(
        trail.id,
        {
          ...base,
          ballots: [
            { member: "A", choice: "FOR", municipalityIds: of("H1") },
            { member: "B", choice: "FOR", municipalityIds: of("H1") },
          ],
        },
        actors("secretaris"),
      ),
    ).toMatchObject({ ok: false, code: "municipality_twice" });
    expect(
      await recordBoardVote(
        trail.id,
        { ...base, ballots: [{ member: "A", choice: "FOR", municipalityIds: ["elders"] }] },
        actors("secretaris"),
      ),
    ).toMatchObject({ ok: false, code: "not_a_member" });
    expect(
      await recordBoardVote(
        trail.id,
        { ...base, heldOn: "2021-06-01", ballots: [{ member: "A", choice: "FOR", municipalityIds: of("H1") }] },
        actors("secretaris"),
      ),
    ).toEqual({ ok: false, code: "inhabitants_missing", detail: "2020: Den Haag" });
    expect(await prisma.boardVote.count()).toBe(before);
  });
});

describe("the contract register", () => {
  it("holds seed 004's five contracts with their terms", async () => {
    const contracts = await listContracts();
    expect(contracts.map((c) => c.name)).toEqual([
      "Crisisinterventieteam",
      "Expertiseteam Complexe Zorg",
      "Jeugdhulpplus",
      "Raamovereenkomst jeugdbescherming en jeugdreclassering",
      "Specialistische jeugdhulp",
    ]);
    expect(contracts.find((c) => c.name.startsWith("Raamovereenkomst"))!.finalEndOn).toBe("2027-12-31");
  });

  it("refuses a duplicate name and a first term ending before the start", async () => {
    const terms = {
      parties: "",
      note: "",
      startsOn: "2024-01-01",
      firstTermEndsOn: "2025-12-31",
      extensionCount: 0,
      extensionMonths: 12,
      tacit: false,
    };
    expect(await saveContract({ ...terms, name: "Crisisinterventieteam" }, actors("secretaris"))).toEqual({
      ok: false,
      code: "contract_name_taken",
    });
    expect(
      await saveContract({ ...terms, name: "Nieuw", firstTermEndsOn: "2023-12-31" }, actors("secretaris")),
    ).toEqual({ ok: false, code: "term_before_start" });
  });
});
