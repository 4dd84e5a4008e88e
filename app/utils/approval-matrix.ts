/**
 * The approval matrix of a trail: one row per participating municipality,
 * one cell per step (received, college, committee, council, position,
 * processed), each with its state, date and deadline. Pure: the trail page
 * loads the rows it needs once and hands them in.
 */
import type { DeadlineStatus } from "./deadlines";
import { deadlineStatus } from "./deadlines";

export type CellState = "done" | "late" | "open" | "overdue" | "dueSoon" | "none" | "refused";

export interface MatrixCell {
  state: CellState;
  /** An i18n key for the cell's text. */
  label: string;
  date: string | null;
  deadline: { dueOn: string; status: DeadlineStatus; extendedFrom: string | null } | null;
  positionId: string | null;
  /** An i18n key said below the cell's text: for a late position, whether it still counts. */
  note?: string;
}

export interface MatrixPosition {
  id: string;
  municipalityId: string | null;
  body: string;
  kind: string;
  meetingDate: string | null;
  superseded: boolean;
  processed: boolean;
  needsProcessing: boolean;
  /** Given after its term's last day (a late zienswijze). */
  late: boolean;
  /** The secretary's call on a late position when processing it; null while undecided. */
  lateCounts: boolean | null;
}

export interface MatrixRow {
  municipalityId: string;
  name: string;
  received: MatrixCell;
  college: MatrixCell;
  committee: MatrixCell;
  council: MatrixCell;
  position: MatrixCell;
  processed: MatrixCell;
}

const REFUSALS = new Set(["REJECTED", "CONSENT_WITHHELD"]);
const WAITING = new Set(["awaiting", "received"]);
const REFUSED_STATUSES = new Set(["consentWithheld", "rejected", "collegeRejected"]);

const LATE_NOTES: Record<string, string> = {
  true: "matrix.lateCounts",
  false: "matrix.lateNotCounted",
  null: "matrix.lateUndecided",
};

function positionCell(position: MatrixPosition | undefined): MatrixCell {
  if (!position) return { state: "none", label: "matrix.nothingYet", date: null, deadline: null, positionId: null };
  return {
    state: REFUSALS.has(position.kind) ? "refused" : position.late ? "late" : "done",
    label: `positionKinds.${position.kind}`,
    date: position.meetingDate,
    deadline: null,
    positionId: position.id,
    ...(position.late ? { note: LATE_NOTES[String(position.lateCounts)] } : {}),
  };
}

export function approvalMatrix(input: {
  participants: { municipalityId: string; name: string; receivedOn: string | null }[];
  positions: MatrixPosition[];
  deadlines: {
    municipalityId: string | null;
    kind: string;
    dueOn: string;
    metOn: string | null;
    extendedFrom: string | null;
  }[];
  status: (municipalityId: string) => { status: string; on: string | null };
  today: string;
}): MatrixRow[] {
  return input.participants.map((p) => {
    const current = input.positions.filter((pos) => pos.municipalityId === p.municipalityId && !pos.superseded);
    // Positions come newest first: the first of a body is its latest.
    const latest = (body: string) => current.find((pos) => pos.body === body);
    const deadline = input.deadlines.find((d) => d.municipalityId === p.municipalityId && d.kind === "zienswijze");
    const due = deadline
      ? {
          dueOn: deadline.dueOn,
          status: deadlineStatus(deadline.dueOn, deadline.metOn, input.today),
          extendedFrom: deadline.extendedFrom,
        }
      : null;
    const status = input.status(p.municipalityId);
    const toProcess = current.filter((pos) => pos.needsProcessing);
    const unprocessed = toProcess.filter((pos) => !pos.processed);
    return {
      municipalityId: p.municipalityId,
      name: p.name,
      received: p.receivedOn
        ? { state: "done", label: "matrix.received", date: p.receivedOn, deadline: due, positionId: null }
        : { state: "none", label: "matrix.notReceived", date: null, deadline: null, positionId: null },
      college: positionCell(latest("COLLEGE")),
      committee: positionCell(latest("COMMITTEE")),
      council: positionCell(latest("COUNCIL")),
      position: {
        state: WAITING.has(status.status)
          ? due?.status === "overdue" || due?.status === "dueSoon"
            ? due.status
            : "open"
          : REFUSED_STATUSES.has(status.status)
            ? "refused"
            : due?.status === "late"
              ? "late"
              : "done",
        label: `trackStatus.${status.status}`,
        date: status.on,
        deadline: status.status === "received" ? due : null,
        positionId: null,
      },
      processed: !toProcess.length
        ? { state: "none", label: "matrix.nothingToProcess", date: null, deadline: null, positionId: null }
        : unprocessed.length
          ? { state: "open", label: "matrix.toProcess", date: null, deadline: null, positionId: unprocessed[0]!.id }
          : { state: "done", label: "matrix.processed", date: null, deadline: null, positionId: toProcess[0]!.id },
    };
  });
}
