import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Heading1, Heading2, Paragraph, UnorderedList, UnorderedListItem } from "@utrecht/component-library-react";
import { useTranslation } from "react-i18next";
import { findPublicTrail, publicTrailDetail } from "~/models/publication.server";
import { formatDate, toDateInputValue } from "~/utils/format";
import { httpError } from "~/utils/http.server";
import { pageTitle } from "~/utils/page-title";
import { publicPaths } from "~/utils/public-paths";

export const meta = pageTitle<typeof loader>("wooTrail", (data, t) => ({
  title: data?.trail.title ?? t("titles.trailFallback"),
}));

/** A trail's public page (no sign-in): the documents sent, each council's decision, the board's decisions. */
export async function loader({ params }: LoaderFunctionArgs) {
  const key = params.trail ?? "";
  const trail = key.length <= 200 ? await findPublicTrail(key) : null;
  if (!trail) throw httpError(404, "trail_not_public", "Dit traject bestaat niet of er is nog niets van gepubliceerd.");
  const { publications, positions, answers } = await publicTrailDetail(trail.id);
  const answerText = new Map(answers.map((a) => [a.id, a]));
  const row = (p: (typeof publications)[number]) => ({
    id: p.id,
    title: p.title,
    publishedAt: p.publishedAt!.toISOString(),
    withdrawnAt: p.withdrawnAt?.toISOString() ?? null,
    withdrawReason: p.withdrawReason,
  });
  return {
    trail: {
      title: trail.title,
      reference: trail.reference,
      kind: trail.kind,
      summary: trail.summary,
      startedAt: trail.startedAt.toISOString(),
    },
    documents: publications.filter((p) => p.kind === "revision").map(row),
    answers: publications
      .filter((p) => p.kind === "answer")
      .map((p) => {
        const answer = p.withdrawnAt ? undefined : answerText.get(p.sourceId);
        return {
          ...row(p),
          municipality: answer?.municipality.name ?? null,
          text: answer?.text ?? null,
          answeredOn: answer ? toDateInputValue(answer.answeredOn) : null,
        };
      }),
    votes: publications.filter((p) => p.kind === "vote").map(row),
    decisions: positions.map((p) => ({
      id: p.id,
      kind: p.kind,
      text: p.text,
      body: p.body.name,
      municipality: p.municipality?.name ?? null,
      meetingOn: p.meetingDate ? toDateInputValue(p.meetingDate) : null,
      votes:
        p.votesFor !== null || p.votesAgainst !== null
          ? { for: p.votesFor ?? 0, against: p.votesAgainst ?? 0, abstained: p.votesAbstained ?? 0 }
          : null,
      decisionReference: p.decisionReference,
      items: p.items.map((i) => ({ id: i.id, kind: i.kind, title: i.title, adopted: i.adopted })),
    })),
  };
}

function Withdrawn({ at, reason }: { at: string; reason: string | null }) {
  const { t, i18n } = useTranslation();
  return (
    <strong className="h10-note">
      {" "}
      {t("woo.withdrawnOn", { date: formatDate(at, i18n.language) })}: {reason}
    </strong>
  );
}

export default function PublicTrailPage() {
  const { trail, documents, answers, votes, decisions } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  return (
    <>
      <Paragraph>
        <Link className="utrecht-link" to="/openbaar">
          {t("woo.backToList")}
        </Link>
      </Paragraph>
      <Heading1>{trail.title}</Heading1>
      <dl className="h10-facts">
        <dt>{t("woo.reference")}</dt>
        <dd>{trail.reference}</dd>
        <dt>{t("woo.kind")}</dt>
        <dd>{t(`trailKinds.${trail.kind}`)}</dd>
        <dt>{t("woo.started")}</dt>
        <dd>{formatDate(trail.startedAt, lng)}</dd>
      </dl>
      {trail.summary ? <Paragraph>{trail.summary}</Paragraph> : null}

      <Heading2 id="documenten">{t("woo.documents")}</Heading2>
      {documents.length ? (
        <UnorderedList data-testid="public-documents">
          {documents.map((d) => (
            <UnorderedListItem key={d.id}>
              <Link className="utrecht-link" to={publicPaths.publication(d.id)}>
                {d.title}
              </Link>{" "}
              <span className="h10-note">({t("woo.publishedOn", { date: formatDate(d.publishedAt, lng) })})</span>
              {d.withdrawnAt ? <Withdrawn at={d.withdrawnAt} reason={d.withdrawReason} /> : null}
            </UnorderedListItem>
          ))}
        </UnorderedList>
      ) : (
        <Paragraph>{t("woo.noDocuments")}</Paragraph>
      )}

      <Heading2 id="besluiten">{t("woo.councilDecisions")}</Heading2>
      {decisions.length ? (
        <UnorderedList data-testid="public-decisions">
          {decisions.map((p) => (
            <UnorderedListItem key={p.id}>
              <strong>{p.municipality ? `${p.municipality}: ` : ""}</strong>
              {t(`positionKinds.${p.kind}`)} ({p.body}
              {p.meetingOn ? `, ${formatDate(p.meetingOn, lng)}` : ""}
              {p.votes ? `, ${t("woo.votes", p.votes)}` : ""}
              {p.decisionReference ? `, ${p.decisionReference}` : ""}){p.text ? <Paragraph>{p.text}</Paragraph> : null}
              {p.items.length ? (
                <UnorderedList>
                  {p.items.map((i) => (
                    <UnorderedListItem key={i.id}>
                      {t(`woo.itemKinds.${i.kind}`)}: {i.title} ({t(i.adopted ? "woo.adopted" : "woo.rejected")})
                    </UnorderedListItem>
                  ))}
                </UnorderedList>
              ) : null}
            </UnorderedListItem>
          ))}
        </UnorderedList>
      ) : (
        <Paragraph>{t("woo.noDecisions")}</Paragraph>
      )}

      <Heading2 id="antwoorden">{t("woo.answers")}</Heading2>
      {answers.length ? (
        <UnorderedList data-testid="public-answers">
          {answers.map((a) => (
            <UnorderedListItem key={a.id}>
              <Link className="utrecht-link" to={publicPaths.publication(a.id)}>
                {a.title}
              </Link>
              {a.answeredOn ? (
                <span className="h10-note"> ({t("woo.adoptedOn", { date: formatDate(a.answeredOn, lng) })})</span>
              ) : null}
              {a.withdrawnAt ? <Withdrawn at={a.withdrawnAt} reason={a.withdrawReason} /> : null}
              {a.text ? <Paragraph>{a.text}</Paragraph> : null}
            </UnorderedListItem>
          ))}
        </UnorderedList>
      ) : (
        <Paragraph>{t("woo.noAnswers")}</Paragraph>
      )}

      {votes.length ? (
        <>
          <Heading2 id="bestuursbesluiten">{t("woo.boardDecisions")}</Heading2>
          <UnorderedList>
            {votes.map((v) => (
              <UnorderedListItem key={v.id}>
                <Link className="utrecht-link" to={publicPaths.publication(v.id)}>
                  {v.title}
                </Link>{" "}
                <span className="h10-note">({t("woo.publishedOn", { date: formatDate(v.publishedAt, lng) })})</span>
                {v.withdrawnAt ? <Withdrawn at={v.withdrawnAt} reason={v.withdrawReason} /> : null}
              </UnorderedListItem>
            ))}
          </UnorderedList>
        </>
      ) : null}
    </>
  );
}
