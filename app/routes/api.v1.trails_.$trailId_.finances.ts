import type { LoaderFunctionArgs } from "@remix-run/node";
import { contributionsJson, financeItemJson } from "~/api/serialize.server";
import { budgetContributions } from "~/models/contribution.server";
import { trailFinances } from "~/models/finance.server";
import { getTrail } from "~/models/trail.server";
import { apiError, apiJson, requireApiUser } from "~/utils/api.server";

/** The trail's amounts and every participant's share (and a budget cycle's contributions), for any token holder (the region's money is public within it). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireApiUser(request);
  const trail = await getTrail(params.trailId ?? "");
  if (!trail) return apiError(404, "trail_not_found", "Dit traject bestaat niet.");
  const [{ items }, contributions] = await Promise.all([trailFinances(trail.id), budgetContributions(trail.id)]);
  // A budget cycle's contribution of each council against last year's; null for other kinds.
  return apiJson({
    items: items.map(financeItemJson),
    contributions: contributions && contributionsJson(contributions),
  });
}
