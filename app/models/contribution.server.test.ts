import { beforeAll, describe, expect, it } from "vitest";
import { createDocument } from "~/models/document.server";
import { councilLetters } from "~/models/letters.server";
import { sendTrailEvent } from "~/models/trail-workflow.server";
import { renderLetterPdf } from "~/render/pdf/letter.server";
import { prisma } from "~/utils/db.server";
import type { Actor } from "~/utils/permissions";
import { createTrail, demoActors, seededBudgetCycle } from "../../test/factories/trail";
import { readPdf } from "../../test/pdf/read-pdf";
import { budgetContributions, contributionHistory } from "./contribution.server";
import { addFinancialItem } from "./finance.server";

let actors: (local: string) => Actor;
let seeded: { id: string; participants: { municipalityId: string }[] };
let keyId: string;

beforeAll(async () => {
  actors = await demoActors();
  ({ cycle: seeded, keyId } = await seededBudgetCycle());
});

/** A planned budget cycle of the seeded cycle's councils, for the budget year after `abYear`. */
async function plannedCycle(abYear: number) {
  const trail = await createTrail(
    "BUDGET_CYCLE",
    seeded.participants.map((p) => p.municipalityId),
    { startedOn: `${abYear}-01-08` },
  );
  const { revision } = await prisma.trail.findUniqueOrThrow({ where: { id: trail.id }, select: { revision: true } });
  const planned = await sendTrailEvent(
    {
      trailId: trail.id,
      expectedRevision: revision,
      type: "CYCLE_PLANNED",
      fields: { abMeetingOn: `${abYear}-07-06` },
    },
    actors("secretaris"),
  );
  if (!planned.ok) throw new Error(planned.code);
  return trail;
}

describe("each council's contribution to the budget", () => {
  it("shares the seeded budget 2025 by the key to the cent and sets it against the 2024 amounts on the trail", async () => {
    const result = (await budgetContributions(seeded.id))!;
    expect(result.budgetYear).toBe(2025);
    expect(result.previous).toEqual({ source: "entered" });
    expect(result.rows).toHaveLength(9);
    expect(result.rows.reduce((sum, r) => sum + r.cents!, 0)).toBe(321_479_600);
    expect(result.rows.reduce((sum, r) => sum + r.previousCents!, 0)).toBe(309_115_000);
    expect(result.total).toEqual({
      cents: 321_479_600,
      previousCents: 309_115_000,
      diffCents: 12_364_600,
      percentTenths: 40,
    });
    for (const row of result.rows) {
      expect(row.diffCents).toBe(row.cents! - row.previousCents!);
      // The total rose 4 % and the key did not change, so every council's contribution rose 4.0 %.
      expect(row.percentTenths, row.municipality).toBe(40);
    }
    // 3,091,150 × 56,941 / 1,131,832 inhabitants of the nine, as the GR amendment trail shares it for 2023.
    expect(result.rows.find((r) => r.municipality === "Rijswijk")?.previousCents).toBe(15_551_175);
    // 3,214,796 × 125,767 / 1,131,832 = 357,221.96274…
    expect(result.rows.find((r) => r.municipality === "Zoetermeer")).toMatchObject({ cents: 35_722_196 });
  });

  it("has nothing for another kind of trail or a cycle without amounts, and says pm while an amount cannot be shared", async () => {
    const gr = await prisma.trail.findUniqueOrThrow({ where: { reference: "H10-GR-2024" } });
    expect(await budgetContributions(gr.id)).toBeNull();
    const cycle = await plannedCycle(2021);
    expect(await budgetContributions(cycle.id)).toBeNull();
    await addFinancialItem(
      cycle.id,
      { label: "Bijdrage 2022", kind: "YEARLY", year: 2022, amount: "pm", keyId },
      actors("secretaris"),
    );
    const result = (await budgetContributions(cycle.id))!;
    expect(result.previous).toBeNull();
    expect(result.rows.every((r) => r.cents === null && r.diffCents === null && r.percentTenths === null)).toBe(true);
  });

  it("writes each council's own contribution into its letter", async () => {
    const created = await createDocument(
      { trailId: seeded.id, kind: "RAADSINFORMATIEBRIEF", title: "Ontwerpbegroting 2025" },
      actors("secretaris"),
    );
    if (!created.ok) throw new Error(created.code);
    const set = (await councilLetters(created.documentId))!;
    const zoetermeer = set.letters.find((l) => l.municipality === "Zoetermeer")!;
    const own = (await budgetContributions(seeded.id))!.rows.find((r) => r.municipality === "Zoetermeer")!;
    expect(own.previousCents).toBe(34_348_266);
    const sentence = "Uw bijdrage voor 2025 is € 357.221,96 (2024: € 343.482,66, +4,0 %).";
    expect(zoetermeer.contribution?.replace(/\s/g, " ")).toBe(sentence);
    const text = (await readPdf(await renderLetterPdf(set, zoetermeer))).text.replace(/\s+/g, " ");
    expect(text).toContain(sentence);
    // No other council's sentence is in Zoetermeer's letter.
    const delft = set.letters.find((l) => l.municipality === "Delft")!;
    expect(delft.contribution).toMatch(/^Uw bijdrage voor 2025 is €\s[\d.]+,\d\d \(2024: €\s[\d.]+,\d\d, \+4,0 %\)\.$/);
    expect(text).not.toContain(delft.contribution!.replace(/\s/g, " "));
  });

  // Last: the cycle it plans stays, and the tests before read the seeded cycle without it.
  it("takes last year's contributions from the previous budget cycle when the app holds one", async () => {
    const before = await plannedCycle(2023);
    const added = await addFinancialItem(
      before.id,
      { label: "Bijdrage gemeenten begroting 2024", kind: "YEARLY", year: 2024, amount: "3.000.000", keyId },
      actors("secretaris"),
    );
    expect(added.ok).toBe(true);
    const result = (await budgetContributions(seeded.id))!;
    expect(result.previous).toEqual({ source: "previousTrail", reference: before.reference, trailId: before.id });
    expect(result.total).toMatchObject({ previousCents: 300_000_000, diffCents: 21_479_600, percentTenths: 72 });
    expect(result.rows.reduce((sum, r) => sum + r.previousCents!, 0)).toBe(300_000_000);
    // Over the years: 2022 from the test before's cycle, its amount still "pm"; 2024 from that cycle; 2025 this one.
    const history = (await contributionHistory(seeded.id))!;
    expect(history.years).toEqual([2022, 2024, 2025]);
    expect(history.councils.every((c) => c.cents[0] === null)).toBe(true);
    const total = (i: number) => history.councils.reduce((sum, c) => sum + c.cents[i]!, 0);
    expect([total(1), total(2)]).toEqual([300_000_000, 321_479_600]);
  });
});
