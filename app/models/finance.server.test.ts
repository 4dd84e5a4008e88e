import { beforeAll, describe, expect, it } from "vitest";
import { countQueries, prisma } from "~/utils/db.server";
import type { Actor } from "~/utils/permissions";
import { wholeTableReads } from "../../test/factories/query-plan";
import { createTrail, demoActors } from "../../test/factories/trail";
import { sharesOf } from "~/utils/finance-text";
import {
  addFinancialItem,
  deleteAllocationKey,
  listAllocationKeys,
  removeFinancialItem,
  saveAllocationKey,
  trailFinances,
} from "./finance.server";

let actors: (local: string) => Actor;
let ids: Record<string, string>;
beforeAll(async () => {
  actors = await demoActors();
  ids = Object.fromEntries((await prisma.municipality.findMany()).map((m) => [m.slug, m.id]));
});

describe("the seeded financial consequences", () => {
  it("share the service bureau's EUR 3,091,150 among the nine by 2022's inhabitants, to the cent", async () => {
    const trail = await prisma.trail.findUniqueOrThrow({ where: { reference: "H10-GR-2024" } });
    const { items, participants } = await trailFinances(trail.id);
    expect(participants).toHaveLength(9);
    expect(items).toHaveLength(1);
    const [item] = items;
    expect(item).toMatchObject({
      kind: "YEARLY",
      year: 2023,
      cents: 309_115_000,
      key: { name: "Inwoners vorig jaar", method: "INHABITANTS" },
    });
    if (!item!.allocation?.ok) throw new Error("not allocated");
    expect(item!.allocation.inhabitantsYear).toBe(2022);
    expect(item!.allocation.shares.reduce((sum, s) => sum + s.cents, 0)).toBe(309_115_000);
    const rijswijk = item!.allocation.shares.find((s) => s.municipality === "Rijswijk")!;
    expect(rijswijk.basis).toBe("56941");
    // 3,091,150 × 56,941 / (1,157,459 − Voorschoten's 25,627) = 155,511.747…, rounded up by the largest remainder
    expect(rijswijk.cents).toBe(15_551_175);
    expect(sharesOf(items, ids.rijswijk!)).toEqual([{ item, cents: 15_551_175 }]);
    expect(sharesOf(items, ids.voorschoten!)).toEqual([]);
  });
});

describe("keys", () => {
  it("keeps a percentage table only when it adds up to exactly 100 %, and records it", async () => {
    const name = `Aandeel zorgkosten ${Math.random()}`;
    const entries = Object.values(ids).map((municipalityId, i) => ({
      municipalityId,
      value: i === 0 ? "10,000001" : "10",
    }));
    const refused = await saveAllocationKey(
      { name, method: "PERCENTAGES", inhabitantsYear: null, description: "", entries },
      actors("secretaris"),
    );
    expect(refused).toEqual({ ok: false, code: "percentages_not_hundred" });
    expect(await prisma.allocationKey.count({ where: { name } })).toBe(0);

    const bad = await saveAllocationKey(
      {
        name,
        method: "PERCENTAGES",
        inhabitantsYear: null,
        description: "",
        entries: [{ municipalityId: ids.delft!, value: "tien" }],
      },
      actors("secretaris"),
    );
    expect(bad).toEqual({ ok: false, code: "entry_invalid", municipalityId: ids.delft });

    const ok = await saveAllocationKey(
      {
        name,
        method: "PERCENTAGES",
        inhabitantsYear: null,
        description: "",
        entries: entries.map((e) => ({ ...e, value: "10" })),
      },
      actors("secretaris"),
    );
    expect(ok.ok).toBe(true);
    const listed = (await listAllocationKeys()).find((k) => k.name === name)!;
    expect(listed.entries.map((e) => e.value)).toEqual(Array(10).fill("10"));
    const event = await prisma.event.findFirst({
      where: { type: "allocation_key.created" },
      orderBy: { sequence: "desc" },
    });
    expect(event?.payload).toContain(name);

    const clash = await saveAllocationKey(
      { name: "Gelijke delen", method: "EQUAL", inhabitantsYear: null, description: "", entries: [] },
      actors("secretaris"),
    );
    expect(clash).toEqual({ ok: false, code: "key_name_taken" });
  });

  it("will not delete a key an amount uses", async () => {
    const key = await prisma.allocationKey.findUniqueOrThrow({ where: { name: "Inwoners vorig jaar" } });
    const refused = await countQueries(() => deleteAllocationKey(key.id, actors("secretaris")));
    expect(refused.result).toEqual({ ok: false, code: "key_in_use" });
    // Whether an amount uses the key is read along FinancialItem(keyId), not from every trail's amounts.
    expect(await wholeTableReads(refused)).toEqual([]);
  });

  it("counts the amounts each key shares, from those keys' amounts only", async () => {
    const trail = await createTrail("PROCUREMENT", [ids.delft!, ids.westland!]);
    const keys = await prisma.allocationKey.findMany({ select: { id: true, name: true } });
    const before = new Map((await listAllocationKeys()).map((k) => [k.id, k.usedBy]));
    const used = keys[0]!;
    for (const year of [2025, 2026])
      expect(
        await addFinancialItem(
          trail.id,
          { label: "Kosten TWO", kind: "YEARLY", year, amount: "1.000", keyId: used.id },
          actors("secretaris"),
        ),
      ).toMatchObject({ ok: true });
    const listed = await countQueries(() => listAllocationKeys());
    expect(listed.result.map((k) => [k.id, k.usedBy])).toEqual(
      listed.result.map((k) => [k.id, (before.get(k.id) ?? 0) + (k.id === used.id ? 2 : 0)]),
    );
    // The key in use shows it; a key no amount uses says 0.
    expect(listed.result.find((k) => k.id === used.id)!.usedBy).toBeGreaterThanOrEqual(2);
    expect(await wholeTableReads(listed)).toEqual([]);
  });
});

describe("amounts on a trail", () => {
  it("adds and removes amounts, pm included, with a usage key, and keeps them in the audit trail", async () => {
    const trail = await createTrail("PROCUREMENT", [ids.rijswijk!, ids.delft!, ids.westland!]);
    const key = await saveAllocationKey(
      {
        name: `Realisatie zorg in natura ${Math.random()}`,
        method: "USAGE",
        inhabitantsYear: null,
        description: "",
        entries: [
          { municipalityId: ids.rijswijk!, value: "1.000.000" },
          { municipalityId: ids.delft!, value: "2.000.000" },
          { municipalityId: ids.westland!, value: "1.000.000" },
        ],
      },
      actors("secretaris"),
    );
    if (!key.ok) throw new Error(key.code);
    const added = await addFinancialItem(
      trail.id,
      { label: "Kosten TWO", kind: "YEARLY", year: 2021, amount: "2.319.148", keyId: key.id },
      actors("secretaris"),
    );
    const pm = await addFinancialItem(
      trail.id,
      { label: "Kosten ICT", kind: "ONE_OFF", year: 2022, amount: "pm", keyId: null },
      actors("secretaris"),
    );
    expect(added.ok && pm.ok).toBe(true);
    expect(
      await addFinancialItem(
        trail.id,
        { label: "X", kind: "ONE_OFF", year: 2022, amount: "zeven miljoen", keyId: null },
        actors("secretaris"),
      ),
    ).toEqual({ ok: false, code: "amount_invalid" });
    expect(
      await addFinancialItem(
        trail.id,
        { label: "X", kind: "ONE_OFF", year: 2022, amount: "1", keyId: "nope" },
        actors("secretaris"),
      ),
    ).toEqual({ ok: false, code: "key_not_found" });

    const { items } = await trailFinances(trail.id);
    expect(items.map((i) => [i.label, i.cents])).toEqual([
      ["Kosten ICT", null],
      ["Kosten TWO", 231_914_800],
    ]);
    const two = items[1]!;
    if (!two.allocation?.ok) throw new Error("not allocated");
    expect(Object.fromEntries(two.allocation.shares.map((s) => [s.municipality, s.cents]))).toEqual({
      Delft: 115_957_400,
      Rijswijk: 57_978_700,
      Westland: 57_978_700,
    });
    expect(items[0]!.allocation).toBeNull();

    if (!pm.ok) throw new Error();
    expect(await removeFinancialItem(trail.id, pm.id, actors("secretaris"))).toEqual({ ok: true });
    expect(await removeFinancialItem(trail.id, pm.id, actors("secretaris"))).toEqual({
      ok: false,
      code: "item_not_found",
    });
    const types = (await prisma.event.findMany({ where: { trailId: trail.id }, select: { type: true } })).map(
      (e) => e.type,
    );
    expect(types.filter((t) => t.startsWith("finance."))).toEqual([
      "finance.item_added",
      "finance.item_added",
      "finance.item_removed",
    ]);
  });

  it("says whose inhabitants are missing instead of guessing", async () => {
    const trail = await createTrail("PROCUREMENT", [ids.rijswijk!, ids.delft!]);
    const key = await prisma.allocationKey.findUniqueOrThrow({ where: { name: "Inwoners vorig jaar" } });
    await addFinancialItem(
      trail.id,
      { label: "Kostenstijging jeugdzorg", kind: "YEARLY", year: 2021, amount: "7.000.000", keyId: key.id },
      actors("secretaris"),
    );
    const { items } = await trailFinances(trail.id);
    expect(items[0]!.allocation).toEqual({
      ok: false,
      code: "inhabitants_missing",
      municipalities: ["Delft", "Rijswijk"],
      inhabitantsYear: 2020,
    });
  });
});
