import type { LoaderFunctionArgs } from "@remix-run/node";
import { trailJson } from "~/api/serialize.server";
import { getTrail } from "~/models/trail.server";
import { apiError, apiJson, requireApiUser } from "~/utils/api.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireApiUser(request);
  const trail = params.trailId ? await getTrail(params.trailId) : null;
  if (!trail) return apiError(404, "trail_not_found", "Dit traject bestaat niet.");
  return apiJson(trailJson(trail));
}
