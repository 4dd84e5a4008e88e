/**
 * Positions: what a council, its committee or its college decided or advised
 * on a trail, and how the secretary processed it (verwerking). A position
 * that is a step of the trail (a zienswijze, a consent, an adoption) sends
 * that step in the same transaction, so it is refused when the trail does
 * not expect it. A correction is a new position that supersedes the old one;
 * the original stays, and both are in the audit trail.
 */
import type { Prisma, ProcessingOutcome } from "~/generated/prisma/client";
import { checkDate, checkNotInFuture, DATE_RANGES, type DateInFuture, type DateOutOfRange } from "~/utils/date-range";
import { prisma } from "~/utils/db.server";
import { fromDateInputValue, toDateInputValue } from "~/utils/format";
import type { Actor } from "~/utils/permissions";
import { missedDeadline } from "~/utils/deadlines";
import { deadlineKindMetBy } from "~workflows/deadlines";
import {
  isForTheRecord,
  kindsForTheRecord,
  outcomesFor,
  positionOptions,
  workflowEventFor,
  type PositionBody,
  type PositionKind,
  type PositionOption,
} from "~workflows/positions";
import { hasDecided } from "~workflows/status";
import type { TrailKind } from "~workflows/shared/types";
import { decisionPoints, type SerializedDocument } from "~/editor/document-json";
import { PARTY_VOTES_EXCEED, partyVotesOverTotals, type VoteCount } from "~/schemas/position";
import { appendEvent, appendEvents, type EventInput } from "./event.server";
import { createOnce, type FormKeyReused } from "./form-key.server";
import type { ListPage } from "./trail.server";
import { markAgendaItemHandled } from "./agenda.server";
import { deliverSoon } from "./mail-outbox.server";
import { actorName, notifyFollowers } from "./notification.server";
import {
  applyTrailEvent,
  prepareEvent,
  readStepTrailRelations,
  stepTrailRowSelect,
  trailSnapshot,
  type StepTrail,
  type WorkflowError,
} from "./trail-workflow.server";
import { awaitsAnswer, awaitsProcessing } from "./trail-summary.server";
import { draftItems, type SharedDraftItem } from "./shared-draft.server";
import { indexNewPosition, indexPosition } from "./search.server";

type Tx = Prisma.TransactionClient;

export interface Votes {
  for: number;
  against: number;
  abstained: number;
}

export interface PartyVotes extends Votes {
  party: string;
}

export interface NewPosition {
  trailId: string;
  /** The trail revision the user saw (the position may be a step of the trail). */
  expectedRevision: number;
  municipalityId: string;
  body: PositionBody;
  kind: PositionKind;
  text: string;
  meetingDate: string;
  votes?: Votes;
  partyVotes?: PartyVotes[];
  legalGround?: "law" | "publicInterest";
  decisionReference?: string;
  /** The revision of the trail's document the council decided on; it must have been sent to the councils. */
  documentRevisionId?: string;
  /** The clerk saw the warning that the meeting was after the deadline and logs it anyway (recorded as late). */
  confirmLate?: boolean;
  /** The agenda item of this council's meeting under which it decided; it is then handled and decided. */
  agendaItemId?: string;
  /** The shared draft of this trail the council started from (shared-draft.server.ts). */
  sharedDraftId?: string;
  /**
   * What the council did with each model amendment or motion of that draft, by its place in the draft: adopted
   * (true), rejected (false), or not put to the vote (null or missing). Each one voted on becomes a PositionItem.
   */
  draftItems?: (boolean | null)[];
  /** The council's own published decision it was confirmed from (ori-import.server.ts): kept with the position. */
  sourceUrl?: string;
  /** The imported proposal this confirms: marked confirmed in the same transaction, or nothing is written. */
  proposalId?: string;
}

/** Thrown inside the position's transaction when its proposal was decided meanwhile: the whole write rolls back. */
export class ProposalDecided extends Error {
  constructor() {
    super("proposal_decided");
  }
}

/**
 * Party groups' votes that add up to more than the vote's totals: each count exceeded with both sums, the field and
 * the message key of the first. Nothing is written.
 */
export interface PartyVotesExceedTotals {
  ok: false;
  status: 400;
  code: "party_votes_exceed_totals";
  field: "partyVotes";
  message: string;
  exceeded: { count: VoteCount; parties: number; total: number }[];
}

/** The refusal when the party groups' votes exceed the totals, else null. */
export function checkPartyVotes(
  votes: Votes | undefined,
  partyVotes: readonly PartyVotes[] | undefined,
): PartyVotesExceedTotals | null {
  const exceeded = partyVotesOverTotals(votes, partyVotes);
  return exceeded.length
    ? {
        ok: false,
        status: 400,
        code: "party_votes_exceed_totals",
        field: "partyVotes",
        message: PARTY_VOTES_EXCEED[exceeded[0]!.count],
        exceeded,
      }
    : null;
}

/** A meeting whose decision is logged has been held: its date is today (Amsterdam) or earlier. */
function meetingHeld(meetingDate: string): DateInFuture | null {
  return checkNotInFuture("meetingDate", meetingDate, "validation.meetingDateInFuture");
}

/** A step after its deadline is only logged once the clerk confirmed it; nothing is written before. */
export interface LateNotConfirmed {
  ok: false;
  status: 422;
  code: "late_not_confirmed";
  dueOn: string;
  extendedFrom: string | null;
}

export type PositionResult =
  | { ok: true; positionId: string; revision: number; /** The deadline it missed, if late. */ lateAfter: string | null }
  | WorkflowError
  | LateNotConfirmed
  | DateOutOfRange
  | DateInFuture
  | PartyVotesExceedTotals
  | { ok: false; status: 403; code: "forbidden_body" }
  | {
      ok: false;
      status: 422;
      code:
        | "kind_not_for_body"
        | "not_a_participant"
        | "revision_not_sent"
        | "agenda_item_not_found"
        | "shared_draft_not_in_trail";
    }
  /** A closed trail takes only a decision for the record, from a municipality that had not decided. */
  | { ok: false; status: 422; code: "trail_closed"; reason: "alreadyDecided" | "notForTheRecord" };

/** Positions as the pages load them: enough to tell a decision recorded after the close. */
interface LoadedPosition {
  municipalityId: string | null;
  kind: PositionKind;
  workflowEvent: string | null;
  body: { kind: string };
  supersededBy: { id: string } | null;
}

/**
 * What this user may log for a municipality now (positionOptions in
 * workflows/positions.ts): the trail's kind and whether it is open, the steps
 * it accepts from the municipality, and whether the municipality decided, in
 * the workflow or by a position for the record.
 */
/** Whether a municipality decided: in the workflow, or by a position recorded after the trail closed. */
export function hasDecidedOnRecord(
  kind: TrailKind,
  context: Record<string, unknown>,
  municipalityId: string,
  positions: readonly LoadedPosition[],
): boolean {
  return (
    hasDecided(kind, context, municipalityId) ||
    positions.some(
      (p) =>
        p.municipalityId === municipalityId &&
        !p.supersededBy &&
        isForTheRecord(kind, p.body.kind as PositionBody, p.kind, p.workflowEvent),
    )
  );
}

export function positionOptionsFor(input: {
  trail: { kind: TrailKind; closedAt: Date | string | null };
  context: Record<string, unknown>;
  accepted: readonly string[];
  positions: readonly LoadedPosition[];
  actor: Actor;
  municipalityId: string;
}): PositionOption[] {
  const { trail, municipalityId } = input;
  return positionOptions({
    trail: trail.kind,
    open: trail.closedAt === null,
    accepted: input.accepted,
    decided: hasDecidedOnRecord(trail.kind, input.context, municipalityId, input.positions),
    mayLog: (body) => mayLogFor(input.actor, body, municipalityId),
  });
}

/** Who may log for a body: the municipality's clerk (council, committee) or alderman (college), or a secretary. */
export function mayLogFor(actor: Actor, body: PositionBody, municipalityId: string): boolean {
  if (actor.role === "SECRETARY") return true;
  if (actor.municipalityId !== municipalityId) return false;
  return body === "COLLEGE" ? actor.role === "ALDERMAN" : actor.role === "CLERK";
}

/**
 * Body ids by municipality and kind. Bodies are never renamed into another
 * municipality or deleted, so an id once read stays right in every instance
 * of the app; only ids read from committed rows are kept.
 */
const bodyIds = new Map<string, string>();

async function bodyId(tx: Tx, municipalityId: string, body: PositionBody): Promise<string> {
  const key = `${municipalityId}:${body}`;
  const cached = bodyIds.get(key);
  if (cached) return cached;
  const existing = await tx.body.findFirst({ where: { municipalityId, kind: body }, select: { id: true } });
  if (existing) {
    bodyIds.set(key, existing.id);
    return existing.id;
  }
  // A council committee is created the first time one gives advice.
  const municipality = await tx.municipality.findUniqueOrThrow({ where: { id: municipalityId } });
  const created = await tx.body.create({
    data: {
      municipalityId,
      kind: body,
      slug: `${body.toLowerCase()}-${municipality.slug}`,
      name: `Raadscommissie ${municipality.name}`,
    },
  });
  return created.id;
}

/** A logged position as stored, for the API's answer without reading it back. */
export type LoggedPosition = Awaited<ReturnType<typeof prisma.position.create>>;

/** The trail a position was logged on, as it stands after the position (its step may have closed it). */
export interface LoggedOnTrail {
  kind: TrailKind;
  closed: boolean;
}

/** The trail's row as logPosition reads it first; a step reads the rest of what it needs (readStepTrailRelations). */
const positionTrailSelect = { ...stepTrailRowSelect, closedAt: true } satisfies Prisma.TrailSelect;

/**
 * Logs a position in one transaction: checks, the trail step it stands for (if
 * any), the row, its audit event and the followers' notifications. The trail
 * is read once (a step adds its participants and deadlines), the step's audit
 * event and the position's are appended together, and a step writes only the
 * deadlines and participant rows it changes: seven statements for a position
 * that is not a step, twelve for a zienswijze (position.server.test.ts).
 */
export async function logPosition(
  input: NewPosition,
  actor: Actor,
  /** The form's one-time key (or the API's Idempotency-Key): a second post with it logs nothing and answers with the first position. */
  formKey?: string | null,
): Promise<(PositionResult & { position?: LoggedPosition; trail?: LoggedOnTrail }) | FormKeyReused> {
  if (!mayLogFor(actor, input.body, input.municipalityId)) return { ok: false, status: 403, code: "forbidden_body" };
  const overCounted = checkPartyVotes(input.votes, input.partyVotes);
  if (overCounted) return overCounted;
  const result = await createOnce({
    use: { userId: actor.id, key: formKey },
    scope: "position",
    content: input,
    create: async (tx): Promise<PositionResult & { position?: LoggedPosition; trail?: LoggedOnTrail }> => {
      // One statement when the municipality participates (the usual case); a second tells why not otherwise.
      let participates = true;
      let trail = await tx.trail.findFirst({
        where: { id: input.trailId, participants: { some: { municipalityId: input.municipalityId } } },
        select: positionTrailSelect,
      });
      if (!trail) {
        participates = false;
        trail = await tx.trail.findUnique({ where: { id: input.trailId }, select: positionTrailSelect });
      }
      if (!trail) return { ok: false, status: 404, code: "trail_not_found" };
      // A meeting of this trail: not long before its start, not years ahead (app/utils/date-range.ts).
      const outside = checkDate(
        "meetingDate",
        input.meetingDate,
        DATE_RANGES.inTrail(toDateInputValue(trail.startedAt)),
      );
      if (outside) return outside;
      // A decision is logged after its meeting: a date ahead is a slip, not a late step.
      const ahead = meetingHeld(input.meetingDate);
      if (ahead) return ahead;
      let eventType = workflowEventFor(trail.kind, input.body, input.kind);
      if (eventType === undefined) return { ok: false, status: 422, code: "kind_not_for_body" };
      if (trail.closedAt) {
        // Recorded for the record: no step, the outcome stands.
        if (!kindsForTheRecord(trail.kind, input.body).includes(input.kind))
          return { ok: false, status: 422, code: "trail_closed", reason: "notForTheRecord" };
        const [{ context }, positions] = await Promise.all([
          trailSnapshot(tx, input.trailId),
          tx.position.findMany({
            where: { trailId: input.trailId, municipalityId: input.municipalityId },
            select: {
              municipalityId: true,
              kind: true,
              workflowEvent: true,
              body: { select: { kind: true } },
              supersededBy: { select: { id: true } },
            },
          }),
        ]);
        const options = positionOptionsFor({
          trail,
          context,
          accepted: [],
          positions,
          actor,
          municipalityId: input.municipalityId,
        });
        if (!options.some((o) => o.body === input.body && o.kind === input.kind))
          return { ok: false, status: 422, code: "trail_closed", reason: "alreadyDecided" };
        if (input.kind === "CONSENT_WITHHELD" && !input.legalGround)
          return { ok: false, status: 400, code: "invalid_payload", issues: { ground: ["validation.groundRequired"] } };
        eventType = null;
      }

      // The step is checked like any other: its roles, its payload, then the machine.
      const prepared = eventType
        ? prepareEvent(
            trail.kind,
            {
              trailId: input.trailId,
              expectedRevision: input.expectedRevision,
              type: eventType,
              municipalityId: input.municipalityId,
              fields: {
                on: input.meetingDate,
                ...(input.kind === "CONSENT_WITHHELD" ? { ground: input.legalGround, reason: input.text } : {}),
              },
            },
            actor,
          )
        : null;
      if (prepared && !prepared.ok) return prepared;
      if (!participates) return { ok: false, status: 422, code: "not_a_participant" };
      if (input.documentRevisionId) {
        const sent = await tx.documentRevision.count({
          where: { id: input.documentRevisionId, frozenAt: { not: null }, document: { trailId: input.trailId } },
        });
        if (!sent) return { ok: false, status: 422, code: "revision_not_sent" };
      }
      if (input.agendaItemId) {
        const onAgenda = await tx.agendaItem.count({
          where: { id: input.agendaItemId, trailId: input.trailId, meeting: { municipalityId: input.municipalityId } },
        });
        if (!onAgenda) return { ok: false, status: 422, code: "agenda_item_not_found" };
      }
      // A draft shared on another trail (or none) is refused: the matrix compares a position with its own trail's drafts.
      let modelItems: SharedDraftItem[] = [];
      if (input.sharedDraftId) {
        const shared = await tx.sharedDraft.findFirst({
          where: { id: input.sharedDraftId, trailId: input.trailId },
          select: { items: true },
        });
        if (!shared) return { ok: false, status: 422, code: "shared_draft_not_in_trail" };
        modelItems = draftItems(shared.items);
      }
      const voted = (input.draftItems ?? []).flatMap((adopted, index) =>
        adopted === null || adopted === undefined || !modelItems[index] ? [] : [{ ...modelItems[index]!, adopted }],
      );

      // A step that meets a deadline (a zienswijze, Wgr art. 1 lid 3): after the deadline it is late,
      // and logged only when the clerk confirmed that (issue 16).
      // A step reads the trail's participants and deadlines once, for this check and for the step itself.
      const stepTrail: StepTrail | null = prepared?.ok
        ? { ...trail, ...(await readStepTrailRelations(tx, input.trailId)) }
        : null;
      const deadlineKind = deadlineKindMetBy(eventType);
      const deadline =
        (deadlineKind &&
          stepTrail?.deadlines.find((d) => d.municipalityId === input.municipalityId && d.kind === deadlineKind)) ||
        null;
      const dueOn = deadline ? toDateInputValue(deadline.dueAt) : null;
      const late = dueOn !== null && input.meetingDate > dueOn;
      if (late && !input.confirmLate) {
        return {
          ok: false,
          status: 422,
          code: "late_not_confirmed",
          dueOn,
          extendedFrom: deadline?.extendedFrom ? toDateInputValue(deadline.extendedFrom) : null,
        };
      }

      let revision = trail.revision;
      let closedByStep = false;
      // The step's audit events, appended with the position's.
      const audit: EventInput[] = [];
      if (prepared?.ok) {
        const step = await applyTrailEvent(tx, input.trailId, input.expectedRevision, prepared.event, actor, {
          notify: false,
          trail: stepTrail ?? undefined,
          audit,
        });
        if (!step.ok) return step;
        revision = step.revision;
        closedByStep = step.closed;
      } else if (revision !== input.expectedRevision) {
        return { ok: false, status: 409, code: "revision_conflict", currentRevision: revision };
      }
      const position = await tx.position.create({
        data: {
          trailId: input.trailId,
          municipalityId: input.municipalityId,
          bodyId: await bodyId(tx, input.municipalityId, input.body),
          kind: input.kind,
          text: input.text,
          meetingDate: fromDateInputValue(input.meetingDate),
          votesFor: input.votes?.for ?? null,
          votesAgainst: input.votes?.against ?? null,
          votesAbstained: input.votes?.abstained ?? null,
          partyVotes: input.partyVotes?.length ? JSON.stringify(input.partyVotes) : null,
          legalGround: input.legalGround ?? null,
          decisionReference: input.decisionReference ?? null,
          documentRevisionId: input.documentRevisionId ?? null,
          agendaItemId: input.agendaItemId ?? null,
          sharedDraftId: input.sharedDraftId ?? null,
          sourceUrl: input.sourceUrl ?? null,
          workflowEvent: eventType,
          loggedById: actor.id,
          // The step may just have closed the trail (consent withheld on a unanimous amendment).
          awaitingProcessing: awaitsProcessing(input.kind, prepared?.ok ? closedByStep : trail.closedAt !== null),
          // A council's zienswijze on a kind with an answer ledger awaits the board's answer (zienswijze-answer.server.ts).
          awaitingAnswer: awaitsAnswer(
            trail.kind,
            input.body,
            input.kind,
            prepared?.ok ? closedByStep : trail.closedAt !== null,
          ),
          // The draft's model amendments and motions the council voted on, with the draft's title and text.
          ...(voted.length
            ? {
                items: {
                  create: voted.map((item) => ({
                    kind: item.kind,
                    title: item.title,
                    text: item.text,
                    adopted: item.adopted,
                  })),
                },
              }
            : {}),
        },
      });
      if (input.agendaItemId) await markAgendaItemHandled(tx, input.agendaItemId);
      if (input.proposalId) {
        const { count } = await tx.proposedPosition.updateMany({
          where: {
            id: input.proposalId,
            status: "PROPOSED",
            municipalityId: input.municipalityId,
            trailId: input.trailId,
          },
          data: { status: "CONFIRMED", decidedById: actor.id, decidedAt: new Date(), positionId: position.id },
        });
        if (!count) throw new ProposalDecided();
      }
      await appendEvents(tx, [
        ...audit,
        {
          type: "position.logged",
          trailId: input.trailId,
          actor,
          payload: {
            positionId: position.id,
            municipalityId: input.municipalityId,
            body: input.body,
            kind: input.kind,
            step: eventType,
            ...(late ? { late: true, dueOn } : {}),
            ...(input.agendaItemId ? { agendaItemId: input.agendaItemId } : {}),
            ...(trail.closedAt ? { forTheRecord: true } : {}),
            ...(input.sharedDraftId ? { sharedDraftId: input.sharedDraftId, draftItems: voted.length } : {}),
            ...(input.proposalId ? { proposalId: input.proposalId, sourceUrl: input.sourceUrl } : {}),
          },
        },
      ]);
      const municipality = await municipalityName(tx, input.municipalityId);
      // Closed before, or by this step (whose closing re-filed the trail's other entries already).
      await indexNewPosition(tx, position, municipality, trail.closedAt !== null || closedByStep);
      await notifyFollowers(tx, {
        trailId: input.trailId,
        actorId: actor.id,
        kind: "positionLogged",
        values: {
          trail: trail.title,
          municipality,
          kind: input.kind,
          by: await actorName(tx, actor),
        },
      });
      return {
        ok: true,
        positionId: position.id,
        revision,
        lateAfter: late ? dueOn : null,
        position,
        trail: { kind: trail.kind, closed: trail.closedAt !== null || closedByStep },
      };
    },
    idOf: (logged) => logged.positionId,
    // The position as stored; the revision is the trail's now.
    repeat: async (positionId) => {
      const [position, trail] = await Promise.all([
        prisma.position.findUniqueOrThrow({ where: { id: positionId } }),
        prisma.trail.findUniqueOrThrow({
          where: { id: input.trailId },
          select: { revision: true, kind: true, closedAt: true },
        }),
      ]);
      return {
        ok: true as const,
        positionId,
        revision: trail.revision,
        lateAfter: null,
        position,
        trail: { kind: trail.kind, closed: trail.closedAt !== null },
      };
    },
  });
  if (result.ok) deliverSoon();
  return result;
}

/** Municipality names for notifications; the ten names do not change while the app runs. */
const municipalityNames = new Map<string, string>();

async function municipalityName(tx: Tx, municipalityId: string): Promise<string> {
  let name = municipalityNames.get(municipalityId);
  if (name === undefined) {
    name = (await tx.municipality.findUniqueOrThrow({ where: { id: municipalityId }, select: { name: true } })).name;
    municipalityNames.set(municipalityId, name);
  }
  return name;
}

export interface PositionCorrection {
  text: string;
  meetingDate: string;
  votes?: Votes;
  /** The votes per party group as corrected (none: an empty list); left out, the original's stay. */
  partyVotes?: PartyVotes[];
  decisionReference?: string;
  legalGround?: "law" | "publicInterest";
  reason: string;
}

export type CorrectionResult =
  | { ok: true; positionId: string }
  | { ok: false; status: 404; code: "position_not_found" }
  | { ok: false; status: 403; code: "forbidden_body" }
  | { ok: false; status: 409; code: "already_corrected" }
  | DateOutOfRange
  | DateInFuture
  | PartyVotesExceedTotals;

/** Records a corrected version of a position; the original stays, marked as superseded. */
export async function correctPosition(
  positionId: string,
  correction: PositionCorrection,
  actor: Actor,
): Promise<CorrectionResult> {
  return prisma.$transaction(async (tx): Promise<CorrectionResult> => {
    const original = await tx.position.findUnique({
      where: { id: positionId },
      include: {
        body: true,
        supersededBy: true,
        answer: { select: { id: true } },
        trail: { select: { startedAt: true, closedAt: true, kind: true } },
      },
    });
    if (!original || !original.municipalityId) return { ok: false, status: 404, code: "position_not_found" };
    if (!mayLogFor(actor, original.body.kind as PositionBody, original.municipalityId))
      return { ok: false, status: 403, code: "forbidden_body" };
    if (original.supersededBy) return { ok: false, status: 409, code: "already_corrected" };
    const outside = checkDate(
      "meetingDate",
      correction.meetingDate,
      DATE_RANGES.inTrail(toDateInputValue(original.trail.startedAt)),
    );
    if (outside) return outside;
    const ahead = meetingHeld(correction.meetingDate);
    if (ahead) return ahead;
    // The corrected votes per party group, or the original's when the correction leaves them out: the totals must
    // hold them.
    const partyVotes =
      correction.partyVotes ?? (original.partyVotes ? (JSON.parse(original.partyVotes) as PartyVotes[]) : undefined);
    const overCounted = checkPartyVotes(correction.votes, partyVotes);
    if (overCounted) return overCounted;
    const corrected = await tx.position.create({
      data: {
        trailId: original.trailId,
        municipalityId: original.municipalityId,
        bodyId: original.bodyId,
        kind: original.kind,
        text: correction.text,
        meetingDate: fromDateInputValue(correction.meetingDate),
        votesFor: correction.votes?.for ?? null,
        votesAgainst: correction.votes?.against ?? null,
        votesAbstained: correction.votes?.abstained ?? null,
        partyVotes: partyVotes?.length ? JSON.stringify(partyVotes) : null,
        legalGround: correction.legalGround ?? original.legalGround,
        decisionReference: correction.decisionReference ?? null,
        workflowEvent: original.workflowEvent,
        documentRevisionId: original.documentRevisionId,
        agendaItemId: original.agendaItemId,
        sharedDraftId: original.sharedDraftId,
        supersedesId: original.id,
        correctionReason: correction.reason,
        loggedById: actor.id,
        // The correction is processed anew; the original, superseded, no longer waits.
        awaitingProcessing: awaitsProcessing(original.kind, original.trail.closedAt !== null),
        // A zienswijze whose words changed awaits a new answer; one corrected in its date or votes only keeps the
        // answer it had (moved to the correction below).
        awaitingAnswer:
          awaitsAnswer(
            original.trail.kind,
            original.body.kind as PositionBody,
            original.kind,
            original.trail.closedAt !== null,
          ) && !(original.answer && correction.text === original.text),
      },
    });
    if (original.answer && correction.text === original.text)
      await tx.zienswijzeAnswer.update({ where: { id: original.answer.id }, data: { positionId: corrected.id } });
    if (original.awaitingProcessing || original.awaitingAnswer)
      await tx.position.update({
        where: { id: original.id },
        data: { awaitingProcessing: false, awaitingAnswer: false },
      });
    // The correction's text replaces the original's in the search.
    await indexPosition(tx, corrected.id);
    await appendEvent(tx, {
      type: "position.corrected",
      trailId: original.trailId,
      actor,
      payload: { positionId: corrected.id, supersedes: original.id, reason: correction.reason },
    });
    return { ok: true, positionId: corrected.id };
  });
}

export interface NewPositionItem {
  kind: "AMENDMENT" | "MOTION";
  title: string;
  text: string;
  adopted: boolean;
  votes?: Votes;
  decisionPoint?: string;
}

/** Adds an amendment or motion, with its own text and votes, to a logged position. */
export async function addPositionItem(
  positionId: string,
  item: NewPositionItem,
  actor: Actor,
  /** The form's one-time key: a second post with it adds nothing and answers with the first item. */
  formKey?: string | null,
) {
  return createOnce({
    use: { userId: actor.id, key: formKey },
    scope: "position_item",
    content: { positionId, ...item },
    create: async (tx) => {
      const position = await tx.position.findUnique({
        where: { id: positionId },
        include: { body: true, documentRevision: { select: { content: true } } },
      });
      if (!position || !position.municipalityId)
        return { ok: false as const, status: 404 as const, code: "position_not_found" as const };
      if (!mayLogFor(actor, position.body.kind as PositionBody, position.municipalityId)) {
        return { ok: false as const, status: 403 as const, code: "forbidden_body" as const };
      }
      // An amendment refers to a decision point of the text the council decided on.
      if (item.decisionPoint) {
        const points = position.documentRevision
          ? decisionPoints(JSON.parse(position.documentRevision.content) as SerializedDocument)
          : [];
        if (!points.some((p) => p.pointId === item.decisionPoint))
          return { ok: false as const, status: 422 as const, code: "unknown_decision_point" as const };
      }
      const created = await tx.positionItem.create({
        data: {
          positionId,
          kind: item.kind,
          title: item.title,
          text: item.text,
          adopted: item.adopted,
          votesFor: item.votes?.for ?? null,
          votesAgainst: item.votes?.against ?? null,
          votesAbstained: item.votes?.abstained ?? null,
          decisionPoint: item.decisionPoint ?? null,
        },
      });
      await indexPosition(tx, positionId);
      await appendEvent(tx, {
        type: "position.item_added",
        trailId: position.trailId,
        actor,
        payload: { positionId, itemId: created.id, kind: item.kind },
      });
      return { ok: true as const, itemId: created.id };
    },
    idOf: (added) => added.itemId,
    repeat: (itemId) => ({ ok: true as const, itemId }),
  });
}

/** Records (or revises) how a position was handled in the final document. Secretaries only. */
export async function processPosition(
  positionId: string,
  processing: {
    outcome: ProcessingOutcome;
    reason: string;
    location: string;
    theme?: string | null;
    decisionPoint?: string | null;
    /** For a late position: whether it still counts (the secretary's call); required then, ignored otherwise. */
    lateCounts?: boolean | null;
  },
  actor: Actor,
) {
  if (actor.role !== "SECRETARY") return { ok: false as const, status: 403 as const, code: "forbidden_role" as const };
  return prisma.$transaction(async (tx) => {
    const position = await tx.position.findUnique({
      where: { id: positionId },
      select: {
        trailId: true,
        municipalityId: true,
        kind: true,
        workflowEvent: true,
        meetingDate: true,
        awaitingProcessing: true,
        documentRevision: { select: { content: true } },
      },
    });
    if (!position) return { ok: false as const, status: 404 as const, code: "position_not_found" as const };
    // "Geen reactie" has nothing to adopt, partly or not (workflows/positions.ts: outcomesFor).
    if (!outcomesFor(position.kind).includes(processing.outcome))
      return {
        ok: false as const,
        status: 422 as const,
        code: "outcome_not_for_kind" as const,
        allowed: outcomesFor(position.kind),
      };
    const late = lateAfter(position, await trailDeadlineDates(tx, position.trailId));
    const lateCounts = late ? (processing.lateCounts ?? null) : null;
    if (late && lateCounts === null)
      return { ok: false as const, status: 422 as const, code: "late_counts_required" as const };
    if (processing.decisionPoint) {
      const points = position.documentRevision
        ? decisionPoints(JSON.parse(position.documentRevision.content) as SerializedDocument)
        : [];
      if (!points.some((p) => p.pointId === processing.decisionPoint))
        return { ok: false as const, status: 422 as const, code: "unknown_decision_point" as const };
    }
    const recorded = { ...processing, lateCounts };
    await tx.processing.upsert({
      where: { positionId },
      create: { positionId, ...recorded, processedById: actor.id },
      update: { ...recorded, processedById: actor.id, processedAt: new Date() },
    });
    if (position.awaitingProcessing)
      await tx.position.update({ where: { id: positionId }, data: { awaitingProcessing: false } });
    await appendEvent(tx, {
      type: "position.processed",
      trailId: position.trailId,
      actor,
      payload: { positionId, ...processing, ...(late ? { lateCounts } : {}) },
    });
    return { ok: true as const };
  });
}

/** A trail's deadlines as calendar dates, to tell which positions were late. */
async function trailDeadlineDates(tx: Tx | typeof prisma, trailId: string) {
  const rows = await tx.deadline.findMany({
    where: { trailId },
    select: { municipalityId: true, kind: true, dueAt: true },
  });
  return rows.map((d) => ({ municipalityId: d.municipalityId, kind: d.kind, dueOn: toDateInputValue(d.dueAt) }));
}

/** What the pages and the API show of a position. */
const POSITION_INCLUDE = {
  body: { select: { kind: true, name: true } },
  municipality: { select: { id: true, name: true } },
  processing: true,
  supersededBy: { select: { id: true } },
  loggedBy: { select: { name: true } },
  items: { orderBy: { createdAt: "asc" } },
} satisfies Prisma.PositionInclude;

/** All positions of a trail (corrections included), newest first, with what the pages show. */
export async function listTrailPositions(trailId: string) {
  const [rows, deadlines] = await Promise.all([
    prisma.position.findMany({
      where: { trailId },
      orderBy: [{ meetingDate: "desc" }, { loggedAt: "desc" }],
      include: POSITION_INCLUDE,
    }),
    trailDeadlineDates(prisma, trailId),
  ]);
  return rows.map((row) => ({ ...row, lateAfter: lateAfter(row, deadlines) }));
}

/**
 * One page of a trail's positions (corrections included), for the JSON API:
 * newest logged first by (loggedAt, id) descending, which the index
 * Position(trailId, loggedAt, id) serves; `limit + 1` rows, as for trails.
 */
export async function listTrailPositionsPage(trailId: string, page: ListPage) {
  const { after } = page;
  const [rows, deadlines] = await Promise.all([
    prisma.position.findMany({
      where: {
        trailId,
        ...(after
          ? { loggedAt: { lte: after.at }, OR: [{ loggedAt: { lt: after.at } }, { id: { lt: after.id } }] }
          : {}),
      },
      orderBy: [{ loggedAt: "desc" }, { id: "desc" }],
      take: page.limit + 1,
      include: POSITION_INCLUDE,
    }),
    trailDeadlineDates(prisma, trailId),
  ]);
  return rows.map((row) => ({ ...row, lateAfter: lateAfter(row, deadlines) }));
}

/** The last day of the term a position missed (it was given after it), or null. */
function lateAfter(
  position: { municipalityId: string | null; workflowEvent: string | null; meetingDate: Date | null },
  deadlines: { municipalityId: string | null; kind: string; dueOn: string }[],
): string | null {
  const meetingDate = position.meetingDate ? toDateInputValue(position.meetingDate) : null;
  return missedDeadline({ ...position, meetingDate }, deadlines)?.dueOn ?? null;
}

export async function getPosition(positionId: string) {
  const position = await prisma.position.findUnique({
    where: { id: positionId },
    include: {
      body: { select: { kind: true, name: true } },
      municipality: { select: { id: true, name: true } },
      processing: { include: { processedBy: { select: { name: true } } } },
      supersedes: { select: { id: true } },
      sharedDraft: { select: { id: true, title: true } },
      supersededBy: { select: { id: true } },
      loggedBy: { select: { name: true } },
      items: { orderBy: { createdAt: "asc" } },
      trail: { select: { id: true, title: true, kind: true, closedAt: true } },
      documentRevision: {
        select: { id: true, number: true, content: true, document: { select: { id: true, title: true } } },
      },
    },
  });
  if (!position) return null;
  return { ...position, lateAfter: lateAfter(position, await trailDeadlineDates(prisma, position.trailId)) };
}
