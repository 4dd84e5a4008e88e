import { describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { clientFor, formPost, get, outcome } from "../../test/factories/request";
import { action as settingsAction, loader as settingsLoader } from "./instellingen";

const post = (clerk: Awaited<ReturnType<typeof clientFor>>, fields: Record<string, string>) =>
  outcome(() =>
    settingsAction({
      request: formPost(clerk, "/instellingen", { intent: "mail", ...fields }),
      params: {},
      context: {},
    }),
  );

describe("e-mail settings on /instellingen", () => {
  it("shows each category at once by default, and stores a choice per category", async () => {
    const clerk = await clientFor("griffier.zoetermeer@h10.example");
    const before = await settingsLoader({ request: get(clerk, "/instellingen"), params: {}, context: {} });
    expect(before.mail).toEqual({
      trails: "IMMEDIATE",
      positions: "IMMEDIATE",
      documents: "IMMEDIATE",
      reminders: "IMMEDIATE",
    });
    const saved = await post(clerk, { trails: "DAILY", positions: "OFF", documents: "WEEKLY", reminders: "DAILY" });
    expect(saved).toMatchObject({ status: 200, body: { mailSaved: true } });
    const after = await settingsLoader({ request: get(clerk, "/instellingen"), params: {}, context: {} });
    expect(after.mail).toEqual({ trails: "DAILY", positions: "OFF", documents: "WEEKLY", reminders: "DAILY" });
  });

  it("refuses reminders switched off, or an unknown choice, with a clear error, and writes nothing", async () => {
    const clerk = await clientFor("griffier.voorschoten@h10.example");
    const userId = clerk.userId!;
    for (const [fields, error] of [
      [{ trails: "OFF", positions: "OFF", documents: "OFF", reminders: "OFF" }, "validation.remindersRequired"],
      [{ trails: "HOURLY", positions: "OFF", documents: "OFF", reminders: "DAILY" }, "validation.mailFrequencyInvalid"],
      [{ trails: "OFF", positions: "OFF", documents: "OFF" }, "validation.remindersRequired"],
    ] as const) {
      const refused = await post(clerk, fields);
      expect(refused).toMatchObject({ status: 400, body: { mailError: error } });
    }
    expect(await prisma.mailPreference.count({ where: { userId } })).toBe(0);
  });
});
