import { describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { eventDay, eventSentence } from "~/utils/event-sentence";
import { translate } from "~/locales/lookup";
import { amendmentWithDraftReceived, demoActors } from "../../test/factories/trail";
import { appendEvent } from "./event.server";
import { logPosition } from "./position.server";
import { trailTimeline } from "./timeline.server";
import { sendTrailEvent } from "./trail-workflow.server";

async function amendment() {
  const actors = await demoActors();
  const [delft, denHaag] = await Promise.all(
    ["delft", "den-haag"].map((slug) => prisma.municipality.findUniqueOrThrow({ where: { slug } })),
  );
  const { trailId, revision } = await amendmentWithDraftReceived([delft!.id, denHaag!.id], actors("secretaris"));
  const given = await sendTrailEvent(
    {
      trailId,
      expectedRevision: revision,
      type: "ZIENSWIJZE_GIVEN",
      municipalityId: delft!.id,
      fields: { on: "2024-03-04" },
    },
    actors("griffier.delft"),
  );
  expect(given.ok).toBe(true);
  return trailId;
}

describe("a trail's timeline", () => {
  it("names who did what for which council, and verifies the audit chain for the trail", async () => {
    const trailId = await amendment();
    const { events, chain } = await trailTimeline(trailId);
    const given = events.find((e) => e.type === "workflow.ZIENSWIJZE_GIVEN")!;
    expect(given).toMatchObject({ council: "Delft", actor: { role: "CLERK", municipality: "Delft" } });
    const t = (lng: string) => (key: string, values?: Record<string, string | number>) => translate(lng, key, values);
    expect(eventSentence(given, t("nl"), "nl")).toBe(
      "Griffier Delft legde de zienswijze van de raad van Delft vast op 4 maart 2024",
    );
    expect(eventSentence(given, t("en"), "en")).toBe(
      "Council clerk Delft recorded the view (zienswijze) of the council of Delft on 4 March 2024",
    );
    // No raw codes: every sentence of the trail is a sentence.
    for (const e of events) expect(eventSentence(e, t("en"), "en")).not.toContain(e.type);
    expect(chain).toEqual({ ok: true, checked: events.length });
  });

  it("reports a changed event of the trail, and not one of another trail", async () => {
    const trailId = await amendment();
    const other = await amendment();
    const otherEvent = await prisma.event.findFirstOrThrow({ where: { trailId: other } });
    await prisma.event.update({ where: { sequence: otherEvent.sequence }, data: { payload: '{"on":"2020-01-01"}' } });
    expect((await trailTimeline(trailId)).chain.ok).toBe(true);

    const target = await prisma.event.findFirstOrThrow({ where: { trailId, type: "workflow.ZIENSWIJZE_GIVEN" } });
    await prisma.event.update({ where: { sequence: target.sequence }, data: { payload: '{"on":"2024-02-01"}' } });
    expect((await trailTimeline(trailId)).chain).toMatchObject({
      ok: false,
      firstBroken: { sequence: target.sequence, reason: "hash does not match the event's content" },
    });
  });

  it("reports an event removed from beside one of the trail's events", async () => {
    const trailId = await amendment();
    const before = await prisma.event.count({ where: { trailId } });
    const between = await prisma.$transaction((tx) => appendEvent(tx, { type: "calendar_feed.rotated", payload: {} }));
    await prisma.$transaction((tx) =>
      appendEvent(tx, { type: "deadline.target_set", trailId, payload: { label: "Na", dueOn: "2024-06-01" } }),
    );
    expect((await trailTimeline(trailId)).chain).toEqual({ ok: true, checked: before + 1 });
    await prisma.event.delete({ where: { sequence: between.sequence } });
    const { chain } = await trailTimeline(trailId);
    expect(chain.ok).toBe(false);
    expect(chain.firstBroken?.reason).toBe("the next event's prevHash does not match this event");
  });

  it("shows a position logged with its workflow step once, and a step without a position and a position without a step", async () => {
    const actors = await demoActors();
    const [delft, denHaag] = await Promise.all(
      ["delft", "den-haag"].map((slug) => prisma.municipality.findUniqueOrThrow({ where: { slug } })),
    );
    const { trailId, revision } = await amendmentWithDraftReceived([delft!.id, denHaag!.id], actors("secretaris"));
    // Den Haag's zienswijze: a position with its step (two audit events, one action).
    const zienswijze = await logPosition(
      {
        trailId,
        expectedRevision: revision,
        municipalityId: denHaag!.id,
        body: "COUNCIL",
        kind: "ZIENSWIJZE",
        text: "De raad vraagt de raden vroeg te betrekken bij de begroting.",
        meetingDate: "2024-03-07",
      },
      actors("griffier.den-haag"),
    );
    if (!zienswijze.ok) throw new Error(JSON.stringify(zienswijze));
    // Delft: a step without a position; then a motion, a position without a step.
    const none = await sendTrailEvent(
      {
        trailId,
        expectedRevision: zienswijze.revision,
        type: "NO_ZIENSWIJZE",
        municipalityId: delft!.id,
        fields: { on: "2024-03-05" },
      },
      actors("griffier.delft"),
    );
    if (!none.ok) throw new Error(none.code);
    const motion = await logPosition(
      {
        trailId,
        expectedRevision: none.revision,
        municipalityId: delft!.id,
        body: "COUNCIL",
        kind: "MOTION",
        text: "De raad verzoekt het college de raden tijdig te informeren.",
        meetingDate: "2024-03-06",
      },
      actors("griffier.delft"),
    );
    expect(motion.ok).toBe(true);

    const { events, chain } = await trailTimeline(trailId);
    const t = (key: string, values?: Record<string, string | number>) => translate("nl", key, values);
    const lines = events.map((e) => `${eventDay(e) ?? "—"} ${eventSentence(e, t, "nl")}`);
    const about = (council: string) => lines.filter((line) => line.includes(`raad van ${council}`));
    expect(about("Den Haag")).toEqual([
      "2024-03-07 Griffier Den Haag legde het standpunt van de raad van Den Haag vast: Zienswijze (vergadering 7 maart 2024)",
    ]);
    expect(about("Delft")).toEqual([
      "2024-03-05 Griffier Delft legde vast dat de raad van Delft geen reactie gaf op 5 maart 2024",
      "2024-03-06 Griffier Delft legde het standpunt van de raad van Delft vast: Motie (vergadering 6 maart 2024)",
    ]);
    // The one entry of the zienswijze carries the state its step led to.
    const given = events.find((e) => e.type === "position.logged" && e.council === "Den Haag")!;
    expect(given.state).toBe("zienswijzeTerm");
    expect(events.some((e) => e.type === "workflow.ZIENSWIJZE_GIVEN")).toBe(false);
    // The audit chain still checks every event, the folded step's too.
    expect(chain).toEqual({ ok: true, checked: await prisma.event.count({ where: { trailId } }) });
    expect(events).toHaveLength(chain.checked - 1);
  });
});
