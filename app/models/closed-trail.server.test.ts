/**
 * Issue 16, Legal 2, 3 and 6: a GR amendment that can no longer get every
 * council's consent closes as not adopted on the day of the deciding meeting;
 * the councils that had not decided still record their decision, for the
 * record; the ground of a withheld consent is in the matrix, the brief and
 * the API; a closed trail stays findable as recently closed; a position the
 * trail closed before processing is no longer open; "Geen reactie" is not
 * processed as adopted in part or not; sending the document asks the councils.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { positionJson, trailJson } from "~/api/serialize.server";
import { prisma } from "~/utils/db.server";
import type { Actor } from "~/utils/permissions";
import { createTrail, demoActors } from "../../test/factories/trail";
import { loadTrailBrief } from "./brief.server";
import { regionOverview, secretaryPipeline } from "./dashboard.server";
import { createDocument, sendRevision } from "./document.server";
import { listTrailPositions, logPosition, processPosition } from "./position.server";
import { answerZienswijze } from "./zienswijze-answer.server";
import { getTrail, listTrails } from "./trail.server";
import { sendTrailEvent } from "./trail-workflow.server";

let actors: (local: string) => Actor;
const ids = new Map<string, string>();
const SLUGS = ["delft", "rijswijk", "westland"] as const;

beforeAll(async () => {
  actors = await demoActors();
  for (const m of await prisma.municipality.findMany({ where: { slug: { in: [...SLUGS] } } })) ids.set(m.slug, m.id);
});

const id = (slug: (typeof SLUGS)[number]) => ids.get(slug)!;

/**
 * Delft, Rijswijk and Westland asked for consent to a GR amendment (unanimity);
 * Rijswijk gave no view ("Geen reactie"); Delft's view is processed, its later motion not.
 */
async function amendmentAtConsent() {
  const trail = await createTrail("GR_AMENDMENT", SLUGS.map(id));
  let revision = 0;
  const send = async (type: string, municipalityId: string | undefined, fields: Record<string, unknown> = {}) => {
    const result = await sendTrailEvent(
      { trailId: trail.id, expectedRevision: revision, type, municipalityId, fields },
      actors("secretaris"),
    );
    if (!result.ok) throw new Error(`${type}: ${result.code}`);
    revision = result.revision;
  };
  const log = async (slug: (typeof SLUGS)[number], kind: string, meetingDate: string, extra = {}) => {
    const result = await logPosition(
      {
        trailId: trail.id,
        expectedRevision: revision,
        municipalityId: id(slug),
        body: "COUNCIL",
        kind: kind as never,
        text: `Besluit van de raad (${kind}).`,
        meetingDate,
        ...extra,
      },
      actors(`griffier.${slug}`),
    );
    if (result.ok) revision = result.revision;
    return result;
  };
  await send("DRAFT_SENT", undefined, { on: "2024-01-10" });
  const delftView = await log("delft", "ZIENSWIJZE", "2024-02-01");
  const rijswijkNone = await log("rijswijk", "NO_RESPONSE", "2024-02-02");
  await log("westland", "NO_RESPONSE", "2024-02-03");
  if (!delftView.ok || !rijswijkNone.ok) throw new Error("positions");
  await processPosition(
    delftView.positionId,
    { outcome: "ADOPTED", reason: "Overgenomen.", location: "Artikel 2" },
    actors("secretaris"),
  );
  // The board answers Delft's zienswijze before it adopts the final proposal (the answer ledger).
  const answered = await answerZienswijze(
    delftView.positionId,
    { text: "Het bestuur neemt de zienswijze over in artikel 2.", answeredOn: "2024-02-05" },
    actors("secretaris"),
  );
  if (!answered.ok) throw new Error(`answer: ${answered.code}`);
  await send("ZIENSWIJZEN_PROCESSED", undefined);
  // A motion of Delft's council with its consent debate: to be processed, and not yet.
  const motion = await log("delft", "MOTION", "2024-02-20");
  if (!motion.ok) throw new Error("motion");
  return {
    trail,
    log,
    revision: () => revision,
    delftMotion: motion.positionId,
    rijswijkNone: rijswijkNone.positionId,
  };
}

describe("withheld consent ends a unanimous amendment (Legal 2)", () => {
  it("closes on the day of the deciding council meeting, not the day it was logged", async () => {
    const { trail, log } = await amendmentAtConsent();
    await log("delft", "CONSENT_GIVEN", "2024-03-05");
    expect(
      await log("rijswijk", "CONSENT_WITHHELD", "2024-03-12", {
        legalGround: "publicInterest",
        text: "Strijd met het algemeen belang: de raad verliest zeggenschap over de begroting.",
      }),
    ).toMatchObject({ ok: true });
    const stored = await prisma.trail.findUniqueOrThrow({ where: { id: trail.id } });
    expect(stored.state).toBe("notAdopted");
    // Midnight of 12 March 2024 in Amsterdam.
    expect(stored.closedAt?.toISOString()).toBe("2024-03-11T23:00:00.000Z");
  });

  it("lets a council that had not decided record its decision for the record, without changing the outcome", async () => {
    const { trail, log, delftMotion } = await amendmentAtConsent();
    const withheld = await log("rijswijk", "CONSENT_WITHHELD", "2024-03-12", {
      legalGround: "law",
      text: "In strijd met de Wgr.",
    });
    const closed = await prisma.trail.findUniqueOrThrow({ where: { id: trail.id } });
    expect(closed.state).toBe("notAdopted");

    const recorded = await logPosition(
      {
        trailId: trail.id,
        expectedRevision: closed.revision,
        municipalityId: id("westland"),
        body: "COUNCIL",
        kind: "CONSENT_GIVEN",
        text: "De raad geeft toestemming voor de wijziging.",
        meetingDate: "2024-03-21",
      },
      actors("griffier.westland"),
    );
    expect(recorded).toMatchObject({ ok: true, revision: closed.revision });
    const after = await prisma.trail.findUniqueOrThrow({ where: { id: trail.id } });
    expect({ state: after.state, revision: after.revision, snapshot: after.snapshot }).toEqual({
      state: "notAdopted",
      revision: closed.revision,
      snapshot: closed.snapshot,
    });
    const position = await prisma.position.findUniqueOrThrow({ where: { id: recorded.ok ? recorded.positionId : "" } });
    expect(position.workflowEvent).toBeNull();
    const event = await prisma.event.findFirstOrThrow({
      where: { trailId: trail.id, type: "position.logged" },
      orderBy: { sequence: "desc" },
    });
    expect(JSON.parse(event.payload)).toMatchObject({ forTheRecord: true, step: null });
    // Search files them under the closed trail: the one logged before, the one whose step closed it, and the one
    // recorded after.
    const positionIds = [delftMotion, withheld.ok ? withheld.positionId : "", position.id];
    const terms = await prisma.searchTerm.findMany({
      where: { entry: { kind: "position", sourceId: { in: positionIds } } },
      select: { trailState: true, entry: { select: { sourceId: true } } },
    });
    expect(new Set(terms.map((t) => t.entry.sourceId))).toEqual(new Set(positionIds));
    expect(new Set(terms.map((t) => t.trailState))).toEqual(new Set(["closed"]));

    // Once recorded, or for a council that decided in the trail, nothing more: a stated reason, not a bare 403.
    const again = { ...recordedInput(trail.id, after.revision), municipalityId: id("westland") };
    expect(await logPosition(again, actors("griffier.westland"))).toMatchObject({
      status: 422,
      code: "trail_closed",
      reason: "alreadyDecided",
    });
    expect(await logPosition({ ...again, municipalityId: id("rijswijk") }, actors("griffier.rijswijk"))).toMatchObject({
      status: 422,
      code: "trail_closed",
      reason: "alreadyDecided",
    });
    // A motion is no decision of the closed trail's round.
    expect(
      await logPosition({ ...again, municipalityId: id("delft"), kind: "MOTION" }, actors("griffier.delft")),
    ).toMatchObject({ status: 422, code: "trail_closed", reason: "notForTheRecord" });
    // And still only for one's own council.
    expect(await logPosition({ ...again, municipalityId: id("delft") }, actors("griffier.westland"))).toMatchObject({
      status: 403,
      code: "forbidden_body",
    });

    // The matrix shows the recorded decision as such.
    const brief = (await loadTrailBrief(trail.id, actors("secretaris")))!;
    const westland = brief.matrix.find((row) => row.municipalityId === id("westland"))!;
    expect(westland.council).toMatchObject({ label: "positionKinds.CONSENT_GIVEN", note: "matrix.forTheRecord" });
    const positions = await listTrailPositions(trail.id);
    const json = positionJson(
      positions.find((p) => p.municipalityId === id("westland"))!,
      {
        kind: after.kind,
        closed: after.closedAt !== null,
      },
    );
    expect(json).toMatchObject({ kind: "CONSENT_GIVEN", forTheRecord: true });
  });

  it("shows the ground of a withheld consent in the matrix row, the brief and the API", async () => {
    const { trail, log } = await amendmentAtConsent();
    const reason = "Strijd met het algemeen belang: de raad verliest zeggenschap over de begroting.";
    await log("rijswijk", "CONSENT_WITHHELD", "2024-03-12", { legalGround: "publicInterest", text: reason });
    const brief = (await loadTrailBrief(trail.id, actors("wethouder.delft")))!;
    const row = brief.matrix.find((r) => r.municipalityId === id("rijswijk"))!;
    expect(row.council.withheld).toEqual({ ground: "publicInterest", reason });
    expect(row.position).toMatchObject({
      label: "trackStatus.consentWithheld",
      withheld: { ground: "publicInterest", reason },
    });
    expect(brief.positions.find((p) => p.kind === "CONSENT_WITHHELD")).toMatchObject({
      legalGround: "publicInterest",
      text: reason,
    });
    const api = trailJson((await getTrail(trail.id))!);
    expect(api.participants.find((p) => p.municipalityId === id("rijswijk"))).toMatchObject({
      status: "consentWithheld",
      statusOn: "2024-03-12",
      withheld: { ground: "publicInterest", reason },
    });
  });

  it("stays findable on the overview and in the trail list as recently closed, in SQL", async () => {
    const { trail, log } = await amendmentAtConsent();
    await log("rijswijk", "CONSENT_WITHHELD", "2024-03-12", { legalGround: "law", text: "In strijd met de Wgr." });
    const reference = (await prisma.trail.findUniqueOrThrow({ where: { id: trail.id } })).reference;
    const closed = await regionOverview({ status: "recentlyClosed" }, "2024-04-01");
    expect(closed.rows.find((r) => r.reference === reference)).toMatchObject({
      state: "notAdopted",
      closedOn: "2024-03-12",
    });
    expect((await regionOverview({}, "2024-04-01")).rows.map((r) => r.reference)).not.toContain(reference);
    // Ninety days after the deciding meeting it is no longer "recent".
    expect((await regionOverview({ status: "recentlyClosed" }, "2024-06-10")).rows.map((r) => r.reference)).toContain(
      reference,
    );
    expect(
      (await regionOverview({ status: "recentlyClosed" }, "2024-06-11")).rows.map((r) => r.reference),
    ).not.toContain(reference);
    expect((await listTrails({ status: "recentlyClosed" }, "2024-04-01")).rows.map((t) => t.reference)).toContain(
      reference,
    );
    expect((await listTrails({ status: "open" }, "2024-04-01")).rows.map((t) => t.reference)).not.toContain(reference);
  });
});

function recordedInput(trailId: string, expectedRevision: number) {
  return {
    trailId,
    expectedRevision,
    municipalityId: "",
    body: "COUNCIL" as const,
    kind: "CONSENT_GIVEN" as const,
    text: "De raad geeft toestemming.",
    meetingDate: "2024-03-28",
  };
}

describe("processing rules (Legal 6)", () => {
  it('refuses to process "Geen reactie" as partly or not adopted, and takes "niet van toepassing"', async () => {
    const { rijswijkNone } = await amendmentAtConsent();
    for (const outcome of ["PARTLY_ADOPTED", "NOT_ADOPTED", "ADOPTED"] as const) {
      expect(
        await processPosition(rijswijkNone, { outcome, reason: "—", location: "—" }, actors("secretaris")),
      ).toMatchObject({ ok: false, status: 422, code: "outcome_not_for_kind", allowed: ["NOT_APPLICABLE"] });
    }
    expect(await prisma.processing.count({ where: { positionId: rijswijkNone } })).toBe(0);
    expect(
      await processPosition(
        rijswijkNone,
        { outcome: "NOT_APPLICABLE", reason: "De raad gaf geen zienswijze.", location: "—" },
        actors("secretaris"),
      ),
    ).toEqual({ ok: true });
  });

  it("a position the trail closed before processing is no longer open: not in the pipeline, shown as such", async () => {
    const { trail, log, delftMotion: delftView } = await amendmentAtConsent();
    expect((await secretaryPipeline("2024-03-01")).unprocessed.rows.map((p) => p.id)).toContain(delftView);
    await log("rijswijk", "CONSENT_WITHHELD", "2024-03-12", { legalGround: "law", text: "In strijd met de Wgr." });
    expect((await secretaryPipeline("2024-04-01")).unprocessed.rows.map((p) => p.id)).not.toContain(delftView);
    const brief = (await loadTrailBrief(trail.id, actors("secretaris")))!;
    expect(brief.positions.find((p) => p.id === delftView)).toMatchObject({
      processing: null,
      processingState: "closedUnprocessed",
    });
    // A consent or "Geen reactie" has nothing to process: the brief does not call it open.
    expect(brief.positions.filter((p) => p.kind === "NO_RESPONSE").map((p) => p.processingState)).toEqual([
      "notNeeded",
      "notNeeded",
    ]);
    expect(brief.matrix.find((r) => r.municipalityId === id("delft"))!.processed).toMatchObject({
      state: "none",
      label: "matrix.closedUnprocessed",
    });
    const positions = await listTrailPositions(trail.id);
    const closedTrail = await prisma.trail.findUniqueOrThrow({ where: { id: trail.id } });
    expect(
      positionJson(
        positions.find((p) => p.id === delftView)!,
        {
          kind: closedTrail.kind,
          closed: closedTrail.closedAt !== null,
        },
      ).processingState,
    ).toBe("closedUnprocessed");
  });
});

describe("sending the document asks the councils (Legal 3)", () => {
  it("a procurement trail starts in preparation; sending its note moves it on and marks every council received", async () => {
    const trail = await createTrail("PROCUREMENT", SLUGS.map(id), { startedOn: "2017-11-01" });
    expect(trail.state).toBe("preparing");
    const secretary = actors("secretaris");
    const note = await createDocument(
      { trailId: trail.id, kind: "RAADSINFORMATIEBRIEF", title: "Uitgangspuntennotitie inkoop" },
      secretary,
    );
    if (!note.ok) throw new Error(note.code);
    expect(await sendRevision({ documentId: note.documentId, revision: 1, on: "2017-11-14" }, secretary)).toMatchObject(
      {
        ok: true,
        step: "NOTE_SENT",
      },
    );
    const sent = await prisma.trail.findUniqueOrThrow({ where: { id: trail.id }, include: { participants: true } });
    expect(sent.state).toBe("councilInput");
    expect(sent.participants.map((p) => p.receivedAt?.toISOString())).toEqual(
      SLUGS.map(() => "2017-11-13T23:00:00.000Z"),
    );
    // Delft answers: its row says received (with the day it was sent), not "Nog niet ontvangen".
    const answer = await logPosition(
      {
        trailId: trail.id,
        expectedRevision: sent.revision,
        municipalityId: id("delft"),
        body: "COUNCIL",
        kind: "WENSEN_EN_BEDENKINGEN",
        text: "De raad wenst meer aandacht voor de wachttijden.",
        meetingDate: "2017-12-19",
      },
      actors("griffier.delft"),
    );
    expect(answer).toMatchObject({ ok: true });
    const brief = (await loadTrailBrief(trail.id, secretary))!;
    expect(brief.matrix.find((r) => r.municipalityId === id("delft"))!.received).toMatchObject({
      state: "done",
      label: "matrix.received",
      date: "2017-11-14",
    });
  });

  it("an answer before the note was sent is refused with its reason", async () => {
    const trail = await createTrail("PROCUREMENT", SLUGS.map(id), { startedOn: "2017-11-01" });
    const secretary = actors("secretaris");
    const sent = await sendTrailEvent(
      { trailId: trail.id, expectedRevision: 0, type: "NOTE_SENT", fields: { on: "2017-11-14" } },
      secretary,
    );
    expect(sent).toMatchObject({ ok: true });
    expect(
      await sendTrailEvent(
        {
          trailId: trail.id,
          expectedRevision: 1,
          type: "NO_INPUT",
          municipalityId: id("delft"),
          fields: { on: "2017-11-01" },
        },
        actors("griffier.delft"),
      ),
    ).toMatchObject({
      status: 422,
      code: "event_not_accepted",
      reason: "answerBeforeSent",
      values: { sentOn: "2017-11-14" },
    });
  });

  it("a receipt dated before the draft was sent is refused with its reason (Legal 4)", async () => {
    const trail = await createTrail("GR_AMENDMENT", SLUGS.map(id));
    await sendTrailEvent(
      { trailId: trail.id, expectedRevision: 0, type: "DRAFT_SENT", fields: { on: "2024-01-10" } },
      actors("secretaris"),
    );
    expect(
      await sendTrailEvent(
        {
          trailId: trail.id,
          expectedRevision: 1,
          type: "DRAFT_RECEIVED",
          municipalityId: id("delft"),
          fields: { on: "2024-01-05" },
        },
        actors("griffier.delft"),
      ),
    ).toMatchObject({
      status: 422,
      code: "event_not_accepted",
      reason: "receivedBeforeSent",
      values: { sentOn: "2024-01-10" },
    });
  });
});
