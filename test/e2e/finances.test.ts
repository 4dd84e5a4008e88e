import Database from "better-sqlite3";
import path from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { signInHttp } from "../ops/http-client";
import {
  baseUrl,
  browserForFile,
  demoPassword,
  e2eDataDir,
  expectAccessible,
  newPage,
  signedIn,
  navigateInApp,
} from "./helpers";

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
      const trailUrl = page.url();
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

      // One browser context, signed in as each clerk in turn (a context of its own costs Chromium a second).
      const clerk = await newPage(browser());
      for (const name of TEN) {
        await clerk.page.context().clearCookies();
        await signedIn(clerk.page, `griffier.${slug(name)}@h10.example`);
        await navigateInApp(clerk.page, trailUrl);
        const own = clerk.page.getByTestId("own-share");
        await expect.poll(() => own.textContent()).toContain(`Aandeel van ${name}`);
        const text = (await own.textContent())!.replace(/\s+/g, " ");
        expect(text, name).toContain(`${LABEL} (per jaar 2023): ${shares.get(name)}`);
        for (const [other, amount] of shares)
          if (other !== name && amount !== shares.get(name))
            expect(text, `${name} sees ${other}`).not.toContain(amount);
        expect(clerk.errors).toEqual([]);
      }
      await clerk.page.context().close();
      expect(errors).toEqual([]);
    },
  );
});

describe("a finance item form sent twice", () => {
  /** The procurement trail of 2018 (no other test counts its amounts). */
  function procurement() {
    const db = new Database(path.join(e2eDataDir(), "h10.db"), { readonly: true });
    const { id } = db.prepare("SELECT id FROM Trail WHERE reference = 'H10-INKOOP-2018'").get() as { id: string };
    db.close();
    return id;
  }
  function itemsLabelled(label: string): number {
    const db = new Database(path.join(e2eDataDir(), "h10.db"), { readonly: true });
    const { n } = db.prepare("SELECT COUNT(*) AS n FROM FinancialItem WHERE label = ?").get(label) as { n: number };
    db.close();
    return n;
  }

  it("adds one item when the browser sends the same form again, or twice at once, without JavaScript", async () => {
    const session = await signInHttp(baseUrl(), "secretaris@h10.example", demoPassword());
    const url = `${baseUrl()}/trajecten/${procurement()}/financien`;
    const page = await (await fetch(url, { headers: { Cookie: session.cookie } })).text();
    // The key is in the HTML the server rendered: a plain form post carries it.
    const formKey = /name="formKey" value="([^"]+)"/.exec(page)?.[1];
    expect(formKey).toMatch(/^[0-9a-f-]{36}$/);
    const label = `Dubbel verstuurd ${Date.now()}`;
    const body = new URLSearchParams({
      csrf: session.csrf,
      formKey: formKey!,
      intent: "add",
      label,
      kind: "ONE_OFF",
      year: "2024",
      amount: "12.500",
    }).toString();
    const post = async () => {
      const response = await fetch(url, {
        method: "POST",
        redirect: "manual",
        headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: session.cookie },
        body,
      });
      return { status: response.status, html: await response.text() };
    };
    const first = await post();
    const again = await post();
    const together = await Promise.all([post(), post()]);
    for (const answer of [first, again, ...together]) {
      expect(answer.status).toBe(200);
      expect(answer.html).toContain("Het bedrag is toegevoegd.");
    }
    expect(itemsLabelled(label)).toBe(1);
    // The page after the post has a new key: the next item is added.
    expect(/name="formKey" value="([^"]+)"/.exec(again.html)?.[1]).not.toBe(formKey);
  });

  it(
    "adds one item when the browser's post reaches the server twice (a double click)",
    { timeout: 120_000 },
    async () => {
      const { page, errors } = await newPage(browser());
      await signedIn(page, "secretaris@h10.example");
      // Every post of the form arrives twice, as when a double click's first request is already on its way.
      let copies = 0;
      await page.route(/\/financien/, async (route) => {
        if (route.request().method() !== "POST") return route.continue();
        copies += 1;
        await route.fetch();
        await route.continue();
      });
      await page.goto(`${baseUrl()}/trajecten/${procurement()}/financien`);
      await page.getByRole("heading", { level: 1, name: "Financiële gevolgen" }).waitFor();
      const label = `Dubbelklik ${Date.now()}`;
      const add = async (text: string) => {
        await page.getByLabel("Omschrijving").fill(text);
        await page.getByLabel("Soort").selectOption({ label: "eenmalig" });
        await page.getByLabel("Jaar").fill("2024");
        await page.getByLabel("Bedrag", { exact: true }).fill("pm");
        await page.getByRole("button", { name: "Bedrag toevoegen" }).click();
        await page.getByRole("rowheader", { name: text, exact: true }).waitFor();
        await page.getByRole("status").getByText("Het bedrag is toegevoegd.").waitFor();
      };
      await add(label);
      expect(copies).toBe(1);
      await expect.poll(() => itemsLabelled(label)).toBe(1);
      // The next item, entered on the page the first post left, is a new one.
      await add(`${label} (2)`);
      await expect.poll(() => itemsLabelled(`${label} (2)`)).toBe(1);
      expect(itemsLabelled(label)).toBe(1);
      expect(await page.getByRole("rowheader", { name: label, exact: true }).count()).toBe(1);
      expect(errors).toEqual([]);
      await page.context().close();
    },
  );
});
