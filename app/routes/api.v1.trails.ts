import type { LoaderFunctionArgs } from "@remix-run/node";
import { trailJson } from "~/api/serialize.server";
import { listTrailsWithParticipants } from "~/models/trail.server";
import { TrailFilterSchema } from "~/schemas/trail";
import { apiJson, requireApiUser } from "~/utils/api.server";
import { pageOf, pageRequest } from "~/utils/cursor.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireApiUser(request);
  const params = new URL(request.url).searchParams;
  const { kind } = TrailFilterSchema.parse(Object.fromEntries(params));
  // A cursor belongs to the list of its filter.
  const scope = `trails:${kind ?? ""}`;
  const page = pageRequest(params, scope);
  const rows = await listTrailsWithParticipants({ kind }, page);
  const { rows: trails, next } = pageOf(rows, page.limit, scope, (trail) => ({ at: trail.startedAt, id: trail.id }));
  return apiJson({ trails: trails.map(trailJson), next });
}
