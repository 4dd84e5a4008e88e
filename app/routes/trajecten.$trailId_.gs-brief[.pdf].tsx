import type { LoaderFunctionArgs } from "@remix-run/node";
import { gsLetter } from "~/models/gs-letter.server";
import { download } from "~/utils/download.server";
import { httpError } from "~/utils/http.server";
import { requireUser } from "~/utils/session.server";

/** The letter to Gedeputeerde Staten with the adopted budget, as a tagged PDF; 404 before the AB adopted it. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request);
  const letter = params.trailId ? await gsLetter(params.trailId) : null;
  if (!letter)
    throw httpError(
      404,
      "no_gs_letter",
      "Er is (nog) geen vastgestelde begroting om aan Gedeputeerde Staten te zenden.",
    );
  const { renderGsLetterPdf } = await import("~/render/pdf/answer.server");
  return download(await renderGsLetterPdf(letter), "application/pdf", `Brief aan GS ${letter.trail.reference}.pdf`);
}
