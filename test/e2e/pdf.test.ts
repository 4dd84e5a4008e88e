import type { Page } from "playwright-core";
import { unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { readPdf } from "../pdf/read-pdf";
import { baseUrl, browserForFile, newPage, signedIn } from "./helpers";

const browser = browserForFile();

/** Clicks a download link and returns the file's bytes and suggested name. */
async function downloadFrom(page: Page, linkName: string, role: "link" | "button" = "link") {
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole(role, { name: linkName }).click(),
  ]);
  const stream = await download.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return { name: download.suggestedFilename(), bytes: new Uint8Array(Buffer.concat(chunks)) };
}

describe("PDF downloads in the browser", () => {
  it("an alderman downloads the trail's brief, a document, and its letters to the councils as a zip and as one PDF", async () => {
    const { page, errors } = await newPage(browser());
    await signedIn(page, "wethouder.rijswijk@h10.example");
    await page.goto(`${baseUrl()}/trajecten`);
    await page
      .getByRole("row", { name: /H10-GR-2024/ })
      .getByRole("link")
      .click();
    const brief = await downloadFrom(page, "Statusbrief downloaden (PDF)");
    expect(brief.name).toBe("Statusbrief H10-GR-2024.pdf");
    const read = await readPdf(brief.bytes);
    expect(read.title).toMatch(/^Statusbrief: Wijziging GR/);
    expect(read.text).toContain("Rijswijk");

    await page.getByRole("link", { name: "Raadsvoorstel wijziging GR Servicebureau Jeugdhulp Haaglanden" }).click();
    // No signatory has a name in the seed: the page lists the councils, and the letters come once that is confirmed.
    expect(await page.getByTestId("missing-signatories").textContent()).toContain("Rijswijk");
    await page.getByLabel(/Ik maak de brieven toch/).check();
    const zip = await downloadFrom(page, "Brief aan elke raad, een PDF per raad (zip)", "button");
    const files = Object.keys(unzipSync(zip.bytes));
    expect(files).toHaveLength(9);
    expect(files).toContain("Raadsvoorstel wijziging GR Servicebureau Jeugdhulp Haaglanden - Rijswijk.pdf");
    const combined = await readPdf((await downloadFrom(page, "Alle brieven aan de raden in één PDF", "button")).bytes);
    expect(combined.text).toContain("de gemeenteraad van Zoetermeer");
    const single = await readPdf((await downloadFrom(page, "Dit document, revisie 1 (PDF)")).bytes);
    expect(single.text).toContain("[gemeente]");
    expect(errors).toEqual([]);
    await page.close();
  });
});
