import { appendEvent } from "~/models/event.server";
import { sendTrailEvent } from "~/models/trail-workflow.server";
import { refreshTrailSummary } from "~/models/trail-summary.server";
import { prisma } from "~/utils/db.server";
import type { Actor } from "~/utils/permissions";
import { initialSnapshot, stateName, WORKFLOWS } from "~workflows/registry";
import type { TrailKind } from "~workflows/shared/types";

let counter = 0;

/**
 * A trail of a kind with exactly these participants, at the machine's initial
 * state, started on 1 January 2024 unless told otherwise (its dates may lie
 * from half a year before the start: app/utils/date-range.ts).
 */
export async function createTrail(kind: TrailKind, participants: string[], options: { startedOn?: string } = {}) {
  counter += 1;
  const snapshot = initialSnapshot(kind, { participants, exiting: participants[0] });
  const reference = `TEST-${kind}-${process.pid}-${counter}-${Date.now()}`;
  return prisma.$transaction(async (tx) => {
    const trail = await tx.trail.create({
      data: {
        kind,
        title: `Testtraject ${reference}`,
        reference,
        state: stateName(snapshot),
        snapshot: JSON.stringify(snapshot),
        machineVersion: WORKFLOWS[kind].version,
        startedAt: new Date(`${options.startedOn ?? "2024-01-01"}T00:00:00Z`),
        participants: { create: participants.map((municipalityId) => ({ municipalityId })) },
      },
    });
    // The list columns, as startTrail writes them.
    await refreshTrailSummary(tx, trail.id);
    await appendEvent(tx, {
      type: "trail.started",
      trailId: trail.id,
      payload: { reference },
      resultingState: trail.state,
    });
    return trail;
  });
}

/** The seeded demo accounts as actors, by the local part of their address. */
export async function demoActors(): Promise<(local: string) => Actor> {
  const users = await prisma.user.findMany({ where: { email: { endsWith: "@h10.example" } } });
  const byLocal = new Map(
    users.map((u) => [u.email.split("@")[0]!, { id: u.id, role: u.role, municipalityId: u.municipalityId }]),
  );
  return (local) => {
    const actor = byLocal.get(local);
    if (!actor) throw new Error(`No demo account ${local}`);
    return actor;
  };
}

/** One step of a trail for `sendSteps`: the event, the municipality it is for (or none), and its day. */
export type DatedStep = readonly [type: string, municipalityId: string | undefined, on: string];

/**
 * Sends these dated steps to a trail one after another, from `revision`, as `actor`; throws on the first refusal.
 * Returns the trail's revision after the last.
 */
export async function sendSteps(trailId: string, revision: number, steps: readonly DatedStep[], actor: Actor) {
  for (const [type, municipalityId, on] of steps) {
    const result = await sendTrailEvent(
      { trailId, expectedRevision: revision, type, municipalityId, fields: { on } },
      actor,
    );
    if (!result.ok) throw new Error(result.code);
    revision = result.revision;
  }
  return revision;
}

/** The seeded municipalities' ids, by slug. */
export async function municipalityIds(): Promise<(slug: string) => string> {
  const ids = new Map(
    (await prisma.municipality.findMany({ select: { slug: true, id: true } })).map((m) => [m.slug, m.id]),
  );
  return (slug) => {
    const id = ids.get(slug);
    if (!id) throw new Error(`No municipality ${slug}`);
    return id;
  };
}

/** A council's zienswijze as logPosition takes it (30 for, 9 against). */
export const zienswijze = (text: string, meetingDate: string) => ({
  body: "COUNCIL" as const,
  kind: "ZIENSWIJZE" as const,
  text,
  meetingDate,
  votes: { for: 30, against: 9, abstained: 0 },
});

/**
 * A GR amendment of these municipalities whose draft every council received on 15 January 2024: it expects their
 * zienswijzen. The steps are sent by `secretary`; returns the trail and its revision.
 */
export async function amendmentWithDraftReceived(participants: string[], secretary: Actor) {
  const trail = await createTrail("GR_AMENDMENT", participants);
  let revision = 0;
  // Sending the draft marks every council as having received it on that day.
  const sent = await sendTrailEvent(
    { trailId: trail.id, expectedRevision: revision, type: "DRAFT_SENT", fields: { on: "2024-01-15" } },
    secretary,
  );
  if (!sent.ok) throw new Error(sent.code);
  revision = sent.revision;
  return { trailId: trail.id, revision };
}

/** The seeded budget cycle H10-BEGR-2025 (its id and councils) and the key "Inwoners 2022" its amounts are shared by. */
export async function seededBudgetCycle() {
  const [cycle, key] = await Promise.all([
    prisma.trail.findUniqueOrThrow({
      where: { reference: "H10-BEGR-2025" },
      select: { id: true, participants: { select: { municipalityId: true } } },
    }),
    prisma.allocationKey.findUniqueOrThrow({ where: { name: "Inwoners 2022" }, select: { id: true } }),
  ]);
  return { cycle, keyId: key.id };
}

/**
 * A regional vision of the given councils at the councils' decision (start picture, draft, DO advice and BO
 * agreement sent as the secretary), as the import of council outcomes proposes decisions for. The trail and its
 * revision after the steps.
 */
export async function visionAtCouncilDecision(participants: string[], secretary: Actor) {
  const trail = await createTrail("VISION", participants);
  const revision = await sendSteps(
    trail.id,
    0,
    [
      ["START_PICTURE_SENT", undefined, "2024-01-10"],
      ["START_PICTURE_CLOSED", undefined, "2024-01-20"],
      ["DRAFT_TO_DO", undefined, "2024-01-21"],
      ["DO_ADVISED", undefined, "2024-01-22"],
      ["BO_AGREED", undefined, "2024-01-23"],
    ],
    secretary,
  );
  return { trail, revision };
}
