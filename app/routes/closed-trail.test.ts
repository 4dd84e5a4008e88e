/**
 * The pages of issue 16, Legal 2 and 4: a council that had not decided records
 * its decision on a closed trail for the record (no misleading 403); where
 * nothing can be logged the page says why; a refused step says why.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { logPosition } from "~/models/position.server";
import { sendTrailEvent } from "~/models/trail-workflow.server";
import { prisma } from "~/utils/db.server";
import type { Actor } from "~/utils/permissions";
import { createApiToken } from "~/models/api-token.server";
import { call } from "../../test/factories/api";
import { clientFor, formPost, get, outcome } from "../../test/factories/request";
import { createTrail, demoActors } from "../../test/factories/trail";
import { action as apiPositionsAction } from "./api.v1.trails_.$trailId_.positions";
import { action as trailAction } from "./trajecten.$trailId";
import { action as logAction, loader as logLoader } from "./trajecten.$trailId_.standpunt.$municipalityId";

let actors: (local: string) => Actor;
const ids = new Map<string, string>();

beforeAll(async () => {
  actors = await demoActors();
  for (const m of await prisma.municipality.findMany({ where: { slug: { in: ["delft", "rijswijk", "westland"] } } }))
    ids.set(m.slug, m.id);
});

/**
 * Delft, Rijswijk and Westland at consent; Rijswijk withholds it on 12 March 2024: not adopted. With
 * `atConsent`, the trail before that, and its revision.
 */
async function closedAmendment(): Promise<string>;
async function closedAmendment(options: { atConsent: true }): Promise<{ trailId: string; revision: number }>;
async function closedAmendment(options: { atConsent?: boolean } = {}) {
  const trail = await createTrail("GR_AMENDMENT", [...ids.values()]);
  let revision = 0;
  const send = async (type: string, fields: Record<string, unknown> = {}) => {
    const r = await sendTrailEvent(
      { trailId: trail.id, expectedRevision: revision, type, fields },
      actors("secretaris"),
    );
    if (!r.ok) throw new Error(r.code);
    revision = r.revision;
  };
  const log = async (slug: string, kind: string, meetingDate: string, extra = {}) => {
    const r = await logPosition(
      {
        trailId: trail.id,
        expectedRevision: revision,
        municipalityId: ids.get(slug)!,
        body: "COUNCIL",
        kind: kind as never,
        text: "Besluit van de raad.",
        meetingDate,
        ...extra,
      },
      actors(`griffier.${slug}`),
    );
    if (!r.ok) throw new Error(r.code);
    revision = r.revision;
  };
  await send("DRAFT_SENT", { on: "2024-01-10" });
  for (const slug of ids.keys()) await log(slug, "NO_RESPONSE", "2024-02-01");
  await send("ZIENSWIJZEN_PROCESSED");
  if (options.atConsent) return { trailId: trail.id, revision };
  await log("rijswijk", "CONSENT_WITHHELD", "2024-03-12", { legalGround: "law", text: "In strijd met de Wgr." });
  return trail.id;
}

const page = (trailId: string, slug: string) => `/trajecten/${trailId}/standpunt/${ids.get(slug)}`;

describe("the position form on a closed trail", () => {
  it("offers a council that had not decided its decision for the record, and records it", async () => {
    const trailId = await closedAmendment();
    const clerk = await clientFor("griffier.westland@h10.example");
    const params = { trailId, municipalityId: ids.get("westland")! };
    const shown = await outcome(() =>
      logLoader({ request: get(clerk, page(trailId, "westland")), params, context: {} }),
    );
    expect(shown.status).toBe(200);
    expect(shown.body).toMatchObject({
      unavailable: null,
      closed: { on: "2024-03-12", state: "notAdopted" },
      options: [
        { body: "COUNCIL", kind: "CONSENT_GIVEN", forTheRecord: true },
        { body: "COUNCIL", kind: "CONSENT_WITHHELD", forTheRecord: true },
      ],
    });
    const posted = await outcome(() =>
      logAction({
        request: formPost(clerk, page(trailId, "westland"), {
          revision: String((shown.body as { revision: number }).revision),
          bodyKind: "COUNCIL:CONSENT_GIVEN",
          meetingDate: "2024-03-21",
          text: "De raad geeft toestemming voor de wijziging.",
        }),
        params,
        context: {},
      }),
    );
    expect(posted.status).toBe(302);
    expect((await prisma.trail.findUniqueOrThrow({ where: { id: trailId } })).state).toBe("notAdopted");
  });

  it("says why instead of a bare 403: the decision is already recorded", async () => {
    const trailId = await closedAmendment();
    const clerk = await clientFor("griffier.rijswijk@h10.example");
    const shown = await outcome(() =>
      logLoader({
        request: get(clerk, page(trailId, "rijswijk")),
        params: { trailId, municipalityId: ids.get("rijswijk")! },
        context: {},
      }),
    );
    expect(shown.status).toBe(200);
    expect(shown.body).toMatchObject({
      options: [],
      unavailable: { key: "closedDecided", name: "Rijswijk", state: "notAdopted", closedOn: "2024-03-12" },
    });
  });

  it("is truly forbidden for another municipality's clerk, and says whose council they record for", async () => {
    const trailId = await closedAmendment();
    const clerk = await clientFor("griffier.delft@h10.example");
    const shown = await outcome(() =>
      logLoader({
        request: get(clerk, page(trailId, "westland")),
        params: { trailId, municipalityId: ids.get("westland")! },
        context: {},
      }),
    );
    expect(shown.status).toBe(403);
    expect(shown.body).toMatchObject({ code: "forbidden_body", message: expect.stringContaining("(Delft)") });
  });
});

describe("a refused step on the trail page says why", () => {
  it("a receipt dated before the draft was sent: 422 with the reason and the date", async () => {
    const trail = await prisma.trail.findUniqueOrThrow({ where: { reference: "H10-GR-2024" } });
    const clerk = await clientFor("griffier.westland@h10.example");
    const result = await outcome(() =>
      trailAction({
        request: formPost(clerk, `/trajecten/${trail.id}`, {
          intent: "event",
          type: "DRAFT_RECEIVED",
          municipalityId: ids.get("westland")!,
          revision: String(trail.revision),
          on: "2024-01-05",
        }),
        params: { trailId: trail.id },
        context: {},
      }),
    );
    expect(result.status).toBe(422);
    expect(result.body).toMatchObject({
      error: {
        code: "event_not_accepted",
        reason: "receivedBeforeSent",
        values: { sentOn: "2024-01-12" },
        type: "DRAFT_RECEIVED",
      },
    });
  });
});

describe("the API on a trail a position closes", () => {
  it("answers the position that closed it, and one recorded after, as the trail stands after each", async () => {
    const { trailId, revision } = await closedAmendment({ atConsent: true });
    const post = async (slug: string, content: object) => {
      const clerk = actors(`griffier.${slug}`);
      const { token } = await createApiToken(clerk.id, `RIS ${slug}`, { actor: clerk, origin: "127.0.0.1" });
      return call(() =>
        apiPositionsAction({
          request: new Request(`http://127.0.0.1/api/v1/trails/${trailId}/positions`, {
            method: "POST",
            headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
            body: JSON.stringify({ municipalityId: ids.get(slug), body: "COUNCIL", ...content }),
          }),
          params: { trailId },
          context: {},
        }),
      );
    };
    const withheld = await post("rijswijk", {
      expectedRevision: revision,
      kind: "CONSENT_WITHHELD",
      legalGround: "law",
      text: "In strijd met de Wgr.",
      meetingDate: "2024-03-12",
    });
    expect(withheld.status).toBe(201);
    // Its step closed the trail before it was processed: it will not be.
    expect(await withheld.json()).toMatchObject({ forTheRecord: false, processingState: "closedUnprocessed" });
    const closed = await prisma.trail.findUniqueOrThrow({ where: { id: trailId } });
    expect(closed.state).toBe("notAdopted");
    const recorded = await post("westland", {
      expectedRevision: closed.revision,
      kind: "CONSENT_GIVEN",
      text: "De raad geeft toestemming voor de wijziging.",
      meetingDate: "2024-03-21",
    });
    expect(recorded.status).toBe(201);
    expect(await recorded.json()).toMatchObject({ forTheRecord: true, processingState: "notNeeded" });
  });
});
