import { beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "~/models/api-token.server";
import { prisma } from "~/utils/db.server";
import { todayInAmsterdam } from "~/utils/date-range";
import { demoActors } from "../../test/factories/trail";
import { clientFor, formPost, outcome } from "../../test/factories/request";
import { addMonths } from "~workflows/shared/dates";
import { action as positionsApi } from "./api.v1.trails_.$trailId_.positions";
import { action as trailAction } from "./trajecten.$trailId";
import { action as logAction } from "./trajecten.$trailId_.standpunt.$municipalityId";
import { action as positionAction } from "./trajecten.$trailId_.standpunten.$positionId";
import { action as votesAction } from "./trajecten.$trailId_.stemmingen";
import { action as newTrailAction } from "./trajecten.nieuw";
import { action as meetingsAction } from "./vergaderingen";

/**
 * Dates out of their plausible range (app/utils/date-range.ts), through every
 * kind of form and the API: a 400 naming the field with a Dutch message (or,
 * in the API, the stable code date_out_of_range), and nothing written. The
 * seeded GR amendment started on 1 September 2023, so its dates may lie from
 * 2 March 2023.
 */
const amendment = () =>
  prisma.trail.findUniqueOrThrow({ where: { reference: "H10-GR-2024" }, include: { participants: true } });
const municipalityId = async (slug: string) => (await prisma.municipality.findUniqueOrThrow({ where: { slug } })).id;

/** Every table a date could be written to, and the audit trail. */
const written = () =>
  Promise.all([
    prisma.position.count(),
    prisma.event.count(),
    prisma.deadline.count(),
    prisma.boardVote.count(),
    prisma.councilMeeting.count(),
    prisma.trail.count(),
  ]);

/** The messages an answer gives per field (Conform's reply, or the trail page's issues). */
function fieldErrors(body: unknown): Record<string, string[]> {
  const b = body as { result?: { error?: Record<string, string[]> }; error?: { issues?: Record<string, string[]> } };
  return b.result?.error ?? b.error?.issues ?? {};
}

const sixYearsAhead = () => addMonths(todayInAmsterdam(), 72);

describe("dates out of range on the forms", () => {
  it("a position's meeting date: not before 2000 (no 0024 read as 1924), not long before the trail, not years ahead", async () => {
    const trail = await amendment();
    const denHaag = await municipalityId("den-haag");
    const clerk = await clientFor("griffier.den-haag@h10.example");
    const before = await written();
    for (const [meetingDate, message] of [
      ["0024-03-07", "validation.dateBefore2000"],
      // A meeting ahead has decided nothing yet: said by the form's own check, with its other mistakes.
      ["9999-12-31", "validation.meetingDateInFuture"],
      ["2022-06-01", "validation.dateBeforeTrail"],
      [sixYearsAhead(), "validation.meetingDateInFuture"],
    ]) {
      const answer = await outcome(() =>
        logAction({
          request: formPost(clerk, "/x", {
            revision: String(trail.revision),
            bodyKind: "COUNCIL:MOTION",
            text: "Motie",
            meetingDate: meetingDate!,
          }),
          params: { trailId: trail.id, municipalityId: denHaag },
          context: {},
        }),
      );
      expect(answer.status, meetingDate).toBe(400);
      expect(fieldErrors(answer.body), meetingDate).toMatchObject({ meetingDate: [message] });
    }
    expect(await written()).toEqual(before);
  });

  it("a correction's meeting date is held to the same range", async () => {
    const position = await prisma.position.findFirstOrThrow({
      where: { trail: { reference: "H10-GR-2024" }, municipality: { slug: "den-haag" }, supersededBy: null },
    });
    const clerk = await clientFor("griffier.den-haag@h10.example");
    const before = await written();
    for (const [meetingDate, message] of [
      ["0099-01-01", "validation.dateBefore2000"],
      ["2021-01-01", "validation.dateBeforeTrail"],
    ]) {
      const answer = await outcome(() =>
        positionAction({
          request: formPost(clerk, "/x", {
            intent: "correct",
            meetingDate: meetingDate!,
            text: "Anders",
            reason: "Typfout",
          }),
          params: { trailId: position.trailId, positionId: position.id },
          context: {},
        }),
      );
      expect(answer.status, meetingDate).toBe(400);
      expect(fieldErrors(answer.body), meetingDate).toMatchObject({ meetingDate: [message] });
    }
    expect(await written()).toEqual(before);
  });

  it("a workflow step's date and a target date on the trail page", async () => {
    const trail = await amendment();
    const rijswijk = await municipalityId("rijswijk");
    const secretary = await clientFor("secretaris@h10.example");
    const clerk = await clientFor("griffier.rijswijk@h10.example");
    const before = await written();
    const post = (client: typeof clerk, fields: Record<string, string>) =>
      outcome(() =>
        trailAction({ request: formPost(client, "/x", fields), params: { trailId: trail.id }, context: {} }),
      );
    for (const [on, message] of [
      ["2020-01-17", "validation.dateBeforeTrail"],
      [sixYearsAhead(), "validation.dateFiveYearsAhead"],
      ["9999-12-31", "validation.dateFiveYearsAhead"],
    ]) {
      const answer = await post(clerk, {
        intent: "event",
        type: "DRAFT_RECEIVED",
        municipalityId: rijswijk,
        revision: String(trail.revision),
        on: on!,
      });
      expect(answer.status, on).toBe(400);
      expect(fieldErrors(answer.body), on).toEqual({ on: [message] });
    }
    for (const [dueOn, message] of [
      ["0030-01-01", "validation.dateBefore2000"],
      ["9999-12-31", "validation.dateTenYearsAhead"],
      ["2010-01-01", "validation.dateBeforeTrail"],
    ]) {
      const answer = await post(secretary, { intent: "target", label: "Streefdatum", dueOn: dueOn! });
      expect(answer.status, dueOn).toBe(400);
      expect(fieldErrors(answer.body), dueOn).toEqual({ dueOn: [message] });
      // What was typed goes back, for the form to show again.
      expect(answer.body, dueOn).toMatchObject({ error: { posted: { label: "Streefdatum", dueOn } } });
    }
    expect(await written()).toEqual(before);
  });

  it("a board vote, a new trail's start and a council meeting", async () => {
    const trail = await amendment();
    const secretary = await clientFor("secretaris@h10.example");
    const clerk = await clientFor("griffier.delft@h10.example");
    const denHaag = await municipalityId("den-haag");
    const before = await written();
    const vote = await outcome(() =>
      votesAction({
        request: formPost(secretary, "/x", {
          subject: "Begroting",
          heldOn: "2020-06-01",
          rule: "SIMPLE",
          "ballots[0].member": "Bestuurslid H1",
          "ballots[0].choice": "FOR",
          "ballots[0].municipalityIds": denHaag,
        }),
        params: { trailId: trail.id },
        context: {},
      }),
    );
    expect(vote.status).toBe(400);
    expect(fieldErrors(vote.body)).toMatchObject({ heldOn: ["validation.dateBeforeTrail"] });
    for (const [startedOn, message] of [
      ["0017-05-30", "validation.dateBefore2000"],
      [addMonths(todayInAmsterdam(), 13), "validation.trailStartOneYearAhead"],
    ]) {
      const started = await outcome(() =>
        newTrailAction({
          request: formPost(secretary, "/trajecten/nieuw", {
            kind: "VISION",
            title: "Regiovisie",
            reference: `DATUM-${startedOn}`,
            startedOn: startedOn!,
          }),
          params: {},
          context: {},
        }),
      );
      expect(started.status, startedOn).toBe(400);
      expect(fieldErrors(started.body), startedOn).toMatchObject({ startedOn: [message] });
    }
    const meeting = await outcome(() =>
      meetingsAction({
        request: formPost(clerk, "/vergaderingen", { intent: "add", bodyKind: "COUNCIL", date: "2099-03-05" }),
        params: {},
        context: {},
      }),
    );
    expect(meeting.status).toBe(400);
    expect(fieldErrors(meeting.body)).toMatchObject({ date: ["validation.dateTenYearsAhead"] });
    expect(await written()).toEqual(before);
  });
});

describe("dates out of range through the API", () => {
  let token: string;
  beforeAll(async () => {
    const actors = await demoActors();
    token = (
      await createApiToken(actors("griffier.delft").id, "RIS Delft", {
        actor: actors("griffier.delft"),
        origin: "127.0.0.1",
      })
    ).token;
  });

  it("answers a meeting date of 2099, year 0024, 9999-12-31 or long before the trail with 400 date_out_of_range", async () => {
    const trail = await amendment();
    const delft = await municipalityId("delft");
    const before = await written();
    for (const meetingDate of ["2099-03-07", "0024-03-07", "9999-12-31", "2020-03-07", sixYearsAhead()]) {
      const response = (await positionsApi({
        request: new Request(`http://127.0.0.1/api/v1/trails/${trail.id}/positions`, {
          method: "POST",
          headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
          body: JSON.stringify({
            expectedRevision: trail.revision,
            municipalityId: delft,
            body: "COUNCIL",
            kind: "MOTION",
            text: "Motie",
            meetingDate,
          }),
        }),
        params: { trailId: trail.id },
        context: {},
      })) as Response;
      expect(response.status, meetingDate).toBe(400);
      const body = (await response.json()) as { code: string; message: string; details: Record<string, string> };
      expect(body.code, meetingDate).toBe("date_out_of_range");
      expect(body.message).toContain("vergaderdatum");
      expect(body.details).toEqual({
        field: "meetingDate",
        // Half a year before the seeded amendment's start on 2 January 2024.
        earliest: "2023-07-03",
        latest: addMonths(todayInAmsterdam(), 60),
      });
    }
    expect(await written()).toEqual(before);
  });
});
