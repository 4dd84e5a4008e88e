import { describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { MB, multipart, requestOf, type Part } from "../../test/factories/bodies";
import { clientFor, outcome, type Client } from "../../test/factories/request";
import { action } from "./trajecten.$trailId_.standpunten.$positionId";

const BOUNDARY = "----h10-grens";

async function denHaagPosition() {
  return prisma.position.findFirstOrThrow({
    where: { municipality: { slug: "den-haag" }, body: { kind: "COUNCIL" } },
    orderBy: { loggedAt: "asc" },
  });
}

/** Uploads to Den Haag's position as the browser does (multipart): the answer, how much was read, how many files stored. */
async function upload(client: Client, parts: Part[]) {
  const position = await denHaagPosition();
  const stored = () => prisma.attachment.count({ where: { positionId: position.id } });
  const before = await stored();
  const { request, seen } = requestOf(multipart(BOUNDARY, parts), {
    Cookie: client.cookie,
    "Content-Type": `multipart/form-data; boundary=${BOUNDARY}`,
  });
  const result = await outcome(() =>
    action({
      request: new Request(new URL(`/trajecten/${position.trailId}/standpunten/${position.id}`, request.url), request),
      params: { trailId: position.trailId, positionId: position.id },
      context: {},
    }),
  );
  return { ...result, seen, stored: (await stored()) - before };
}

describe("attachments of a position", () => {
  it("refuses another council's clerk before reading a byte of the upload", async () => {
    const clerk = await clientFor("griffier.delft@h10.example");
    const result = await upload(clerk, [
      { name: "csrf", value: clerk.csrf },
      { name: "file", file: "raadsbesluit.pdf", size: 9 * MB },
    ]);
    expect(result.status).toBe(403);
    expect(result.body).toMatchObject({ code: "attachment_forbidden" });
    expect(result.seen.pulled).toBe(0);
    expect(result.stored).toBe(0);
  });

  it("refuses a second file of the council's own clerk without reading it, and stores nothing", async () => {
    const clerk = await clientFor("griffier.den-haag@h10.example");
    const result = await upload(clerk, [
      { name: "csrf", value: clerk.csrf },
      ...Array.from({ length: 12 }, (_, i) => ({ name: "file", file: `bijlage-${i}.pdf`, size: 9 * MB })),
    ]);
    expect(result.status).toBe(413);
    expect(result.body).toMatchObject({ code: "too_many_parts" });
    expect(result.seen.pulled).toBeLessThan(10 * MB);
    expect(result.stored).toBe(0);
  });

  it("stores one file of the council's own clerk", async () => {
    const clerk = await clientFor("griffier.den-haag@h10.example");
    const result = await upload(clerk, [
      { name: "csrf", value: clerk.csrf },
      { name: "file", file: "raadsbesluit.pdf", size: 2000 },
    ]);
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ done: true, uploadError: null });
    expect(result.stored).toBe(1);
  });
});
