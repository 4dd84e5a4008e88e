import type { LoaderFunctionArgs } from "@remix-run/node";
import { getAnswer } from "~/models/zienswijze-answer.server";
import { download } from "~/utils/download.server";
import { toDateInputValue } from "~/utils/format";
import { httpError } from "~/utils/http.server";
import { requireUser } from "~/utils/session.server";

/** The board's letter to one council, quoting its zienswijze and the answer, as a tagged PDF. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request);
  const answer = params.answerId ? await getAnswer(params.answerId) : null;
  if (!answer || answer.trailId !== params.trailId)
    throw httpError(404, "answer_not_found", "Dit antwoord bestaat niet bij dit traject.");
  const { answerLetterFileName, renderAnswerLetterPdf } = await import("~/render/pdf/answer.server");
  const letter = {
    trail: answer.trail,
    municipality: answer.municipality.name,
    zienswijze: {
      text: answer.position.text,
      meetingOn: answer.position.meetingDate ? toDateInputValue(answer.position.meetingDate) : null,
      decisionReference: answer.position.decisionReference,
    },
    answer: { text: answer.text, answeredOn: toDateInputValue(answer.answeredOn) },
  };
  return download(await renderAnswerLetterPdf(letter), "application/pdf", answerLetterFileName(letter));
}
