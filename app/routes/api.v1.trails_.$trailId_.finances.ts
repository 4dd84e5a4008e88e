import type { LoaderFunctionArgs } from "@remix-run/node";
import { financeItemJson } from "~/api/serialize.server";
import { trailFinances } from "~/models/finance.server";
import { getTrail } from "~/models/trail.server";
import { apiError, apiJson, requireApiUser } from "~/utils/api.server";

/** The trail's amounts and every participant's share, for any token holder (the region's money is public within it). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireApiUser(request);
  const trail = await getTrail(params.trailId ?? "");
  if (!trail) return apiError(404, "trail_not_found", "Dit traject bestaat niet.");
  const { items } = await trailFinances(trail.id);
  return apiJson({ items: items.map(financeItemJson) });
}
