import { describe, expect, it } from "vitest";
import { weightedVote, type Ballot } from "./weighted-vote";

// Inhabitants on 1 January 2022 (DOMAIN.md); clusters from seed 004.
const H1 = [{ id: "den-haag", name: "Den Haag", inhabitants: 553_417 }];
const H4 = [
  { id: "delft", name: "Delft", inhabitants: 104_000 },
  { id: "midden-delfland", name: "Midden-Delfland", inhabitants: 19_484 },
  { id: "rijswijk", name: "Rijswijk", inhabitants: 56_941 },
  { id: "westland", name: "Westland", inhabitants: 112_448 },
];
const H5 = [
  { id: "leidschendam-voorburg", name: "Leidschendam-Voorburg", inhabitants: 76_660 },
  { id: "pijnacker-nootdorp", name: "Pijnacker-Nootdorp", inhabitants: 56_000 },
  { id: "voorschoten", name: "Voorschoten", inhabitants: 25_627 },
  { id: "wassenaar", name: "Wassenaar", inhabitants: 27_115 },
  { id: "zoetermeer", name: "Zoetermeer", inhabitants: 125_767 },
];
const board = (h1: Ballot["choice"], h4: Ballot["choice"], h5: Ballot["choice"]): Ballot[] => [
  { member: "Bestuurslid H1", choice: h1, municipalities: H1 },
  { member: "Bestuurslid H4", choice: h4, municipalities: H4 },
  { member: "Bestuurslid H5", choice: h5, municipalities: H5 },
];
const run = (ballots: Ballot[], rule: "SIMPLE" | "QUALIFIED" = "SIMPLE") => {
  const outcome = weightedVote(ballots, rule);
  if (!outcome.ok) throw new Error(outcome.code);
  return outcome.result;
};

describe("the GR board's weighted vote", () => {
  it("weighs each member by the inhabitants of the municipalities it represents", () => {
    const result = run(board("FOR", "AGAINST", "AGAINST"));
    expect(result.ballots.map((b) => b.weight)).toEqual([553_417, 292_873, 311_169]);
    expect(result.weights).toEqual({ FOR: 553_417, AGAINST: 604_042, ABSTAIN: 0, ABSENT: 0 });
    // Den Haag alone is 47.8 % of the region: outvoted by H4 and H5 together.
    expect(result.adopted).toBe(false);
  });

  it("abstentions are not cast: Den Haag carries the vote when H5 abstains", () => {
    const result = run(board("FOR", "AGAINST", "ABSTAIN"));
    expect(result.cast).toBe(553_417 + 292_873);
    expect(result.adopted).toBe(true);
  });

  it("a tie is no majority", () => {
    const tie: Ballot[] = [
      { member: "A", choice: "FOR", municipalities: [{ id: "a", name: "A", inhabitants: 50_000 }] },
      { member: "B", choice: "AGAINST", municipalities: [{ id: "b", name: "B", inhabitants: 50_000 }] },
    ];
    expect(run(tie).adopted).toBe(false);
    expect(run(tie, "QUALIFIED").adopted).toBe(false);
  });

  it("a qualified majority needs two thirds of the weight cast, exactly two thirds included", () => {
    const twoThirds: Ballot[] = [
      { member: "A", choice: "FOR", municipalities: [{ id: "a", name: "A", inhabitants: 200 }] },
      { member: "B", choice: "AGAINST", municipalities: [{ id: "b", name: "B", inhabitants: 100 }] },
    ];
    expect(run(twoThirds, "QUALIFIED").adopted).toBe(true);
    twoThirds[0]!.municipalities[0]!.inhabitants = 199;
    expect(run(twoThirds, "QUALIFIED").adopted).toBe(false);
    expect(run(twoThirds, "SIMPLE").adopted).toBe(true);
    // H1 + H5 for, H4 against: 864,586 of 1,157,459 is 74.7 %.
    expect(run(board("FOR", "AGAINST", "FOR"), "QUALIFIED").adopted).toBe(true);
  });

  it("with everyone abstaining or absent nothing is adopted", () => {
    expect(run(board("ABSTAIN", "ABSENT", "ABSTAIN"))).toMatchObject({
      cast: 0,
      adopted: false,
      weights: { FOR: 0, AGAINST: 0, ABSTAIN: 864_586, ABSENT: 292_873 },
    });
  });

  it("refuses a municipality represented twice, a member representing nobody, and no members", () => {
    expect(
      weightedVote([...board("FOR", "FOR", "FOR"), { member: "Extra", choice: "FOR", municipalities: H1 }], "SIMPLE"),
    ).toEqual({ ok: false, code: "municipality_twice", detail: "Den Haag" });
    expect(weightedVote([{ member: "Leeg", choice: "FOR", municipalities: [] }], "SIMPLE")).toEqual({
      ok: false,
      code: "empty_ballot",
      detail: "Leeg",
    });
    expect(weightedVote([], "SIMPLE")).toEqual({ ok: false, code: "no_ballots" });
  });
});
