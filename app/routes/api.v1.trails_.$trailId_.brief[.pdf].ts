import type { LoaderFunctionArgs } from "@remix-run/node";
import { loadTrailBrief } from "~/models/brief.server";
import { apiError, requireApiUser } from "~/utils/api.server";
import { download } from "~/utils/download.server";

/** The trail's status brief (PDF) for the token holder. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor } = await requireApiUser(request);
  const brief = await loadTrailBrief(params.trailId ?? "", actor);
  if (!brief) return apiError(404, "trail_not_found", "Dit traject bestaat niet.");
  // pdfkit and its fonts load with the first PDF, not with the server.
  const { renderTrailBriefPdf } = await import("~/render/pdf/brief.server");
  return download(await renderTrailBriefPdf(brief), "application/pdf", `Statusbrief ${brief.trail.reference}.pdf`);
}
