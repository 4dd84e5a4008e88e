import { describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { clientFor, formPost, get, outcome, type Client } from "../../test/factories/request";
import { action, loader } from "./trajecten.$trailId";

async function grTrail() {
  return prisma.trail.findUniqueOrThrow({
    where: { reference: "H10-GR-2024" },
    include: { participants: { include: { municipality: true } } },
  });
}

async function municipalityId(slug: string) {
  return (await prisma.municipality.findUniqueOrThrow({ where: { slug } })).id;
}

/** Posts a workflow step from the trail page, the way the browser does. */
function postEvent(client: Client, trailId: string, fields: Record<string, string>, options: { csrf?: null } = {}) {
  return outcome(() =>
    action({
      request: formPost(client, `/trajecten/${trailId}`, { intent: "event", ...fields }, options),
      params: { trailId },
      context: {},
    }),
  );
}

describe("workflow steps on the trail page", () => {
  it("refuses a clerk recording for another municipality: 403 and nothing written", async () => {
    const trail = await grTrail();
    const events = await prisma.event.count();
    const clerk = await clientFor("griffier.delft@h10.example");
    const result = await postEvent(clerk, trail.id, {
      type: "DRAFT_RECEIVED",
      municipalityId: await municipalityId("westland"),
      revision: String(trail.revision),
      on: "2024-01-20",
    });
    expect(result.status).toBe(403);
    expect(result.body).toMatchObject({ error: { code: "forbidden_event" } });
    const after = await grTrail();
    expect(after.revision).toBe(trail.revision);
    expect(after.snapshot).toBe(trail.snapshot);
    expect(await prisma.event.count()).toBe(events);
  });

  it("lets a clerk record receipt for their own council: audit event and an eight-week deadline", async () => {
    const trail = await grTrail();
    const clerk = await clientFor("griffier.rijswijk@h10.example");
    const rijswijk = await municipalityId("rijswijk");
    const result = await postEvent(clerk, trail.id, {
      type: "DRAFT_RECEIVED",
      municipalityId: rijswijk,
      revision: String(trail.revision),
      on: "2024-01-17",
    });
    expect(result.status).toBe(200);
    const after = await grTrail();
    expect(after.revision).toBe(trail.revision + 1);
    expect(after.state).toBe("zienswijzeTerm");
    expect(after.participants.find((p) => p.municipalityId === rijswijk)?.receivedAt?.toISOString()).toBe(
      "2024-01-16T23:00:00.000Z",
    );
    const deadline = await prisma.deadline.findFirstOrThrow({
      where: { trailId: trail.id, municipalityId: rijswijk, kind: "zienswijze" },
    });
    // 17 January + 8 weeks = 13 March, midnight in Amsterdam.
    expect(deadline.dueAt.toISOString()).toBe("2024-03-12T23:00:00.000Z");
    const event = await prisma.event.findFirstOrThrow({ where: { trailId: trail.id }, orderBy: { sequence: "desc" } });
    expect(event).toMatchObject({
      type: "workflow.DRAFT_RECEIVED",
      actorId: clerk.userId,
      actorRole: "CLERK",
      resultingState: "zienswijzeTerm",
    });
  });

  it("answers 409 when the trail moved since the page was loaded, and writes nothing", async () => {
    const trail = await grTrail();
    const clerk = await clientFor("griffier.wassenaar@h10.example");
    const result = await postEvent(clerk, trail.id, {
      type: "DRAFT_RECEIVED",
      municipalityId: await municipalityId("wassenaar"),
      revision: String(trail.revision - 1),
      on: "2024-01-18",
    });
    expect(result.status).toBe(409);
    expect(result.body).toMatchObject({ error: { code: "revision_conflict", currentRevision: trail.revision } });
    expect((await grTrail()).revision).toBe(trail.revision);
  });

  it("refuses a step the current state does not expect, with a clear code", async () => {
    const trail = await grTrail();
    const clerk = await clientFor("griffier.westland@h10.example");
    const result = await postEvent(clerk, trail.id, {
      type: "CONSENT_GIVEN",
      municipalityId: await municipalityId("westland"),
      revision: String(trail.revision),
      on: "2024-02-01",
    });
    expect(result.status).toBe(422);
    expect(result.body).toMatchObject({ error: { code: "event_not_accepted" } });
    expect((await grTrail()).revision).toBe(trail.revision);
  });

  it("gives a clear error for a malformed date and writes nothing", async () => {
    const trail = await grTrail();
    const clerk = await clientFor("griffier.westland@h10.example");
    const result = await postEvent(clerk, trail.id, {
      type: "DRAFT_RECEIVED",
      municipalityId: await municipalityId("westland"),
      revision: String(trail.revision),
      on: "31-02-2024",
    });
    expect(result.status).toBe(400);
    expect(result.body).toMatchObject({
      error: { code: "invalid_payload", issues: { on: ["validation.dateInvalid"] } },
    });
    expect((await grTrail()).revision).toBe(trail.revision);
  });

  it("refuses a post without the CSRF token", async () => {
    const trail = await grTrail();
    const clerk = await clientFor("griffier.westland@h10.example");
    const result = await postEvent(
      clerk,
      trail.id,
      {
        type: "DRAFT_RECEIVED",
        municipalityId: await municipalityId("westland"),
        revision: String(trail.revision),
        on: "2024-01-20",
      },
      { csrf: null },
    );
    expect(result.status).toBe(403);
    expect(result.body).toMatchObject({ code: "csrf_invalid" });
  });

  it("offers a clerk only the steps of their own council", async () => {
    const trail = await grTrail();
    const clerk = await clientFor("griffier.zoetermeer@h10.example");
    const result = await outcome(() =>
      loader({ request: get(clerk, `/trajecten/${trail.id}`), params: { trailId: trail.id }, context: {} }),
    );
    const body = result.body as {
      matrix: { municipalityId: string; name: string }[];
      tasks: Record<string, { mayLog: boolean; actions: { type: string }[]; expected: string[] }>;
      regionalActions: unknown[];
    };
    const zoetermeer = body.matrix.find((row) => row.name === "Zoetermeer")!.municipalityId;
    const mayAct = Object.entries(body.tasks)
      .filter(([, task]) => task.mayLog || task.actions.length)
      .map(([id]) => id);
    expect(mayAct).toEqual([zoetermeer]);
    // Zoetermeer received the draft on 16 January 2024: its view (or none) is a position to log now.
    expect(body.tasks[zoetermeer]!.expected.sort()).toEqual(["NO_ZIENSWIJZE", "ZIENSWIJZE_GIVEN"]);
    // Its only step of its own: correcting the day of receipt, which is no outstanding work.
    expect(body.tasks[zoetermeer]!.actions.map((a) => a.type)).toEqual(["DRAFT_RECEIVED"]);
    expect(body.regionalActions).toEqual([]);
  });

  it("shows the approval matrix: one row per participant, each step with its state", async () => {
    const trail = await grTrail();
    const alderman = await clientFor("wethouder.westland@h10.example");
    const result = await outcome(() =>
      loader({ request: get(alderman, `/trajecten/${trail.id}`), params: { trailId: trail.id }, context: {} }),
    );
    const rows = (
      result.body as {
        matrix: { name: string; received: { state: string; date: string | null }; position: { label: string } }[];
      }
    ).matrix;
    expect(rows).toHaveLength(9);
    const denHaag = rows.find((r) => r.name === "Den Haag")!;
    expect(denHaag.received.state).toBe("done");
    expect(denHaag.position.label).toBe("trackStatus.zienswijzeGiven");
    // Sending the draft (12 January 2024) marked every council as having received it: Westland too.
    expect(rows.find((r) => r.name === "Westland")!.received).toMatchObject({ state: "done", date: "2024-01-12" });
  });

  it("sends a visitor without a session to the sign-in page", async () => {
    const trail = await grTrail();
    const anonymous = await clientFor();
    const result = await outcome(() =>
      loader({ request: get(anonymous, `/trajecten/${trail.id}`), params: { trailId: trail.id }, context: {} }),
    );
    expect(result.status).toBe(302);
    expect(result.headers.get("Location")).toBe(`/inloggen?redirectTo=${encodeURIComponent(`/trajecten/${trail.id}`)}`);
  });
});
