import type { LoaderFunctionArgs } from "@remix-run/node";
import { listDeadlines } from "~/models/trail.server";
import { apiJson, requireApiUser } from "~/utils/api.server";
import { toDateInputValue } from "~/utils/format";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireApiUser(request);
  const municipalityId = new URL(request.url).searchParams.get("municipalityId")?.slice(0, 64) || undefined;
  const deadlines = await listDeadlines(municipalityId);
  return apiJson({
    deadlines: deadlines.map((d) => ({
      trailId: d.trailId,
      kind: d.kind,
      label: d.label,
      municipalityId: d.municipalityId,
      dueOn: toDateInputValue(d.dueAt),
      metOn: d.metAt ? toDateInputValue(d.metAt) : null,
      basis: d.basis,
    })),
  });
}
