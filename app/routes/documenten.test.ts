import { describe, expect, it } from "vitest";
import { documentOf, paragraph, text } from "~/editor/templates";
import { prisma } from "~/utils/db.server";
import { clientFor, formPost, get, outcome } from "../../test/factories/request";
import { action, loader } from "./documenten.$documentId_.bewerken";

/** The seeded GR amendment's document, at its latest revision. */
async function seededDocument() {
  const document = await prisma.document.findFirstOrThrow({
    where: { trail: { reference: "H10-GR-2024" } },
    include: { revisions: { orderBy: { number: "desc" }, take: 1 } },
  });
  return { id: document.id, revision: document.revisions[0]!.number };
}

const overlay = "position:fixed;inset:0;z-index:9999;background:#000";

describe("the document editor's save", () => {
  it("saves a text node's style and unknown attributes away, keeping the text", async () => {
    const document = await seededDocument();
    const secretary = await clientFor("secretaris@h10.example");
    const content = JSON.stringify(
      documentOf([paragraph({ ...text("Zichtbaar", 1), style: overlay, "data-x": "y" }, " en meer")]),
    );
    const saved = await outcome(() =>
      action({
        request: formPost(secretary, `/documenten/${document.id}/bewerken`, {
          intent: "save",
          baseRevision: String(document.revision),
          content,
        }),
        params: { documentId: document.id },
        context: {},
      }),
    );
    expect(saved.status).toBe(302);
    const stored = await prisma.documentRevision.findFirstOrThrow({
      where: { documentId: document.id, number: document.revision + 1 },
    });
    expect(stored.content).not.toMatch(/style|position|data-x/);
    expect(stored.content).toContain('"text":"Zichtbaar","format":1');
    expect(stored.content).toContain('"text":" en meer"');
  });

  it("gives the editor a document saved before the check without its style", async () => {
    const document = await seededDocument();
    const secretary = await clientFor("secretaris@h10.example");
    const user = await prisma.user.findUniqueOrThrow({ where: { email: "secretaris@h10.example" } });
    // As a revision stored before this check could hold it.
    await prisma.documentRevision.create({
      data: {
        documentId: document.id,
        number: document.revision + 1,
        content: JSON.stringify(documentOf([paragraph({ ...text("Oud"), style: overlay })])),
        authorId: user.id,
      },
    });
    const page = await outcome(() =>
      loader({
        request: get(secretary, `/documenten/${document.id}/bewerken`),
        params: { documentId: document.id },
        context: {},
      }),
    );
    expect(page.status).toBe(200);
    const content = (page.body as { content: string }).content;
    expect(content).toContain('"text":"Oud"');
    expect(content).not.toMatch(/style|position/);
  });

  const deep = `{"root":{"type":"root","children":[{"type":"paragraph","children":[{"type":"text","text":"x","format":0,"extra":${"[".repeat(100_000)}${"]".repeat(100_000)}}]}]}}`;
  const large = JSON.stringify(documentOf(Array.from({ length: 12 }, () => paragraph("x".repeat(90_000)))));

  it.each([
    ["a 100,000-deep document", deep, 400, "document_too_deep", "te diep genest"],
    ["a document over 1 MB", large, 413, "document_too_large", "groter dan 1 MB"],
  ] as const)(
    "answers %s with a 4xx, its own code and a Dutch message, writing nothing",
    async (_what, content, status, code, words) => {
      const document = await seededDocument();
      const secretary = await clientFor("secretaris@h10.example");
      const before = await prisma.documentRevision.count({ where: { documentId: document.id } });
      for (const intent of ["save", "autosave"]) {
        const answer = await outcome(() =>
          action({
            request: formPost(secretary, `/documenten/${document.id}/bewerken`, {
              intent,
              baseRevision: String(document.revision),
              content,
            }),
            params: { documentId: document.id },
            context: {},
          }),
        );
        expect(answer.status, intent).toBe(status);
        expect(answer.body).toMatchObject({ intent: "invalid", problem: code });
        expect((answer.body as { message: string }).message).toContain(words);
      }
      expect(await prisma.documentRevision.count({ where: { documentId: document.id } })).toBe(before);
      expect(await prisma.documentDraft.count({ where: { documentId: document.id } })).toBe(0);
    },
  );
});
