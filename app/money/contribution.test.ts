import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { allocate } from "./allocate";
import { changeOf, percentText, sumShares } from "./contribution";

describe("contributions to the budget", () => {
  it("the councils' contributions add up to the budget's total, for any totals and keys", () => {
    fc.assert(
      fc.property(
        fc.array(fc.bigInt({ min: -(10n ** 11n), max: 10n ** 11n }), { minLength: 1, maxLength: 3 }),
        fc.array(fc.integer({ min: 0, max: 600_000 }), { minLength: 1, maxLength: 12 }),
        (totals, inhabitants) => {
          fc.pre(inhabitants.some((n) => n > 0));
          const councils = inhabitants.map((n, i) => ({ id: `m${i}`, name: `Gemeente ${i}`, weight: BigInt(n) }));
          const sums = sumShares(totals.map((total) => allocate(total, councils)));
          const total = totals.reduce((a, b) => a + b, 0n);
          expect([...sums.values()].reduce((a, b) => a + b, 0n)).toBe(total);
          // Each contribution is within one cent per amount of its exact share.
          const weight = inhabitants.reduce((a, b) => a + b, 0);
          for (const [i, n] of inhabitants.entries()) {
            const exact = (total * BigInt(n) * 1000n) / BigInt(weight);
            const got = sums.get(`m${i}`)! * 1000n;
            const diff = got > exact ? got - exact : exact - got;
            expect(diff <= BigInt(totals.length) * 1000n).toBe(true);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it("the difference with last year is exact in cents and rounded half away from zero in tenths of a percent", () => {
    expect(changeOf(321_479_600n, 309_115_000n)).toEqual({ diffCents: 12_364_600n, percentTenths: 40n });
    expect(changeOf(100_050n, 100_000n)).toEqual({ diffCents: 50n, percentTenths: 1n }); // 0.05 % to 0.1 %
    expect(changeOf(100_049n, 100_000n).percentTenths).toBe(0n);
    expect(changeOf(99_950n, 100_000n).percentTenths).toBe(-1n);
    expect(changeOf(5n, 0n)).toEqual({ diffCents: 5n, percentTenths: null });
    expect(percentText(40n, "nl")).toBe("+4,0 %");
    expect(percentText(-3n, "en")).toBe("-0.3 %");
    expect(percentText(0n, "nl")).toBe("0,0 %");
  });
});
