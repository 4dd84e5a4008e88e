import { describe, expect, it } from "vitest";
import { fold, markWords, queryStems, snippet, stems } from "./search-text.server";

describe("the words of the search", () => {
  it("folds case, diacritics and ligatures before stemming, so the forms of a Dutch word meet", () => {
    expect(fold("Reële ĳsvogel")).toBe("reele ijsvogel");
    expect(stems("zienswijzen Zienswijze")).toEqual(["zienswijz"]);
    expect(stems("reële reele REËLE")).toEqual(["rel"]);
    // A reference is its words; punctuation is no word.
    expect(stems("H10-GR-2024: de raad!")).toEqual(["h10", "gr", "2024", "de", "rad"]);
    expect(queryStems(" -- ")).toEqual([]);
    expect(queryStems("a b c d e f g h i j")).toHaveLength(8);
  });

  it("marks every word whose stem was asked for, and cuts a snippet around the first", () => {
    expect(markWords("Zienswijzen, geen zienswijze.", new Set(["zienswijz"]))).toEqual([
      { text: "Zienswijzen", mark: true },
      { text: ", geen " },
      { text: "zienswijze", mark: true },
      { text: "." },
    ]);
    const long = `${"Inleiding zonder treffer. ".repeat(40)}De reële kosten staan hier. ${"Slot. ".repeat(60)}`;
    const cut = snippet(long, new Set(["rel"]), 120);
    expect(cut[0]).toEqual({ text: "… " });
    expect(cut.at(-1)).toEqual({ text: " …" });
    expect(cut.filter((s) => s.mark)).toEqual([{ text: "reële", mark: true }]);
    expect(cut.map((s) => s.text).join("").length).toBeLessThanOrEqual(125);
    // Markup in the text stays text: the page renders segments as React text, never as HTML.
    expect(snippet("<b>reële</b>", new Set(["rel"]))).toEqual([
      { text: "<b>" },
      { text: "reële", mark: true },
      { text: "</b>" },
    ]);
  });
});
