import type { LoaderFunctionArgs } from "@remix-run/node";
import { getTrail } from "~/models/trail.server";
import { answerLedger } from "~/models/zienswijze-answer.server";
import { apiError, apiJson, requireApiUser } from "~/utils/api.server";
import { KINDS_WITH_ANSWERS } from "~workflows/positions";

/**
 * The trail's answer ledger: every council's zienswijze in force with the board's written answer, or null while
 * it has none. One row per council at most, so not paged.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireApiUser(request);
  const trail = await getTrail(params.trailId ?? "");
  if (!trail) return apiError(404, "trail_not_found", "Dit traject bestaat niet.");
  if (!KINDS_WITH_ANSWERS.includes(trail.kind))
    return apiError(404, "no_answer_ledger", "Bij dit soort traject beantwoordt het bestuur geen zienswijzen.");
  const rows = await answerLedger(trail.id);
  return apiJson({
    items: rows.map((row) => ({
      positionId: row.positionId,
      municipalityId: row.municipalityId,
      municipality: row.municipality,
      zienswijze: row.zienswijze,
      meetingDate: row.meetingOn,
      answer: row.answer ? { id: row.answer.id, text: row.answer.text, answeredOn: row.answer.answeredOn } : null,
    })),
  });
}
