import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { Form, Link } from "@remix-run/react";
import { Heading2, Heading3, Paragraph } from "@utrecht/component-library-react";
import { Fragment } from "react";
import { useTranslation } from "react-i18next";
import { CsrfInput } from "~/components/csrf-input";
import { FormKeyInput } from "~/components/form-key-input";
import { FormErrors, SelectField, TextAreaField, TextField, useValidatedForm } from "~/components/form-fields";
import { SubmitButton } from "~/components/submit-button";
import type { Segment } from "~/editor/compare";
import { SHARED_DRAFT_KINDS, SharedDraftSchema } from "~/schemas/shared-draft";
import { formatDate } from "~/utils/format";
import type { DraftUse } from "~/utils/shared-draft";

export interface SharedDraftView {
  id: string;
  kind: string;
  title: string;
  text: string;
  items: { kind: string; title: string; text: string }[];
  publishedAt: string;
  author: string;
  municipality: string | null;
  superseded: boolean;
  supersedes: boolean;
  uses: DraftUse[];
}

/** The id of a council's differences from a draft, which the matrix links to. */
export const differencesId = (draftId: string, municipalityId: string) => `draft-${draftId}-${municipalityId}`;

/**
 * A text against its model, word by word: insertions as <ins>, deletions as <del>, each also announced in words
 * (not by colour or line alone), so a screen reader and a print say what changed.
 */
export function WordDiff({ segments }: { segments: Segment[] }) {
  const { t } = useTranslation();
  return (
    <p className="h10-diff h10-word-diff">
      {segments.map((segment, index) =>
        segment.change === "same" ? (
          <Fragment key={index}>{segment.text}</Fragment>
        ) : segment.change === "inserted" ? (
          <ins key={index}>
            <span className="h10-visually-hidden">{t("sharedDrafts.inserted")}</span>
            {segment.text}
            <span className="h10-visually-hidden">{t("sharedDrafts.endChange")}</span>
          </ins>
        ) : (
          <del key={index}>
            <span className="h10-visually-hidden">{t("sharedDrafts.deleted")}</span>
            {segment.text}
            <span className="h10-visually-hidden">{t("sharedDrafts.endChange")}</span>
          </del>
        ),
      )}
    </p>
  );
}

/** In the matrix, under a council's name: whether it adopted a shared draft unchanged or changed it (with a link). */
export function SharedDraftMark({ drafts, municipalityId }: { drafts: SharedDraftView[]; municipalityId: string }) {
  const { t } = useTranslation();
  const marks = drafts.flatMap((draft) =>
    draft.uses.filter((use) => use.municipalityId === municipalityId).map((use) => ({ draft, use })),
  );
  if (!marks.length) return null;
  return (
    <>
      {marks.map(({ draft, use }) => (
        <span
          key={draft.id}
          className={`h10-cell__note h10-draft-mark h10-draft-mark--${use.joined ? "joined" : "changed"}`}
          data-draft-mark={use.joined ? "joined" : "changed"}
        >
          {use.joined ? (
            `${t("sharedDrafts.matrixJoined")}: ${draft.title}`
          ) : (
            <>
              {`${t("sharedDrafts.matrixChanged")}: ${draft.title} (`}
              <a className="utrecht-link" href={`#${differencesId(draft.id, use.municipalityId)}`}>
                {t("sharedDrafts.matrixDifferences")}
              </a>
              )
            </>
          )}
        </span>
      ))}
    </>
  );
}

/** The form that publishes a shared draft; on the trail page (collapsed) and on its own page (with the server's answer). */
export function SharedDraftForm({
  trailId,
  formKey,
  current,
  lastResult,
}: {
  trailId: string;
  formKey: string;
  /** The drafts a new version may replace. */
  current: { id: string; title: string }[];
  lastResult?: SubmissionResult<string[]>;
}) {
  const { t } = useTranslation();
  const [form, fields] = useValidatedForm(SharedDraftSchema, lastResult);
  return (
    <>
      <FormErrors errors={form.errors} />
      <Form
        method="post"
        action={`/trajecten/${trailId}/concepten`}
        {...getFormProps(form)}
        noValidate
        className="h10-form"
        aria-label={t("sharedDrafts.publish")}
      >
        <CsrfInput />
        <FormKeyInput value={formKey} />
        <Paragraph>{t("sharedDrafts.publishIntro")}</Paragraph>
        <TextField field={fields.title} label={t("sharedDrafts.title")} description={t("sharedDrafts.titleHint")} />
        <SelectField
          field={fields.kind}
          label={t("sharedDrafts.kind")}
          placeholder={t("sharedDrafts.chooseKind")}
          options={SHARED_DRAFT_KINDS.map((kind) => ({ value: kind, label: t(`positionKinds.${kind}`) }))}
        />
        <TextAreaField field={fields.text} label={t("sharedDrafts.text")} />
        <SelectField
          field={fields.itemKind}
          label={t("sharedDrafts.itemKind")}
          placeholder={t("sharedDrafts.noItem")}
          options={[
            { value: "AMENDMENT", label: t("itemKinds.AMENDMENT") },
            { value: "MOTION", label: t("itemKinds.MOTION") },
          ]}
        />
        <TextField
          field={fields.itemTitle}
          label={t("sharedDrafts.itemTitle")}
          description={t("sharedDrafts.itemTitleHint")}
        />
        <TextAreaField field={fields.itemText} label={t("sharedDrafts.itemText")} />
        {current.length ? (
          <SelectField
            field={fields.supersedesId}
            label={t("sharedDrafts.supersedesField")}
            placeholder={t("sharedDrafts.noSupersedes")}
            options={current.map((d) => ({ value: d.id, label: d.title }))}
          />
        ) : null}
        <SubmitButton appearance="primary-action-button">{t("sharedDrafts.submit")}</SubmitButton>
      </Form>
    </>
  );
}

/**
 * The trail page's shared drafts: each with its text and model items, "Gebruik als basis" for a clerk whose council
 * can log a position now, who adopted it unchanged and who changed it (with the differences); then the form.
 */
export function SharedDraftsSection({
  id,
  trailId,
  drafts,
  startFor,
  mayPublish,
  formKey,
}: {
  id: string;
  trailId: string;
  drafts: SharedDraftView[];
  /** The council this user may start a position for from a draft, or null. */
  startFor: { id: string; name: string } | null;
  mayPublish: boolean;
  formKey: string;
}) {
  const { t, i18n } = useTranslation();
  const current = drafts.filter((d) => !d.superseded);
  return (
    <section aria-labelledby={id} className="h10-section">
      <Heading2 id={id}>{t("sharedDrafts.section")}</Heading2>
      <Paragraph>{t("sharedDrafts.intro")}</Paragraph>
      {drafts.length ? null : <Paragraph>{t("sharedDrafts.none")}</Paragraph>}
      {drafts.map((draft) => {
        const joined = draft.uses.filter((u) => u.joined);
        const changed = draft.uses.filter((u) => !u.joined);
        const date = formatDate(draft.publishedAt.slice(0, 10), i18n.language);
        return (
          <article key={draft.id} className="h10-shared-draft" aria-labelledby={`draft-${draft.id}`}>
            <Heading3 id={`draft-${draft.id}`}>{draft.title}</Heading3>
            <Paragraph className="h10-muted">
              {t("sharedDrafts.for", { kind: t(`positionKinds.${draft.kind}`) })} ·{" "}
              {draft.municipality
                ? t("sharedDrafts.byClerk", { name: draft.author, municipality: draft.municipality, date })
                : t("sharedDrafts.by", { name: draft.author, date })}
              {draft.supersedes ? ` ${t("sharedDrafts.supersedes")}` : ""}
              {draft.superseded ? ` ${t("sharedDrafts.superseded")}` : ""}
            </Paragraph>
            <blockquote className="h10-shared-draft__text">
              {draft.text.split(/\n{2,}/).map((paragraph, index) => (
                <p key={index}>{paragraph}</p>
              ))}
            </blockquote>
            {draft.items.length ? (
              <>
                <Paragraph>
                  <strong>{t("sharedDrafts.items")}</strong>
                </Paragraph>
                <ul>
                  {draft.items.map((item, index) => (
                    <li key={index}>
                      <strong>
                        {t(`itemKinds.${item.kind}`)}: {item.title}.
                      </strong>{" "}
                      {item.text}
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
            {startFor && !draft.superseded ? (
              <Paragraph>
                <Link
                  className="utrecht-button-link utrecht-button-link--secondary-action"
                  to={`/trajecten/${trailId}/standpunt/${startFor.id}?concept=${draft.id}`}
                >
                  {t("sharedDrafts.use")}
                  <span className="h10-visually-hidden"> {t("sharedDrafts.useFor", { name: startFor.name })}</span>
                </Link>
              </Paragraph>
            ) : null}
            <Paragraph>
              <strong>{t("sharedDrafts.uses")}</strong>
            </Paragraph>
            {draft.uses.length ? null : <Paragraph>{t("sharedDrafts.noUses")}</Paragraph>}
            {joined.length ? (
              <Paragraph data-testid={`joined-${draft.id}`}>
                {t("sharedDrafts.joinedBy", { names: joined.map((u) => u.name).join(", ") })}
              </Paragraph>
            ) : null}
            {changed.map((use) => (
              <details
                key={use.municipalityId}
                id={differencesId(draft.id, use.municipalityId)}
                className="h10-step"
                data-changed-by={use.name}
              >
                <summary className="h10-step__summary">{t("sharedDrafts.changedBy", { name: use.name })}</summary>
                <div className="h10-step__body">
                  <Paragraph className="h10-muted">{t("sharedDrafts.legend")}</Paragraph>
                  <WordDiff segments={use.diff} />
                  <Paragraph>
                    <Link className="utrecht-link" to={`/trajecten/${trailId}/standpunten/${use.positionId}`}>
                      {t("matrix.columns.position")}: {use.name}
                    </Link>
                  </Paragraph>
                </div>
              </details>
            ))}
          </article>
        );
      })}
      {mayPublish ? (
        <details className="h10-step">
          <summary className="h10-step__summary">{t("sharedDrafts.publish")}</summary>
          <div className="h10-step__body">
            <SharedDraftForm trailId={trailId} formKey={formKey} current={current} />
          </div>
        </details>
      ) : null}
    </section>
  );
}
