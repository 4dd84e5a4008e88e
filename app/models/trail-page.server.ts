/**
 * Everything the trail page shows, gathered once for one user: the summary
 * (state, next deadline, what is late), the approval matrix with what this
 * user may do per municipality, the regional steps, the deadlines, the
 * documents and decision points, the money and the timeline. A fixed number of
 * queries, each reading only this trail's rows: the cost grows with the
 * trail's own positions, events and documents, never with the number of
 * trails. Shaped like the status brief (brief.server.ts), whose matrix it shares.
 */
import { deadlineStatus, type DeadlineStatus } from "~/utils/deadlines";
import { prisma } from "~/utils/db.server";
import { toDateInputValue } from "~/utils/format";
import { canSetTargetDate, type Actor } from "~/utils/permissions";
import { KIND_MODULES } from "~workflows/modules";
import { EVENTS_RECORDED_AS_POSITIONS, KINDS_WITH_ANSWERS } from "~workflows/positions";
import { eventFields, pastOnlyMessage } from "~workflows/registry";
import { mayProposeAgendaItem, trailAgenda } from "./agenda.server";
import { trailMatrix } from "./brief.server";
import { decisionPointOverview, listTrailDocuments, mayEditDocuments } from "./document.server";
import { exitPaymentOf } from "./exit.server";
import { mayEnterFinances, trailFinances } from "./finance.server";
import { budgetCycleLinks } from "./next-cycle.server";
import { isFollowing } from "./notification.server";
import { trailTimeline } from "./timeline.server";
import { listTrailPositions, positionOptionsFor } from "./position.server";
import { listSharedDrafts, mayPublishSharedDraft } from "./shared-draft.server";
import { getTrail } from "./trail.server";
import { draftUses } from "~/utils/shared-draft";
import { listTrailDeadlines, workflowView } from "./trail-workflow.server";
import { unansweredRule } from "./zienswijze-answer.server";

/** Deadline states that call for attention on the summary: a term passed without the step, or met too late. */
const LATE_STATUSES: ReadonlySet<DeadlineStatus> = new Set(["overdue", "late"]);
/** Deadline states still ahead: the next of these is the trail's next deadline. */
const AHEAD_STATUSES: ReadonlySet<DeadlineStatus> = new Set(["dueSoon", "open"]);

export async function trailPage(trailId: string, actor: Actor, today = toDateInputValue(new Date())) {
  const trail = await getTrail(trailId);
  if (!trail) return null;
  const [deadlineRows, timeline, positions, documents, pointOverview, finances, following, drafts, cycles, exit] =
    await Promise.all([
      listTrailDeadlines(trail.id),
      trailTimeline(trail.id),
      listTrailPositions(trail.id),
      listTrailDocuments(trail.id),
      decisionPointOverview(trail.id),
      trailFinances(trail.id),
      isFollowing(actor.id, trail.id),
      listSharedDrafts(trail.id),
      budgetCycleLinks(trail, actor),
      trail.kind === "EXIT" ? prisma.exitEstimate.findUnique({ where: { trailId: trail.id } }) : null,
    ]);
  const agenda = await trailAgenda(
    trail.id,
    new Map(trail.participants.map((p) => [p.municipality.id, p.municipality.name])),
    deadlineRows,
    today,
  );
  const workflow = workflowView(trail, actor);
  const withFields = (e: { type: string; municipalityId?: string }) => ({
    ...e,
    fields: eventFields(trail.kind, e.type),
    pastOnly: pastOnlyMessage(trail.kind, e.type) !== undefined,
  });
  const deadlines = deadlineRows.map((d) => ({ ...d, status: deadlineStatus(d.dueOn, d.metOn, today, d.kind) }));
  const own = trail.participants.find((p) => p.municipality.id === actor.municipalityId)?.municipality;
  const uses = draftUses(drafts, positions);
  return {
    trail: {
      id: trail.id,
      kind: trail.kind,
      title: trail.title,
      reference: trail.reference,
      summary: trail.summary,
      state: workflow.state,
      revision: workflow.revision,
      startedAt: trail.startedAt.toISOString(),
      closedAt: trail.closedAt?.toISOString() ?? null,
    },
    today,
    following,
    /** A budget cycle's neighbours (the years before and after) and whether this user may start the next. */
    cycles,
    /** What the summary at the top says: the next deadline ahead and every term passed or met late. */
    attention: {
      next: nextDeadline(deadlines, actor.municipalityId ?? null),
      late: deadlines.filter((d) => LATE_STATUSES.has(d.status)),
    },
    matrix: trailMatrix(trail, workflow.context, positions, deadlines, today),
    /** Per municipality: steps this user may take, whether they may log a position, and what is still to do. */
    tasks: Object.fromEntries(
      trail.participants.map((p) => {
        const id = p.municipality.id;
        const accepted = workflow.expected.filter((e) => e.municipalityId === id).map((e) => e.type);
        // The rule of who may log what lives in positionOptionsFor (the position page uses it too). Also on a
        // closed trail: a council that had not decided records its decision for the record.
        const mayLog =
          positionOptionsFor({ trail, context: workflow.context, accepted, positions, actor, municipalityId: id })
            .length > 0;
        return [
          id,
          {
            mayLog,
            expected: accepted,
            // Steps that are positions are recorded through the position form.
            actions: workflow.available
              .filter((e) => e.municipalityId === id && !EVENTS_RECORDED_AS_POSITIONS.has(e.type))
              .map(withFields),
          },
        ];
      }),
    ),
    /** The answer ledger, where the kind has one: the councils' zienswijzen in force, and those still unanswered. */
    ledger: KINDS_WITH_ANSWERS.includes(trail.kind)
      ? {
          zienswijzen: positions.filter(
            (p) => p.kind === "ZIENSWIJZE" && p.body.kind === "COUNCIL" && p.municipality && !p.supersededBy,
          ).length,
          unanswered: positions.filter((p) => p.awaitingAnswer).length,
          rule: unansweredRule(),
          gatedSteps: KIND_MODULES[trail.kind].answersRequiredBefore,
          // A budget the AB adopted goes to Gedeputeerde Staten with its letter (gs-letter.server.ts).
          gsLetter: trail.kind === "BUDGET_CYCLE" && typeof workflow.context.adoptedOn === "string",
        }
      : null,
    regionalActions: workflow.available.filter((e) => !e.municipalityId).map(withFields),
    regionalExpected: workflow.expected.filter((e) => !e.municipalityId).map((e) => e.type),
    deadlines,
    mayAddTarget: canSetTargetDate(actor),
    documents: documents.map((d) => ({
      id: d.id,
      title: d.title,
      kind: d.kind,
      latest: d.revisions[0]?.number ?? 0,
      sent: d.revisions[0]?.frozenAt != null,
    })),
    mayWriteDocuments: mayEditDocuments(actor),
    pointOverview,
    finances: finances.items,
    /** An exit trail's exit payment (the annual contribution times the arrangement's multiple), null while unknown. */
    exitPayment: trail.kind === "EXIT" ? exitPaymentView(exitPaymentOf(exit)) : null,
    mayEnterFinances: mayEnterFinances(actor),
    /** The user's own municipality when it takes part, for its share of the money. */
    ownMunicipality: own ? { id: own.id, name: own.name } : null,
    /** The council agendas the trail stands on, and per council deadline whether a meeting falls before it. */
    agenda,
    /** A secretary, or the clerk of a council that takes part, puts the open trail on a council's agenda. */
    mayProposeAgenda: !trail.closedAt && trail.participants.some((p) => mayProposeAgendaItem(actor, p.municipality.id)),
    /** One sentence per audit event, and whether the audit chain verifies where the trail's events sit. */
    timeline,
    /** The shared drafts (gedeelde concepten), newest first, each with the councils that joined or changed it. */
    sharedDrafts: drafts.map((d) => ({
      id: d.id,
      kind: d.kind,
      title: d.title,
      text: d.text,
      items: d.items,
      publishedAt: d.publishedAt.toISOString(),
      author: d.author.name,
      // The authoring clerk's council takes part in the trail (shared-draft.server.ts).
      municipality: trail.participants.find((p) => p.municipality.id === d.municipalityId)?.municipality.name ?? null,
      superseded: d.superseded,
      supersedes: d.supersedesId !== null,
      uses: uses.get(d.id) ?? [],
    })),
    /** A clerk's own council, for "Gebruik als basis" (shown when the council can log a position now: tasks). */
    draftStartFor: actor.role === "CLERK" && own ? { id: own.id, name: own.name } : null,
    mayPublishSharedDraft: mayPublishSharedDraft(
      actor,
      trail.participants.map((p) => p.municipality.id),
    ),
  };
}

export type TrailPage = NonNullable<Awaited<ReturnType<typeof trailPage>>>;

/**
 * The next deadline ahead, for the summary: a council's user sees their own council's (or a regional one) first.
 * `sharedBy` counts the councils whose same term falls on the same day, so a term all councils share is not named
 * after the first of them.
 */
function nextDeadline<
  D extends {
    kind: string;
    label: string | null;
    dueOn: string;
    status: DeadlineStatus;
    municipalityId: string | null;
  },
>(deadlines: D[], ownMunicipalityId: string | null): (D & { sharedBy: number }) | null {
  const ahead = deadlines.filter((d) => AHEAD_STATUSES.has(d.status));
  const next =
    (ownMunicipalityId
      ? ahead.find((d) => d.municipalityId === ownMunicipalityId || d.municipalityId === null)
      : undefined) ?? ahead[0];
  if (!next) return null;
  const sharedBy = ahead.filter(
    (d) => d.municipalityId !== null && d.kind === next.kind && d.label === next.label && d.dueOn === next.dueOn,
  ).length;
  return { ...next, sharedBy };
}

/** The exit payment as the page shows it: cents as a number, and the multiple. */
const exitPaymentView = ({ payment, multipleHundredths }: ReturnType<typeof exitPaymentOf>) => ({
  cents: payment === null ? null : Number(payment),
  multipleHundredths,
});
