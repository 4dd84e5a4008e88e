import { getTrail } from "~/models/trail.server";
import { httpError } from "./http.server";

/** The trail a route is about, or a 404 for routes under /trajecten/<id>. */
export async function requireTrail(trailId: string | undefined) {
  const trail = trailId ? await getTrail(trailId) : null;
  if (!trail) throw httpError(404, "trail_not_found", "Dit traject bestaat niet.");
  return trail;
}
