/**
 * The approval matrix of a trail: one row per participating municipality,
 * one cell per step (received, college, committee, council, position,
 * processed), each with its state, date and deadline. Pure: the trail page
 * loads the rows it needs once and hands them in.
 */
import type { DeadlineStatus } from "./deadlines";
import { deadlineStatus } from "./deadlines";
import { positionWord } from "./words";

export type CellState = "done" | "late" | "open" | "overdue" | "dueSoon" | "none" | "refused";

export interface MatrixCell {
  state: CellState;
  /** An i18n key for the cell's text. */
  label: string;
  date: string | null;
  deadline: { dueOn: string; status: DeadlineStatus; extendedFrom: string | null } | null;
  positionId: string | null;
  /** A withheld consent's legal ground (Wgr art. 1 lid 4): `law` or `publicInterest`, and its reason. */
  withheld?: { ground: string | null; reason: string | null };
  /** An i18n key of a remark below the cell's text: whether a late position still counts, or a decision recorded after the trail closed. */
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
  /** Withheld consent: its legal ground; the text is the reason. */
  legalGround?: string | null;
  text?: string;
  /** Recorded on a closed trail, without changing its outcome. */
  forTheRecord?: boolean;
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
    label: positionWord(position.body, position.kind),
    date: position.meetingDate,
    deadline: null,
    positionId: position.id,
    ...(position.kind === "CONSENT_WITHHELD"
      ? { withheld: { ground: position.legalGround ?? null, reason: position.text ?? null } }
      : {}),
    ...(position.late
      ? { note: LATE_NOTES[String(position.lateCounts)] }
      : position.forTheRecord
        ? { note: "matrix.forTheRecord" }
        : {}),
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
  status: (municipalityId: string) => {
    status: string;
    on: string | null;
    withheld?: { ground: string | null; reason: string | null };
  };
  today: string;
  /** A closed trail: what was not processed is no longer open (see the processed cell). */
  closed?: boolean;
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
        ...(status.withheld ? { withheld: status.withheld } : {}),
      },
      // On a closed trail an unprocessed position is no longer waiting: it is shown as not processed any more.
      processed: !toProcess.length
        ? { state: "none", label: "matrix.nothingToProcess", date: null, deadline: null, positionId: null }
        : unprocessed.length && input.closed
          ? {
              state: "none",
              label: "matrix.closedUnprocessed",
              date: null,
              deadline: null,
              positionId: unprocessed[0]!.id,
            }
          : unprocessed.length
            ? { state: "open", label: "matrix.toProcess", date: null, deadline: null, positionId: unprocessed[0]!.id }
            : { state: "done", label: "matrix.processed", date: null, deadline: null, positionId: toProcess[0]!.id },
    };
  });
}
