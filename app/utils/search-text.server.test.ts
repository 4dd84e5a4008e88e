import { newStemmer } from "snowball-stemmers";
import { describe, expect, it } from "vitest";
import { STEMS_KEPT, fold, keptStems, markWords, queryStems, snippet, stemOf, stems } from "./search-text.server";

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

  it("keeps the stems of the words met, the same as the stemmer's, up to a bound", () => {
    const plain = newStemmer("dutch");
    const words = [
      "Zienswijzen",
      "zienswijze",
      "Reële",
      "gemeenschappelijke",
      "regelingen",
      "H10",
      "raden",
      "ĳsvogels",
    ];
    // The first time and again (kept): what a fresh stemmer gives for the folded word.
    for (const round of [1, 2])
      for (const word of words) expect(stemOf(word), `${word}, round ${round}`).toBe(plain.stem(fold(word)));
    // More distinct words than are kept: the oldest go, every stem stays right.
    const many = Array.from({ length: STEMS_KEPT + 50 }, (_, i) => `woord${i}en`);
    for (const word of many) stemOf(word);
    expect(keptStems()).toBe(STEMS_KEPT);
    for (const word of [many[0]!, many.at(-1)!, "zienswijzen"]) expect(stemOf(word)).toBe(plain.stem(fold(word)));
    // A very long word is stemmed, not kept.
    const before = keptStems();
    const long = "x".repeat(65);
    expect(stemOf(long)).toBe(plain.stem(long));
    expect(keptStems()).toBe(before);
  });
});
