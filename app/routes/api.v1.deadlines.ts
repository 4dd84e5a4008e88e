import type { LoaderFunctionArgs } from "@remix-run/node";
import { listDeadlines } from "~/models/trail.server";
import { apiJson, requireApiUser } from "~/utils/api.server";
import { pageOf, pageRequest } from "~/utils/cursor.server";
import { deadlineStatus } from "~/utils/deadlines";
import { toDateInputValue } from "~/utils/format";
import { isMilestone } from "~workflows/deadlines";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireApiUser(request);
  const params = new URL(request.url).searchParams;
  const municipalityId = params.get("municipalityId")?.slice(0, 64) || undefined;
  // A cursor belongs to the list of its filter.
  const scope = `deadlines:${municipalityId ?? ""}`;
  const page = pageRequest(params, scope);
  const rows = await listDeadlines(municipalityId, page);
  const { rows: deadlines, next } = pageOf(rows, page.limit, scope, (d) => ({ at: d.dueAt, id: d.id }));
  const today = toDateInputValue(new Date());
  return apiJson({
    deadlines: deadlines.map((d) => ({
      trailId: d.trailId,
      kind: d.kind,
      label: d.label,
      municipalityId: d.municipalityId,
      dueOn: toDateInputValue(d.dueAt),
      extendedFrom: d.extendedFrom ? toDateInputValue(d.extendedFrom) : null,
      metOn: d.metAt ? toDateInputValue(d.metAt) : null,
      milestone: isMilestone(d.kind),
      late: d.metAt !== null && d.metAt > d.dueAt,
      status: deadlineStatus(toDateInputValue(d.dueAt), d.metAt ? toDateInputValue(d.metAt) : null, today, d.kind),
      basis: d.basis,
    })),
    next,
  });
}
