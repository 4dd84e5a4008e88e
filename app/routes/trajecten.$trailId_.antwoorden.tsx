import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Alert, Heading1, Heading2, Paragraph } from "@utrecht/component-library-react";
import { useTranslation } from "react-i18next";
import { DownloadLink } from "~/components/download-link";
import { TrailBackLink } from "~/components/trail-back-link";
import { answerLedger, loadLedgerTrail, unansweredRule } from "~/models/zienswijze-answer.server";
import { formatDate } from "~/utils/format";
import { pageTitle } from "~/utils/page-title";
import { requireUser } from "~/utils/session.server";
import { KIND_MODULES } from "~workflows/modules";

export const meta = pageTitle("answers");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const trail = await loadLedgerTrail(params.trailId);
  const rows = await answerLedger(trail.id);
  return {
    trail: { id: trail.id, title: trail.title, reference: trail.reference, kind: trail.kind },
    rows,
    mayAnswer: user.role === "SECRETARY",
    rule: unansweredRule(),
    gatedSteps: KIND_MODULES[trail.kind].answersRequiredBefore,
  };
}

export default function AnswerLedgerPage() {
  const { trail, rows, mayAnswer, rule, gatedSteps } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const unanswered = rows.filter((r) => !r.answer).length;
  const steps = gatedSteps.map((s) => t(`events.${s}`)).join(", ");
  return (
    <>
      <TrailBackLink trail={trail} />
      <Heading1>{t("answers.title")}</Heading1>
      <Paragraph>{t(`answers.intro.${trail.kind}`, { defaultValue: t("answers.intro.default") })}</Paragraph>
      {unanswered ? (
        <Alert type={rule === "refuse" ? "warning" : "info"}>
          <Paragraph>
            {t(rule === "refuse" ? "answers.unansweredRefuse" : "answers.unansweredWarn", {
              count: unanswered,
              steps,
            })}
          </Paragraph>
        </Alert>
      ) : null}
      <Paragraph>
        <DownloadLink href={`/trajecten/${trail.id}/antwoorden.pdf`}>{t("answers.agendaPdf")}</DownloadLink>
      </Paragraph>
      {rows.length ? (
        rows.map((row) => (
          <section key={row.positionId} aria-labelledby={`z-${row.positionId}`} className="h10-answer">
            <Heading2 id={`z-${row.positionId}`}>{row.municipality}</Heading2>
            <Paragraph className="h10-note">
              {row.meetingOn
                ? t("answers.zienswijzeOf", { date: formatDate(row.meetingOn, lng) })
                : t("answers.zienswijze")}{" "}
              <Link className="utrecht-link" to={`/trajecten/${trail.id}/standpunten/${row.positionId}`}>
                {t("answers.openPosition")}
              </Link>
            </Paragraph>
            <blockquote className="h10-quote" data-testid="zienswijze">
              {row.zienswijze}
            </blockquote>
            {row.answer ? (
              <>
                <Paragraph className="h10-note">
                  {t("answers.answeredOn", { date: formatDate(row.answer.answeredOn, lng), by: row.answer.by })}
                </Paragraph>
                <div className="h10-answer__text" data-testid="answer">
                  {row.answer.text.split(/\n\s*\n/).map((p, i) => (
                    <Paragraph key={i}>{p}</Paragraph>
                  ))}
                </div>
                <Paragraph>
                  <DownloadLink href={`/trajecten/${trail.id}/antwoorden/brief/${row.answer.id}.pdf`}>
                    {t("answers.letterPdf", { name: row.municipality })}
                  </DownloadLink>
                  {mayAnswer ? (
                    <>
                      {" · "}
                      <Link className="utrecht-link" to={`/trajecten/${trail.id}/antwoorden/${row.positionId}`}>
                        {t("answers.revise", { name: row.municipality })}
                      </Link>
                    </>
                  ) : null}
                </Paragraph>
              </>
            ) : (
              <Paragraph>
                <strong className="h10-warning" data-testid="unanswered">
                  {t("answers.notAnswered")}
                </strong>
                {mayAnswer ? (
                  <>
                    {" "}
                    <Link className="utrecht-link" to={`/trajecten/${trail.id}/antwoorden/${row.positionId}`}>
                      {t("answers.answer", { name: row.municipality })}
                    </Link>
                  </>
                ) : null}
              </Paragraph>
            )}
          </section>
        ))
      ) : (
        <Paragraph>{t("answers.none")}</Paragraph>
      )}
    </>
  );
}
