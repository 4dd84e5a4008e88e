import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import {
  Alert,
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
import { CsrfInput } from "~/components/csrf-input";
import { ConfirmBox } from "~/components/confirm-box";
import { DataTable } from "~/components/data-table";
import { PageNav } from "~/components/page-nav";
import { DownloadLink, DownloadStatus, useDownloadForm } from "~/components/download-link";
import type { Segment } from "~/editor/compare";
import { FIELD_PLACEHOLDERS } from "~/editor/templates";
import { compareRevisions, getDocument, mayEditDocuments, sendRevision, stepOnSend } from "~/models/document.server";
import { mayManageAnnexes, revisionAnnexes } from "~/models/annex.server";
import { ACCEPTED_EXTENSIONS } from "~/models/attachment.server";
import { lettersRevisionOf, missingSignatories } from "~/models/letters.server";
import { isUpload, removeAnnexForm, uploadAnnex } from "~/utils/annex-form.server";
import { AnnexesSection, CheckboxField } from "~/components/annexes";
import { renderDocumentHtml } from "~/render/html.server";
import { documentLabels } from "~/render/labels";
import { CompareSchema, SendRevisionSchema } from "~/schemas/document";
import { CONFIRM_FIELD, CONFIRM_REQUIRED, isConfirmed } from "~/utils/confirm";
import { readForm } from "~/utils/csrf.server";
import { formatDate, formatDateTime } from "~/utils/format";
import { httpError } from "~/utils/http.server";
import { i18next } from "~/utils/i18next.server";
import { actorOf, requireUser } from "~/utils/session.server";
import { pageTitle } from "~/utils/page-title";
import { SubmitButton } from "~/components/submit-button";

export const meta = pageTitle<typeof loader>("document", (data, t) => ({
  title: data?.title ?? t("titles.documentFallback"),
}));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const url = new URL(request.url);
  const requested = Number(url.searchParams.get("revisie") ?? "");
  const loaded = await getDocument(
    params.documentId ?? "",
    Number.isInteger(requested) && requested > 0 ? requested : undefined,
  );
  if (!loaded) throw httpError(404, "document_not_found", "Dit document of deze revisie bestaat niet.");
  const { document, revision, content } = loaded;
  const compare = CompareSchema.safeParse(Object.fromEntries(url.searchParams));
  const comparison = compare.success ? await compareRevisions(document.id, compare.data.a, compare.data.b) : null;
  const locale = await i18next.getLocale(request);
  // The letters go out with the revision last sent (or the latest): its annexes decide the zip's option.
  const lettersRevision = lettersRevisionOf(document.revisions);
  const annexes = await revisionAnnexes(revision.id);
  const mayEdit = mayEditDocuments(actorOf(user));
  const lettersAnnexes =
    lettersRevision.id === revision.id ? annexes.length : (await revisionAnnexes(lettersRevision.id)).length;
  return {
    id: document.id,
    title: document.title,
    kind: document.kind,
    trail: document.trail,
    revision: {
      number: revision.number,
      frozenAt: revision.frozenAt?.toISOString() ?? null,
      latest: revision.number === document.revisions[0]!.number,
    },
    revisions: document.revisions.map((r) => ({
      number: r.number,
      note: r.note,
      author: r.author.name,
      at: r.createdAt.toISOString(),
      frozenAt: r.frozenAt?.toISOString() ?? null,
    })),
    html: renderDocumentHtml(content, {
      fieldPlaceholder: (field) => FIELD_PLACEHOLDERS[field],
      labels: documentLabels(locale),
    }),
    comparison: comparison && compare.success ? { a: compare.data.a, b: compare.data.b, rows: comparison } : null,
    mayEdit,
    /** Sending this revision now asks the councils (the trail moves on, their terms start): said before the send. */
    stepOnSend: !revision.frozenAt && mayEdit ? await stepOnSend(document.trail.id, document.kind) : null,
    annexes: annexes.map(({ sha256: _hash, createdAt: _at, ...annex }) => annex),
    mayManageAnnexes: mayManageAnnexes(actorOf(user)),
    acceptedExtensions: ACCEPTED_EXTENSIONS,
    lettersAnnexes,
    /** The councils whose letter would say "[naam nog in te voeren]": warned about before letters are made. */
    missingSignatories: await missingSignatories(document.id),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const actor = actorOf(user);
  const documentId = params.documentId ?? "";
  // An annex for the revision the form names (its hidden field comes before the file).
  if (isUpload(request))
    return uploadAnnex(request, actor, (fields) => {
      const revision = Number(fields.get("revision"));
      return Number.isInteger(revision) && revision > 0 ? { kind: "document", documentId, revision } : null;
    });
  if (!mayEditDocuments(actor) && !mayManageAnnexes(actor))
    throw httpError(403, "forbidden_role", "Alleen een beleidssecretaris stuurt documenten naar de raden.");
  const formData = await readForm(request);
  if (formData.get("intent") === "removeAnnex") return removeAnnexForm(formData, actor);
  if (!mayEditDocuments(actor))
    throw httpError(403, "forbidden_role", "Alleen een beleidssecretaris stuurt documenten naar de raden.");
  const submission = parseWithZod(formData, { schema: SendRevisionSchema });
  if (submission.status !== "success") throw httpError(400, "invalid_form", "Het formulier is niet geldig.");
  // Sending freezes the revision for good: only when the box was ticked; otherwise nothing is written.
  if (!isConfirmed(formData)) return data({ error: CONFIRM_REQUIRED }, { status: 422 });
  const result = await sendRevision(
    { documentId: params.documentId ?? "", revision: submission.value.revision },
    actorOf(user),
  );
  if (!result.ok)
    throw httpError(
      result.status,
      result.code,
      result.code === "revision_not_found"
        ? "Deze revisie bestaat niet."
        : result.code === "forbidden_role"
          ? "Alleen een beleidssecretaris stuurt documenten naar de raden."
          : "Het traject kon de verzending nu niet vastleggen; de revisie is niet verzonden.",
    );
  return redirect(`/documenten/${params.documentId}?revisie=${submission.value.revision}`);
}

function Segments({ segments }: { segments: Segment[] | null }) {
  const { t } = useTranslation();
  if (!segments) return null;
  return (
    <>
      {segments.map((s, i) =>
        s.change === "inserted" ? (
          <ins key={i} title={t("documents.inserted")}>
            {s.text}
          </ins>
        ) : s.change === "deleted" ? (
          <del key={i} title={t("documents.deleted")}>
            {s.text}
          </del>
        ) : (
          <span key={i}>{s.text}</span>
        ),
      )}
    </>
  );
}

export default function DocumentPage() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const sendError = actionData && "error" in actionData ? actionData.error : null;
  const annexResult = actionData && "annex" in actionData ? actionData.annex : null;
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const changeLabel = {
    same: t("documents.changeSame"),
    changed: t("documents.changeChanged"),
    added: t("documents.changeAdded"),
    removed: t("documents.changeRemoved"),
  };
  return (
    <>
      <Paragraph>
        <Link className="utrecht-link" to={`/trajecten/${d.trail.id}`}>
          {d.trail.title}
        </Link>
      </Paragraph>
      <Heading1>{d.title}</Heading1>
      <Paragraph>
        {t(`documentKinds.${d.kind}`)} · {t("documents.revision", { number: d.revision.number })}
        {d.revision.frozenAt ? ` · ${t("documents.sent")}` : ""}
      </Paragraph>
      {d.revision.frozenAt ? (
        <Alert type="info">
          <Paragraph>
            {t("documents.sentOn", { number: d.revision.number, date: formatDate(d.revision.frozenAt, lng) })}
          </Paragraph>
        </Alert>
      ) : null}
      {d.mayEdit ? (
        <div className="h10-actions h10-doc-actions">
          <Link className="utrecht-button-link utrecht-button-link--primary-action" to={`/documenten/${d.id}/bewerken`}>
            {t("documents.edit")}
          </Link>
          {!d.revision.frozenAt ? (
            <Form method="post" className="h10-send-form">
              <CsrfInput />
              <input type="hidden" name="intent" value="send" />
              <input type="hidden" name="revision" value={d.revision.number} />
              <ConfirmBox
                name={CONFIRM_FIELD}
                id="confirm-send"
                label={t("formsFeedback.confirmSend", { number: d.revision.number })}
                error={sendError}
              />
              <SubmitButton
                appearance="secondary-action-button"
                aria-describedby={d.stepOnSend ? "send-hint send-step" : "send-hint"}
              >
                {t("documents.send", { number: d.revision.number })}
              </SubmitButton>
              <span id="send-hint" className="h10-note">
                {t("documents.sendHint")}
              </span>
              {d.stepOnSend ? (
                <Alert type="warning" id="send-step">
                  <Paragraph>
                    {t("documents.sendStartsStep", {
                      step: t(`events.${d.stepOnSend.type}`),
                      count: d.stepOnSend.councils,
                    })}
                  </Paragraph>
                </Alert>
              ) : null}
            </Form>
          ) : null}
        </div>
      ) : null}

      <PageNav
        label="documentPage.onThisPage"
        links={[
          ...(d.revisions.length > 1 ? [{ id: "compare", label: t("documentPage.compareSection") }] : []),
          { id: "downloads", label: t("pdf.downloads") },
          { id: "annexes", label: t("annexes.title") },
          { id: "document", label: t("documentPage.document") },
          { id: "history", label: t("documents.history") },
        ]}
      />
      {d.revisions.length > 1 ? (
        // Comparing revisions is what a reader of a changed text looks for first: above the text, not below it.
        <section aria-labelledby="compare" className="h10-section">
          <Heading2 id="compare">{t("documentPage.compareSection")}</Heading2>
          <Form method="get" className="h10-filter" aria-label={t("documents.compare")}>
            <RevisionSelect
              id="cmp-a"
              name="a"
              label={t("documents.from")}
              revisions={d.revisions}
              value={d.comparison?.a ?? d.revisions[1]!.number}
            />
            <RevisionSelect
              id="cmp-b"
              name="b"
              label={t("documents.to")}
              revisions={d.revisions}
              value={d.comparison?.b ?? d.revisions[0]!.number}
            />
            <SubmitButton appearance="secondary-action-button">{t("documents.compare")}</SubmitButton>
          </Form>
          {d.comparison ? (
            <section aria-labelledby="comparison">
              <Heading3 id="comparison">
                {t("documents.compareTitle", { a: d.comparison.a, b: d.comparison.b })}
              </Heading3>
              <DataTable
                caption={t("documents.compareCaption", { a: d.comparison.a, b: d.comparison.b })}
                columns={[
                  { label: t("documents.before", { number: d.comparison.a }) },
                  { label: t("documents.after", { number: d.comparison.b }) },
                  { label: t("trails.state") },
                ]}
              >
                {d.comparison.rows.map((row, i) => (
                  <TableRow key={i} data-change={row.change} className={`h10-diff h10-diff--${row.change}`}>
                    <TableCell>
                      <Segments segments={row.left} />
                    </TableCell>
                    <TableCell>
                      <Segments segments={row.right} />
                    </TableCell>
                    <TableCell>{changeLabel[row.change]}</TableCell>
                  </TableRow>
                ))}
              </DataTable>
              <Paragraph>
                <a className="utrecht-link" href="#document">
                  {t("documentPage.toDocument", { number: d.revision.number })}
                </a>
              </Paragraph>
            </section>
          ) : null}
        </section>
      ) : null}

      <section aria-labelledby="downloads" className="h10-downloads">
        <Heading2 id="downloads">{t("pdf.downloads")}</Heading2>
        <UnorderedList>
          <UnorderedListItem>
            <DownloadLink href={`/documenten/${d.id}/document.pdf?revisie=${d.revision.number}`}>
              {t("pdf.document", { number: d.revision.number })}
            </DownloadLink>
          </UnorderedListItem>
          {d.missingSignatories.length ? null : (
            <>
              <UnorderedListItem>
                <DownloadLink href={`/documenten/${d.id}/brieven.zip`}>{t("pdf.lettersZip")}</DownloadLink>
              </UnorderedListItem>
              {d.lettersAnnexes ? (
                <UnorderedListItem>
                  <DownloadLink href={`/documenten/${d.id}/brieven.zip?bijlagen=on`}>
                    {t("annexes.lettersWithAnnexes")}
                  </DownloadLink>
                </UnorderedListItem>
              ) : null}
              <UnorderedListItem>
                <DownloadLink href={`/documenten/${d.id}/brieven.pdf`}>{t("pdf.lettersCombined")}</DownloadLink>
              </UnorderedListItem>
            </>
          )}
        </UnorderedList>
        {d.missingSignatories.length ? (
          <LettersWithoutSignatory documentId={d.id} missing={d.missingSignatories} annexes={d.lettersAnnexes} />
        ) : null}
        <Paragraph className="h10-note">{t("pdf.lettersHint")}</Paragraph>
      </section>

      <AnnexesSection
        id="annexes"
        intro={t(d.revision.frozenAt ? "annexes.documentSentIntro" : "annexes.documentIntro", {
          number: d.revision.number,
        })}
        annexes={d.annexes}
        mayManage={d.mayManageAnnexes}
        locked={d.revision.frozenAt !== null}
        acceptedExtensions={d.acceptedExtensions}
        result={annexResult}
        ownerFields={<input type="hidden" name="revision" value={d.revision.number} />}
      />

      <article id="document" className="h10-document" lang="nl" dangerouslySetInnerHTML={{ __html: d.html }} />

      <section aria-labelledby="history" className="h10-section">
        <Heading2 id="history">{t("documents.history")}</Heading2>
        <DataTable
          caption={t("documents.historyCaption")}
          columns={[
            { label: t("documents.revision", { number: "" }).trim() },
            { label: t("documents.author") },
            { label: t("documents.when") },
            { label: t("documents.note") },
          ]}
        >
          {d.revisions.map((r) => (
            <TableRow key={r.number}>
              <TableHeaderCell scope="row">
                <Link className="utrecht-link" to={`/documenten/${d.id}?revisie=${r.number}`}>
                  {t("documents.revision", { number: r.number })}
                </Link>
                {r.frozenAt ? <span className="h10-note"> ({t("documents.sent")})</span> : null}
              </TableHeaderCell>
              <TableCell>{r.author}</TableCell>
              <TableCell>{formatDateTime(r.at, lng)}</TableCell>
              <TableCell>{r.note ?? ""}</TableCell>
            </TableRow>
          ))}
        </DataTable>
      </section>
    </>
  );
}

/**
 * The letters while a council lacks a signatory's name: which councils and
 * which names, and a form that makes the letters only once that is confirmed
 * (the server refuses them otherwise).
 */
function LettersWithoutSignatory({
  documentId,
  missing,
  annexes,
}: {
  documentId: string;
  missing: { municipality: string; mayor: boolean; secretary: boolean }[];
  /** How many annexes the letters' revision has: the zip may take them along. */
  annexes: number;
}) {
  const { t } = useTranslation();
  const { state, statusText, onSubmit } = useDownloadForm();
  return (
    <Alert type="warning" className="h10-signatories" role="group">
      <Paragraph>
        <strong>{t("formsFeedback.signatoriesTitle")}</strong> {t("formsFeedback.signatoriesIntro")}
      </Paragraph>
      <UnorderedList data-testid="missing-signatories">
        {missing.map((m) => (
          <UnorderedListItem key={m.municipality}>
            {m.municipality}:{" "}
            {[m.mayor ? t("formsFeedback.mayor") : null, m.secretary ? t("formsFeedback.secretary") : null]
              .filter(Boolean)
              .join(", ")}
          </UnorderedListItem>
        ))}
      </UnorderedList>
      <Paragraph>{t("formsFeedback.signatoriesHint")}</Paragraph>
      <form method="get" action={`/documenten/${documentId}/brieven.zip`} onSubmit={onSubmit} className="h10-form">
        <ConfirmBox name={CONFIRM_FIELD} id="confirm-letters" label={t("formsFeedback.confirmLetters")} />
        {annexes ? <CheckboxField id="letters-annexes" name="bijlagen" label={t("annexes.zipOption")} /> : null}
        <div className="h10-letter-buttons">
          <SubmitButton appearance="secondary-action-button" busy={state.status === "busy"}>
            {t("pdf.lettersZip")}
          </SubmitButton>
          <SubmitButton
            appearance="secondary-action-button"
            formAction={`/documenten/${documentId}/brieven.pdf`}
            busy={state.status === "busy"}
          >
            {t("pdf.lettersCombined")}
          </SubmitButton>
        </div>
        <DownloadStatus text={statusText} error={state.status === "error"} />
      </form>
    </Alert>
  );
}

function RevisionSelect(props: {
  id: string;
  name: string;
  label: string;
  value: number;
  revisions: { number: number }[];
}) {
  const { t } = useTranslation();
  return (
    <div className="utrecht-form-field">
      <label className="utrecht-form-label" htmlFor={props.id}>
        {props.label}
      </label>
      <select className="utrecht-select" id={props.id} name={props.name} defaultValue={props.value}>
        {props.revisions.map((r) => (
          <option key={r.number} value={r.number}>
            {t("documents.revision", { number: r.number })}
          </option>
        ))}
      </select>
    </div>
  );
}
