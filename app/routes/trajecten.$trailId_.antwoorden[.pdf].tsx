import type { LoaderFunctionArgs } from "@remix-run/node";
import { answerLedger, loadLedgerTrail } from "~/models/zienswijze-answer.server";
import { download } from "~/utils/download.server";
import { requireUser } from "~/utils/session.server";

/** The AB's agenda item: every council's zienswijze with the board's answer, as a tagged PDF. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request);
  const trail = await loadLedgerTrail(params.trailId);
  const rows = await answerLedger(trail.id);
  const { renderLedgerPdf } = await import("~/render/pdf/answer.server");
  const pdf = await renderLedgerPdf({
    trail: { title: trail.title, reference: trail.reference, kind: trail.kind },
    rows,
  });
  return download(pdf, "application/pdf", `Zienswijzen en antwoorden ${trail.reference}.pdf`);
}
