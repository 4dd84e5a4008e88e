import { describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { clientFor, get, outcome } from "../../test/factories/request";
import { createTrail } from "../../test/factories/trail";
import { loader } from "./overzicht";

describe("the overview page", () => {
  it("pages the region's open trails fifty at a time, keeping the filter", async () => {
    const delft = await prisma.municipality.findUniqueOrThrow({ where: { slug: "delft" } });
    for (let i = 0; i < 55; i++) await createTrail("VISION", [delft.id]);
    const alderman = await clientFor("wethouder.delft@h10.example");
    const load = (query: string) =>
      outcome(() => loader({ request: get(alderman, `/overzicht${query}`), params: {}, context: {} })).then(
        (r) => r.body as { overview: unknown[]; total: number; page: number; pages: number; filter: { kind?: string } },
      );
    const first = await load("?kind=VISION");
    expect(first.total).toBe(56);
    expect(first.overview).toHaveLength(50);
    expect(first.pages).toBe(2);
    const second = await load("?kind=VISION&page=2");
    expect(second).toMatchObject({ page: 2, filter: { kind: "VISION" } });
    expect(second.overview).toHaveLength(6);
    // A page past the end shows the last page; a malformed one the first.
    expect((await load("?kind=VISION&page=99")).page).toBe(2);
    expect((await load("?kind=VISION&page=twee")).page).toBe(1);
  });
});
