import { describe, expect, it } from "vitest";
import { baseUrl, expectAccessible, browserForFile, newPage, signIn } from "./helpers";

const browser = browserForFile();

const ROLES = [
  // Each role lands on its work (issue 16).
  { email: "secretaris@h10.example", shows: "Beleidssecretaris", home: "/overzicht" },
  { email: "beheer@h10.example", shows: "Beheerder", home: "/beheer" },
  { email: "griffier.delft@h10.example", shows: "Griffier · Delft", home: "/overzicht" },
  { email: "wethouder.den-haag@h10.example", shows: "Wethouder · Den Haag", home: "/dashboard" },
];

describe("signing in, in a real browser", () => {
  for (const role of ROLES) {
    it(`${role.email} signs in, lands on ${role.home} and sees the region`, async () => {
      const { page, errors } = await newPage(browser());
      await signIn(page, role.email);
      await page.waitForURL(`${baseUrl()}${role.home}`);
      await expect.poll(() => page.getByTestId("signed-in-as").textContent()).toContain(role.shows);
      await page.goto(`${baseUrl()}/regio`);
      const rows = page.locator("table tbody tr");
      expect(await rows.count()).toBe(10);
      for (const name of ["Delft", "Den Haag", "Voorschoten", "Zoetermeer"]) {
        expect(await page.getByRole("rowheader", { name, exact: true }).count()).toBe(1);
      }
      expect(await page.getByText("553.417 (1 januari 2022)").count()).toBe(1);
      await expectAccessible(page);
      expect(errors).toEqual([]);
      await page.context().close();
    });
  }

  it("shows a clear error for a wrong password and keeps the visitor signed out", async () => {
    const { page, errors } = await newPage(browser());
    await signIn(page, "griffier.delft@h10.example", "dit-is-fout");
    await expect
      .poll(() => page.getByRole("alert").textContent())
      .toContain("Het e-mailadres of het wachtwoord klopt niet.");
    // The error takes the focus, so a keyboard user lands on it; the page says what to do with a forgotten password.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.querySelector('[role="alert"]')?.textContent ?? null))
      .toBe("Het e-mailadres of het wachtwoord klopt niet.");
    expect(await page.getByText(/Wachtwoord vergeten\? Vraag de beheerder/).count()).toBe(1);
    // The wrong password is gone from its field; the e-mail address stays.
    expect(await page.getByLabel("Wachtwoord").inputValue()).toBe("");
    expect(await page.getByLabel("E-mailadres").inputValue()).toBe("griffier.delft@h10.example");
    expect(page.url()).toBe(`${baseUrl()}/inloggen`);
    await expectAccessible(page);
    await page.goto(`${baseUrl()}/regio`);
    expect(page.url()).toContain("/inloggen?redirectTo=%2Fregio");
    // The failed sign-in answers 400, which the browser logs; nothing else may.
    expect(errors.filter((e) => !e.includes("400"))).toEqual([]);
    await page.context().close();
  });

  it("shows field errors for a malformed form, tied to the fields", async () => {
    const { page } = await newPage(browser());
    await page.goto(`${baseUrl()}/inloggen`);
    await page.getByLabel("E-mailadres").fill("geen-e-mailadres");
    await page.getByRole("button", { name: "Inloggen" }).click();
    const email = page.getByLabel("E-mailadres");
    await expect.poll(() => email.getAttribute("aria-invalid")).toBe("true");
    const describedBy = (await email.getAttribute("aria-describedby")) ?? "";
    expect(await page.locator(`[id="${describedBy.split(" ").at(-1)}"]`).textContent()).toContain(
      "Vul een geldig e-mailadres in",
    );
    expect(await page.getByText("Vul het wachtwoord in.").count()).toBe(1);
    await expectAccessible(page);
    await page.context().close();
  });

  it("signs out", async () => {
    const { page } = await newPage(browser());
    await signIn(page, "wethouder.westland@h10.example");
    await page.waitForURL(`${baseUrl()}/dashboard`);
    await page.getByRole("button", { name: "Uitloggen" }).click();
    await page.waitForURL(`${baseUrl()}/inloggen`);
    await page.goto(`${baseUrl()}/trajecten`);
    expect(page.url()).toContain("/inloggen");
    await page.context().close();
  });
});
