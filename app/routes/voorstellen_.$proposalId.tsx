import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Alert, Heading1, Heading2, Paragraph } from "@utrecht/component-library-react";
import { useTranslation } from "react-i18next";
import { ConfirmBox } from "~/components/confirm-box";
import { CsrfInput } from "~/components/csrf-input";
import {
  FormErrors,
  SelectField,
  TextAreaField,
  TextField,
  useValidatedForm,
  VoteFields,
} from "~/components/form-fields";
import { FormKeyInput } from "~/components/form-key-input";
import { SubmitButton } from "~/components/submit-button";
import {
  confirmProposal,
  councilPositionsOn,
  getProposal,
  mayDecideProposal,
  rejectProposal,
} from "~/models/ori-import.server";
import { ConfirmProposalSchema, RejectProposalSchema } from "~/schemas/ori-import";
import { readForm } from "~/utils/csrf.server";
import { formKeyOf, newFormKey } from "~/utils/form-key.server";
import { formatDate } from "~/utils/format";
import { httpError } from "~/utils/http.server";
import { pageTitle } from "~/utils/page-title";
import { actorOf, requireUser } from "~/utils/session.server";
import { POSITION_KINDS, workflowEventFor } from "~workflows/positions";
import { positionRefusalReply, refusalValues } from "~/utils/refusal";

export const meta = pageTitle("document", (_data, t) => ({ title: t("oriImport.titles.proposal") }));

/** The proposal, for its own council's clerk only (anyone else: 403, none: 404). */
async function load(request: Request, proposalId: string | undefined) {
  const user = await requireUser(request);
  const proposal = proposalId ? await getProposal(proposalId) : null;
  if (!proposal) throw httpError(404, "proposal_not_found", "Dit voorstel bestaat niet.");
  if (!mayDecideProposal(actorOf(user), proposal.municipalityId))
    throw httpError(403, "forbidden", "Alleen de griffie van deze gemeente beoordeelt dit voorstel.");
  return { user, proposal };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { proposal } = await load(request, params.proposalId);
  return {
    /**
     * What the council already has on this trail (typed in by the clerk, say): a proposal of the same decision is
     * then to be rejected, and confirming it would be refused. Said above the form.
     */
    logged: proposal.status === "PROPOSED" ? await councilPositionsOn(proposal.trailId, proposal.municipalityId) : [],
    formKey: newFormKey(),
    proposal: {
      id: proposal.id,
      status: proposal.status,
      title: proposal.title,
      text: proposal.text,
      kind: proposal.kind,
      meetingOn: proposal.meetingOn,
      votesFor: proposal.votesFor,
      votesAgainst: proposal.votesAgainst,
      partyVotes: proposal.partyVotes,
      matchedBy: proposal.matchedBy,
      sourceUrl: proposal.sourceUrl,
      municipality: proposal.municipality.name,
    },
    trail: { id: proposal.trail.id, title: proposal.trail.title, revision: proposal.trail.revision },
    // The council's kinds this trail's kind knows; the trail's own rules decide on confirmation.
    kinds: POSITION_KINDS.filter((kind) => workflowEventFor(proposal.trail.kind, "COUNCIL", kind) !== undefined),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, proposal } = await load(request, params.proposalId);
  const formData = await readForm(request);
  if (formData.get("intent") === "reject") {
    const submission = parseWithZod(formData, { schema: RejectProposalSchema });
    if (submission.status !== "success")
      return data({ intent: "reject" as const, result: submission.reply(), late: null, values: null }, { status: 400 });
    const result = await rejectProposal({ proposalId: proposal.id, reason: submission.value.reason }, actorOf(user));
    if (!result.ok)
      return data(
        {
          intent: "reject" as const,
          result: submission.reply({ formErrors: ["oriImport.decided"] }),
          late: null,
          values: null,
        },
        { status: result.status },
      );
    return redirect("/voorstellen?afgewezen=1");
  }
  const submission = parseWithZod(formData, { schema: ConfirmProposalSchema });
  if (submission.status !== "success")
    return data({ intent: "confirm" as const, result: submission.reply(), late: null, values: null }, { status: 400 });
  const v = submission.value;
  const result = await confirmProposal(
    {
      proposalId: proposal.id,
      expectedRevision: v.revision,
      kind: v.kind,
      text: v.text,
      meetingDate: v.meetingDate,
      votes:
        v.votesFor === undefined
          ? undefined
          : { for: v.votesFor, against: v.votesAgainst ?? 0, abstained: v.votesAbstained ?? 0 },
      confirmLate: v.confirmLate === "on",
    },
    actorOf(user),
    formKeyOf(formData),
  );
  if (!result.ok) {
    if (result.code === "late_not_confirmed")
      return data(
        { intent: "confirm" as const, result: submission.reply(), late: { dueOn: result.dueOn }, values: null },
        { status: result.status },
      );
    const { reply, values } =
      result.code === "proposal_decided"
        ? { reply: { formErrors: ["oriImport.decided"] }, values: null }
        : // The votes per party group come from the council's records, not from this form: said above it.
          positionRefusalReply(result, { partyVotesOnForm: false });
    return data(
      { intent: "confirm" as const, result: submission.reply(reply), late: null, values },
      { status: result.status },
    );
  }
  return redirect(`/trajecten/${proposal.trailId}/standpunten/${result.positionId}?vastgelegd=voorstel`);
}

export default function ProposalPage() {
  const { proposal, trail, kinds, formKey, logged } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  // The dates a refusal names, written out: at the meeting date or above the form.
  const refused = refusalValues(t, i18n.language, actionData?.values);
  const [confirmForm, confirmFields] = useValidatedForm(
    ConfirmProposalSchema,
    actionData?.intent === "confirm" ? actionData.result : undefined,
    {
      kind: proposal.kind,
      meetingDate: proposal.meetingOn,
      text: [proposal.title, proposal.text].filter(Boolean).join("\n\n"),
      ...(proposal.votesFor !== null && proposal.votesAgainst !== null
        ? { votesFor: String(proposal.votesFor), votesAgainst: String(proposal.votesAgainst), votesAbstained: "0" }
        : {}),
    },
  );
  const [rejectForm, rejectFields] = useValidatedForm(
    RejectProposalSchema,
    actionData?.intent === "reject" ? actionData.result : undefined,
  );
  const late = actionData?.late ?? null;
  return (
    <>
      <Heading1>{t("oriImport.titles.proposal")}</Heading1>
      <Paragraph>
        <strong>{proposal.title}</strong> · {proposal.municipality} ·{" "}
        <time dateTime={proposal.meetingOn}>{formatDate(proposal.meetingOn, i18n.language)}</time>
      </Paragraph>
      <Paragraph>
        {t("oriImport.trail")}:{" "}
        <Link className="utrecht-link" to={`/trajecten/${trail.id}`}>
          {trail.title}
        </Link>{" "}
        ({t("oriImport.matchedBy")} {t(`oriImport.matchedBy_${proposal.matchedBy}`)})
      </Paragraph>
      <Paragraph>
        <a className="utrecht-link" href={proposal.sourceUrl} rel="noopener noreferrer">
          {t("oriImport.sourceLink")}
        </a>
      </Paragraph>
      {proposal.partyVotes.length ? (
        <Paragraph>
          {t("oriImport.votesFromSource")}:{" "}
          {proposal.partyVotes.map((p) => `${p.party} ${p.for}/${p.against}`).join(", ")}
        </Paragraph>
      ) : null}
      {proposal.status !== "PROPOSED" ? (
        <Alert type="info" role="status">
          <Paragraph>{t("oriImport.decided")}</Paragraph>
        </Alert>
      ) : (
        <>
          {logged.length ? (
            <Alert type="warning" data-testid="already-logged">
              <Paragraph>
                {t("oriImport.alreadyLogged", {
                  council: proposal.municipality,
                  positions: logged
                    .map(
                      (p) =>
                        `${t(`positionKinds.${p.kind}`)}${p.meetingOn ? ` (${formatDate(p.meetingOn, i18n.language)})` : ""}`,
                    )
                    .join(", "),
                })}
              </Paragraph>
            </Alert>
          ) : null}
          <Paragraph>{t("oriImport.proposalIntro")}</Paragraph>
          <Heading2>{t("oriImport.confirmHeading")}</Heading2>
          <Form method="post" {...getFormProps(confirmForm)} noValidate className="h10-form">
            <CsrfInput />
            <FormKeyInput value={formKey} />
            <input type="hidden" name="intent" value="confirm" />
            <input type="hidden" name="revision" value={trail.revision} />
            <FormErrors errors={confirmForm.errors} id={confirmForm.errorId} values={refused} />
            <SelectField
              field={confirmFields.kind}
              label={t("oriImport.kind")}
              placeholder={t("oriImport.kind")}
              options={kinds.map((kind) => ({ value: kind, label: t(`positionKinds.${kind}`) }))}
            />
            <TextField
              field={confirmFields.meetingDate}
              type="date"
              label={t("oriImport.meetingOn")}
              errorValues={refused}
            />
            <TextAreaField field={confirmFields.text} label={t("position.text")} />
            <VoteFields fields={confirmFields} />
            {late ? (
              <>
                <Alert type="warning" role="alert">
                  <Paragraph>{t("oriImport.lateWarning", { dueOn: formatDate(late.dueOn, i18n.language) })}</Paragraph>
                </Alert>
                <ConfirmBox label={t("oriImport.confirmLate")} field={confirmFields.confirmLate} />
              </>
            ) : null}
            <SubmitButton appearance="primary-action-button">{t("oriImport.confirm")}</SubmitButton>
          </Form>
          <Heading2>{t("oriImport.rejectHeading")}</Heading2>
          <Form method="post" {...getFormProps(rejectForm)} noValidate className="h10-form">
            <CsrfInput />
            <input type="hidden" name="intent" value="reject" />
            <FormErrors errors={rejectForm.errors} id={rejectForm.errorId} />
            <TextAreaField field={rejectFields.reason} label={t("oriImport.rejectReason")} />
            <SubmitButton appearance="secondary-action-button">{t("oriImport.reject")}</SubmitButton>
          </Form>
        </>
      )}
    </>
  );
}
