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

/** Posts the receipt form of a trail as the client, the way the browser does. */
function postReceipt(client: Client, trailId: string, municipalityId: string, receivedAt: string, options: { csrf?: null } = {}) {
  return outcome(() =>
    action({
      request: formPost(client, `/trajecten/${trailId}`, { intent: "receipt", municipalityId, receivedAt }, options),
      params: { trailId },
      context: {},
    }),
  );
}

function participant(trail: Awaited<ReturnType<typeof grTrail>>, slug: string) {
  return trail.participants.find((p) => p.municipality.slug === slug)!;
}

describe("recording that a council received a trail", () => {
  it("refuses a clerk posting for another municipality: 403 and nothing written", async () => {
    const trail = await grTrail();
    const denHaag = participant(trail, "den-haag");
    const eventsBefore = await prisma.event.count();
    const clerk = await clientFor("griffier.delft@h10.example");

    const result = await postReceipt(clerk, trail.id, denHaag.municipalityId, "2024-02-01");

    expect(result.status).toBe(403);
    expect(result.body).toMatchObject({ code: "forbidden_municipality" });
    const after = await grTrail();
    expect(participant(after, "den-haag").receivedAt).toEqual(denHaag.receivedAt);
    expect(after.revision).toBe(trail.revision);
    expect(await prisma.event.count()).toBe(eventsBefore);
  });

  it("lets a clerk record the date for their own council, with an audit event", async () => {
    const trail = await grTrail();
    const clerk = await clientFor("griffier.rijswijk@h10.example");
    const rijswijk = participant(trail, "rijswijk");

    const result = await postReceipt(clerk, trail.id, rijswijk.municipalityId, "2024-01-17");

    expect(result.status).toBe(200);
    const after = await grTrail();
    // Midnight in Amsterdam (winter time, UTC+1).
    expect(participant(after, "rijswijk").receivedAt?.toISOString()).toBe("2024-01-16T23:00:00.000Z");
    expect(after.revision).toBe(trail.revision + 1);
    const event = await prisma.event.findFirstOrThrow({ where: { trailId: trail.id }, orderBy: { sequence: "desc" } });
    expect(event).toMatchObject({ type: "participant.received", actorId: clerk.userId, actorRole: "CLERK" });
    expect(JSON.parse(event.payload)).toMatchObject({ municipalityId: rijswijk.municipalityId });
  });

  it("refuses a municipality that does not take part (Voorschoten left before 2024)", async () => {
    const trail = await grTrail();
    const voorschoten = await prisma.municipality.findUniqueOrThrow({ where: { slug: "voorschoten" } });
    const secretary = await clientFor("secretaris@h10.example");
    const result = await postReceipt(secretary, trail.id, voorschoten.id, "2024-01-17");
    expect(result.status).toBe(400);
    expect(JSON.stringify(result.body)).toContain("errorCodes.not_a_participant");
    expect(await prisma.trailParticipant.count({ where: { trailId: trail.id, municipalityId: voorschoten.id } })).toBe(0);
  });

  it("gives a clear error for a malformed date and writes nothing", async () => {
    const trail = await grTrail();
    const clerk = await clientFor("griffier.westland@h10.example");
    const westland = participant(trail, "westland");
    const result = await postReceipt(clerk, trail.id, westland.municipalityId, "31-02-2024");
    expect(result.status).toBe(400);
    expect(JSON.stringify(result.body)).toContain("validation.dateInvalid");
    expect(participant(await grTrail(), "westland").receivedAt).toBeNull();
  });

  it("refuses a post without the CSRF token", async () => {
    const trail = await grTrail();
    const clerk = await clientFor("griffier.wassenaar@h10.example");
    const wassenaar = participant(trail, "wassenaar");
    const result = await postReceipt(clerk, trail.id, wassenaar.municipalityId, "2024-01-20", { csrf: null });
    expect(result.status).toBe(403);
    expect(result.body).toMatchObject({ code: "csrf_invalid" });
    expect(participant(await grTrail(), "wassenaar").receivedAt).toBeNull();
  });

  it("offers the receipt action only for the clerk's own council", async () => {
    const trail = await grTrail();
    const clerk = await clientFor("griffier.zoetermeer@h10.example");
    const result = await outcome(() => loader({ request: get(clerk, `/trajecten/${trail.id}`), params: { trailId: trail.id }, context: {} }));
    const body = result.body as { participants: { name: string; mayRecordReceipt: boolean }[] };
    expect(body.participants.filter((p) => p.mayRecordReceipt).map((p) => p.name)).toEqual(["Zoetermeer"]);
  });

  it("sends a visitor without a session to the sign-in page", async () => {
    const trail = await grTrail();
    const anonymous = await clientFor();
    const result = await outcome(() => loader({ request: get(anonymous, `/trajecten/${trail.id}`), params: { trailId: trail.id }, context: {} }));
    expect(result.status).toBe(302);
    expect(result.headers.get("Location")).toBe(`/inloggen?redirectTo=${encodeURIComponent(`/trajecten/${trail.id}`)}`);
  });
});
