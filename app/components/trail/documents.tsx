import { Form, Link } from "@remix-run/react";
import {
  Heading2,
  Heading3,
  Paragraph,
  TableCell,
  TableHeaderCell,
  TableRow,
  UnorderedList,
  UnorderedListItem,
} from "@utrecht/component-library-react";
import { useTranslation } from "react-i18next";
import { SubmitButton } from "~/components/submit-button";
import { CsrfInput } from "~/components/csrf-input";
import { DataTable } from "~/components/data-table";
import type { TrailPage } from "~/models/trail-page.server";

/** Per decision point of each text sent to the councils: who adopted it as drafted, who amended it, and how. */
function DecisionPoints({ trailId, text }: { trailId: string; text: TrailPage["pointOverview"][number] }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby={`points-${text.revisionId}`} className="h10-points">
      <Heading3 id={`points-${text.revisionId}`}>
        {t("decisionPoints.title", { title: text.title, number: text.number })}
      </Heading3>
      {text.points.length ? (
        <DataTable
          caption={t("decisionPoints.caption")}
          columns={[
            { label: t("decisionPoints.point") },
            { label: t("decisionPoints.asDrafted") },
            { label: t("decisionPoints.amended") },
          ]}
          // On a phone each decision point is a block: its text (a sentence with long words) takes the width.
          stacked
        >
          {text.points.map((point) => (
            <TableRow key={point.pointId} data-point={point.number}>
              <TableHeaderCell scope="row">
                <Link
                  className="utrecht-link"
                  to={`/documenten/${text.documentId}?revisie=${text.number}#${point.pointId}`}
                >
                  {t("decisionPoints.label", { number: point.number })}
                </Link>
                <span className="h10-note">{point.text}</span>
              </TableHeaderCell>
              <TableCell data-testid="as-drafted" data-label={t("decisionPoints.asDrafted")}>
                {point.adoptedAsDrafted.join(", ") || "—"}
              </TableCell>
              <TableCell data-testid="amended" data-label={t("decisionPoints.amended")}>
                {[...new Set(point.amendments.map((a) => a.municipality))].join(", ") || "—"}
              </TableCell>
            </TableRow>
          ))}
        </DataTable>
      ) : (
        <Paragraph>{t("decisionPoints.none")}</Paragraph>
      )}
      {text.points
        .filter((point) => point.amendments.length)
        .map((point) => (
          <DataTable
            key={point.pointId}
            caption={t("decisionPoints.sideBySide", { number: point.number })}
            columns={[
              { label: t("decisionPoints.council") },
              { label: t("decisionPoints.drafted") },
              { label: t("decisionPoints.amendedText") },
            ]}
          >
            {point.amendments.map((a, i) => (
              <TableRow key={`${a.positionId}-${i}`}>
                <TableHeaderCell scope="row">
                  <Link className="utrecht-link" to={`/trajecten/${trailId}/standpunten/${a.positionId}`}>
                    {a.municipality}
                  </Link>
                </TableHeaderCell>
                <TableCell>{point.text}</TableCell>
                <TableCell>
                  <strong>{a.title}</strong> <span className="h10-prewrap">{a.text}</span>
                </TableCell>
              </TableRow>
            ))}
          </DataTable>
        ))}
    </section>
  );
}

/** The trail's documents, what a secretary can make of them, and the decision points of the texts sent. */
export function DocumentsSection({
  id,
  trailId,
  documents,
  mayWriteDocuments,
  pointOverview,
}: {
  id: string;
  trailId: string;
  documents: TrailPage["documents"];
  mayWriteDocuments: boolean;
  pointOverview: TrailPage["pointOverview"];
}) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby={id} className="h10-section">
      <Heading2 id={id}>{t("documents.section")}</Heading2>
      {documents.length ? (
        <UnorderedList>
          {documents.map((doc) => (
            <UnorderedListItem key={doc.id}>
              <Link className="utrecht-link" to={`/documenten/${doc.id}`}>
                {doc.title}
              </Link>{" "}
              <span className="h10-note">
                ({t(`documentKinds.${doc.kind}`)}, {t("documents.latest", { number: doc.latest })}
                {doc.sent ? `, ${t("documents.sent")}` : ""})
              </span>
            </UnorderedListItem>
          ))}
        </UnorderedList>
      ) : (
        <Paragraph>{t("documents.none")}</Paragraph>
      )}
      {mayWriteDocuments ? (
        <div className="h10-actions">
          <Link className="utrecht-link" to={`/trajecten/${trailId}/documenten/nieuw`}>
            {t("documents.new")}
          </Link>
          <Form method="post" action={`/trajecten/${trailId}/oplegger`}>
            <CsrfInput />
            <SubmitButton appearance="secondary-action-button" aria-describedby="oplegger-hint">
              {t("documents.generateOplegger")}
            </SubmitButton>
            <span id="oplegger-hint" className="h10-note">
              {t("documents.generateOpleggerHint")}
            </span>
          </Form>
        </div>
      ) : null}
      {pointOverview.map((text) => (
        <DecisionPoints key={text.revisionId} trailId={trailId} text={text} />
      ))}
    </section>
  );
}
