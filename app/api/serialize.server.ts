/** The API's representations, as described in app/api/openapi.ts. */
import type { Annex } from "~/models/annex.server";
import type { BudgetContributions } from "~/models/contribution.server";
import type { FinanceItemView } from "~/models/finance.server";
import { centsToDecimal } from "~/money/allocate";
import { toDateInputValue } from "~/utils/format";
import { standingOf } from "~/models/trail-summary.server";
import type { TrailKind } from "~workflows/shared/types";
import { isForTheRecord, processingState, type PositionBody, type PositionKind } from "~workflows/positions";

/** A trail with each participant's standing, from the participant rows' summary columns (no snapshot is read). */
export function trailJson(trail: {
  id: string;
  kind: TrailKind;
  title: string;
  reference: string;
  state: string;
  revision: number;
  startedAt: Date;
  closedAt: Date | null;
  participants: ({ municipality: { id: string; name: string }; receivedAt: Date | null } & Parameters<
    typeof standingOf
  >[0])[];
}) {
  return {
    id: trail.id,
    kind: trail.kind,
    title: trail.title,
    reference: trail.reference,
    state: trail.state,
    revision: trail.revision,
    startedOn: toDateInputValue(trail.startedAt),
    closedOn: trail.closedAt ? toDateInputValue(trail.closedAt) : null,
    participants: trail.participants.map((p) => {
      const status = standingOf(p);
      return {
        municipalityId: p.municipality.id,
        name: p.municipality.name,
        receivedOn: p.receivedAt ? toDateInputValue(p.receivedAt) : null,
        status: status.status,
        statusOn: status.on,
        /** Withheld consent: the legal ground (Wgr art. 1 lid 4) and the reasons recorded with it. */
        withheld: status.withheld ?? null,
      };
    }),
  };
}

export function positionJson(
  position: {
    id: string;
    trailId: string;
    municipalityId: string | null;
    body: { kind: string };
    kind: string;
    text: string;
    meetingDate: Date | null;
    votesFor: number | null;
    votesAgainst: number | null;
    votesAbstained: number | null;
    legalGround: string | null;
    decisionReference: string | null;
    documentRevisionId: string | null;
    supersedesId: string | null;
    loggedAt: Date;
    /** The last day of the term it missed (given after it), or null when in time or under no term. */
    lateAfter: string | null;
    processing: { outcome: string; reason: string; location: string; lateCounts: boolean | null } | null;
    workflowEvent: string | null;
  },
  /** Whether the trail is closed now: a position not processed before it closed stays unprocessed. */
  trail: { kind: TrailKind; closed: boolean },
) {
  return {
    id: position.id,
    trailId: position.trailId,
    municipalityId: position.municipalityId,
    body: position.body.kind,
    kind: position.kind,
    text: position.text,
    meetingDate: position.meetingDate ? toDateInputValue(position.meetingDate) : null,
    votes:
      position.votesFor === null
        ? null
        : { for: position.votesFor, against: position.votesAgainst ?? 0, abstained: position.votesAbstained ?? 0 },
    legalGround: position.legalGround,
    /** Recorded on a closed trail for the record: it did not change the outcome. */
    forTheRecord: isForTheRecord(
      trail.kind,
      position.body.kind as PositionBody,
      position.kind as PositionKind,
      position.workflowEvent,
    ),
    /** processed, open, notNeeded, or closedUnprocessed: the trail closed before it was processed. */
    processingState: processingState(position.kind as PositionKind, position.processing !== null, trail.closed),
    decisionReference: position.decisionReference,
    documentRevisionId: position.documentRevisionId,
    supersedes: position.supersedesId,
    loggedAt: position.loggedAt.toISOString(),
    late: position.lateAfter !== null,
    lateAfter: position.lateAfter,
    processing: position.processing
      ? {
          outcome: position.processing.outcome,
          reason: position.processing.reason,
          location: position.processing.location,
          lateCounts: position.processing.lateCounts,
        }
      : null,
  };
}

/** An amount with its shares; money as decimal euro strings. */
export function financeItemJson(item: FinanceItemView) {
  const euros = (cents: number) => centsToDecimal(BigInt(cents));
  return {
    id: item.id,
    label: item.label,
    kind: item.kind,
    year: item.year,
    amount: item.cents === null ? null : euros(item.cents),
    key: item.key,
    allocation: item.allocation?.ok
      ? {
          ok: true,
          inhabitantsYear: item.allocation.inhabitantsYear,
          shares: item.allocation.shares.map((s) => ({
            municipalityId: s.municipalityId,
            municipality: s.municipality,
            amount: euros(s.cents),
            basis: s.basis,
          })),
        }
      : item.allocation,
  };
}

/** An annex, with where the API serves its file. */
export function annexJson(
  annex: Pick<Annex, "id" | "fileName" | "title" | "size" | "mediaType" | "internal">,
  owner: { documentId: string | null; revision: number | null },
) {
  return {
    id: annex.id,
    fileName: annex.fileName,
    title: annex.title,
    size: annex.size,
    mediaType: annex.mediaType,
    internal: annex.internal,
    documentId: owner.documentId,
    revision: owner.revision,
    url: `/api/v1/annexes/${annex.id}`,
  };
}

/** Tenths of a percent as a decimal string ("4.0", "-0.5"). */
const percent = (tenths: number | null) =>
  tenths === null ? null : `${tenths < 0 ? "-" : ""}${Math.floor(Math.abs(tenths) / 10)}.${Math.abs(tenths) % 10}`;
const eurosOrNull = (cents: number | null) => (cents === null ? null : centsToDecimal(BigInt(cents)));

/** A budget cycle's contribution per council against last year's (contribution.server.ts); money as decimal euros. */
export function contributionsJson(contributions: BudgetContributions) {
  const figures = (row: BudgetContributions["total"]) => ({
    amount: eurosOrNull(row.cents),
    previousAmount: eurosOrNull(row.previousCents),
    difference: eurosOrNull(row.diffCents),
    percent: percent(row.percentTenths),
  });
  return {
    budgetYear: contributions.budgetYear,
    previousFrom: contributions.previous?.source ?? null,
    councils: contributions.rows.map((row) => ({
      municipalityId: row.municipalityId,
      municipality: row.municipality,
      ...figures(row),
    })),
    total: figures(contributions.total),
  };
}
