import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Heading1, Paragraph } from "@utrecht/component-library-react";
import { useTranslation } from "react-i18next";
import { CsrfInput } from "~/components/csrf-input";
import { FormErrors, TextAreaField, useValidatedForm } from "~/components/form-fields";
import { SubmitButton } from "~/components/submit-button";
import { TrailBackLink } from "~/components/trail-back-link";
import { mayPublish, trailPublications, withdrawPublication } from "~/models/publication.server";
import { WithdrawSchema } from "~/schemas/woo";
import { readForm } from "~/utils/csrf.server";
import { formatDate } from "~/utils/format";
import { httpError } from "~/utils/http.server";
import { actorOf, requireUser } from "~/utils/session.server";
import { requireTrail } from "~/utils/trail-route.server";
import { pageTitle } from "~/utils/page-title";

export const meta = pageTitle<typeof loader>("wooWithdraw", (data, t) => ({
  title: data?.row.title ?? t("woo.documents"),
}));

/** The published document of this trail to withdraw, for a secretary; 403 for anyone else, 404 when not found. */
async function load(request: Request, params: { trailId?: string; publicationId?: string }) {
  const user = await requireUser(request);
  if (!mayPublish(actorOf(user)))
    throw httpError(403, "forbidden_role", "Alleen een beleidssecretaris trekt een Woo-publicatie in.");
  const trail = await requireTrail(params.trailId);
  const row = (await trailPublications(trail.id)).find((r) => r.id === params.publicationId);
  if (!row || !row.publishedAt)
    throw httpError(404, "publication_not_found", "Deze publicatie bestaat niet bij dit traject.");
  return { user, trail, row };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { trail, row } = await load(request, params);
  return {
    trail: { id: trail.id, title: trail.title, reference: trail.reference },
    row: {
      id: row.id,
      title: row.title,
      publishedAt: row.publishedAt!.toISOString(),
      withdrawnAt: row.withdrawnAt?.toISOString() ?? null,
      withdrawReason: row.withdrawReason,
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, trail, row } = await load(request, params);
  const submission = parseWithZod(await readForm(request), { schema: WithdrawSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const result = await withdrawPublication(row.id, submission.value.reason, actorOf(user));
  if (!result.ok) {
    if (result.status === 403) throw httpError(403, result.code, "U mag deze publicatie niet intrekken.");
    return data({ result: submission.reply({ formErrors: [`woo.errors.${result.code}`] }) }, { status: result.status });
  }
  return redirect(`/trajecten/${trail.id}/publicaties`);
}

export default function WithdrawPage() {
  const { trail, row } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const [form, fields] = useValidatedForm(WithdrawSchema, actionData?.result, { reason: "" });
  return (
    <>
      <TrailBackLink trail={trail} />
      <Heading1>{t("woo.titles.withdraw")}</Heading1>
      <Paragraph>
        <strong>{row.title}</strong> ({t("woo.publishedOn", { date: formatDate(row.publishedAt, i18n.language) })})
      </Paragraph>
      {row.withdrawnAt ? (
        <Paragraph>
          {t("woo.withdrawnOn", { date: formatDate(row.withdrawnAt, i18n.language) })}: {row.withdrawReason}
        </Paragraph>
      ) : (
        <>
          <Paragraph>{t("woo.withdrawIntro")}</Paragraph>
          <FormErrors errors={form.errors} />
          <Form method="post" {...getFormProps(form)} noValidate className="h10-form">
            <CsrfInput />
            <TextAreaField field={fields.reason} label={t("woo.reason")} description={t("woo.reasonHint")} />
            <SubmitButton appearance="primary-action-button">{t("woo.withdraw")}</SubmitButton>
          </Form>
        </>
      )}
    </>
  );
}
