/**
 * How a logged position relates to a trail's workflow: a council's
 * zienswijze, consent or adoption is also a step of the trail, so logging it
 * sends the matching event and is refused when the trail does not expect it.
 * Motions, amendments and a committee's advice are recorded without a step.
 */
import type { TrailKind } from "./shared/types";

export const POSITION_KINDS = [
  "ZIENSWIJZE",
  "WENSEN_EN_BEDENKINGEN",
  "CONSENT_GIVEN",
  "CONSENT_WITHHELD",
  "ADOPTED",
  "ADOPTED_WITH_AMENDMENTS",
  "REJECTED",
  "AMENDMENT",
  "MOTION",
  "NO_RESPONSE",
] as const;
export type PositionKind = (typeof POSITION_KINDS)[number];

export type PositionBody = "COUNCIL" | "COMMITTEE" | "COLLEGE";

/** Positions whose handling in the final document must be recorded (verwerking). */
export const KINDS_TO_PROCESS: ReadonlySet<PositionKind> = new Set([
  "ZIENSWIJZE",
  "WENSEN_EN_BEDENKINGEN",
  "CONSENT_WITHHELD",
  "ADOPTED_WITH_AMENDMENTS",
  "AMENDMENT",
  "MOTION",
]);

const COUNCIL_EVENTS: Record<TrailKind, Partial<Record<PositionKind, string>>> = {
  GR_AMENDMENT: {
    ZIENSWIJZE: "ZIENSWIJZE_GIVEN",
    NO_RESPONSE: "NO_ZIENSWIJZE",
    CONSENT_GIVEN: "CONSENT_GIVEN",
    CONSENT_WITHHELD: "CONSENT_WITHHELD",
  },
  VISION: {
    ZIENSWIJZE: "INPUT_GIVEN",
    ADOPTED: "COUNCIL_ADOPTED",
    ADOPTED_WITH_AMENDMENTS: "COUNCIL_ADOPTED_WITH_AMENDMENTS",
    REJECTED: "COUNCIL_REJECTED",
  },
  PROCUREMENT: { WENSEN_EN_BEDENKINGEN: "WENSEN_EN_BEDENKINGEN", NO_RESPONSE: "NO_INPUT" },
  EXIT: { CONSENT_GIVEN: "CONSENT_GIVEN", CONSENT_WITHHELD: "CONSENT_WITHHELD" },
};

const COLLEGE_EVENTS: Record<TrailKind, Partial<Record<PositionKind, string>>> = {
  GR_AMENDMENT: {},
  VISION: {},
  PROCUREMENT: { ADOPTED: "COLLEGE_ADOPTED", REJECTED: "COLLEGE_REJECTED" },
  // The college's exit decision carries the wished exit date: it is recorded as a step.
  EXIT: {},
};

/** Every workflow event that is recorded through a position rather than on its own. */
export const EVENTS_RECORDED_AS_POSITIONS: ReadonlySet<string> = new Set(
  [...Object.values(COUNCIL_EVENTS), ...Object.values(COLLEGE_EVENTS)].flatMap((table) => Object.values(table)),
);

/** Kinds a body may log without moving the workflow. */
const FREE_KINDS: Record<PositionBody, readonly PositionKind[]> = {
  COUNCIL: ["AMENDMENT", "MOTION"],
  COMMITTEE: ["ZIENSWIJZE", "WENSEN_EN_BEDENKINGEN", "AMENDMENT", "MOTION", "NO_RESPONSE"],
  COLLEGE: [],
};

/** The workflow event a position sends, null when it is recorded without a step, undefined when it does not exist. */
export function workflowEventFor(trail: TrailKind, body: PositionBody, kind: PositionKind): string | null | undefined {
  if (FREE_KINDS[body].includes(kind)) return null;
  const table = body === "COLLEGE" ? COLLEGE_EVENTS : body === "COUNCIL" ? COUNCIL_EVENTS : null;
  return table?.[trail][kind] ?? undefined;
}

/** The kinds a body may log now, given the events the trail accepts from that municipality now. */
export function expectedPositionKinds(
  trail: TrailKind,
  body: PositionBody,
  acceptedEvents: readonly string[],
  open: boolean,
): PositionKind[] {
  if (!open) return [];
  return POSITION_KINDS.filter((kind) => {
    const event = workflowEventFor(trail, body, kind);
    return event === null || (event !== undefined && acceptedEvents.includes(event));
  });
}
