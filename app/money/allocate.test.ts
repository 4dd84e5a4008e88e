import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { allocate, AllocationError, centsToDecimal, parseDecimal, parseEuros, scaledToDecimal } from "./allocate";
import { allocateByKey, HUNDRED_PERCENT, PERCENT_SCALE, type Participant } from "./keys";

const recipients = fc
  .uniqueArray(
    fc.record({
      id: fc.string({ minLength: 1, maxLength: 6 }),
      name: fc.string({ maxLength: 8 }),
      weight: fc.bigInt({ min: 0n, max: 10n ** 12n }),
    }),
    { minLength: 1, maxLength: 12, selector: (r) => r.id },
  )
  .filter((rs) => rs.some((r) => r.weight > 0n));
const amounts = fc.bigInt({ min: -(10n ** 13n), max: 10n ** 13n });

describe("allocate (largest remainder)", () => {
  it("shares always add up to the amount", () => {
    fc.assert(
      fc.property(amounts, recipients, (total, rs) => {
        const shares = allocate(total, rs);
        expect(shares.reduce((sum, s) => sum + s.cents, 0n)).toBe(total);
      }),
      { numRuns: 500 },
    );
  });

  it("each share is within one cent of its exact value", () => {
    fc.assert(
      fc.property(amounts, recipients, (total, rs) => {
        const sum = rs.reduce((acc, r) => acc + r.weight, 0n);
        for (const share of allocate(total, rs)) {
          // |share - total*w/sum| < 1  <=>  |share*sum - total*w| < sum
          const diff = share.cents * sum - total * share.weight;
          expect(diff < 0n ? -diff : diff).toBeLessThan(sum);
        }
      }),
      { numRuns: 500 },
    );
  });

  it("the same input gives the same output, in any order", () => {
    fc.assert(
      fc.property(
        amounts,
        recipients.chain((rs) =>
          fc.tuple(fc.constant(rs), fc.shuffledSubarray(rs, { minLength: rs.length, maxLength: rs.length })),
        ),
        (total, [rs, shuffled]) => {
          const byId = (shares: ReturnType<typeof allocate>) => Object.fromEntries(shares.map((s) => [s.id, s.cents]));
          expect(byId(allocate(total, shuffled))).toEqual(byId(allocate(total, rs)));
          expect(allocate(total, rs)).toEqual(allocate(total, rs));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("a saving is shared like a cost, with the sign turned", () => {
    fc.assert(
      fc.property(amounts, recipients, (total, rs) => {
        expect(allocate(-total, rs).map((s) => s.cents)).toEqual(allocate(total, rs).map((s) => -s.cents));
      }),
    );
  });

  it("gives the leftover cents to the largest remainders, then the larger weight, then the name", () => {
    // 100 cents over three equal weights: 33 each and one cent left, which goes to the first name.
    const equal = allocate(100n, [
      { id: "c", name: "Wassenaar", weight: 1n },
      { id: "a", name: "Delft", weight: 1n },
      { id: "b", name: "Rijswijk", weight: 1n },
    ]);
    expect(equal.map((s) => [s.name, s.cents])).toEqual([
      ["Wassenaar", 33n],
      ["Delft", 34n],
      ["Rijswijk", 33n],
    ]);
    // 10 cents over 1:1:1:1 weights of which two are larger: remainders tie, the larger weights win.
    const weighted = allocate(1n, [
      { id: "a", name: "A", weight: 2n },
      { id: "b", name: "B", weight: 3n },
    ]);
    // exact: 0.4 and 0.6 — B has the larger remainder.
    expect(weighted.map((s) => s.cents)).toEqual([0n, 1n]);
  });

  it("refuses nobody, all-zero and negative weights", () => {
    expect(() => allocate(1n, [])).toThrow(AllocationError);
    expect(() => allocate(1n, [{ id: "a", name: "A", weight: 0n }])).toThrow(/nul/);
    expect(() => allocate(1n, [{ id: "a", name: "A", weight: -1n }])).toThrow(/Negatieve/);
  });
});

const H10_2022: [string, number][] = [
  ["Delft", 104_000],
  ["Den Haag", 553_417],
  ["Leidschendam-Voorburg", 76_660],
  ["Midden-Delfland", 19_484],
  ["Pijnacker-Nootdorp", 56_000],
  ["Rijswijk", 56_941],
  ["Voorschoten", 25_627],
  ["Wassenaar", 27_115],
  ["Westland", 112_448],
  ["Zoetermeer", 125_767],
];
const participants: Participant[] = H10_2022.map(([name, count]) => ({
  id: name,
  name,
  inhabitants: new Map([[2022, count]]),
}));

describe("the seeds' examples", () => {
  it("Voorschoten's 2.24 % of the service bureau's EUR 3,091,150 (seed 004)", () => {
    const others = participants.filter((p) => p.name !== "Voorschoten");
    const entries = new Map<string, bigint>([["Voorschoten", parseDecimal("2,24", PERCENT_SCALE)!]]);
    // The other 97.76 % spread evenly, only to complete the table.
    let rest = HUNDRED_PERCENT - entries.get("Voorschoten")!;
    others.forEach((p, i) => {
      const part = i === others.length - 1 ? rest : rest / BigInt(others.length - i);
      entries.set(p.id, part);
      rest -= part;
    });
    const result = allocateByKey(
      parseEuros("3.091.150")!,
      { method: "PERCENTAGES", inhabitantsYear: null, entries },
      participants,
      2021,
    );
    if (!result.ok) throw new Error(result.code);
    expect(result.shares.find((s) => s.name === "Voorschoten")!.cents).toBe(6_924_176n); // EUR 69,241.76
    expect(result.shares.reduce((sum, s) => sum + s.cents, 0n)).toBe(309_115_000n);
  });

  it("EUR 7 million more for the region means EUR 329,000 for Rijswijk at its 4.7 % (seed 002)", () => {
    // The other 95.3 % over the nine others (8 × 10.588888 + 10.588896), only to complete the table.
    const others = participants.filter((p) => p.name !== "Rijswijk");
    const entries = new Map<string, bigint>([
      ["Rijswijk", 4_700_000n],
      ...others.map((p, i): [string, bigint] => [p.id, i === 8 ? 10_588_896n : 10_588_888n]),
    ]);
    const result = allocateByKey(
      parseEuros("€ 7.000.000")!,
      { method: "PERCENTAGES", inhabitantsYear: null, entries },
      participants,
      2021,
    );
    if (!result.ok) throw new Error(result.code);
    expect(result.shares.find((s) => s.name === "Rijswijk")!.cents).toBe(32_900_000n);
  });

  it("by inhabitants of the year before: 2022's figures share a 2023 amount, to the cent", () => {
    const result = allocateByKey(
      309_115_000n,
      { method: "INHABITANTS", inhabitantsYear: null, entries: new Map() },
      participants,
      2023,
    );
    if (!result.ok) throw new Error(result.code);
    expect(result.inhabitantsYear).toBe(2022);
    expect(result.totalWeight).toBe(1_157_459n);
    const share = (name: string) => result.shares.find((s) => s.name === name)!.cents;
    // 3,091,150.00 × 25,627 / 1,157,459 = 68,440.35…
    expect(share("Voorschoten")).toBe(6_844_035n);
    expect(share("Den Haag")).toBe(147_797_456n);
    expect(result.shares.reduce((sum, s) => sum + s.cents, 0n)).toBe(309_115_000n);
  });

  it("names the municipalities whose inhabitants of the year are missing", () => {
    const result = allocateByKey(
      100n,
      { method: "INHABITANTS", inhabitantsYear: null, entries: new Map() },
      participants,
      2022,
    );
    expect(result).toMatchObject({ ok: false, code: "inhabitants_missing", inhabitantsYear: 2021 });
    expect(!result.ok && result.municipalities.length).toBe(10);
  });

  it("equal shares among nine", () => {
    const nine = participants.filter((p) => p.name !== "Voorschoten");
    const result = allocateByKey(
      100_000_000n,
      { method: "EQUAL", inhabitantsYear: null, entries: new Map() },
      nine,
      2024,
    );
    if (!result.ok) throw new Error(result.code);
    expect(result.shares.map((s) => s.cents).sort()).toEqual([...Array(8).fill(11_111_111n), 11_111_112n].sort());
  });
});

describe("reading amounts", () => {
  it.each([
    ["7.000.000", 700_000_000n],
    ["€ 329.000", 32_900_000n],
    ["3 091 150,00", 309_115_000n],
    ["3.091.150,5", 309_115_050n],
    ["1234.56", 123_456n],
    ["1234,56", 123_456n],
    ["213000", 21_300_000n],
    ["-60.000", -6_000_000n],
    ["0,01", 1n],
  ])("%s is %s cents", (input, cents) => expect(parseEuros(input)).toBe(cents));

  it.each(["", "abc", "1,2,3", "1.2.3,4,5", "12,345", "1e6", "1.234.56", "--5", "12.5.000"])(
    "%j is refused",
    (input) => {
      expect(parseEuros(input)).toBeNull();
    },
  );

  it("writes cents and scaled decimals back exactly", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), (cents) => {
        expect(parseDecimal(centsToDecimal(cents), 2)).toBe(cents);
      }),
    );
    expect(scaledToDecimal(2_240_000n, PERCENT_SCALE)).toBe("2.24");
    expect(scaledToDecimal(100_000_000n, PERCENT_SCALE)).toBe("100");
  });
});
