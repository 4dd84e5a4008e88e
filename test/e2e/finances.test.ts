import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { baseUrl, browserForFile, expectAccessible, newPage, signedIn } from "./helpers";

const browser = browserForFile();

const TEN = [
  "Delft",
  "Den Haag",
  "Leidschendam-Voorburg",
  "Midden-Delfland",
  "Pijnacker-Nootdorp",
  "Rijswijk",
  "Voorschoten",
  "Wassenaar",
  "Westland",
  "Zoetermeer",
];
const slug = (name: string) => name.toLowerCase().replace(/ /g, "-");
const LABEL = "Kostenstijging jeugdzorg bij gelijk zorgvolume";

/** The vision trail of 2017, in which all ten municipalities took part. */
async function openVisionTrail(page: Page) {
  await page.waitForURL((url) => !url.pathname.startsWith("/inloggen"));
  await page.goto(`${baseUrl()}/trajecten`);
  await page
    .getByRole("row", { name: /H10-VISIE-2017/ })
    .getByRole("link")
    .click();
  await page.getByRole("heading", { level: 2, name: "Financiële gevolgen" }).waitFor();
}

describe("money in the browser", () => {
  it(
    "a secretary enters a regional amount; the clerk of each of the ten municipalities sees their own share",
    { timeout: 240_000 },
    async () => {
      const { page, errors } = await newPage(browser());
      await signedIn(page, "secretaris@h10.example");
      await openVisionTrail(page);
      await page.getByRole("link", { name: "Bedragen beheren" }).click();
      await page.getByRole("heading", { level: 1, name: "Financiële gevolgen" }).waitFor();
      await expectAccessible(page);

      // A wrong amount is refused in Dutch, at the field, and nothing is added.
      await page.getByLabel("Omschrijving").fill(LABEL);
      await page.getByLabel("Soort").selectOption({ label: "per jaar" });
      await page.getByLabel("Jaar").fill("2023");
      await page.getByLabel("Bedrag", { exact: true }).fill("zeven miljoen");
      await page.getByLabel("Verdeelsleutel").selectOption({ label: "Inwoners vorig jaar" });
      await page.getByRole("button", { name: "Bedrag toevoegen" }).click();
      await page.getByText("Vul een bedrag in euro's in (bijvoorbeeld 7.000.000 of 329.000,50), of pm.").waitFor();
      expect(await page.getByLabel("Bedrag", { exact: true }).getAttribute("aria-invalid")).toBe("true");
      await expectAccessible(page);

      await page.getByLabel("Bedrag", { exact: true }).fill("7.000.000");
      await page.getByRole("button", { name: "Bedrag toevoegen" }).click();
      await page.getByRole("status").getByText("Het bedrag is toegevoegd.").waitFor();
      const table = page.getByRole("table", { name: new RegExp(`Verdeling van ${LABEL}`) });
      await table.waitFor();
      await expectAccessible(page);

      // Every municipality's share as the secretary sees it; together exactly EUR 7,000,000.
      const shares = new Map<string, string>();
      for (const name of TEN) {
        const cells = await table
          .getByRole("row", { name: new RegExp(`^${name} `) })
          .getByRole("cell")
          .allTextContents();
        shares.set(name, cells.at(-1)!.replace(/\s+/g, " "));
      }
      const cents = [...shares.values()].map((text) => Number(text.replace(/[^\d]/g, "")));
      expect(cents.reduce((a, b) => a + b, 0)).toBe(700_000_000);
      expect((await table.getByRole("row", { name: /^Totaal/ }).textContent())?.replace(/\s+/g, " ")).toContain(
        "€ 7.000.000,00",
      );
      // 2022's inhabitants: Den Haag 553,417 of 1,157,459 is EUR 3,346,916.82…, give or take the one cent of rounding.
      expect(Math.abs(Number(shares.get("Den Haag")!.replace(/[^\d]/g, "")) - 334_691_682.38)).toBeLessThan(1);
      await page.context().close();

      for (const name of TEN) {
        const clerk = await newPage(browser());
        await signedIn(clerk.page, `griffier.${slug(name)}@h10.example`);
        await openVisionTrail(clerk.page);
        const own = clerk.page.getByTestId("own-share");
        await expect.poll(() => own.textContent()).toContain(`Aandeel van ${name}`);
        const text = (await own.textContent())!.replace(/\s+/g, " ");
        expect(text, name).toContain(`${LABEL} (per jaar 2023): ${shares.get(name)}`);
        for (const [other, amount] of shares)
          if (other !== name && amount !== shares.get(name))
            expect(text, `${name} sees ${other}`).not.toContain(amount);
        expect(clerk.errors).toEqual([]);
        await clerk.page.context().close();
      }
      expect(errors).toEqual([]);
    },
  );
});
