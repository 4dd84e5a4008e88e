import { describe, expect, it } from "vitest";
import { sameSitePath } from "./same-site";

describe("sameSitePath", () => {
  it("keeps paths on this site, with their query and fragment", () => {
    expect(sameSitePath("/trajecten?kind=VISION#matrix")).toBe("/trajecten?kind=VISION#matrix");
    expect(sameSitePath("/")).toBe("/");
  });

  it("refuses targets that a browser resolves to another site", () => {
    for (const target of [
      "//evil.example/x",
      "/\\evil.example/x",
      "/\t/evil.example/x",
      "/\t\\evil.example",
      "/\n/evil.example",
      "\\\\evil.example",
      "https://evil.example/",
      "javascript:alert(1)",
      "trajecten",
      "",
    ]) {
      expect(sameSitePath(target), JSON.stringify(target)).toBeNull();
    }
  });

  it("percent-encodes characters a Location header cannot carry", () => {
    expect(sameSitePath("/\u3000/x")).toBe("/%E3%80%80/x");
    expect(sameSitePath("/zoeken?q=reële")).toBe("/zoeken?q=re%C3%ABle");
  });
});
