/**
 * A stored trail's workflow snapshot, brought up to its machine's current
 * version (a trail stored before the workflows ran has only its state name,
 * version 0). The one place a row's snapshot text is parsed.
 */
import type { TrailKind } from "~/generated/prisma/client";
import { upgradeSnapshot, type PersistedSnapshot } from "~workflows/registry";

export function storedSnapshot(trail: {
  kind: TrailKind;
  snapshot: string | null;
  machineVersion: number;
  state: string;
  participants: readonly { municipalityId: string }[];
}) {
  return upgradeSnapshot(
    trail.kind,
    {
      snapshot: trail.snapshot ? (JSON.parse(trail.snapshot) as PersistedSnapshot) : null,
      version: trail.snapshot ? trail.machineVersion : 0,
      state: trail.state,
    },
    { participants: trail.participants.map((p) => p.municipalityId) },
  );
}
