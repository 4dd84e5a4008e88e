import { describe, expect, it } from "vitest";
import type { FinanceItemView } from "~/models/finance.server";
import { dutch } from "~/locales/lookup";
import { ownShareText, unsharedOf } from "./finance-text";

const t = (key: string, values?: Record<string, unknown>) =>
  dutch(key, values as Record<string, string | number> | undefined);

const shared: FinanceItemView = {
  id: "a",
  label: "Bijdrage Servicebureau Jeugdhulp Haaglanden",
  kind: "YEARLY",
  year: 2024,
  cents: 10_000_000,
  key: { id: "k", name: "Inwoners vorig jaar", method: "INHABITANTS" },
  allocation: {
    ok: true,
    inhabitantsYear: 2023,
    shares: [{ municipalityId: "delft", municipality: "Delft", basis: "104000", cents: 1_000_000 }],
  },
};

const unshareable: FinanceItemView = {
  id: "b",
  label: "Transformatiefonds",
  kind: "YEARLY",
  year: 2025,
  cents: 5_000_000,
  key: { id: "k", name: "Inwoners vorig jaar", method: "INHABITANTS" },
  allocation: { ok: false, code: "inhabitants_missing", municipalities: ["Delft", "Westland"], inhabitantsYear: 2024 },
};

describe("an amount that cannot be shared yet", () => {
  it("is 'pm' in a council's letter, with the reason, instead of disappearing", () => {
    const text = ownShareText([shared, unshareable], "delft", t, "nl")!;
    expect(text).toContain("10.000,00");
    expect(text).toContain("pm (Transformatiefonds");
    expect(text).toContain("nog niet te verdelen, de inwonertallen van 2024 zijn nog niet compleet");
    // A letter speaks to one council: the reason names no other.
    expect(text).not.toContain("Westland");
    // With nothing shared at all, the letter still says pm rather than "not yet set".
    expect(ownShareText([unshareable], "delft", t, "nl")).toMatch(/^pm \(Transformatiefonds/);
    expect(unsharedOf([shared, unshareable], t).map((u) => u.item.id)).toEqual(["b"]);
  });
});
