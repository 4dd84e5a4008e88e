import type { LoaderFunctionArgs } from "@remix-run/node";
import { annexJson, trailJson } from "~/api/serialize.server";
import { briefAnnexes } from "~/models/annex.server";
import { getTrail } from "~/models/trail.server";
import { apiError, apiJson, requireApiUser } from "~/utils/api.server";

/** One trail, with its own annexes and those of its documents (the revision their letters go out with). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireApiUser(request);
  const trail = params.trailId ? await getTrail(params.trailId) : null;
  if (!trail) return apiError(404, "trail_not_found", "Dit traject bestaat niet.");
  const annexes = await briefAnnexes(trail.id);
  return apiJson({
    ...trailJson(trail),
    annexes: [
      ...annexes.trail.map((a) => annexJson(a, { documentId: null, revision: null })),
      ...annexes.documents.flatMap((d) =>
        d.annexes.map((a) => annexJson(a, { documentId: d.documentId, revision: d.revision })),
      ),
    ],
  });
}
