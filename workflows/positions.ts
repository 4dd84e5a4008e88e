/**
 * How a logged position relates to a trail's workflow: a council's
 * zienswijze, consent or adoption is also a step of the trail, so logging it
 * sends the matching event and is refused when the trail does not expect it.
 * Motions, amendments and a committee's advice are recorded without a step.
 */
import { KIND_MODULES } from "./modules";
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

/**
 * Where a position stands in its processing (verwerking). A position on a
 * trail that closed before it was processed is no longer waiting: the final
 * document it would have been processed into will not come (the amendment was
 * not adopted, the vision ended). A mature product neither leaves it "open"
 * for ever, in the secretaries' pipeline and the matrix, nor invents a
 * processing nobody recorded (a Processing row names who processed it and
 * how). So it is derived, "closedUnprocessed": shown as "niet meer verwerkt:
 * traject gesloten", counted nowhere as open, and a secretary can still
 * record a processing afterwards, which then shows as such.
 */
export type ProcessingState = "notNeeded" | "processed" | "open" | "closedUnprocessed";

export function processingState(kind: PositionKind, processed: boolean, trailClosed: boolean): ProcessingState {
  if (processed) return "processed";
  if (!KINDS_TO_PROCESS.has(kind)) return "notNeeded";
  return trailClosed ? "closedUnprocessed" : "open";
}

/**
 * The processing outcomes that fit a kind of position: "Geen reactie" has
 * nothing to adopt, partly or not, so only "niet van toepassing" fits it.
 */
export const OUTCOMES = ["ADOPTED", "PARTLY_ADOPTED", "NOT_ADOPTED", "NOT_APPLICABLE"] as const;
export type Outcome = (typeof OUTCOMES)[number];

export function outcomesFor(kind: PositionKind): readonly Outcome[] {
  return kind === "NO_RESPONSE" ? ["NOT_APPLICABLE"] : OUTCOMES;
}

/** The kinds of trail whose council zienswijzen the board answers in writing (the answer ledger). */
export const KINDS_WITH_ANSWERS: readonly TrailKind[] = Object.values(KIND_MODULES)
  .filter((module) => module.answersRequiredBefore.length > 0)
  .map((module) => module.kind);

/** Whether a position gets the board's written answer: a council's zienswijze on a kind with an answer ledger. */
export function getsAnswer(trailKind: TrailKind, body: PositionBody, kind: PositionKind): boolean {
  return body === "COUNCIL" && kind === "ZIENSWIJZE" && KINDS_WITH_ANSWERS.includes(trailKind);
}

/** Every workflow event that is recorded through a position rather than on its own. */
export const EVENTS_RECORDED_AS_POSITIONS: ReadonlySet<string> = new Set(
  Object.values(KIND_MODULES).flatMap(({ positionSteps }) => [
    ...Object.values(positionSteps.council),
    ...Object.values(positionSteps.college),
  ]),
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
  const steps = KIND_MODULES[trail].positionSteps;
  const table = body === "COLLEGE" ? steps.college : body === "COUNCIL" ? steps.council : null;
  return table?.[kind] ?? undefined;
}

/**
 * On a closed trail, the decisions a municipality that had not decided yet may
 * still record, for the record: a council that meets after unanimity became
 * impossible still decides, and its decision belongs with the trail. Such a
 * position is no step (the outcome stands) and is shown as recorded after
 * the close.
 */
export function kindsForTheRecord(trail: TrailKind, body: PositionBody): readonly PositionKind[] {
  return KIND_MODULES[trail].positionSteps.forTheRecord[body] ?? [];
}

/** A stored position recorded for the record on a closed trail: a step's kind that sent no step. */
export function isForTheRecord(
  trail: TrailKind,
  body: PositionBody,
  kind: PositionKind,
  workflowEvent: string | null,
): boolean {
  return workflowEvent === null && typeof workflowEventFor(trail, body, kind) === "string";
}

export interface PositionOption {
  body: PositionBody;
  kind: PositionKind;
  /** Recorded on a closed trail without moving it. */
  forTheRecord: boolean;
}

/**
 * What a user may log for one municipality now, the one rule the trail page,
 * the position page and logPosition share: on an open trail the kinds the
 * workflow expects (and the free ones); on a closed one, the decisions for
 * the record while the municipality has not decided.
 */
export function positionOptions(input: {
  trail: TrailKind;
  open: boolean;
  /** The events the trail accepts from this municipality now. */
  accepted: readonly string[];
  /** Whether the municipality decided (in the workflow or already for the record). */
  decided: boolean;
  mayLog: (body: PositionBody) => boolean;
}): PositionOption[] {
  const bodies = (["COUNCIL", "COMMITTEE", "COLLEGE"] as const).filter(input.mayLog);
  if (input.open)
    return bodies.flatMap((body) =>
      expectedPositionKinds(input.trail, body, input.accepted, true).map((kind) => ({
        body,
        kind,
        forTheRecord: false,
      })),
    );
  if (input.decided) return [];
  return bodies.flatMap((body) =>
    kindsForTheRecord(input.trail, body).map((kind) => ({ body, kind, forTheRecord: true })),
  );
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
