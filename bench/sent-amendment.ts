import { sendTrailEvent, startTrail } from "../app/models/trail-workflow.server.ts";
import type { Actor } from "../app/utils/permissions.ts";

/**
 * A GR amendment started through the real model functions with its draft sent to every council (receipts,
 * deadlines, snapshot), as the benchmarks' template trail. Returns its id.
 */
export async function sentAmendment(
  secretary: Actor,
  trail: { title: string; reference: string; startedOn: string; sentOn: string },
): Promise<string> {
  const started = await startTrail(
    { kind: "GR_AMENDMENT", title: trail.title, reference: trail.reference, summary: "", startedOn: trail.startedOn },
    secretary,
  );
  if (!started.ok) throw new Error(started.code);
  const sent = await sendTrailEvent(
    { trailId: started.trailId, expectedRevision: 0, type: "DRAFT_SENT", fields: { on: trail.sentOn } },
    secretary,
  );
  if (!sent.ok) throw new Error(sent.code);
  return started.trailId;
}
