import { describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { clientFor, formPost, get, outcome } from "../../test/factories/request";
import { action as financeAction, loader as financeLoader } from "./trajecten.$trailId_.financien";
import { action as keysAction, loader as keysLoader } from "./verdeelsleutels";

const seededTrail = () => prisma.trail.findUniqueOrThrow({ where: { reference: "H10-GR-2024" } });

describe("the trail's amounts page", () => {
  it("shows a clerk the amounts and their own share, and refuses their posts", async () => {
    const trail = await seededTrail();
    const clerk = await clientFor("griffier.rijswijk@h10.example");
    const page = await outcome(() =>
      financeLoader({
        request: get(clerk, `/trajecten/${trail.id}/financien`),
        params: { trailId: trail.id },
        context: {},
      }),
    );
    expect(page.status).toBe(200);
    const body = page.body as {
      mayEdit: boolean;
      ownMunicipality: { name: string };
      items: { allocation: { ok: boolean } }[];
    };
    expect(body.mayEdit).toBe(false);
    expect(body.ownMunicipality.name).toBe("Rijswijk");
    expect(body.items[0]!.allocation.ok).toBe(true);
    const before = await prisma.financialItem.count();
    const post = await outcome(() =>
      financeAction({
        request: formPost(clerk, `/trajecten/${trail.id}/financien`, {
          intent: "add",
          label: "X",
          kind: "ONE_OFF",
          year: "2024",
          amount: "1",
        }),
        params: { trailId: trail.id },
        context: {},
      }),
    );
    expect(post.status).toBe(403);
    expect(await prisma.financialItem.count()).toBe(before);
  });

  it("lets the secretary add an amount and refuses bad input in Dutch, writing nothing", async () => {
    const trail = await seededTrail();
    const secretary = await clientFor("secretaris@h10.example");
    const before = await prisma.financialItem.count();
    const post = (fields: Record<string, string>, trailId = trail.id) =>
      outcome(() =>
        financeAction({
          request: formPost(secretary, `/trajecten/${trailId}/financien`, fields),
          params: { trailId },
          context: {},
        }),
      );
    const refused: Record<string, string>[] = [
      { intent: "add", label: "", kind: "YEARLY", year: "2024", amount: "1.000" },
      { intent: "add", label: "Kosten", kind: "SOMETIMES", year: "2024", amount: "1.000" },
      { intent: "add", label: "Kosten", kind: "YEARLY", year: "24", amount: "1.000" },
      { intent: "add", label: "Kosten", kind: "YEARLY", year: "2024", amount: "zeven miljoen" },
      { intent: "add", label: "Kosten", kind: "YEARLY", year: "2024", amount: "1".repeat(20) },
      { intent: "add", label: "Kosten", kind: "YEARLY", year: "2024", amount: "1.000", keyId: "bestaat-niet" },
      { intent: "remove", itemId: "" },
    ];
    for (const fields of refused) {
      const result = await post(fields);
      expect(result.status, JSON.stringify(fields)).toBe(400);
    }
    const invalid = (await post({ intent: "add", label: "Kosten", kind: "YEARLY", year: "2024", amount: "veel" }))
      .body as { result: { error: Record<string, string[]> } };
    expect(invalid.result.error.amount).toEqual(["validation.amountInvalid"]);
    expect((await post({ intent: "remove", itemId: "bestaat-niet" })).status).toBe(404);
    expect(
      (await post({ intent: "add", label: "Kosten", kind: "YEARLY", year: "2024", amount: "1" }, "bestaat-niet"))
        .status,
    ).toBe(404);
    expect(await prisma.financialItem.count()).toBe(before);

    const key = await prisma.allocationKey.findUniqueOrThrow({ where: { name: "Gelijke delen" } });
    const ok = await post({
      intent: "add",
      label: "Regionale communicatie",
      kind: "ONE_OFF",
      year: "2024",
      amount: "90.000",
      keyId: key.id,
    });
    expect(ok.status).toBe(200);
    const item = await prisma.financialItem.findFirstOrThrow({ where: { label: "Regionale communicatie" } });
    expect(item.amountCents).toBe(9_000_000n);
    expect((await post({ intent: "remove", itemId: item.id })).status).toBe(200);
    expect(await prisma.financialItem.count()).toBe(before);
  });
});

describe("the allocation keys page", () => {
  it("is readable by everyone signed in, and writable by secretaries and administrators only", async () => {
    const clerk = await clientFor("griffier.delft@h10.example");
    const page = await outcome(() => keysLoader({ request: get(clerk, "/verdeelsleutels"), params: {}, context: {} }));
    expect(page.status).toBe(200);
    expect((page.body as { mayManage: boolean }).mayManage).toBe(false);
    const post = await outcome(() =>
      keysAction({
        request: formPost(clerk, "/verdeelsleutels", { intent: "save", name: "Eigen", method: "EQUAL" }),
        params: {},
        context: {},
      }),
    );
    expect(post.status).toBe(403);
    const nobody = await clientFor();
    const anonymous = await outcome(() =>
      keysLoader({ request: get(nobody, "/verdeelsleutels"), params: {}, context: {} }),
    );
    expect(anonymous.status).toBe(302);
  });

  it("saves a percentage table that adds up to 100 and refuses one that does not", async () => {
    const admin = await clientFor("beheer@h10.example");
    const municipalities = await prisma.municipality.findMany({ orderBy: { name: "asc" } });
    const entries = (value: (i: number) => string) =>
      Object.fromEntries(
        municipalities.flatMap((m, i) => [
          [`entries[${i}].municipalityId`, m.id],
          [`entries[${i}].value`, value(i)],
        ]),
      );
    const save = (fields: Record<string, string>) =>
      outcome(() => keysAction({ request: formPost(admin, "/verdeelsleutels", fields), params: {}, context: {} }));
    const before = await prisma.allocationKey.count();
    const refused = await save({
      intent: "save",
      name: "Vaste verdeling 2025",
      method: "PERCENTAGES",
      ...entries(() => "9,99"),
    });
    expect(refused.status).toBe(400);
    expect((refused.body as { result: { error: Record<string, string[]> } }).result.error[""]).toEqual([
      "finance.errors.percentages_not_hundred",
    ]);
    const badEntry = await save({
      intent: "save",
      name: "Vaste verdeling 2025",
      method: "PERCENTAGES",
      ...entries((i) => (i === 3 ? "tien" : "10")),
    });
    expect((badEntry.body as { result: { error: Record<string, string[]> } }).result.error["entries[3].value"]).toEqual(
      ["finance.errors.entry_invalid"],
    );
    expect((await save({ intent: "save", name: "", method: "EQUAL" })).status).toBe(400);
    expect((await save({ intent: "save", name: "Gelijke delen", method: "EQUAL" })).status).toBe(400);
    expect(await prisma.allocationKey.count()).toBe(before);

    const saved = await save({
      intent: "save",
      name: "Vaste verdeling 2025",
      method: "PERCENTAGES",
      ...entries((i) => (i === 0 ? "10,5" : i === 1 ? "9,5" : "10")),
    });
    expect(saved.status).toBe(200);
    const key = await prisma.allocationKey.findUniqueOrThrow({
      where: { name: "Vaste verdeling 2025" },
      include: { entries: true },
    });
    expect(key.entries.map((e) => e.value).sort()).toEqual(
      [9_500_000n, 10_500_000n, ...Array(8).fill(10_000_000n)].sort(),
    );
    expect((await save({ intent: "delete", id: key.id, confirm: "on" })).status).toBe(200);
    expect(await prisma.allocationKey.count()).toBe(before);
  });
});
