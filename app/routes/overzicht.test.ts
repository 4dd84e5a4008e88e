import { describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { clientFor, get, outcome } from "../../test/factories/request";
import { createTrail } from "../../test/factories/trail";
import { loader } from "./overzicht";

describe("the overview page", () => {
  it("pages the region's open trails fifty at a time, keeping the filter", async () => {
    const delft = await prisma.municipality.findUniqueOrThrow({ where: { slug: "delft" } });
    // Other test files in this worker may have added vision trails to its database: count on from there.
    const total = (await prisma.trail.count({ where: { kind: "VISION", closedAt: null } })) + 55;
    const pages = Math.ceil(total / 50);
    for (let i = 0; i < 55; i++) await createTrail("VISION", [delft.id]);
    const alderman = await clientFor("wethouder.delft@h10.example");
    const load = (query: string) =>
      outcome(() => loader({ request: get(alderman, `/overzicht${query}`), params: {}, context: {} })).then(
        (r) => r.body as { overview: unknown[]; total: number; page: number; pages: number; filter: { kind?: string } },
      );
    const first = await load("?kind=VISION");
    expect(first.total).toBe(total);
    expect(first.overview).toHaveLength(50);
    expect(first.pages).toBe(pages);
    const last = await load(`?kind=VISION&page=${pages}`);
    expect(last).toMatchObject({ page: pages, filter: { kind: "VISION" } });
    expect(last.overview).toHaveLength(total - 50 * (pages - 1));
    // A page past the end shows the last page; a malformed one the first.
    expect((await load("?kind=VISION&page=99")).page).toBe(pages);
    expect((await load("?kind=VISION&page=twee")).page).toBe(1);
  });
});
