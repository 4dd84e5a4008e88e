import { unzipSync } from "fflate";
import { beforeAll, describe, expect, it } from "vitest";
import { addAnnex } from "~/models/annex.server";
import { loadTrailBrief } from "~/models/brief.server";
import { createDocument, sendRevision } from "~/models/document.server";
import { councilLetters } from "~/models/letters.server";
import { renderTrailBriefPdf } from "~/render/pdf/brief.server";
import { renderLetterPdf } from "~/render/pdf/letter.server";
import { prisma } from "~/utils/db.server";
import type { Actor } from "~/utils/permissions";
import { multipart, requestOf, type Part } from "../../test/factories/bodies";
import { clientFor, formPost, get, outcome, type Client } from "../../test/factories/request";
import { demoActors } from "../../test/factories/trail";
import { readPdf } from "../../test/pdf/read-pdf";
import { loader as downloadLoader } from "./bijlagen.$attachmentId";
import { action as documentAction } from "./documenten.$documentId";
import { loader as zipLoader } from "./documenten.$documentId_.brieven[.zip]";
import { action as trailAction } from "./trajecten.$trailId";

const BOUNDARY = "----h10-bijlage";
const PDF = new TextEncoder().encode("%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");

let actors: (local: string) => Actor;
let trailId: string;

beforeAll(async () => {
  actors = await demoActors();
  trailId = (await prisma.trail.findUniqueOrThrow({ where: { reference: "H10-GR-2024" } })).id;
});

async function aMemo(title = "Beslispuntenmemo bijlagen") {
  const created = await createDocument({ trailId, kind: "BESLISPUNTENMEMO", title }, actors("secretaris"));
  if (!created.ok) throw new Error(created.code);
  return created.documentId;
}

const annexCount = () => prisma.attachment.count({ where: { positionId: null } });

/** Posts an upload (multipart, as the browser sends it) to a page's action: the answer, how much was read, how many annexes were stored. */
async function upload(
  client: Client,
  path: string,
  action: (args: { request: Request; params: Record<string, string>; context: object }) => Promise<unknown>,
  params: Record<string, string>,
  parts: Part[],
) {
  const before = await annexCount();
  const { request, seen } = requestOf(multipart(BOUNDARY, [{ name: "csrf", value: client.csrf }, ...parts]), {
    Cookie: client.cookie,
    "Content-Type": `multipart/form-data; boundary=${BOUNDARY}`,
  });
  const result = await outcome(() =>
    action({ request: new Request(new URL(path, request.url), request), params, context: {} }),
  );
  return { ...result, seen, stored: (await annexCount()) - before };
}

const toDocument = (client: Client, documentId: string, parts: Part[]) =>
  upload(client, `/documenten/${documentId}`, documentAction as never, { documentId }, parts);
const toTrail = (client: Client, parts: Part[]) =>
  upload(client, `/trajecten/${trailId}`, trailAction as never, { trailId }, parts);

describe("uploading an annex on the document and trail pages", () => {
  it("refuses a clerk and an alderman before reading a byte of the upload, and stores nothing", async () => {
    const documentId = await aMemo();
    for (const email of ["griffier.delft@h10.example", "wethouder.delft@h10.example"]) {
      const client = await clientFor(email);
      const onDocument = await toDocument(client, documentId, [
        { name: "revision", value: "1" },
        { name: "file", file: "begroting.pdf", size: 4000 },
      ]);
      expect(onDocument).toMatchObject({ status: 403, body: { code: "forbidden_role" }, stored: 0 });
      expect(onDocument.seen.pulled).toBe(0);
      const onTrail = await toTrail(client, [{ name: "file", file: "notitie.pdf", size: 4000 }]);
      expect(onTrail).toMatchObject({ status: 403, stored: 0 });
      expect(onTrail.seen.pulled).toBe(0);
    }
  });

  it("stores a secretary's PDF with its title on the revision; a clerk downloads it; a wrong type or a sent revision is refused with nothing stored", async () => {
    const documentId = await aMemo();
    const secretary = await clientFor("secretaris@h10.example");
    const added = await toDocument(secretary, documentId, [
      { name: "revision", value: "1" },
      { name: "title", value: "Begroting 2027" },
      { name: "file", file: "Begroting 2027.pdf", size: 3000 },
    ]);
    expect(added).toMatchObject({ status: 200, body: { annex: { done: "added", error: null } }, stored: 1 });
    const annex = await prisma.attachment.findFirstOrThrow({
      where: { documentRevision: { documentId, number: 1 } },
    });
    expect(annex).toMatchObject({ title: "Begroting 2027", fileName: "Begroting 2027.pdf", size: 3000 });

    const clerk = await clientFor("griffier.delft@h10.example");
    const downloaded = (await downloadLoader({
      request: get(clerk, `/bijlagen/${annex.id}`),
      params: { attachmentId: annex.id },
      context: {},
    })) as Response;
    expect(downloaded.status).toBe(200);
    expect(downloaded.headers.get("Content-Type")).toBe("application/pdf");
    expect(
      Buffer.from(await downloaded.arrayBuffer())
        .subarray(0, 8)
        .toString(),
    ).toBe("%PDF-1.7");
    // Signed out: no file.
    const nobody = await clientFor();
    const anonymous = await outcome(() =>
      downloadLoader({
        request: get(nobody, `/bijlagen/${annex.id}`),
        params: { attachmentId: annex.id },
        context: {},
      }),
    );
    expect(anonymous.status).toBe(302);

    // A PDF's content under a spreadsheet's name: the type is judged by the content.
    const wrongType = await toDocument(secretary, documentId, [
      { name: "revision", value: "1" },
      { name: "file", file: "begroting.xlsx", size: 3000 },
    ]);
    expect(wrongType).toMatchObject({ status: 400, body: { annex: { error: "attachment_type" } }, stored: 0 });
    expect(await sendRevision({ documentId, revision: 1 }, actors("secretaris"))).toMatchObject({ ok: true });
    const afterSending = await toDocument(secretary, documentId, [
      { name: "revision", value: "1" },
      { name: "file", file: "later.pdf", size: 3000 },
    ]);
    expect(afterSending).toMatchObject({ status: 409, body: { annex: { error: "revision_sent" } }, stored: 0 });
    const removal = await outcome(() =>
      documentAction({
        request: formPost(secretary, `/documenten/${documentId}`, { intent: "removeAnnex", annexId: annex.id }),
        params: { documentId },
        context: {},
      }),
    );
    expect(removal).toMatchObject({ status: 409, body: { annex: { error: "revision_sent" } } });
    expect(await prisma.attachment.count({ where: { id: annex.id } })).toBe(1);
  });

  it("lets a secretary add and remove a trail's annex; a clerk may not remove it", async () => {
    const secretary = await clientFor("secretaris@h10.example");
    const added = await toTrail(secretary, [
      { name: "title", value: "Notitie reikwijdte" },
      { name: "file", file: "Notitie reikwijdte.pdf", size: 2000 },
    ]);
    expect(added).toMatchObject({ status: 200, stored: 1 });
    const annex = await prisma.attachment.findFirstOrThrow({ where: { trailId, title: "Notitie reikwijdte" } });
    const remove = (client: Client) =>
      outcome(() =>
        trailAction({
          request: formPost(client, `/trajecten/${trailId}`, { intent: "removeAnnex", annexId: annex.id }),
          params: { trailId },
          context: {},
        }),
      );
    expect(await remove(await clientFor("griffier.delft@h10.example"))).toMatchObject({ status: 403 });
    expect(await remove(secretary)).toMatchObject({ status: 200, body: { annex: { done: "removed" } } });
    expect(await prisma.attachment.count({ where: { id: annex.id } })).toBe(0);
  });
});

describe("annexes in the letters and the status brief", () => {
  let documentId: string;

  beforeAll(async () => {
    documentId = await aMemo("Raadsvoorstel met bijlagen");
    const owner = { kind: "document" as const, documentId, revision: 1 };
    for (const [name, title] of [
      ["Advies BO Jeugd.pdf", "Advies BO Jeugd"],
      ["../Advies BO Jeugd.pdf", "Advies BO Jeugd (herzien)"],
    ] as const) {
      const added = await addAnnex(owner, { name, bytes: PDF }, { title }, actors("secretaris"));
      if (!added.ok) throw new Error(added.code);
    }
    const onTrail = await addAnnex(
      { kind: "trail", trailId },
      { name: "Begroting 2027.pdf", bytes: PDF },
      { title: "Begroting 2027" },
      actors("secretaris"),
    );
    if (!onTrail.ok) throw new Error(onTrail.code);
  });

  it("every letter lists the revision's annexes by name and title", async () => {
    const set = (await councilLetters(documentId))!;
    const text = (await readPdf(await renderLetterPdf(set, set.letters[0]!))).text.replace(/\s+/g, " ");
    expect(text).toContain("Bijlagen");
    expect(text).toContain("Advies BO Jeugd.pdf");
    expect(text).toContain("Advies BO Jeugd (herzien)");
  });

  it("the status brief lists the trail's annexes and the document's", async () => {
    const brief = (await loadTrailBrief(trailId, actors("wethouder.delft"), "2024-03-08"))!;
    const text = (await readPdf(await renderTrailBriefPdf(brief))).text.replace(/\s+/g, " ");
    expect(text).toContain("Begroting 2027.pdf");
    expect(text).toContain("Bij Raadsvoorstel met bijlagen (revisie 1)");
    expect(text).toContain("Advies BO Jeugd (herzien)");
  });

  it("the zip of letters carries the annexes' files under safe, unique names only when asked", async () => {
    const clerk = await clientFor("griffier.delft@h10.example");
    const zipOf = async (query: string) => {
      const response = (await zipLoader({
        request: get(clerk, `/documenten/${documentId}/brieven.zip?confirm=on${query}`),
        params: { documentId },
        context: {},
      })) as Response;
      expect(response.status).toBe(200);
      return unzipSync(new Uint8Array(await response.arrayBuffer()));
    };
    const plain = await zipOf("");
    expect(Object.keys(plain).some((name) => name.startsWith("Bijlagen/"))).toBe(false);
    const withAnnexes = await zipOf("&bijlagen=on");
    const annexNames = Object.keys(withAnnexes).filter((name) => name.startsWith("Bijlagen/"));
    expect(annexNames.sort()).toEqual(["Bijlagen/Advies BO Jeugd (2).pdf", "Bijlagen/Advies BO Jeugd.pdf"]);
    expect(Buffer.from(withAnnexes["Bijlagen/Advies BO Jeugd.pdf"]!).equals(Buffer.from(PDF))).toBe(true);
    // The letters are there as well.
    expect(Object.keys(withAnnexes).filter((name) => name.endsWith(".pdf")).length).toBe(annexNames.length + 9);
  });
});
