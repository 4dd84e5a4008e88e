/**
 * The letter to Gedeputeerde Staten that goes with the adopted budget (Wgr art. 34 lid 2: within two weeks of
 * adoption and by 15 September), made from the budget cycle itself: the day the AB adopted it, each council's
 * contribution, and the councils' zienswijzen with the board's answers (art. 35 lid 3 asks the DB to add them
 * to the draft; GS see how the councils were heard). One trail's snapshot, its finances and its ledger.
 */
import { prisma } from "~/utils/db.server";
import { budgetContributions } from "./contribution.server";
import { storedSnapshot } from "./stored-snapshot.server";
import { answerLedger } from "./zienswijze-answer.server";

export type GsLetter = NonNullable<Awaited<ReturnType<typeof gsLetter>>>;

/** The letter's content once the AB adopted the budget (or the amendment); null before, or for another kind. */
export async function gsLetter(trailId: string) {
  const trail = await prisma.trail.findUnique({
    where: { id: trailId },
    select: {
      id: true,
      kind: true,
      title: true,
      reference: true,
      state: true,
      snapshot: true,
      machineVersion: true,
      participants: { select: { municipalityId: true } },
    },
  });
  if (!trail || trail.kind !== "BUDGET_CYCLE") return null;
  const context = storedSnapshot(trail).snapshot.context;
  const adoptedOn = typeof context.adoptedOn === "string" ? context.adoptedOn : null;
  const budgetYear = typeof context.budgetYear === "number" ? context.budgetYear : null;
  if (!adoptedOn || budgetYear === null) return null;
  const [contributions, ledger] = await Promise.all([budgetContributions(trail.id), answerLedger(trail.id)]);
  return {
    trail: { id: trail.id, title: trail.title, reference: trail.reference },
    budgetYear,
    amendment: context.amendment === true,
    adoptedOn,
    sentToGsOn: typeof context.sentToGsOn === "string" ? context.sentToGsOn : null,
    contributions,
    ledger,
  };
}
