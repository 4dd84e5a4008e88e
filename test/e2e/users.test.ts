import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { baseUrl, browserForFile, expectAccessible, hydrated, newPage, signedIn, signIn } from "./helpers";

const browser = browserForFile();

/**
 * The sample export with its year moved to 2019: the server is shared with other browser tests, whose
 * amounts are divided by the inhabitants of 2022 to 2024, and those must stay as seeded.
 */
const SAMPLE_2019 = readFileSync("test/fixtures/cbs-bevolking-2024.csv", "utf8").replaceAll('"2024"', '"2019"');

describe("user administration, in a real browser", () => {
  it(
    "an administrator gives a user a temporary password and a new role, the user must choose a password at sign-in; the administrator imports the CBS figures",
    { timeout: 180_000 },
    async () => {
      // wethouder.wassenaar is used by no other browser test; as a secretary it is told of nothing.
      const email = "wethouder.wassenaar@h10.example";
      const admin = await newPage(browser());
      await signedIn(admin.page, "beheer@h10.example");
      await admin.page.goto(`${baseUrl()}/beheer/gebruikers`);
      await hydrated(admin.page);
      await expectAccessible(admin.page);
      const row = admin.page.getByRole("row").filter({ hasText: email });
      await row.getByRole("button", { name: /Tijdelijk wachtwoord geven aan/ }).click();
      // The question first, naming the user and what happens; it takes the focus. Then the confirmation.
      const question = admin.page.getByTestId("confirm-step");
      await expect.poll(() => question.textContent(), { timeout: 30_000 }).toContain(email);
      expect(await question.evaluate((element) => element === document.activeElement)).toBe(true);
      await question.getByRole("button", { name: "Ja, tijdelijk wachtwoord geven" }).click();
      const shown = admin.page.getByTestId("temporary-password");
      // Hashing the new password takes the busy server a while.
      await shown.waitFor({ timeout: 30_000 });
      const temporary = (await shown.textContent())!.trim();
      expect(temporary.length).toBeGreaterThanOrEqual(15);

      await row.getByRole("link", { name: /bewerken$/ }).click();
      await admin.page.waitForURL(/\/beheer\/gebruikers\/[^/]+$/);
      await hydrated(admin.page);
      await expectAccessible(admin.page);
      await admin.page.getByLabel("Rol").selectOption({ label: "Beleidssecretaris" });
      await admin.page.getByLabel("Gemeente").selectOption({ label: "Geen (regionaal)" });
      await admin.page.getByRole("button", { name: "Wijzigingen opslaan" }).click();
      await expect
        .poll(() => admin.page.getByRole("status").textContent(), { timeout: 30_000 })
        .toContain("De rol of gemeente is gewijzigd: de gebruiker is uitgelogd.");

      // The user signs in with the temporary password and is made to choose a new one first.
      const user = await newPage(browser());
      await signIn(user.page, email, temporary);
      await user.page.waitForURL(`${baseUrl()}/instellingen/wachtwoord`);
      await user.page.getByText("U bent ingelogd met een tijdelijk wachtwoord.").waitFor({ timeout: 30_000 });
      await hydrated(user.page);
      await user.page.getByLabel("Huidig wachtwoord").fill(temporary);
      await user.page.getByLabel("Nieuw wachtwoord", { exact: true }).fill("Een eigen zin voor de secretaris");
      await user.page.getByLabel("Nieuw wachtwoord nog eens").fill("Een eigen zin voor de secretaris");
      await user.page.getByRole("button", { name: "Wachtwoord wijzigen" }).click();
      await user.page.waitForURL(/\/instellingen\?wachtwoord=gewijzigd$/);
      expect([...user.errors]).toEqual([]);
      await user.page.context().close();

      // The CBS import, in English: preview, then confirm.
      await admin.page.goto(`${baseUrl()}/beheer/inwoners?lng=en`);
      await hydrated(admin.page);
      await admin.page
        .getByLabel("CSV file from CBS StatLine")
        .setInputFiles({ name: "bevolking.csv", mimeType: "text/csv", buffer: Buffer.from(SAMPLE_2019) });
      await admin.page
        .getByRole("form", { name: "Import a CSV file" })
        .getByRole("button", { name: "Show preview" })
        .click();
      const preview = admin.page.getByRole("table", { name: "10 figures from the file" });
      await expect.poll(() => preview.getByRole("row").count(), { timeout: 30_000 }).toBe(11);
      expect(await admin.page.getByText("Skipped, not in the H10: Leiden (GM0546, line 5).").count()).toBe(1);
      await expectAccessible(admin.page);
      // The preview reads on a phone: the page does not scroll sideways (the table scrolls in its own region).
      for (const width of [390, 1366]) {
        await admin.page.setViewportSize({ width, height: 844 });
        expect(await admin.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      }
      await admin.page.getByRole("button", { name: "Save 10 figures" }).click();
      await expect
        .poll(() => admin.page.getByRole("status").textContent(), { timeout: 30_000 })
        .toContain("10 figures are saved and recorded in the audit trail.");
      // The year's column, once the page's data is read again after the save (the status can show before it, on a
      // busy machine), in whichever language the page came back in.
      await expect
        .poll(() => admin.page.getByRole("columnheader", { name: /\b2019\b/ }).count(), { timeout: 30_000 })
        .toBe(1);
      expect(admin.errors).toEqual([]);
      await admin.page.context().close();
    },
  );
});
