import type { LoaderFunctionArgs } from "@remix-run/node";
import { trailJson } from "~/api/serialize.server";
import { listTrailsWithParticipants } from "~/models/trail.server";
import { TrailFilterSchema } from "~/schemas/trail";
import { apiJson, requireApiUser } from "~/utils/api.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireApiUser(request);
  const filter = TrailFilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const trails = await listTrailsWithParticipants(filter);
  return apiJson({ trails: trails.map(trailJson) });
}
