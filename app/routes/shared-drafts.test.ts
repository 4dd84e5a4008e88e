import { beforeAll, describe, expect, it } from "vitest";
import { publishSharedDraft } from "~/models/shared-draft.server";
import { prisma } from "~/utils/db.server";
import type { Actor } from "~/utils/permissions";
import { clientFor, formPost, get, outcome } from "../../test/factories/request";
import { amendmentWithDraftReceived, demoActors } from "../../test/factories/trail";
import { action as publishAction, loader as publishLoader } from "./trajecten.$trailId_.concepten";
import { action as positionAction, loader as positionLoader } from "./trajecten.$trailId_.standpunt.$municipalityId";
import { loader as positionPageLoader } from "./trajecten.$trailId_.standpunten.$positionId";

let actors: (local: string) => Actor;
const ids: Record<string, string> = {};

beforeAll(async () => {
  actors = await demoActors();
  for (const m of await prisma.municipality.findMany()) ids[m.slug] = m.id;
});

const amendment = () => amendmentWithDraftReceived([ids.delft!, ids.rijswijk!], actors("secretaris"));

const FIELDS = {
  title: "Model-zienswijze Platform H10 Jeugd",
  kind: "ZIENSWIJZE",
  text: "De raad vraagt het bestuur van de GR Servicebureau Jeugdhulp Haaglanden de democratische legitimiteit te versterken.",
};

async function publish(email: string, trailId: string, fields: Record<string, string>, options: { csrf?: null } = {}) {
  const client = await clientFor(email);
  return outcome(() =>
    publishAction({
      request: formPost(client, `/trajecten/${trailId}/concepten`, fields, options),
      params: { trailId },
      context: {},
    }),
  );
}

describe("publishing a shared draft", () => {
  it("refuses an alderman, a clerk of a council outside the trail and a post without its CSRF token: nothing written", async () => {
    const t = await amendment();
    const events = await prisma.event.count();
    for (const email of ["wethouder.delft@h10.example", "griffier.den-haag@h10.example"]) {
      expect((await publish(email, t.trailId, FIELDS)).status, email).toBe(403);
      const client = await clientFor(email);
      const page = await outcome(() =>
        publishLoader({
          request: get(client, `/trajecten/${t.trailId}/concepten`),
          params: { trailId: t.trailId },
          context: {},
        }),
      );
      expect(page.status, email).toBe(403);
    }
    expect((await publish("griffier.delft@h10.example", t.trailId, FIELDS, { csrf: null })).status).toBe(403);
    expect(await prisma.sharedDraft.count({ where: { trailId: t.trailId } })).toBe(0);
    expect(await prisma.event.count()).toBe(events);
  });

  it("answers a form without text or with half a model amendment with 400 and the field, and writes nothing", async () => {
    const t = await amendment();
    const empty = await publish("griffier.delft@h10.example", t.trailId, { ...FIELDS, text: " " });
    expect(empty.status).toBe(400);
    expect(JSON.stringify(empty.body)).toContain("validation.textRequired");
    const half = await publish("griffier.delft@h10.example", t.trailId, { ...FIELDS, itemTitle: "Amendement" });
    expect(half.status).toBe(400);
    expect(JSON.stringify(half.body)).toContain("sharedDrafts.errors.item_incomplete");
    expect(await prisma.sharedDraft.count({ where: { trailId: t.trailId } })).toBe(0);
  });

  it("publishes a clerk's draft with its model amendment and goes back to it on the trail page", async () => {
    const t = await amendment();
    const result = await publish("griffier.delft@h10.example", t.trailId, {
      ...FIELDS,
      itemKind: "AMENDMENT",
      itemTitle: "Amendement op beslispunt 3",
      itemText: "Beslispunt 3 aanvullen met: de raden worden twee keer per jaar geïnformeerd.",
    });
    const draft = await prisma.sharedDraft.findFirstOrThrow({ where: { trailId: t.trailId } });
    expect(result.status).toBe(302);
    expect(result.headers.get("Location")).toBe(`/trajecten/${t.trailId}#draft-${draft.id}`);
    expect(draft).toMatchObject({ municipalityId: ids.delft, title: FIELDS.title });
    expect(JSON.parse(draft.items!)).toEqual([
      expect.objectContaining({ kind: "AMENDMENT", title: "Amendement op beslispunt 3" }),
    ]);
  });
});

describe("a position started from a shared draft", () => {
  it("is prefilled from a draft of this trail, and a draft of another trail is refused on the page and in the post", async () => {
    const t = await amendment();
    const other = await amendment();
    const own = await publishSharedDraft(
      { trailId: t.trailId, ...FIELDS, kind: "ZIENSWIJZE" },
      actors("griffier.delft"),
    );
    const foreign = await publishSharedDraft(
      { trailId: other.trailId, ...FIELDS, kind: "ZIENSWIJZE" },
      actors("griffier.delft"),
    );
    if (!own.ok || !foreign.ok) throw new Error("not published");
    const clerk = await clientFor("griffier.rijswijk@h10.example");
    const params = { trailId: t.trailId, municipalityId: ids.rijswijk! };
    const path = `/trajecten/${t.trailId}/standpunt/${ids.rijswijk}`;

    const page = await outcome(() =>
      positionLoader({ request: get(clerk, `${path}?concept=${own.sharedDraftId}`), params, context: {} }),
    );
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ draft: { id: own.sharedDraftId, text: FIELDS.text } });
    const wrong = await outcome(() =>
      positionLoader({ request: get(clerk, `${path}?concept=${foreign.sharedDraftId}`), params, context: {} }),
    );
    expect(wrong.status).toBe(404);

    const fields = {
      revision: String(t.revision),
      bodyKind: "COUNCIL:ZIENSWIJZE",
      meetingDate: "2024-03-07",
      text: `${FIELDS.text} De raden ontvangen elk halfjaar verslag.`,
    };
    const refused = await outcome(() =>
      positionAction({
        request: formPost(clerk, path, { ...fields, sharedDraftId: foreign.sharedDraftId }),
        params,
        context: {},
      }),
    );
    expect(refused.status).toBe(422);
    expect(JSON.stringify(refused.body)).toContain("workflowErrors.shared_draft_not_in_trail");
    expect(await prisma.position.count({ where: { trailId: t.trailId } })).toBe(0);

    const logged = await outcome(() =>
      positionAction({
        request: formPost(clerk, path, { ...fields, sharedDraftId: own.sharedDraftId }),
        params,
        context: {},
      }),
    );
    expect(logged.status).toBe(302);
    const position = await prisma.position.findFirstOrThrow({ where: { trailId: t.trailId } });
    expect(position.sharedDraftId).toBe(own.sharedDraftId);
    // The position's page names the draft it started from.
    const shown = await outcome(() =>
      positionPageLoader({
        request: get(clerk, `/trajecten/${t.trailId}/standpunten/${position.id}`),
        params: { trailId: t.trailId, positionId: position.id },
        context: {},
      }),
    );
    expect(shown.body).toMatchObject({ position: { sharedDraft: { id: own.sharedDraftId, title: FIELDS.title } } });
  });
});
