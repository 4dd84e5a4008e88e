import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import {
  Alert,
  Heading1,
  Heading2,
  Paragraph,
  UnorderedList,
  UnorderedListItem,
} from "@utrecht/component-library-react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { CsrfInput } from "~/components/csrf-input";
import { FormKeyInput } from "~/components/form-key-input";
import { FormErrors, SelectField, TextField, useValidatedForm } from "~/components/form-fields";
import { addMeeting, listMeetings, mayKeepCalendar, removeMeeting } from "~/models/meeting.server";
import { listMunicipalityOptions } from "~/models/municipality.server";
import { isoDateField } from "~/schemas/fields";
import { readForm } from "~/utils/csrf.server";
import { formKeyOf, newFormKey } from "~/utils/form-key.server";
import { formatDate } from "~/utils/format";
import { httpError } from "~/utils/http.server";
import { actorOf, requireRole } from "~/utils/session.server";
import { pageTitle } from "~/utils/page-title";
import { SubmitButton } from "~/components/submit-button";

export const meta = pageTitle("meetings");

const MeetingSchema = z.object({
  intent: z.literal("add"),
  bodyKind: z.enum(["COUNCIL", "COMMITTEE"], { error: "validation.bodyRequired" }),
  date: isoDateField,
  note: z.string().trim().max(200, "validation.tooLong").optional(),
});

/** A clerk keeps their own council's calendar; an administrator picks the municipality. */
async function scope(request: Request) {
  const user = await requireRole(request, ["CLERK", "ADMIN"]);
  const chosen = new URL(request.url).searchParams.get("gemeente");
  const municipalityId = user.role === "CLERK" ? user.municipalityId : chosen;
  return { user, municipalityId };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, municipalityId } = await scope(request);
  const municipalities = await listMunicipalityOptions();
  const municipality = municipalities.find((m) => m.id === municipalityId) ?? null;
  return {
    isAdmin: user.role === "ADMIN",
    municipalities,
    municipality,
    meetings: municipality ? await listMeetings(municipality.id) : [],
    formKey: newFormKey(),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, municipalityId } = await scope(request);
  if (!municipalityId || !mayKeepCalendar(actorOf(user), municipalityId)) {
    throw httpError(403, "forbidden_municipality", "U mag alleen de vergaderkalender van uw eigen gemeente bijhouden.");
  }
  const formData = await readForm(request);
  if (formData.get("intent") === "remove") {
    const result = await removeMeeting(String(formData.get("meetingId") ?? ""), actorOf(user));
    if (!result.ok) throw httpError(result.status, result.code, "Deze vergadering kan niet worden verwijderd.");
    return data({ result: undefined, saved: true });
  }
  const submission = parseWithZod(formData, { schema: MeetingSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), saved: false }, { status: 400 });
  const result = await addMeeting({ municipalityId, ...submission.value }, actorOf(user), formKeyOf(formData));
  if (!result.ok)
    return data(
      { result: submission.reply({ formErrors: [`errorCodes.${result.code}`] }), saved: false },
      { status: result.status },
    );
  return data({ result: submission.reply({ resetForm: true }), saved: true });
}

export default function MeetingsPage() {
  const { isAdmin, municipalities, municipality, meetings, formKey } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const [form, fields] = useValidatedForm(MeetingSchema, actionData?.result);
  return (
    <>
      <Heading1>{municipality ? t("meetings.titleFor", { name: municipality.name }) : t("meetings.title")}</Heading1>
      <Paragraph>{t("meetings.intro")}</Paragraph>
      {isAdmin ? (
        <Form method="get" className="h10-filter" aria-label={t("meetings.choose")}>
          <div className="utrecht-form-field">
            <label className="utrecht-form-label" htmlFor="gemeente">
              {t("region.municipality")}
            </label>
            <select className="utrecht-select" id="gemeente" name="gemeente" defaultValue={municipality?.id ?? ""}>
              <option value="">{t("admin.chooseMunicipality")}</option>
              {municipalities.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name}
                </option>
              ))}
            </select>
          </div>
          <SubmitButton appearance="secondary-action-button">{t("meetings.show")}</SubmitButton>
        </Form>
      ) : null}
      {actionData?.saved ? (
        <Alert type="ok" role="status">
          <Paragraph>{t("meetings.saved")}</Paragraph>
        </Alert>
      ) : null}
      {municipality ? (
        <>
          <Heading2>{t("meetings.planned")}</Heading2>
          {meetings.length ? (
            <UnorderedList>
              {meetings.map((m) => (
                <UnorderedListItem key={m.id}>
                  {formatDate(m.date, i18n.language)} — {t(`positionBodies.${m.bodyKind}`)}
                  {m.note ? ` (${m.note})` : ""}
                  <Form method="post" className="h10-inline-form">
                    <CsrfInput />
                    <input type="hidden" name="intent" value="remove" />
                    <input type="hidden" name="meetingId" value={m.id} />
                    <SubmitButton
                      appearance="subtle-button"
                      aria-label={t("meetings.removeOne", { date: formatDate(m.date, i18n.language) })}
                    >
                      {t("meetings.remove")}
                    </SubmitButton>
                  </Form>
                </UnorderedListItem>
              ))}
            </UnorderedList>
          ) : (
            <Paragraph>{t("meetings.none")}</Paragraph>
          )}
          <Heading2>{t("meetings.add")}</Heading2>
          <FormErrors errors={form.errors} />
          <Form method="post" {...getFormProps(form)} noValidate className="h10-form">
            <CsrfInput />
            <FormKeyInput value={formKey} />
            <input type="hidden" name="intent" value="add" />
            <SelectField
              field={fields.bodyKind}
              label={t("position.body")}
              placeholder={t("meetings.chooseBody")}
              options={(["COUNCIL", "COMMITTEE"] as const).map((b) => ({ value: b, label: t(`positionBodies.${b}`) }))}
            />
            <TextField field={fields.date} type="date" label={t("meetings.date")} />
            <TextField field={fields.note} label={t("meetings.note")} />
            <SubmitButton appearance="primary-action-button">{t("meetings.add")}</SubmitButton>
          </Form>
        </>
      ) : null}
    </>
  );
}
