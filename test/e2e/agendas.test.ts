import { describe, expect, it } from "vitest";
import { addDays } from "~workflows/shared/dates";
import { baseUrl, browserForFile, expectAccessible, hydrated, newPage, signedIn } from "./helpers";

const browser = browserForFile();

describe("council agendas in the browser", () => {
  it(
    "a clerk plans a meeting, a secretary proposes the trail for it, the clerk accepts it and starts the decision from the item; axe in nl and en",
    { timeout: 180_000 },
    async () => {
      const clerk = await newPage(browser());
      await signedIn(clerk.page, "griffier.midden-delfland@h10.example");
      // A committee meeting weeks ahead (a day of its own: no other test plans Midden-Delfland's meetings).
      const day = addDays(new Date().toISOString().slice(0, 10), 47);
      await clerk.page.goto(`${baseUrl()}/vergaderingen`);
      await hydrated(clerk.page);
      await clerk.page.getByLabel("Orgaan").selectOption({ label: "Raadscommissie" });
      await clerk.page.getByLabel("Datum").fill(day);
      await clerk.page.getByLabel("Locatie").fill("Raadzaal, gemeentehuis Schipluiden");
      await clerk.page.getByRole("button", { name: "Vergadering toevoegen" }).click();
      await expect.poll(() => clerk.page.getByRole("status").textContent()).toContain("bijgewerkt");

      // The secretary puts the seeded GR amendment on that agenda, from the trail page.
      const secretary = await newPage(browser());
      await signedIn(secretary.page, "secretaris@h10.example");
      await secretary.page.goto(`${baseUrl()}/trajecten`);
      await secretary.page
        .getByRole("row", { name: /H10-GR-2024/ })
        .getByRole("link")
        .click();
      await secretary.page.getByRole("link", { name: "Op een raadsagenda zetten" }).click();
      await hydrated(secretary.page);
      await expectAccessible(secretary.page);
      const meetingField = secretary.page.getByLabel("Vergadering", { exact: true });
      const meetingLabel = await meetingField
        .locator("option", { hasText: /^Midden-Delfland — Raadscommissie/ })
        .textContent();
      await meetingField.selectOption({ label: meetingLabel! });
      await secretary.page.getByRole("button", { name: "Agendapunt voorstellen" }).click();
      await secretary.page.waitForURL(/\/trajecten\/[^/]+#agenda$/);
      const onAgenda = secretary.page.getByRole("region", { name: "Raadsagenda's waarop dit traject staat" });
      await expect
        .poll(() => onAgenda.getByRole("row", { name: /Midden-Delfland/ }).textContent())
        .toMatch(/Raadscommissie.*Voorgesteld/);
      expect(secretary.errors).toEqual([]);

      // The clerk finds it on the meeting's agenda, accepts it and starts the decision from it.
      await clerk.page
        .getByRole("row", { name: /Raadscommissie/ })
        .getByRole("link")
        .first()
        .click();
      await clerk.page.getByRole("heading", { level: 1, name: /Raadscommissie Midden-Delfland/ }).waitFor();
      await hydrated(clerk.page);
      const item = clerk.page.getByTestId("agenda-item").filter({ hasText: "Wijziging GR" });
      await expect.poll(() => item.textContent()).toContain("Voorgesteld");
      await item.getByRole("button", { name: "Agendapunt 1 agenderen" }).click();
      await expect.poll(() => clerk.page.getByRole("status").textContent()).toContain("Het agendapunt is geagendeerd.");
      await expect.poll(() => item.textContent()).toContain("Geagendeerd");
      await expectAccessible(clerk.page);
      await clerk.page.goto(`${clerk.page.url()}?lng=en`);
      await clerk.page.getByRole("heading", { level: 2, name: "Agenda" }).waitFor();
      await expectAccessible(clerk.page);
      // A decision is logged from the item once the meeting has been held: weeks ahead, the page offers none.
      expect(await clerk.page.getByRole("link", { name: "Log the decision on item 1" }).count()).toBe(0);
      expect(clerk.errors).toEqual([]);
      await clerk.page.context().close();
      await secretary.page.context().close();
    },
  );
});
