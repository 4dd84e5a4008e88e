/**
 * Next year's budget cycle, started from this one (issue 19). A secretary starts the cycle of the budget year
 * after this cycle's, in one transaction: the new BUDGET_CYCLE trail with the title and reference moved on a year,
 * this cycle's participants that still take part in the new budget year, planned by the AB meeting the secretary
 * enters (so every deadline is the new year's), the arrangement's terms as this cycle has them, and the figures:
 * this year's contributions (the amounts of the budget year a key shares) become the new cycle's "last year", and
 * the new year's contribution is proposed at the same amount, by the same key, for the secretary to change on the
 * finance page. Refused for a budget amendment, a cycle that is not planned yet, and when the next year's cycle
 * exists; nothing is written then.
 */
import { Prisma, type AmountKind, type Trail } from "~/generated/prisma/client";
import { todayInAmsterdam } from "~/utils/date-range";
import { prisma } from "~/utils/db.server";
import { fromDateInputValue, toDateInputValue } from "~/utils/format";
import { canStartTrail, type Actor } from "~/utils/permissions";
import type { BudgetTerms } from "~workflows/budget-cycle/terms";
import { nextCycleReference, nextCycleTitle, proposedAbMeeting, withNextYear } from "~workflows/budget-cycle/next-year";
import { addMonths, yearOf, type CalendarDate } from "~workflows/shared/dates";
import { appendEvent } from "./event.server";
import { insertFinancialItem } from "./finance.server";
import { createOnce, type FormKeyReused } from "./form-key.server";
import { deliverSoon } from "./mail-outbox.server";
import { participatesOn } from "./municipality.server";
import { storedSnapshot } from "./stored-snapshot.server";
import { applyTrailEvent, createTrailIn, prepareEvent } from "./trail-workflow.server";

type Db = Prisma.TransactionClient;

/** Why next year's cycle cannot be started from a trail (i18n `nextCycle.errors.<code>`). */
export type NextCycleRefusal = "amendment" | "not_planned" | "next_exists";
export type NextCycleError =
  | NextCycleRefusal
  | "forbidden"
  | "trail_not_found"
  | "reference_taken"
  | "ab_meeting_outside_year"
  | "start_after_ab_meeting"
  | "no_participants";

/** A budget cycle as the links between the years name it. */
export interface CycleLink {
  id: string;
  title: string;
  reference: string;
  budgetYear: number;
}

const cycleSelect = {
  id: true,
  kind: true,
  title: true,
  reference: true,
  summary: true,
  snapshot: true,
  machineVersion: true,
  state: true,
  startedAt: true,
  participants: { select: { municipalityId: true } },
} satisfies Prisma.TrailSelect;

/** The budget year, AB meeting and terms of the cycle at hand, from its snapshot (others are found by columns). */
function cycleOf(trail: Parameters<typeof storedSnapshot>[0]) {
  const context = storedSnapshot(trail).snapshot.context;
  return {
    budgetYear: typeof context.budgetYear === "number" ? context.budgetYear : null,
    amendment: context.amendment === true,
    abMeetingOn: typeof context.abMeetingOn === "string" ? context.abMeetingOn : null,
    terms: context.terms as BudgetTerms,
  };
}

/**
 * The budget cycles (not amendments) of these budget years, by year and oldest first: found by the Trail's
 * budgetYear columns and their index (no snapshot read), a few at most, in one query.
 */
async function cyclesOfYears(db: Db, budgetYears: readonly number[]): Promise<CycleLink[]> {
  const cycles = await db.trail.findMany({
    where: { kind: "BUDGET_CYCLE", budgetYear: { in: [...budgetYears] }, budgetAmendment: false },
    select: { id: true, title: true, reference: true, budgetYear: true },
    orderBy: [{ budgetYear: "asc" }, { startedAt: "asc" }],
  });
  return cycles.map((c) => ({ ...c, budgetYear: c.budgetYear! }));
}

/** The (first) budget cycle of a budget year among these, or null. */
const cycleOfYear = (cycles: CycleLink[], budgetYear: number | null) =>
  cycles.find((c) => c.budgetYear === budgetYear) ?? null;

/** The cycle of the budget year after this one, or null (also when this one has no year). */
const nextOf = async (db: Db, budgetYear: number | null) =>
  budgetYear === null ? null : cycleOfYear(await cyclesOfYears(db, [budgetYear + 1]), budgetYear + 1);

/** The cycle and what carries over from it, read with `db` (inside a transaction, or not). */
async function readCycle(db: Db, trailId: string) {
  const trail = await db.trail.findUnique({ where: { id: trailId }, select: cycleSelect });
  if (!trail || trail.kind !== "BUDGET_CYCLE") return null;
  const cycle = cycleOf(trail);
  const [participants, items] = await Promise.all([
    db.municipality.findMany({
      where: { id: { in: trail.participants.map((p) => p.municipalityId) } },
      select: { id: true, name: true, participationFrom: true, participationTo: true },
      orderBy: { name: "asc" },
    }),
    cycle.budgetYear === null
      ? Promise.resolve([])
      : db.financialItem.findMany({
          // This year's contribution: the budget year's amounts a key shares (contribution.server.ts).
          where: { trailId, year: cycle.budgetYear, keyId: { not: null } },
          orderBy: { createdAt: "asc" },
          include: { key: { select: { id: true, name: true } } },
        }),
  ]);
  return { trail, cycle, participants, items };
}

type ReadCycle = NonNullable<Awaited<ReturnType<typeof readCycle>>>;

/** Why this cycle's next year cannot be started, or null. */
function refusalOf(read: ReadCycle, next: CycleLink | null): NextCycleRefusal | null {
  if (read.cycle.amendment) return "amendment";
  if (read.cycle.budgetYear === null || read.cycle.abMeetingOn === null) return "not_planned";
  return next ? "next_exists" : null;
}

/**
 * This cycle's councils that still take part: on the new cycle's start and on the first day of its budget year.
 * A council that left (or leaves before the budget year) is not carried.
 */
function carriedCouncils(read: ReadCycle, startedOn: CalendarDate, budgetYear: number) {
  const days = [fromDateInputValue(startedOn), fromDateInputValue(`${budgetYear}-01-01`)];
  const carried = read.participants.filter((m) => days.every((day) => participatesOn(m, day)));
  return {
    carried: carried.map((m) => ({ id: m.id, name: m.name })),
    left: read.participants
      .filter((m) => !carried.includes(m))
      .map((m) => ({
        id: m.id,
        name: m.name,
        participationTo: m.participationTo ? toDateInputValue(m.participationTo) : null,
      })),
  };
}

interface CarriedItem {
  label: string;
  kind: AmountKind;
  year: number;
  amountCents: bigint | null;
  key: { id: string; name: string };
}

/**
 * The figures the new cycle starts with: this year's contribution items as they are (its "last year"), and per
 * key one item of the new budget year at this year's yearly amounts by that key (pm when one of them is pm), to
 * be changed on the finance page. One-off amounts of this year are last year's figures but are not proposed again.
 */
function carriedFigures(read: ReadCycle, budgetYear: number) {
  const lastYear: CarriedItem[] = read.items.map((item) => ({
    label: item.label,
    kind: item.kind,
    year: item.year,
    amountCents: item.amountCents,
    key: item.key!,
  }));
  const byKey = new Map<string, CarriedItem>();
  for (const item of lastYear.filter((i) => i.kind === "YEARLY")) {
    const proposed = byKey.get(item.key.id);
    const amountCents =
      proposed === undefined
        ? item.amountCents
        : proposed.amountCents === null || item.amountCents === null
          ? null
          : proposed.amountCents + item.amountCents;
    byKey.set(item.key.id, { ...item, year: budgetYear, amountCents, label: "" });
  }
  const proposed = [...byKey.values()].map((item) => ({
    ...item,
    label:
      `Bijdrage gemeenten ontwerpbegroting ${budgetYear}` +
      (byKey.size > 1 ? ` (verdeelsleutel ${item.key.name})` : ""),
  }));
  return { lastYear, proposed };
}

/** A figure as the page shows it: cents as a number (amounts are at most MAX_CENTS). */
const shown = (item: CarriedItem) => ({
  label: item.label,
  kind: item.kind,
  year: item.year,
  cents: item.amountCents === null ? null : Number(item.amountCents),
  key: item.key,
});

/** The sentence the new cycle's summary ends with: where it was started from. */
function startedFromSentence(from: { title: string; reference: string }) {
  return `Gestart vanuit de vorige begrotingscyclus: ${from.title} (${from.reference}).`;
}

/**
 * What starting next year's cycle from this trail proposes: the texts, the AB meeting a year later on a working
 * day, the start (today, or a year after this cycle's start when the proposed meeting has passed), the councils
 * that carry over and those that do not, and the figures. Null when the trail is not a budget cycle.
 */
export async function nextCycleProposal(trailId: string, today: CalendarDate = todayInAmsterdam()) {
  const read = await readCycle(prisma, trailId);
  if (!read) return null;
  const { trail, cycle } = read;
  const from = { id: trail.id, title: trail.title, reference: trail.reference };
  const next = await nextOf(prisma, cycle.budgetYear);
  const refusal = refusalOf(read, next);
  if (refusal || cycle.budgetYear === null || cycle.abMeetingOn === null) return { from, refusal, next, plan: null };
  const budgetYear = cycle.budgetYear + 1;
  const abMeetingOn = proposedAbMeeting(cycle.abMeetingOn);
  const startedOn = today <= abMeetingOn ? today : addMonths(toDateInputValue(trail.startedAt), 12);
  const figures = carriedFigures(read, budgetYear);
  return {
    from,
    refusal,
    next,
    plan: {
      budgetYear,
      /** The year the AB meeting must lie in: the year before the budget year. */
      adoptionYear: budgetYear - 1,
      title: nextCycleTitle(trail.title, cycle.budgetYear),
      reference: nextCycleReference(trail.reference, cycle.budgetYear),
      summary: withNextYear(trail.summary, cycle.budgetYear) ?? trail.summary,
      abMeetingOn,
      startedOn,
      startedFrom: startedFromSentence(trail),
      ...carriedCouncils(read, startedOn, budgetYear),
      lastYear: figures.lastYear.map(shown),
      proposed: figures.proposed.map(shown),
    },
  };
}

export type NextCycleProposal = NonNullable<Awaited<ReturnType<typeof nextCycleProposal>>>;

export interface NextCycleInput {
  title: string;
  reference: string;
  summary: string;
  abMeetingOn: CalendarDate;
  startedOn: CalendarDate;
}

export type NextCycleResult = { ok: true; trailId: string } | { ok: false; code: NextCycleError };

/** A second cycle of the year written meanwhile by another secretary: the transaction rolls back. */
class NextCycleRace extends Error {}

/** Starts next year's budget cycle from this one (see the module's comment), in one transaction. */
export async function startNextCycle(
  trailId: string,
  input: NextCycleInput,
  actor: Actor,
  /** The form's one-time key: a second post with it starts nothing and answers with the first cycle. */
  formKey?: string | null,
): Promise<NextCycleResult | FormKeyReused> {
  if (!canStartTrail(actor)) return { ok: false, code: "forbidden" };
  let started: NextCycleResult | FormKeyReused;
  try {
    started = await createOnce({
      use: { userId: actor.id, key: formKey },
      scope: "trail",
      content: { from: trailId, ...input },
      create: (tx) => writeNextCycle(tx, trailId, input, actor),
      idOf: (result) => result.trailId,
      repeat: (id): NextCycleResult => ({ ok: true, trailId: id }),
    });
  } catch (error) {
    if (error instanceof NextCycleRace) return { ok: false, code: "next_exists" };
    // The reference, taken by a post that committed meanwhile.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")
      return { ok: false, code: "reference_taken" };
    throw error;
  }
  // The griffies were told in the transaction; their e-mail goes out now.
  if (started.ok) deliverSoon();
  return started;
}

/** Every check comes before the first write: a refusal returns with nothing written. */
async function writeNextCycle(tx: Db, trailId: string, input: NextCycleInput, actor: Actor): Promise<NextCycleResult> {
  const read = await readCycle(tx, trailId);
  if (!read) return { ok: false, code: "trail_not_found" };
  const { trail, cycle } = read;
  const refusal = refusalOf(read, await nextOf(tx, cycle.budgetYear));
  if (refusal) return { ok: false, code: refusal };
  const budgetYear = cycle.budgetYear! + 1;
  // The AB adopts the budget in the year before it serves (Wgr art. 34): the new meeting lies in this budget year.
  if (yearOf(input.abMeetingOn) !== budgetYear - 1) return { ok: false, code: "ab_meeting_outside_year" };
  if (input.startedOn > input.abMeetingOn) return { ok: false, code: "start_after_ab_meeting" };
  if (await tx.trail.findUnique({ where: { reference: input.reference }, select: { id: true } }))
    return { ok: false, code: "reference_taken" };
  const { carried, left } = carriedCouncils(read, input.startedOn, budgetYear);
  if (!carried.length) return { ok: false, code: "no_participants" };
  const plan = prepareEvent(
    "BUDGET_CYCLE",
    { trailId, expectedRevision: 0, type: "CYCLE_PLANNED", fields: { abMeetingOn: input.abMeetingOn } },
    actor,
  );
  if (!plan.ok) return { ok: false, code: "forbidden" };

  const summary = [input.summary.trim(), startedFromSentence(trail)].filter(Boolean).join(" ");
  const next = await createTrailIn(
    tx,
    { kind: "BUDGET_CYCLE", title: input.title, reference: input.reference, summary, startedOn: input.startedOn },
    carried.map((m) => m.id),
    actor,
    { terms: cycle.terms },
  );
  // The audit chain's head is held from here on: a cycle of the year another post wrote meanwhile shows now.
  if ((await cyclesOfYears(tx, [budgetYear])).some((c) => c.id !== next.id)) throw new NextCycleRace();
  const { revision } = await tx.trail.findUniqueOrThrow({ where: { id: next.id }, select: { revision: true } });
  // The new year's deadlines, from its AB meeting. The griffies heard of the new cycle already.
  const planned = await applyTrailEvent(tx, next.id, revision, plan.event, actor, { notify: false });
  if (!planned.ok) throw new Error(`The new cycle refused its planning: ${planned.code}`);
  const state = { id: next.id, state: planned.state };
  const figures = carriedFigures(read, budgetYear);
  for (const item of [...figures.lastYear, ...figures.proposed])
    await insertFinancialItem(tx, state, { ...item, keyId: item.key.id }, actor);
  const carriedOver = {
    budgetYear,
    abMeetingOn: input.abMeetingOn,
    participants: carried.map((m) => m.id),
    notCarried: left.map((m) => m.id),
    keys: [...new Set(figures.lastYear.map((item) => item.key.id))],
    lastYearCents: figures.lastYear.reduce((sum, i) => sum + (i.amountCents ?? 0n), 0n).toString(),
  };
  await appendEvent(tx, {
    type: "budget_cycle.carried_over",
    trailId: next.id,
    actor,
    payload: { ...carriedOver, fromTrailId: trail.id, reference: trail.reference, year: cycle.budgetYear },
    resultingState: planned.state,
  });
  await appendEvent(tx, {
    type: "budget_cycle.next_started",
    trailId: trail.id,
    actor,
    payload: { ...carriedOver, nextTrailId: next.id, reference: next.reference, year: budgetYear },
    resultingState: trail.state,
  });
  return { ok: true, trailId: next.id };
}

/**
 * A budget cycle's place among the years, for its page: the cycles of the year before and after, and whether
 * this user may start the next year's here (a secretary, when the next year's does not exist yet). Null for another
 * kind of trail, an amendment, and a cycle not planned yet. From the trail's columns, and one query of the two
 * years' cycles by the index.
 */
export async function budgetCycleLinks(
  trail: Pick<Trail, "kind" | "budgetYear" | "budgetAmendment">,
  actor: Actor,
): Promise<{ budgetYear: number; previous: CycleLink | null; next: CycleLink | null; mayStart: number | null } | null> {
  const { budgetYear } = trail;
  if (trail.kind !== "BUDGET_CYCLE" || trail.budgetAmendment || budgetYear === null) return null;
  const cycles = await cyclesOfYears(prisma, [budgetYear - 1, budgetYear + 1]);
  const next = cycleOfYear(cycles, budgetYear + 1);
  return {
    budgetYear,
    previous: cycleOfYear(cycles, budgetYear - 1),
    next,
    /** The budget year whose cycle this user may start from here, or null. */
    mayStart: canStartTrail(actor) && !next ? budgetYear + 1 : null,
  };
}
