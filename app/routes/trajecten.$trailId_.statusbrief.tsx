import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import {
  Heading1,
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
import { ApprovalMatrix } from "~/components/approval-matrix";
import { DeadlineBadge } from "~/components/deadline-badge";
import { DataTable } from "~/components/data-table";
import { FinanceItemsTable, SharesTable } from "~/components/finance";
import { loadTrailBrief } from "~/models/brief.server";
import { eventDay, eventSentence, type Translate } from "~/utils/event-sentence";
import { formatDate, formatDateTime } from "~/utils/format";
import { httpError } from "~/utils/http.server";
import { positionWord } from "~/utils/words";
import { actorOf, requireUser } from "~/utils/session.server";
import { pageTitle } from "~/utils/page-title";

export const meta = pageTitle<typeof loader>("statusBrief", (data) => ({ reference: data?.trail.reference ?? "" }));

/** The status brief as a web page: the same content as the PDF, for reading on screen. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const brief = await loadTrailBrief(params.trailId ?? "", actorOf(user));
  if (!brief) throw httpError(404, "trail_not_found", "Dit traject bestaat niet.");
  return brief;
}

/** What the brief says of a position without a processing. */
const PROCESSING_LABELS = {
  open: "matrix.toProcess",
  notNeeded: "matrix.nothingToProcess",
  closedUnprocessed: "matrix.closedUnprocessed",
  processed: "matrix.processed",
} as const;

export default function BriefPage() {
  const brief = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const translate: Translate = (key, values) => t(key, values);
  return (
    <>
      <Heading1>{t("pdf.briefTitle", { title: brief.trail.title })}</Heading1>
      <dl className="h10-facts">
        <dt>{t("trails.kind")}</dt>
        <dd>{t(`trailKinds.${brief.trail.kind}`)}</dd>
        <dt>{t("trails.reference")}</dt>
        <dd>{brief.trail.reference}</dd>
        <dt>{t("trails.state")}</dt>
        <dd>{t(`trailStates.${brief.trail.state}`, { defaultValue: brief.trail.state })}</dd>
      </dl>
      <Paragraph>
        <Link className="utrecht-link" to={`/trajecten/${brief.trail.id}`}>
          {brief.trail.title}
        </Link>{" "}
        ·{" "}
        <a className="utrecht-link" href={`/trajecten/${brief.trail.id}/statusbrief.pdf`} download>
          {t("pdf.brief")}
        </a>
      </Paragraph>
      <Heading2>{t("matrix.title")}</Heading2>
      <ApprovalMatrix rows={brief.matrix} trailId={brief.trail.id} />
      <Heading2>{t("pdf.steps")}</Heading2>
      <DataTable
        caption={t("pdf.steps")}
        columns={[{ label: t("pdf.date") }, { label: t("pdf.step") }, { label: t("pdf.recorded") }]}
      >
        {brief.timeline.map((e) => {
          // Dated as on the trail page's timeline: the day of the step, and who logged it when.
          const day = eventDay(e);
          return (
            <TableRow key={e.sequence}>
              <TableCell>{day ? formatDate(day, lng) : "—"}</TableCell>
              <TableCell>{eventSentence(e, translate, lng)}</TableCell>
              <TableCell>
                {e.actor ? `${e.actor.name}, ` : ""}
                <time dateTime={e.at}>{formatDateTime(e.at, lng)}</time>
              </TableCell>
            </TableRow>
          );
        })}
      </DataTable>
      <Heading2>{t("pdf.openDeadlines")}</Heading2>
      {brief.openDeadlines.length ? (
        <DataTable
          caption={t("pdf.openDeadlines")}
          columns={[{ label: t("trail.deadline") }, { label: t("region.municipality") }, { label: t("pdf.due") }]}
        >
          {brief.openDeadlines.map((d) => (
            <TableRow key={d.id}>
              <TableHeaderCell scope="row">
                {d.kind === "target" ? d.label : t(`deadlineKinds.${d.kind}`)}
              </TableHeaderCell>
              <TableCell>{d.municipality ?? "—"}</TableCell>
              <TableCell>
                <DeadlineBadge dueOn={d.dueOn} status={d.status} extendedFrom={d.extendedFrom} />
              </TableCell>
            </TableRow>
          ))}
        </DataTable>
      ) : (
        <Paragraph>{t("pdf.noOpenDeadlines")}</Paragraph>
      )}
      <Heading2>{t("pdf.positions")}</Heading2>
      {brief.positions.map((p) => (
        <section key={p.id} aria-label={`${p.municipality}: ${t(positionWord(p.bodyKind, p.kind))}`}>
          <Heading3>
            {p.municipality} — {t(positionWord(p.bodyKind, p.kind))}
            {p.meetingDate ? ` (${formatDate(p.meetingDate, lng)})` : ""}
          </Heading3>
          {p.lateAfter ? (
            <Paragraph className="h10-deadline h10-deadline--late" data-testid="brief-position-late">
              <strong>{t("position.lateTitle")}</strong>{" "}
              {t("position.lateRecorded", {
                date: p.meetingDate ? formatDate(p.meetingDate, lng) : "",
                dueOn: formatDate(p.lateAfter, lng),
              })}
            </Paragraph>
          ) : null}
          <Paragraph className="h10-prewrap">{p.text}</Paragraph>
          {p.legalGround ? (
            <Paragraph data-testid="withheld-ground">
              {t("matrix.withheldGround", { ground: t(`grounds.${p.legalGround}`) })} (Wgr art. 1 lid 4)
            </Paragraph>
          ) : null}
          {p.forTheRecord ? <Paragraph>{t("position.recordedAfterClose")}</Paragraph> : null}
          <Paragraph>
            {p.processing
              ? `${t(`outcomes.${p.processing.outcome}`)} — ${p.processing.location}. ${p.processing.reason}`
              : t(PROCESSING_LABELS[p.processingState])}
            {p.processing && p.processing.lateCounts !== null
              ? ` ${t(p.processing.lateCounts ? "matrix.lateCounts" : "matrix.lateNotCounted")}.`
              : ""}
          </Paragraph>
        </section>
      ))}
      <Heading2>{t("finance.section")}</Heading2>
      {brief.finances.length ? (
        <FinanceItemsTable items={brief.finances} />
      ) : (
        <Paragraph>{t("finance.none")}</Paragraph>
      )}
      {brief.finances.map((item) => (
        <SharesTable key={item.id} item={item} />
      ))}
      <Heading2>{t("annexes.title")}</Heading2>
      {[
        ...(brief.annexes.trail.length ? [{ label: t("annexes.ofTrail"), annexes: brief.annexes.trail }] : []),
        ...brief.annexes.documents.map((d) => ({
          label: t("annexes.ofDocument", { title: d.title, revision: d.revision }),
          annexes: d.annexes,
        })),
      ].map((group) => (
        <section key={group.label} aria-label={group.label} data-testid="brief-annexes">
          <Heading3>{group.label}</Heading3>
          <UnorderedList>
            {group.annexes.map((a) => (
              <UnorderedListItem key={a.id}>
                <a className="utrecht-link" href={`/bijlagen/${a.id}`} download>
                  {a.fileName}
                </a>
                {a.title ? ` — ${a.title}` : ""} ({t("attachments.size", { kb: Math.ceil(a.size / 1024) })})
              </UnorderedListItem>
            ))}
          </UnorderedList>
        </section>
      ))}
      {brief.annexes.trail.length || brief.annexes.documents.length ? null : <Paragraph>{t("annexes.none")}</Paragraph>}
    </>
  );
}
