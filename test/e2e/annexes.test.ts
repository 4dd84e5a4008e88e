import { describe, expect, it } from "vitest";
import { baseUrl, browserForFile, expectAccessible, hydrated, newPage, screenshots, signedIn } from "./helpers";

const browser = browserForFile();

const PDF = Buffer.from("%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");

describe("annexes of a document in the browser", () => {
  it(
    "a secretary adds an annex on the document page, is told in Dutch why a wrong file is refused, sees the annex listed and downloads it; axe in nl and en",
    { timeout: 180_000 },
    async () => {
      const { page, errors } = await newPage(browser());
      await signedIn(page, "secretaris@h10.example");
      // A document of its own on the seeded GR amendment (other tests send the seeded one's revisions).
      await page.goto(`${baseUrl()}/trajecten`);
      await page
        .getByRole("row", { name: /H10-GR-2024/ })
        .getByRole("link")
        .click();
      await page.waitForURL(/\/trajecten\/[^/?#]+$/);
      const trailUrl = page.url();
      await page.getByRole("link", { name: "Nieuw document" }).click();
      await hydrated(page);
      await page.getByLabel("Soort document").selectOption({ label: "Raadsvoorstel" });
      await page.getByLabel("Titel").fill("Raadsvoorstel met begroting");
      await page.getByRole("button", { name: "Document maken" }).click();
      await page.waitForURL(/\/documenten\/[^/]+\/bewerken$/);
      const documentUrl = page.url().replace(/\/bewerken$/, "");
      await page.goto(documentUrl);
      await hydrated(page);

      const section = page.getByTestId("annexes");
      await section.getByText("Er zijn geen bijlagen.").waitFor();
      // The form is collapsed until opened.
      await section.locator("summary", { hasText: "Bijlage toevoegen" }).click();
      const form = section.getByRole("form", { name: "Bijlage toevoegen" });
      // A PDF named as a spreadsheet: refused, said next to the field, nothing listed.
      await form
        .getByLabel("Bestand")
        .setInputFiles({ name: "begroting.xlsx", mimeType: "application/pdf", buffer: PDF });
      await form.getByRole("button", { name: "Bijlage toevoegen" }).click();
      await expect
        .poll(() => form.getByRole("alert").textContent())
        .toContain("Dit soort bestand wordt niet aanvaard, of de extensie past niet bij de inhoud.");
      expect(await section.getByRole("table").count()).toBe(0);

      await form.getByLabel("Titel").fill("Begroting 2027");
      await form
        .getByLabel("Bestand")
        .setInputFiles({ name: "Begroting 2027.pdf", mimeType: "application/pdf", buffer: PDF });
      await form.getByRole("button", { name: "Bijlage toevoegen" }).click();
      await section.getByText("De bijlage is toegevoegd.").waitFor();
      const row = section.getByRole("row", { name: /Begroting 2027\.pdf/ });
      await expect.poll(() => row.textContent()).toMatch(/Begroting 2027\.pdf.*Begroting 2027.*1 kB.*PDF/);
      // The zip of letters offers the annexes (a link, or a box beside the letters' confirmation while a council
      // lacks a signatory's name).
      const zipOption = page
        .getByRole("link", { name: /met de bijlagen/ })
        .or(page.getByRole("checkbox", { name: "De bijlagen meenemen in de zip" }));
      expect(await zipOption.count()).toBe(1);

      const [download] = await Promise.all([
        page.waitForEvent("download"),
        row.getByRole("link", { name: "Begroting 2027.pdf" }).click(),
      ]);
      const chunks: Buffer[] = [];
      for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
      expect(download.suggestedFilename()).toBe("Begroting 2027.pdf");
      expect(Buffer.concat(chunks).equals(PDF)).toBe(true);

      await expectAccessible(page);
      await screenshots(page, "document-annexes");
      // The status brief lists it under its document.
      await page.goto(`${trailUrl}/statusbrief`);
      const inBrief = page.getByRole("region", { name: "Bij Raadsvoorstel met begroting (revisie 1)" });
      await expect.poll(() => inBrief.textContent()).toContain("Begroting 2027.pdf — Begroting 2027 (1 kB)");
      await expectAccessible(page);

      await page.goto(`${documentUrl}?lng=en`);
      await page.getByRole("heading", { level: 2, name: "Annexes" }).waitFor();
      expect(await page.getByRole("row", { name: /Begroting 2027\.pdf/ }).count()).toBe(1);
      await expectAccessible(page);
      // The one 400 is the server's answer to the refused spreadsheet, which the browser logs.
      expect(errors).toEqual(["Failed to load resource: the server responded with a status of 400 (Bad Request)"]);
      await page.context().close();
    },
  );
});
