import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { MetaDescriptor } from "@remix-run/node";
import { meta as overviewMeta } from "./overzicht";
import { meta as trailsMeta } from "./trajecten._index";
import { meta as trailMeta } from "./trajecten.$trailId";
import { meta as financesMeta } from "./trajecten.$trailId_.financien";
import { meta as briefMeta } from "./trajecten.$trailId_.statusbrief";
import { meta as editMeta } from "./documenten.$documentId_.bewerken";
import { meta as usersMeta } from "./beheer.gebruikers";
import { meta as signInMeta } from "./inloggen";
import { meta as rootMeta } from "../root";

type AnyMeta = (args: never) => MetaDescriptor[] | undefined;

/** Calls a route's meta as Remix does, with the root loader's language among the matches. */
function titleOf(meta: AnyMeta, locale: string | null, data?: unknown): unknown {
  const matches = locale ? [{ id: "root", data: { locale } }] : [];
  const args = { data, matches, params: {}, location: { pathname: "/" }, error: undefined };
  return (meta as (a: typeof args) => MetaDescriptor[])(args)?.find((d) => "title" in d)?.["title" as never];
}

describe("page titles", () => {
  const trail = { trail: { title: "Regiovisie Jeugd", reference: "H10-V-2024" } };

  it("follow the user's language, English when chosen", () => {
    expect(titleOf(overviewMeta, "en")).toBe("Overview · H10 Decision-making");
    expect(titleOf(trailsMeta, "en")).toBe("Trails · H10 Decision-making");
    expect(titleOf(usersMeta, "en")).toBe("Users · Administration · H10 Decision-making");
    expect(titleOf(signInMeta, "en")).toBe("Sign in · H10 Decision-making");
    expect(titleOf(trailMeta, "en", trail)).toBe("Regiovisie Jeugd · H10 Decision-making");
    expect(titleOf(financesMeta, "en", trail)).toBe("Financial consequences · Regiovisie Jeugd · H10 Decision-making");
    expect(titleOf(briefMeta, "en", trail)).toBe("Status brief H10-V-2024 · H10 Decision-making");
    expect(titleOf(editMeta, "en", { title: "Startfoto" })).toBe("Edit Startfoto · H10 Decision-making");
    // Without data (an error page) a translated word stands in for the trail's title.
    expect(titleOf(financesMeta, "en")).toBe("Financial consequences · Trail · H10 Decision-making");
    expect(titleOf(rootMeta, null, { locale: "en" })).toBe("H10 Decision-making");
  });

  it("are Dutch by default", () => {
    expect(titleOf(overviewMeta, "nl")).toBe("Overzicht · H10 Besluitvorming");
    expect(titleOf(overviewMeta, null)).toBe("Overzicht · H10 Besluitvorming");
    expect(titleOf(editMeta, "nl", { title: "Startfoto" })).toBe("Startfoto bewerken · H10 Besluitvorming");
    expect(titleOf(rootMeta, null, { locale: "nl" })).toBe("H10 Besluitvorming");
  });

  it("are never hard-coded in a route: every route's meta takes its title from the locale files", () => {
    const dir = path.join(process.cwd(), "app/routes");
    const routes = readdirSync(dir).filter((f) => f.endsWith(".tsx") && !f.includes(".test."));
    const offenders = routes.filter((file) => {
      const source = readFileSync(path.join(dir, file), "utf8");
      const metaExport = /export const meta\b[^;]*;/s.exec(source)?.[0] ?? "";
      return (
        source.includes("H10 Besluitvorming") ||
        /title:\s*["`]/.test(metaExport) ||
        (metaExport !== "" && !metaExport.includes("pageTitle"))
      );
    });
    expect(routes.length).toBeGreaterThan(25);
    expect(offenders).toEqual([]);
  });
});
