import type { LoaderFunctionArgs } from "@remix-run/node";
import { loadTrailBrief } from "~/models/brief.server";
import { download } from "~/utils/download.server";
import { httpError } from "~/utils/http.server";
import { actorOf, requireUser } from "~/utils/session.server";

/** The trail's status brief as a tagged PDF. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const brief = await loadTrailBrief(params.trailId ?? "", actorOf(user));
  if (!brief) throw httpError(404, "trail_not_found", "Dit traject bestaat niet.");
  // pdfkit and its fonts load with the first PDF, not with the server.
  const { renderTrailBriefPdf } = await import("~/render/pdf/brief.server");
  return download(await renderTrailBriefPdf(brief), "application/pdf", `Statusbrief ${brief.trail.reference}.pdf`);
}
