import { describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { createTrail, demoActors } from "../../test/factories/trail";
import { MAX_ATTACHMENT_BYTES, readAttachment, safeFileName, storeAttachment } from "./attachment.server";
import { logPosition } from "./position.server";

const PDF = new TextEncoder().encode("%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");

async function aMotion() {
  const actors = await demoActors();
  const delft = await prisma.municipality.findUniqueOrThrow({ where: { slug: "delft" } });
  const trail = await createTrail("GR_AMENDMENT", [delft.id]);
  const result = await logPosition(
    {
      trailId: trail.id,
      expectedRevision: 0,
      municipalityId: delft.id,
      body: "COUNCIL",
      kind: "MOTION",
      text: "Motie vreemd aan de orde",
      meetingDate: "2024-03-07",
    },
    actors("griffier.delft"),
  );
  if (!result.ok) throw new Error(result.code);
  return { positionId: result.positionId, actors };
}

describe("attachments", () => {
  it("stores a PDF by its hash and gives back the same bytes", async () => {
    const { positionId, actors } = await aMotion();
    const stored = await storeAttachment(
      positionId,
      { name: "Raadsbesluit motie.pdf", bytes: PDF },
      actors("griffier.delft"),
    );
    expect(stored).toMatchObject({ ok: true });
    const read = await readAttachment((stored as { attachmentId: string }).attachmentId);
    expect(read?.row).toMatchObject({
      fileName: "Raadsbesluit motie.pdf",
      mediaType: "application/pdf",
      size: PDF.byteLength,
    });
    expect(Buffer.from(read!.bytes).equals(Buffer.from(PDF))).toBe(true);
  });

  it("refuses a file whose content does not match its extension, an empty or oversized file, and another council", async () => {
    const { positionId, actors } = await aMotion();
    const clerk = actors("griffier.delft");
    expect(
      await storeAttachment(
        positionId,
        { name: "virus.pdf", bytes: new TextEncoder().encode("MZ\u0090\u0000") },
        clerk,
      ),
    ).toMatchObject({ status: 400, code: "attachment_type" });
    expect(
      await storeAttachment(positionId, { name: "script.html", bytes: new TextEncoder().encode("<script>") }, clerk),
    ).toMatchObject({ code: "attachment_type" });
    expect(await storeAttachment(positionId, { name: "leeg.pdf", bytes: new Uint8Array() }, clerk)).toMatchObject({
      code: "attachment_empty",
    });
    const big = new Uint8Array(MAX_ATTACHMENT_BYTES + 1);
    big.set(PDF);
    expect(await storeAttachment(positionId, { name: "groot.pdf", bytes: big }, clerk)).toMatchObject({ status: 413 });
    expect(
      await storeAttachment(positionId, { name: "besluit.pdf", bytes: PDF }, actors("griffier.den-haag")),
    ).toMatchObject({ status: 403 });
    expect(await prisma.attachment.count({ where: { positionId } })).toBe(0);
  });

  it("keeps no path from a file name", () => {
    expect(safeFileName("../../etc/passwd")).toBe("passwd");
    expect(safeFileName("C:\\\\Users\\\\griffie\\\\besluit.pdf")).toBe("besluit.pdf");
    expect(safeFileName('..\u0000"evil".pdf')).toBe("evil.pdf");
    expect(safeFileName("")).toBe("bijlage");
  });
});

describe("downloading an attachment", () => {
  it("serves names with characters outside Latin-1 (an en dash, as Word names files) in RFC 6266 form", async () => {
    const { loader } = await import("~/routes/bijlagen.$attachmentId");
    const { clientFor, get } = await import("../../test/factories/request");
    const { positionId, actors } = await aMotion();
    const names = ["Zienswijze – raad Delft.pdf", "€uro ĳ Ω.pdf"];
    const clerk = await clientFor("griffier.delft@h10.example");
    for (const name of names) {
      const stored = await storeAttachment(positionId, { name, bytes: PDF }, actors("griffier.delft"));
      const id = (stored as { attachmentId: string }).attachmentId;
      const response = (await loader({
        request: get(clerk, `/bijlagen/${id}`),
        params: { attachmentId: id },
        context: {},
      })) as Response;
      expect(response.status, name).toBe(200);
      const disposition = response.headers.get("Content-Disposition")!;
      expect(disposition).toContain(`filename*=UTF-8''${encodeURIComponent(name)}`);
      expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]*\.pdf"; /);
      expect(response.headers.get("X-Content-Type-Options")).toBeNull();
      expect(Buffer.from(await response.arrayBuffer()).equals(Buffer.from(PDF))).toBe(true);
    }
  });
});
