import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import type { Actor } from "~/utils/permissions";
import { importInhabitants, previewInhabitantImport } from "./inhabitant-import.server";

const SAMPLE = readFileSync(new URL("../../test/fixtures/cbs-bevolking-2024.csv", import.meta.url), "utf8");

async function adminActor(): Promise<Actor> {
  const admin = await prisma.user.findUniqueOrThrow({ where: { email: "beheer@h10.example" } });
  return { id: admin.id, role: admin.role, municipalityId: null, name: admin.name };
}

const figures2024 = () =>
  prisma.inhabitantCount.findMany({ where: { year: 2024 }, orderBy: { municipalityId: "asc" } });

describe("importing inhabitant figures from a CBS CSV", () => {
  it("previews the sample: every H10 municipality with its current and new figure, Leiden skipped by name and code", async () => {
    const delft = await prisma.municipality.findUniqueOrThrow({ where: { slug: "delft" } });
    await prisma.inhabitantCount.create({ data: { municipalityId: delft.id, year: 2024, count: 105_000 } });
    const preview = await previewInhabitantImport(SAMPLE);
    expect(preview.errors).toEqual([]);
    expect(preview.skipped).toEqual([{ line: 5, region: "Leiden", code: "GM0546" }]);
    expect(preview.missing).toEqual([]);
    expect(preview.rows).toHaveLength(10);
    expect(preview.rows[0]).toMatchObject({ municipality: "Delft", year: 2024, oldCount: 105_000, newCount: 105_296 });
    expect(preview.rows.find((r) => r.municipality === "Den Haag")).toMatchObject({
      oldCount: null,
      newCount: 566_221,
    });
    await prisma.inhabitantCount.deleteMany({ where: { year: 2024 } });
  });

  it("writes every figure in one transaction with one audit event", async () => {
    const events = await prisma.event.count();
    const result = await importInhabitants(SAMPLE, "CBS StatLine", await adminActor());
    expect(result).toMatchObject({ ok: true, written: 10 });
    const written = await figures2024();
    expect(written).toHaveLength(10);
    expect(written.every((f) => f.source === "CBS StatLine")).toBe(true);
    expect(await prisma.event.count()).toBe(events + 1);
    const event = await prisma.event.findFirstOrThrow({ orderBy: { sequence: "desc" } });
    expect(event.type).toBe("inhabitants.imported");
    const payload = JSON.parse(event.payload) as { figures: { count: number; previousCount: number | null }[] };
    expect(payload.figures).toHaveLength(10);
    expect(payload.figures.map((f) => f.count)).toContain(566_221);

    // Imported again with a corrected figure: the previous one is in the event.
    const corrected = SAMPLE.replace('"105.296"', '"105.297"');
    expect(await importInhabitants(corrected, "CBS StatLine", await adminActor())).toMatchObject({ ok: true });
    const again = JSON.parse((await prisma.event.findFirstOrThrow({ orderBy: { sequence: "desc" } })).payload) as {
      figures: { count: number; previousCount: number | null }[];
    };
    expect(again.figures.find((f) => f.count === 105_297)?.previousCount).toBe(105_296);
  });

  it("writes nothing when any line is wrong", async () => {
    const before = await figures2024();
    const events = await prisma.event.count();
    const broken = SAMPLE.replace('"Zoetermeer";"GM0637";"2024";"127.643"', '"Zoetermeer";"GM0637";"2024";"127,643"');
    const result = await importInhabitants(broken.replace(/"10[0-9.]+"/, '"1"'), "CBS", await adminActor());
    expect(result.ok).toBe(false);
    expect(result.preview.errors).toEqual([{ line: 13, problem: "count_invalid", value: "127,643" }]);
    expect(await figures2024()).toEqual(before);
    expect(await prisma.event.count()).toBe(events);
  });

  it("finds a municipality by its CBS name, and refuses one named twice for a year", async () => {
    const text = [
      `"Regio's";"Perioden";"Bevolking op 1 januari (aantal)"`,
      `"'s-Gravenhage";"2023";"559.539"`,
      `"Delft (gemeente)";"2023";"104.575"`,
      `"Amsterdam";"2023";"918.117"`,
      `"Den Haag";"2023";"559.540"`,
    ].join("\n");
    const preview = await previewInhabitantImport(text);
    expect(preview.rows.map((r) => [r.municipality, r.newCount])).toEqual([
      ["Den Haag", 559_539],
      ["Delft", 104_575],
    ]);
    expect(preview.skipped).toEqual([{ line: 4, region: "Amsterdam" }]);
    expect(preview.errors).toEqual([{ line: 5, problem: "duplicate_municipality", value: "2" }]);
    expect(preview.missing[0]).toMatchObject({ year: 2023 });
    expect(preview.missing[0]!.municipalities).toHaveLength(8);
    expect((await importInhabitants(text, null, await adminActor())).ok).toBe(false);
    expect(await prisma.inhabitantCount.count({ where: { year: 2023 } })).toBe(0);
  });

  it("refuses a file with nothing of the region", async () => {
    const text = `"Regio's";"Perioden";"Bevolking op 1 januari (aantal)"\n"Amsterdam";"2023";"918.117"`;
    expect((await previewInhabitantImport(text)).errors).toEqual([{ line: 1, problem: "no_rows" }]);
  });
});
