import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import type { Actor } from "~/utils/permissions";
import { explain } from "../../test/factories/query-plan";
import { amendmentWithDraftReceived, createTrail, demoActors } from "../../test/factories/trail";
import { generateOplegger } from "./oplegger.server";
import { logPosition } from "./position.server";
import { listSharedDrafts, publishSharedDraft } from "./shared-draft.server";
import { trailPage } from "./trail-page.server";

let actors: (local: string) => Actor;
const ids: Record<string, string> = {};

beforeAll(async () => {
  actors = await demoActors();
  for (const m of await prisma.municipality.findMany()) ids[m.slug] = m.id;
});

/** The model zienswijze of the Platform H10 Jeugd, in the words of seeds 001 and 003. */
const MODEL =
  "De raad vraagt het bestuur van de GR Servicebureau Jeugdhulp Haaglanden de democratische legitimiteit te versterken.\n\nDe raden ontvangen jaarlijks verslag over de uitvoering van de taken van het Servicebureau.";

const draftInput = (trailId: string) => ({
  trailId,
  kind: "ZIENSWIJZE" as const,
  title: "Model-zienswijze Platform H10 Jeugd",
  text: MODEL,
  items: [
    {
      kind: "AMENDMENT" as const,
      title: "Amendement op beslispunt 3",
      text: "Beslispunt 3 aanvullen met: de raden worden twee keer per jaar geïnformeerd.",
    },
  ],
});

/** A GR amendment of Delft, Rijswijk and Westland whose draft the councils received: it expects their zienswijzen. */
async function amendment() {
  return amendmentWithDraftReceived([ids.delft!, ids.rijswijk!, ids.westland!], actors("secretaris"));
}

async function zienswijze(
  trailId: string,
  revision: number,
  slug: string,
  text: string,
  extra: { sharedDraftId?: string; draftItems?: (boolean | null)[] } = {},
) {
  return logPosition(
    {
      trailId,
      expectedRevision: revision,
      municipalityId: ids[slug]!,
      body: "COUNCIL",
      kind: "ZIENSWIJZE",
      text,
      meetingDate: "2024-03-07",
      ...extra,
    },
    actors(`griffier.${slug}`),
  );
}

describe("shared drafts", () => {
  it("a clerk publishes one for all participating councils: stored, audited, and their clerks are told", async () => {
    const t = await amendment();
    const result = await publishSharedDraft(draftInput(t.trailId), actors("griffier.delft"));
    expect(result).toMatchObject({ ok: true });
    const draft = await prisma.sharedDraft.findFirstOrThrow({ where: { trailId: t.trailId } });
    expect(draft).toMatchObject({
      municipalityId: ids.delft,
      kind: "ZIENSWIJZE",
      title: "Model-zienswijze Platform H10 Jeugd",
    });
    const event = await prisma.event.findFirstOrThrow({
      where: { trailId: t.trailId, type: "shared_draft.published" },
    });
    expect(JSON.parse(event.payload)).toMatchObject({ sharedDraftId: draft.id, kind: "ZIENSWIJZE", items: 1 });
    const told = await prisma.notification.findMany({
      where: { trailId: t.trailId, kind: "sharedDraftPublished" },
      select: { user: { select: { email: true } } },
    });
    const emails = told.map((n) => n.user.email);
    expect(emails).toEqual(expect.arrayContaining(["griffier.rijswijk@h10.example", "griffier.westland@h10.example"]));
    // The publisher is not told of their own act, nor a clerk of a council outside the trail.
    expect(emails).not.toContain("griffier.delft@h10.example");
    expect(emails).not.toContain("griffier.den-haag@h10.example");
  });

  it("is refused to a clerk of a council outside the trail and to an alderman, and nothing is written", async () => {
    const t = await amendment();
    const before = await prisma.event.count();
    expect(await publishSharedDraft(draftInput(t.trailId), actors("griffier.den-haag"))).toMatchObject({
      ok: false,
      status: 403,
    });
    expect(await publishSharedDraft(draftInput(t.trailId), actors("wethouder.delft"))).toMatchObject({
      ok: false,
      status: 403,
    });
    expect(await prisma.sharedDraft.count({ where: { trailId: t.trailId } })).toBe(0);
    expect(await prisma.event.count()).toBe(before);
    // A secretary publishes for the region: no authoring council.
    expect(await publishSharedDraft(draftInput(t.trailId), actors("secretaris"))).toMatchObject({ ok: true });
    expect(await prisma.sharedDraft.findFirstOrThrow({ where: { trailId: t.trailId } })).toMatchObject({
      municipalityId: null,
    });
  });

  it("a new version supersedes one of the same trail, once", async () => {
    const t = await amendment();
    const other = await amendment();
    const first = await publishSharedDraft(draftInput(t.trailId), actors("griffier.delft"));
    const elsewhere = await publishSharedDraft(draftInput(other.trailId), actors("griffier.delft"));
    if (!first.ok || !elsewhere.ok) throw new Error("not published");
    expect(
      await publishSharedDraft(
        { ...draftInput(t.trailId), supersedesId: elsewhere.sharedDraftId },
        actors("griffier.delft"),
      ),
    ).toMatchObject({ ok: false, code: "shared_draft_not_in_trail" });
    const second = await publishSharedDraft(
      { ...draftInput(t.trailId), title: "Model-zienswijze, versie 2", supersedesId: first.sharedDraftId },
      actors("secretaris"),
    );
    expect(second).toMatchObject({ ok: true });
    expect(
      await publishSharedDraft({ ...draftInput(t.trailId), supersedesId: first.sharedDraftId }, actors("secretaris")),
    ).toMatchObject({ ok: false, status: 409, code: "shared_draft_superseded" });
    const listed = await listSharedDrafts(t.trailId);
    expect(listed.map((d) => [d.title, d.superseded])).toEqual([
      ["Model-zienswijze, versie 2", false],
      ["Model-zienswijze Platform H10 Jeugd", true],
    ]);
  });

  it("a position started from a draft records it, with the model items voted on; a draft of another trail is refused", async () => {
    const t = await amendment();
    const other = await amendment();
    const draft = await publishSharedDraft(draftInput(t.trailId), actors("griffier.delft"));
    const foreign = await publishSharedDraft(draftInput(other.trailId), actors("griffier.delft"));
    if (!draft.ok || !foreign.ok) throw new Error("not published");
    const refused = await zienswijze(t.trailId, t.revision, "rijswijk", MODEL, {
      sharedDraftId: foreign.sharedDraftId,
    });
    expect(refused).toMatchObject({ ok: false, status: 422, code: "shared_draft_not_in_trail" });
    expect(await prisma.position.count({ where: { trailId: t.trailId } })).toBe(0);
    const logged = await zienswijze(t.trailId, t.revision, "rijswijk", MODEL, {
      sharedDraftId: draft.sharedDraftId,
      draftItems: [true],
    });
    if (!logged.ok) throw new Error(logged.code);
    const position = await prisma.position.findUniqueOrThrow({
      where: { id: logged.positionId },
      include: { items: true },
    });
    expect(position.sharedDraftId).toBe(draft.sharedDraftId);
    expect(position.items).toEqual([
      expect.objectContaining({ kind: "AMENDMENT", title: "Amendement op beslispunt 3", adopted: true }),
    ]);
    const event = await prisma.event.findFirstOrThrow({ where: { trailId: t.trailId, type: "position.logged" } });
    expect(JSON.parse(event.payload)).toMatchObject({ sharedDraftId: draft.sharedDraftId, draftItems: 1 });
  });

  it("the trail page and the oplegger tell who joined a draft unchanged and who changed it, with the differences", async () => {
    const t = await amendment();
    const draft = await publishSharedDraft(draftInput(t.trailId), actors("griffier.delft"));
    if (!draft.ok) throw new Error(draft.code);
    let revision = t.revision;
    const log = async (slug: string, text: string, sharedDraftId?: string) => {
      const logged = await zienswijze(t.trailId, revision, slug, text, { sharedDraftId });
      if (!logged.ok) throw new Error(logged.code);
      revision = logged.revision;
    };
    // Westland adopts it as shared, only its line breaks differ; Rijswijk changes a sentence; Delft writes its own.
    await log("westland", MODEL.replace("\n\n", "\n"), draft.sharedDraftId);
    await log("rijswijk", MODEL.replace("jaarlijks", "elk halfjaar"), draft.sharedDraftId);
    await log("delft", "De raad van Delft heeft geen bezwaar.");

    const page = await trailPage(t.trailId, actors("griffier.delft"));
    const [shown] = page!.sharedDrafts;
    expect(shown!.uses.map((u) => [u.name, u.joined])).toEqual([
      ["Rijswijk", false],
      ["Westland", true],
    ]);
    const rijswijk = shown!.uses.find((u) => u.name === "Rijswijk")!;
    expect(rijswijk.diff.filter((s) => s.change !== "same")).toEqual([
      { text: "jaarlijks", change: "deleted" },
      { text: "elk halfjaar", change: "inserted" },
    ]);
    expect(shown!.uses.find((u) => u.name === "Westland")!.diff).toEqual([]);
    // "Gebruik als basis" is a clerk's, for their own council; not an alderman's.
    expect(page!.draftStartFor).toEqual({ id: ids.delft, name: "Delft" });
    expect((await trailPage(t.trailId, actors("wethouder.delft")))!.draftStartFor).toBeNull();

    const generated = await generateOplegger(t.trailId, actors("secretaris"));
    if (!generated.ok) throw new Error(generated.code);
    const revisionRow = await prisma.documentRevision.findFirstOrThrow({ where: { documentId: generated.documentId } });
    const content = revisionRow.content;
    expect(content).toContain("Gedeelde concepten");
    expect(content).toContain("Model-zienswijze Platform H10 Jeugd (Zienswijze)");
    expect(content).toContain('"Westland."');
    expect(content).toContain("[weggelaten: jaarlijks]");
    expect(content).toContain("[toegevoegd: elk halfjaar]");
  });

  it("lists a trail's drafts along SharedDraft(trailId, publishedAt, id), newest first, on both engines", async () => {
    const trail = await createTrail("GR_AMENDMENT", [ids.delft!]);
    await listSharedDrafts(trail.id);
    const plan = await explain(
      `SELECT "id" FROM "SharedDraft" WHERE "trailId" = 'x' ORDER BY "publishedAt" DESC, "id" DESC LIMIT 100`,
      { ordered: true },
    );
    expect(plan).toContain("SharedDraft_trailId_publishedAt_id_idx");
    expect(plan).not.toMatch(/TEMP B-TREE|Sort\b/);
  });
});
