/**
 * The answer ledger: every council's zienswijze on a kind whose module asks for it (workflows/*: the module's
 * answersRequiredBefore; the budget cycle and the amendment of the arrangement) gets the board's written, reasoned
 * answer, with a letter to that council quoting both. The steps the module names are refused while one is
 * unanswered, unless the arrangement turned that into a warning (UNANSWERED_ZIENSWIJZE=warn).
 *
 * Position.awaitingAnswer is kept in the transaction of every write that changes what it derives from (a
 * zienswijze logged or corrected, answered, its trail closed), so that the alarms count and page the unanswered
 * zienswijzen along the index Position(awaitingAnswer, loggedAt, id), whatever the history. A council's inbox
 * pages its answers along ZienswijzeAnswer(municipalityId, answeredOn, id).
 */
import type { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { checkDate, DATE_RANGES, type DateOutOfRange } from "~/utils/date-range";
import { getEnv } from "~/utils/env.server";
import { httpError } from "~/utils/http.server";
import { fromDateInputValue, toDateInputValue } from "~/utils/format";
import { LIST_PAGE_SIZE, pageWithin, type ListPageOf } from "~/utils/paging";
import type { Actor } from "~/utils/permissions";
import { KIND_MODULES } from "~workflows/modules";
import { getsAnswer, KINDS_WITH_ANSWERS, type PositionBody } from "~workflows/positions";
import type { TrailKind } from "~workflows/shared/types";
import { appendEvent } from "./event.server";
import { createOnce, type FormKeyReused } from "./form-key.server";
import { actorName, notifyFollowers } from "./notification.server";
import { recordDecisionDue } from "./publication.server";
import { tally } from "./tally.server";
import { getTrail } from "./trail.server";
export { AWAITING_ANSWER, awaitsAnswer, refreshAwaitingAnswer } from "./trail-summary.server";

type Tx = Prisma.TransactionClient;

/**
 * The arrangement's rule: refuse the step while a zienswijze is unanswered, or warn and let it pass. Validated at
 * start-up with the rest of the environment (env.server.ts); read here at each step, so a test can set it.
 */
export const unansweredRule = (): "refuse" | "warn" =>
  (process.env.UNANSWERED_ZIENSWIJZE ?? getEnv().UNANSWERED_ZIENSWIJZE) === "warn" ? "warn" : "refuse";

/** Whether a step of a kind needs every zienswijze answered first. */
export const needsAnswers = (kind: TrailKind, eventType: string) =>
  KIND_MODULES[kind].answersRequiredBefore.includes(eventType);

/** A trail's unanswered zienswijzen: one count along Position(trailId) of a handful of rows. */
export function unansweredOnTrail(tx: Tx | typeof prisma, trailId: string): Promise<number> {
  return tx.position.count({ where: { trailId, awaitingAnswer: true } });
}

export interface AnswerInput {
  text: string;
  /** The day the board (DB) adopted the answer. */
  answeredOn: string;
}

export type AnswerResult =
  | { ok: true; answerId: string; revised: boolean }
  | { ok: false; status: 403; code: "forbidden_role" }
  | { ok: false; status: 404; code: "position_not_found" }
  | { ok: false; status: 409; code: "position_superseded"; currentId: string }
  | { ok: false; status: 422; code: "not_answerable" }
  | { ok: false; status: 400; code: "answer_before_zienswijze"; field: "answeredOn"; earliest: string }
  | DateOutOfRange;

/**
 * Records (or revises) the board's answer to a zienswijze. Secretaries only. One transaction: the answer, the
 * position's flag, the audit event with the full text, and the notice to the council's clerks (their inbox and,
 * as they chose, their e-mail).
 */
export async function answerZienswijze(
  positionId: string,
  input: AnswerInput,
  actor: Actor,
  formKey?: string | null,
): Promise<AnswerResult | FormKeyReused> {
  if (actor.role !== "SECRETARY") return { ok: false, status: 403, code: "forbidden_role" };
  return createOnce({
    use: { userId: actor.id, key: formKey },
    scope: "zienswijze_answer",
    content: { positionId, ...input },
    create: async (tx): Promise<AnswerResult> => {
      const position = await tx.position.findUnique({
        where: { id: positionId },
        select: {
          kind: true,
          trailId: true,
          municipalityId: true,
          meetingDate: true,
          awaitingAnswer: true,
          body: { select: { kind: true } },
          supersededBy: { select: { id: true } },
          answer: { select: { id: true } },
          municipality: { select: { name: true } },
          trail: { select: { kind: true, title: true, startedAt: true } },
        },
      });
      if (!position) return { ok: false, status: 404, code: "position_not_found" };
      if (
        !position.municipalityId ||
        !getsAnswer(position.trail.kind, position.body.kind as PositionBody, position.kind)
      )
        return { ok: false, status: 422, code: "not_answerable" };
      if (position.supersededBy)
        return { ok: false, status: 409, code: "position_superseded", currentId: position.supersededBy.id };
      const outside = checkDate(
        "answeredOn",
        input.answeredOn,
        DATE_RANGES.inTrail(toDateInputValue(position.trail.startedAt)),
      );
      if (outside) return outside;
      const zienswijzeOn = position.meetingDate ? toDateInputValue(position.meetingDate) : null;
      if (zienswijzeOn && input.answeredOn < zienswijzeOn)
        return {
          ok: false,
          status: 400,
          code: "answer_before_zienswijze",
          field: "answeredOn",
          earliest: zienswijzeOn,
        };
      const data = { text: input.text, answeredOn: fromDateInputValue(input.answeredOn), answeredById: actor.id };
      const answer = await tx.zienswijzeAnswer.upsert({
        where: { positionId },
        create: { positionId, trailId: position.trailId, municipalityId: position.municipalityId, ...data },
        update: data,
        select: { id: true },
      });
      if (position.awaitingAnswer)
        await tx.position.update({ where: { id: positionId }, data: { awaitingAnswer: false } });
      // A decision of the board: due for Woo publication within two weeks of its adoption.
      await recordDecisionDue(tx, {
        kind: "answer",
        sourceId: answer.id,
        trailId: position.trailId,
        title: `Antwoord van het bestuur op de zienswijze van ${position.municipality?.name ?? "de raad"}`,
        adoptedOn: data.answeredOn,
        signedOn: data.answeredOn,
      });
      const revised = position.answer !== null;
      await appendEvent(tx, {
        type: revised ? "zienswijze.answer_revised" : "zienswijze.answered",
        trailId: position.trailId,
        actor,
        payload: {
          answerId: answer.id,
          positionId,
          municipalityId: position.municipalityId,
          on: input.answeredOn,
          text: input.text,
        },
      });
      await notifyFollowers(tx, {
        trailId: position.trailId,
        actorId: actor.id,
        kind: "zienswijzeAnswered",
        values: {
          trail: position.trail.title,
          municipality: position.municipality?.name ?? "",
          on: input.answeredOn,
          by: await actorName(tx, actor),
        },
        councils: [position.municipalityId],
      });
      return { ok: true, answerId: answer.id, revised };
    },
    idOf: (result) => result.answerId,
    repeat: (answerId) => ({ ok: true, answerId, revised: false }),
  });
}

/**
 * A step that needs every zienswijze answered, inside the step's transaction: null when it may go ahead (all
 * answered, or the arrangement only warns), else how many are unanswered.
 */
export async function unansweredBlocking(tx: Tx, kind: TrailKind, trailId: string, eventType: string) {
  if (!needsAnswers(kind, eventType) || unansweredRule() === "warn") return null;
  const unanswered = await unansweredOnTrail(tx, trailId);
  return unanswered > 0 ? unanswered : null;
}

/** A trail with an answer ledger (workflows/*: answersRequiredBefore), else 404. */
export async function loadLedgerTrail(trailId: string | undefined) {
  const trail = trailId ? await getTrail(trailId) : null;
  if (!trail) throw httpError(404, "trail_not_found", "Dit traject bestaat niet.");
  if (!KINDS_WITH_ANSWERS.includes(trail.kind))
    throw httpError(404, "no_answer_ledger", "Bij dit soort traject beantwoordt het bestuur geen zienswijzen.");
  return trail;
}

/** One row of a trail's ledger: a council's current zienswijze, and the board's answer when there is one. */
export interface LedgerRow {
  positionId: string;
  municipalityId: string;
  municipality: string;
  zienswijze: string;
  meetingOn: string | null;
  answer: { id: string; text: string; answeredOn: string; by: string; updatedAt: string } | null;
}

/**
 * A trail's ledger: every council's current zienswijze (corrections replace the original) with its answer, by
 * council. A trail has at most one zienswijze per council in force, so this reads a handful of rows.
 */
export async function answerLedger(trailId: string): Promise<LedgerRow[]> {
  const rows = await prisma.position.findMany({
    where: {
      trailId,
      kind: "ZIENSWIJZE",
      municipalityId: { not: null },
      body: { kind: "COUNCIL" },
      supersededBy: null,
    },
    orderBy: [{ municipality: { name: "asc" } }, { loggedAt: "asc" }],
    select: {
      id: true,
      text: true,
      meetingDate: true,
      municipalityId: true,
      municipality: { select: { name: true } },
      answer: {
        select: { id: true, text: true, answeredOn: true, updatedAt: true, answeredBy: { select: { name: true } } },
      },
    },
  });
  return rows.map((p) => ({
    positionId: p.id,
    municipalityId: p.municipalityId!,
    municipality: p.municipality?.name ?? "",
    zienswijze: p.text,
    meetingOn: p.meetingDate ? toDateInputValue(p.meetingDate) : null,
    answer: p.answer
      ? {
          id: p.answer.id,
          text: p.answer.text,
          answeredOn: toDateInputValue(p.answer.answeredOn),
          by: p.answer.answeredBy.name,
          updatedAt: p.answer.updatedAt.toISOString(),
        }
      : null,
  }));
}

/** One answer with what its letter needs: the trail, the council, the zienswijze it answers. */
export async function getAnswer(answerId: string) {
  return prisma.zienswijzeAnswer.findUnique({
    where: { id: answerId },
    select: {
      id: true,
      text: true,
      answeredOn: true,
      updatedAt: true,
      trailId: true,
      municipalityId: true,
      municipality: { select: { name: true } },
      trail: { select: { title: true, reference: true, kind: true } },
      position: { select: { id: true, text: true, meetingDate: true, decisionReference: true } },
    },
  });
}

export interface AnswerInboxItem {
  answerId: string;
  trailId: string;
  trail: string;
  answeredOn: string;
  excerpt: string;
}

/** A council's inbox: the board's answers to its zienswijzen, newest first, along (municipalityId, answeredOn, id). */
export async function answersForCouncil(
  municipalityId: string,
  requested = 1,
  pageSize = LIST_PAGE_SIZE,
): Promise<ListPageOf<AnswerInboxItem>> {
  const where = { municipalityId } satisfies Prisma.ZienswijzeAnswerWhereInput;
  const total = await prisma.zienswijzeAnswer.count({ where });
  const { page, pages, skip } = pageWithin(total, requested, pageSize);
  const rows = await prisma.zienswijzeAnswer.findMany({
    where,
    orderBy: [{ answeredOn: "desc" }, { id: "desc" }],
    skip,
    take: pageSize,
    select: { id: true, text: true, answeredOn: true, trail: { select: { id: true, title: true } } },
  });
  return {
    rows: rows.map((a) => ({
      answerId: a.id,
      trailId: a.trail.id,
      trail: a.trail.title,
      answeredOn: toDateInputValue(a.answeredOn),
      excerpt: a.text.length > 160 ? `${a.text.slice(0, 157).trimEnd()}…` : a.text,
    })),
    total,
    page,
    pages,
  };
}

/** How many zienswijzen (of one council) await the board's answer: the triggers' running count (tally.server.ts). */
export function countUnanswered(municipalityId?: string): Promise<number> {
  return municipalityId ? tally("awaitingAnswerOf", municipalityId) : tally("awaitingAnswer");
}

export interface UnansweredItem {
  positionId: string;
  trailId: string;
  trail: string;
  municipality: string;
  meetingOn: string | null;
}

/**
 * The alarm: the zienswijzen awaiting the board's answer, oldest first, paged along the index
 * Position(awaitingAnswer, loggedAt, id) and counted by the triggers (tally.server.ts); of one council when
 * `municipalityId` is given (the alderman's own).
 */
export async function unansweredZienswijzen(
  options: { municipalityId?: string; page?: number; pageSize?: number } = {},
): Promise<ListPageOf<UnansweredItem>> {
  const where = {
    awaitingAnswer: true,
    ...(options.municipalityId ? { municipalityId: options.municipalityId } : {}),
  } satisfies Prisma.PositionWhereInput;
  const pageSize = options.pageSize ?? LIST_PAGE_SIZE;
  const total = await countUnanswered(options.municipalityId);
  const { page, pages, skip } = pageWithin(total, options.page ?? 1, pageSize);
  const rows = await prisma.position.findMany({
    where,
    orderBy: [{ loggedAt: "asc" }, { id: "asc" }],
    skip,
    take: pageSize,
    select: {
      id: true,
      meetingDate: true,
      trail: { select: { id: true, title: true } },
      municipality: { select: { name: true } },
    },
  });
  return {
    rows: rows.map((p) => ({
      positionId: p.id,
      trailId: p.trail.id,
      trail: p.trail.title,
      municipality: p.municipality?.name ?? "",
      meetingOn: p.meetingDate ? toDateInputValue(p.meetingDate) : null,
    })),
    total,
    page,
    pages,
  };
}
