import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import {
  Alert,
  Heading1,
  Heading2,
  Paragraph,
  UnorderedList,
  UnorderedListItem,
} from "@utrecht/component-library-react";
import { Fragment } from "react";
import { useTranslation } from "react-i18next";
import { publicPublication, wooPublisher } from "~/models/publication.server";
import { formatDate, toDateInputValue } from "~/utils/format";
import { httpError } from "~/utils/http.server";
import { DOCUMENT_ACTIONS, TOOI_KERN, WOO_CATEGORIES, type WooCategory } from "~/utils/woo";
import { pageTitle } from "~/utils/page-title";
import { publicPaths } from "~/utils/public-paths";

export const meta = pageTitle<typeof loader>("wooDocument", (data, t) => ({
  title: data?.title ?? t("woo.documents"),
}));

/** One published document's public page (no sign-in), with its DiWoo metadata. */
export async function loader({ params }: LoaderFunctionArgs) {
  const found = params.publicationId ? await publicPublication(params.publicationId) : null;
  if (!found) throw httpError(404, "publication_not_found", "Dit document is niet gepubliceerd.");
  const category = found.category as WooCategory;
  const withdrawn = found.withdrawnAt !== null;
  const source = found.source;
  return {
    id: found.id,
    title: found.title,
    trail: found.trail,
    kind: found.kind,
    withdrawn: withdrawn ? { at: found.withdrawnAt!.toISOString(), reason: found.withdrawReason ?? "" } : null,
    metadata: {
      category: { code: category, uri: `${TOOI_KERN}${category}`, label: WOO_CATEGORIES[category]?.label ?? category },
      publisher: wooPublisher(),
      createdOn: toDateInputValue(found.createdOn),
      publishedAt: found.publishedAt!.toISOString(),
      actions: [
        found.adoptedOn
          ? {
              name: "vaststelling",
              uri: `${TOOI_KERN}${DOCUMENT_ACTIONS.vaststelling}`,
              on: toDateInputValue(found.adoptedOn),
            }
          : null,
        found.signedOn
          ? {
              name: "ondertekening",
              uri: `${TOOI_KERN}${DOCUMENT_ACTIONS.ondertekening}`,
              on: toDateInputValue(found.signedOn),
            }
          : null,
      ].filter((a) => a !== null),
    },
    // A withdrawn document shows only that it was withdrawn, when and why.
    content: withdrawn
      ? null
      : source.type === "revision"
        ? {
            type: "revision" as const,
            pdf: publicPaths.publicationPdf(found.id),
            annexes: source.annexes.map((a) => ({
              href: `${publicPaths.publication(found.id)}/bijlagen/${a.id}`,
              title: a.title ?? a.fileName,
              fileName: a.fileName,
            })),
          }
        : source.type === "answer"
          ? {
              type: "answer" as const,
              pdf: publicPaths.publicationPdf(found.id),
              municipality: source.municipality.name,
              zienswijze: source.position.text,
              answer: source.text,
            }
          : {
              type: "vote" as const,
              subject: source.subject,
              heldOn: toDateInputValue(source.heldOn),
              adopted: source.adopted,
              weights: {
                for: source.weightFor,
                against: source.weightAgainst,
                abstained: source.weightAbstained,
                absent: source.weightAbsent,
              },
            },
  };
}

export default function PublicDocumentPage() {
  const d = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  return (
    <>
      <Paragraph>
        <Link className="utrecht-link" to={`/openbaar/${encodeURIComponent(d.trail.reference)}`}>
          {d.trail.title}
        </Link>{" "}
        ({d.trail.reference})
      </Paragraph>
      <Heading1>{d.title}</Heading1>
      {d.withdrawn ? (
        <Alert type="warning" data-testid="withdrawn">
          <Paragraph>
            {t("woo.withdrawnOn", { date: formatDate(d.withdrawn.at, lng) })}. {t("woo.reason")}: {d.withdrawn.reason}
          </Paragraph>
        </Alert>
      ) : null}
      {d.content?.type === "revision" ? (
        <>
          <Paragraph>
            <a className="utrecht-link" href={d.content.pdf} data-testid="public-pdf">
              {t("woo.downloadPdf")}
            </a>
          </Paragraph>
          {d.content.annexes.length ? (
            <>
              <Heading2>{t("woo.annexes")}</Heading2>
              <UnorderedList>
                {d.content.annexes.map((a) => (
                  <UnorderedListItem key={a.href}>
                    <a className="utrecht-link" href={a.href}>
                      {a.title}
                    </a>{" "}
                    <span className="h10-note">({a.fileName})</span>
                  </UnorderedListItem>
                ))}
              </UnorderedList>
            </>
          ) : null}
        </>
      ) : null}
      {d.content?.type === "answer" ? (
        <>
          <Heading2>{t("woo.zienswijzeOf", { name: d.content.municipality })}</Heading2>
          <blockquote className="h10-quote">{d.content.zienswijze}</blockquote>
          <Heading2>{t("woo.theAnswer")}</Heading2>
          <Paragraph>{d.content.answer}</Paragraph>
          <Paragraph>
            <a className="utrecht-link" href={d.content.pdf} data-testid="public-pdf">
              {t("woo.downloadLetter")}
            </a>
          </Paragraph>
        </>
      ) : null}
      {d.content?.type === "vote" ? (
        <>
          <Paragraph>
            {d.content.subject}: {t(d.content.adopted ? "woo.adopted" : "woo.rejected")} (
            {formatDate(d.content.heldOn, lng)})
          </Paragraph>
          <Paragraph>{t("woo.weights", d.content.weights)}</Paragraph>
        </>
      ) : null}

      <Heading2 id="metadata">{t("woo.metadata")}</Heading2>
      <dl className="h10-facts" data-testid="diwoo-metadata">
        <dt>{t("woo.category")}</dt>
        <dd>
          {d.metadata.category.label} (<span lang="nl">{d.metadata.category.code}</span>)
        </dd>
        <dt>{t("woo.publisher")}</dt>
        <dd>
          {d.metadata.publisher.name}
          {d.metadata.publisher.uri ? ` (${d.metadata.publisher.uri})` : ""}
        </dd>
        <dt>{t("woo.createdOn")}</dt>
        <dd>{formatDate(d.metadata.createdOn, lng)}</dd>
        <dt>{t("woo.published")}</dt>
        <dd>{formatDate(d.metadata.publishedAt, lng)}</dd>
        {d.metadata.actions.map((a) => (
          <Fragment key={a.name}>
            <dt>{t(`woo.actions.${a.name}`)}</dt>
            <dd>{formatDate(a.on, lng)}</dd>
          </Fragment>
        ))}
      </dl>
    </>
  );
}
