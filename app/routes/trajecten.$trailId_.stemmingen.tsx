import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import {
  Alert,
  Fieldset,
  FieldsetLegend,
  Heading1,
  Heading2,
  Paragraph,
  TableCell,
  TableHeaderCell,
  TableRow,
} from "@utrecht/component-library-react";
import { useTranslation } from "react-i18next";
import { CHOICES, CLUSTERS, MAJORITY_RULES } from "~/arrangement/weighted-vote";
import { BoardVoteChart } from "~/components/charts/board-vote-chart";
import { CsrfInput } from "~/components/csrf-input";
import { FormKeyInput } from "~/components/form-key-input";
import { TrailBackLink } from "~/components/trail-back-link";
import { DataTable } from "~/components/data-table";
import {
  describedBy,
  FormErrors,
  PlainField,
  SelectField,
  TextField,
  useValidatedForm,
} from "~/components/form-fields";
import { allMunicipalities, listBoardVotes, recordBoardVote, type BoardVoteView } from "~/models/board-vote.server";
import { BoardVoteSchema } from "~/schemas/arrangement";
import { readForm } from "~/utils/csrf.server";
import { formKeyOf, newFormKey } from "~/utils/form-key.server";
import { requireTrail } from "~/utils/trail-route.server";
import { formatDate, formatNumber, toDateInputValue } from "~/utils/format";
import { actorOf, requireRole, requireUser } from "~/utils/session.server";
import { pageTitle } from "~/utils/page-title";
import { SubmitButton } from "~/components/submit-button";

export const meta = pageTitle<typeof loader>("boardVotes", (data, t) => ({
  title: data?.trail.title ?? t("titles.trailFallback"),
}));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const trail = await requireTrail(params.trailId);
  const mayRecord = user.role === "SECRETARY";
  const today = toDateInputValue(new Date());
  return {
    trail: { id: trail.id, title: trail.title, reference: trail.reference },
    votes: await listBoardVotes(trail.id),
    mayRecord,
    today,
    // Every municipality, so a vote of an earlier date can name one that has left since; today's members are ticked by cluster.
    members: mayRecord ? await allMunicipalities(today) : [],
    formKey: newFormKey(),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ["SECRETARY"]);
  const trail = await requireTrail(params.trailId);
  const formData = await readForm(request);
  const submission = parseWithZod(formData, { schema: BoardVoteSchema });
  if (submission.status !== "success")
    return data({ result: submission.reply(), recorded: false, detail: null }, { status: 400 });
  const recorded = await recordBoardVote(
    trail.id,
    { ...submission.value, inhabitantsYear: submission.value.inhabitantsYear ?? null },
    actorOf(user),
    formKeyOf(formData),
  );
  if (!recorded.ok) {
    const reused = recorded.code === "form_key_reused";
    return data(
      {
        result: submission.reply(
          recorded.code === "date_out_of_range"
            ? { fieldErrors: { heldOn: [recorded.message ?? "validation.dateInvalid"] } }
            : { formErrors: [reused ? `errorCodes.${recorded.code}` : `boardVotes.errors.${recorded.code}`] },
        ),
        recorded: false,
        detail: ("detail" in recorded && recorded.detail) || null,
      },
      { status: reused ? 422 : 400 },
    );
  }
  return data({ result: submission.reply({ resetForm: true }), recorded: true, detail: null });
}

function VoteTable({ vote }: { vote: BoardVoteView }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const n = (value: number) => formatNumber(value, lng);
  const share = vote.cast ? `${formatNumber(Math.round((vote.weights.FOR / vote.cast) * 1000) / 10, lng)} %` : "—";
  return (
    <section aria-label={vote.subject} className="h10-vote">
      <DataTable
        caption={t("boardVotes.caption", { subject: vote.subject, date: formatDate(vote.heldOn, lng) })}
        columns={[
          { label: t("boardVotes.member") },
          { label: t("boardVotes.choice") },
          { label: t("boardVotes.represents") },
          { label: t("boardVotes.weight"), numeric: true },
        ]}
      >
        {vote.ballots.map((b) => (
          <TableRow key={b.member}>
            <TableHeaderCell scope="row">{b.member}</TableHeaderCell>
            <TableCell>{t(`boardVotes.choices.${b.choice}`)}</TableCell>
            <TableCell>{b.municipalities.map((m) => `${m.name} (${n(m.inhabitants)})`).join(", ")}</TableCell>
            <TableCell className="h10-numeric">{n(b.weight)}</TableCell>
          </TableRow>
        ))}
      </DataTable>
      <Paragraph data-testid="vote-result">
        <strong>
          {t("boardVotes.result")}: {t(vote.adopted ? "boardVotes.adopted" : "boardVotes.rejected")}.
        </strong>{" "}
        {vote.cast
          ? t("boardVotes.computation", {
              for: n(vote.weights.FOR),
              cast: n(vote.cast),
              share,
              abstained: n(vote.weights.ABSTAIN),
              absent: n(vote.weights.ABSENT),
              rule: t(`boardVotes.rules.${vote.rule}`),
            })
          : t("boardVotes.noneCast")}{" "}
        ({t("boardVotes.inhabitantsYear")} {vote.inhabitantsYear})
      </Paragraph>
      <BoardVoteChart subject={vote.subject} weights={vote.weights} rule={vote.rule} adopted={vote.adopted} />
    </section>
  );
}

export default function BoardVotesPage() {
  const { trail, votes, mayRecord, members, today, formKey } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const [form, fields] = useValidatedForm(BoardVoteSchema, actionData?.result, { heldOn: today });
  const ballots = fields.ballots.getFieldList();
  return (
    <>
      <TrailBackLink trail={trail} />
      <Heading1>{t("boardVotes.title")}</Heading1>
      <Paragraph>{t("boardVotes.intro")}</Paragraph>
      {actionData?.recorded ? (
        <Alert type="ok" role="status">
          <Paragraph>{t("boardVotes.recorded")}</Paragraph>
        </Alert>
      ) : null}
      {votes.length ? (
        votes.map((vote) => <VoteTable key={vote.id} vote={vote} />)
      ) : (
        <Paragraph>{t("boardVotes.none")}</Paragraph>
      )}
      {mayRecord ? (
        <>
          <Heading2>{t("boardVotes.record")}</Heading2>
          <Form method="post" {...getFormProps(form)} noValidate className="h10-form">
            <CsrfInput />
            <FormKeyInput value={formKey} />
            <FormErrors errors={form.errors} values={{ detail: actionData?.detail ?? "" }} />
            <TextField field={fields.subject} label={t("boardVotes.subject")} />
            <TextField field={fields.heldOn} label={t("boardVotes.heldOn")} type="date" />
            <SelectField
              field={fields.rule}
              label={t("boardVotes.rule")}
              placeholder={t("boardVotes.chooseRule")}
              options={MAJORITY_RULES.map((r) => ({ value: r, label: t(`boardVotes.rules.${r}`) }))}
            />
            <TextField
              field={fields.inhabitantsYear}
              label={t("boardVotes.inhabitantsYear")}
              description={t("boardVotes.yearHint")}
              type="number"
            />
            {CLUSTERS.map((cluster, i) => {
              const ballot = ballots[i]?.getFieldset();
              const chosenError = ballot?.municipalityIds.errors?.[0];
              const memberError = ballot?.member.errors?.[0];
              const choiceError = ballot?.choice.errors?.[0];
              const id = `ballot-${i}`;
              return (
                <Fieldset key={cluster}>
                  <FieldsetLegend>{t("boardVotes.memberOf", { cluster })}</FieldsetLegend>
                  <PlainField id={`${id}-member`} label={t("boardVotes.member")} error={memberError}>
                    <input
                      className="utrecht-textbox utrecht-textbox--html-input"
                      id={`${id}-member`}
                      name={`ballots[${i}].member`}
                      defaultValue={t("boardVotes.memberOf", { cluster })}
                      aria-invalid={memberError ? true : undefined}
                      aria-describedby={describedBy(`${id}-member`, null, memberError)}
                    />
                  </PlainField>
                  <PlainField id={`${id}-choice`} label={t("boardVotes.choice")} error={choiceError}>
                    <select
                      className="utrecht-select utrecht-select--html-select"
                      id={`${id}-choice`}
                      name={`ballots[${i}].choice`}
                      defaultValue=""
                      aria-invalid={choiceError ? true : undefined}
                      aria-describedby={describedBy(`${id}-choice`, null, choiceError)}
                    >
                      <option value="">{t("boardVotes.chooseChoice")}</option>
                      {CHOICES.map((c) => (
                        <option key={c} value={c}>
                          {t(`boardVotes.choices.${c}`)}
                        </option>
                      ))}
                    </select>
                  </PlainField>
                  <fieldset
                    className="utrecht-form-fieldset h10-checkboxes"
                    aria-describedby={chosenError ? `${id}-represents-error` : undefined}
                  >
                    <legend className="utrecht-form-fieldset__legend">{t("boardVotes.represents")}</legend>
                    {chosenError ? (
                      <p className="utrecht-form-field-error-message" id={`${id}-represents-error`}>
                        {t(chosenError)}
                      </p>
                    ) : null}
                    {members.map((m) => (
                      <label key={m.id} className="h10-checkbox">
                        <input
                          type="checkbox"
                          className="utrecht-checkbox utrecht-checkbox--html-input"
                          name={`ballots[${i}].municipalityIds`}
                          value={m.id}
                          defaultChecked={m.memberToday && m.cluster === cluster}
                        />{" "}
                        {m.name}
                      </label>
                    ))}
                  </fieldset>
                </Fieldset>
              );
            })}
            <SubmitButton appearance="primary-action-button">{t("boardVotes.record")}</SubmitButton>
          </Form>
        </>
      ) : null}
    </>
  );
}
