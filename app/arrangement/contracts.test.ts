import { describe, expect, it } from "vitest";
import { addMonths } from "~workflows/shared/dates";
import { contractsAtExit, finalEnd, termEnds, type ContractTerms } from "./contracts";

/** The five contracts seed 004 lists, as the register holds them. */
const SEED_004: ContractTerms[] = [
  {
    name: "Specialistische jeugdhulp",
    startsOn: "2021-01-01",
    firstTermEndsOn: "2022-12-31",
    extensionCount: 4,
    extensionMonths: 12,
    tacit: false,
  },
  {
    name: "Raamovereenkomst jeugdbescherming en jeugdreclassering",
    startsOn: "2020-01-01",
    firstTermEndsOn: "2023-12-31",
    extensionCount: 2,
    extensionMonths: 24,
    tacit: true,
  },
  {
    name: "Crisisinterventieteam",
    startsOn: "2020-01-01",
    firstTermEndsOn: "2021-12-31",
    extensionCount: 2,
    extensionMonths: 12,
    tacit: true,
  },
  {
    name: "Expertiseteam Complexe Zorg",
    startsOn: "2020-01-01",
    firstTermEndsOn: "2021-12-31",
    extensionCount: 2,
    extensionMonths: 12,
    tacit: true,
  },
  {
    name: "Jeugdhulpplus (met Rotterdam Rijnmond)",
    startsOn: null,
    firstTermEndsOn: "2021-12-31",
    extensionCount: 1,
    extensionMonths: 12,
    tacit: false,
  },
];

describe("contract terms", () => {
  it("the framework agreement for youth protection ends by law on 31 December 2027 after two tacit extensions of two years (seed 004)", () => {
    expect(termEnds(SEED_004[1]!)).toEqual(["2023-12-31", "2025-12-31", "2027-12-31"]);
  });

  it("counts months from the day after a term ends, keeping month ends", () => {
    expect(
      termEnds({ ...SEED_004[0]!, firstTermEndsOn: "2024-02-29", extensionCount: 1, extensionMonths: 12 }),
    ).toEqual(["2024-02-29", "2025-02-28"]);
    expect(termEnds({ ...SEED_004[0]!, firstTermEndsOn: "2022-01-31", extensionCount: 1, extensionMonths: 1 })).toEqual(
      ["2022-01-31", "2022-02-28"],
    );
    expect(addMonths("2024-01-31", 1)).toBe("2024-02-29");
    expect(finalEnd({ ...SEED_004[0]!, extensionCount: 0 })).toBe("2022-12-31");
  });
});

describe("contracts at an exit on 1 January 2023 (Voorschoten, seed 004)", () => {
  const byName = Object.fromEntries(contractsAtExit(SEED_004, "2023-01-01").map((c) => [c.name, c]));

  it("fits the end of specialised youth care's first term, whose extension is decided before", () => {
    expect(byName["Specialistische jeugdhulp"]).toMatchObject({
      runsPastExit: true,
      termOnExitEndsOn: "2023-12-31",
      decisionsBeforeExit: [{ termEndsOn: "2022-12-31", tacit: false }],
      finalEndOn: "2026-12-31",
    });
  });

  it("does not fit youth protection and probation, which runs on in its first term", () => {
    expect(byName["Raamovereenkomst jeugdbescherming en jeugdreclassering"]).toMatchObject({
      runsPastExit: true,
      termOnExitEndsOn: "2023-12-31",
      decisionsBeforeExit: [],
    });
  });

  it("fits the last term of jeugdhulpplus, which has ended by then", () => {
    expect(byName["Jeugdhulpplus (met Rotterdam Rijnmond)"]).toMatchObject({
      runsPastExit: false,
      termOnExitEndsOn: null,
      finalEndOn: "2022-12-31",
    });
  });

  it("lists both tacit extensions of the crisis team before the exit", () => {
    expect(byName["Crisisinterventieteam"]!.decisionsBeforeExit).toEqual([
      { termEndsOn: "2021-12-31", tacit: true },
      { termEndsOn: "2022-12-31", tacit: true },
    ]);
    expect(byName["Crisisinterventieteam"]!.runsPastExit).toBe(true);
  });

  it("an exit on the day after a contract's last possible day is past it; on that day it is not", () => {
    expect(contractsAtExit([SEED_004[4]!], "2022-12-31")[0]!.runsPastExit).toBe(true);
    expect(contractsAtExit([SEED_004[4]!], "2023-01-01")[0]!.runsPastExit).toBe(false);
  });
});
