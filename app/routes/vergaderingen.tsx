import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Heading1, Heading2, Paragraph, TableCell, TableRow } from "@utrecht/component-library-react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { ActionMessage } from "~/components/action-message";
import { CsrfInput } from "~/components/csrf-input";
import { DataTable } from "~/components/data-table";
import { FormKeyInput } from "~/components/form-key-input";
import { FormErrors, SelectField, TextField, useValidatedForm } from "~/components/form-fields";
import { addMeeting, listMeetings, mayKeepCalendar, removeMeeting } from "~/models/meeting.server";
import { listMunicipalityOptions } from "~/models/municipality.server";
import { isoDateField } from "~/schemas/fields";
import { readForm } from "~/utils/csrf.server";
import { formKeyOf, newFormKey } from "~/utils/form-key.server";
import { formatDate, toDateInputValue } from "~/utils/format";
import { httpError } from "~/utils/http.server";
import { actorOf, requireUser } from "~/utils/session.server";
import { pageTitle } from "~/utils/page-title";
import { SubmitButton } from "~/components/submit-button";
import { IntentButton } from "~/components/intent-button";

export const meta = pageTitle("meetings");

const MeetingSchema = z.object({
  intent: z.literal("add"),
  bodyKind: z.enum(["COUNCIL", "COMMITTEE"], { error: "validation.bodyRequired" }),
  date: isoDateField,
  location: z.string().trim().max(200, "validation.tooLong").optional(),
  note: z.string().trim().max(200, "validation.tooLong").optional(),
});

/**
 * Every signed-in user reads every council's meetings; the chosen council (a clerk's own by default) is the
 * one whose calendar the clerk or an administrator keeps here.
 */
async function scope(request: Request) {
  const user = await requireUser(request);
  const url = new URL(request.url);
  const chosen = url.searchParams.get("gemeente");
  const municipalityId = chosen === null ? (user.role === "CLERK" ? user.municipalityId : null) : chosen || null;
  return { user, municipalityId, past: url.searchParams.get("periode") === "verleden", url };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, municipalityId, past, url } = await scope(request);
  const municipalities = await listMunicipalityOptions();
  const municipality = municipalities.find((m) => m.id === municipalityId) ?? null;
  if (municipalityId && !municipality) throw httpError(404, "municipality_not_found", "Deze gemeente bestaat niet.");
  const page = await listMeetings({
    municipalityId,
    day: toDateInputValue(new Date()),
    past,
    cursor: url.searchParams.get("na"),
  });
  return {
    mayKeep: municipality ? mayKeepCalendar(actorOf(user), municipality.id) : false,
    municipalities,
    municipality,
    past,
    ...page,
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
  const { mayKeep, municipalities, municipality, meetings, next, past, formKey } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const [form, fields] = useValidatedForm(MeetingSchema, actionData?.result);
  const query = (extra: Record<string, string>) =>
    `?${new URLSearchParams({ gemeente: municipality?.id ?? "", ...(past ? { periode: "verleden" } : {}), ...extra })}`;
  return (
    <>
      <Heading1>{municipality ? t("meetings.titleFor", { name: municipality.name }) : t("meetings.title")}</Heading1>
      <Paragraph>{t("meetings.intro")}</Paragraph>
      <Form method="get" className="h10-filter" aria-label={t("meetings.choose")}>
        <div className="utrecht-form-field">
          <label className="utrecht-form-label" htmlFor="gemeente">
            {t("region.municipality")}
          </label>
          <select className="utrecht-select" id="gemeente" name="gemeente" defaultValue={municipality?.id ?? ""}>
            <option value="">{t("meetings.allCouncils")}</option>
            {municipalities.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
        </div>
        <div className="utrecht-form-field">
          <label className="utrecht-form-label" htmlFor="periode">
            {t("meetings.period")}
          </label>
          <select className="utrecht-select" id="periode" name="periode" defaultValue={past ? "verleden" : ""}>
            <option value="">{t("meetings.upcoming")}</option>
            <option value="verleden">{t("meetings.past")}</option>
          </select>
        </div>
        <SubmitButton appearance="secondary-action-button">{t("meetings.show")}</SubmitButton>
      </Form>
      {actionData?.saved ? (
        <ActionMessage type="ok" answer={actionData}>
          <Paragraph>{t("meetings.saved")}</Paragraph>
        </ActionMessage>
      ) : null}
      <Heading2>{past ? t("meetings.pastTitle") : t("meetings.planned")}</Heading2>
      {meetings.length ? (
        <DataTable
          caption={past ? t("meetings.pastTitle") : t("meetings.planned")}
          columns={[
            { label: t("meetings.date") },
            { label: t("region.municipality") },
            { label: t("position.body") },
            { label: t("meetings.status") },
            { label: t("meetings.items"), numeric: true },
            ...(mayKeep ? [{ label: t("meetings.actions") }] : []),
          ]}
        >
          {meetings.map((m) => (
            <TableRow key={m.id}>
              <TableCell>
                <Link className="utrecht-link" to={`/vergaderingen/${m.id}`}>
                  {formatDate(m.date, i18n.language)}
                </Link>
                {m.note ? <span className="h10-muted"> ({m.note})</span> : null}
              </TableCell>
              <TableCell>{m.municipality.name}</TableCell>
              <TableCell>{t(`positionBodies.${m.bodyKind}`)}</TableCell>
              <TableCell>{t(`meetingStatus.${m.status}`)}</TableCell>
              <TableCell className="h10-numeric">{m.items}</TableCell>
              {mayKeep ? (
                <TableCell>
                  {m.items === 0 ? (
                    <IntentButton
                      intent="remove"
                      fields={{ meetingId: m.id }}
                      className="h10-inline-form"
                      appearance="subtle-button"
                      aria-label={t("meetings.removeOne", { date: formatDate(m.date, i18n.language) })}
                      label={t("meetings.remove")}
                    />
                  ) : null}
                </TableCell>
              ) : null}
            </TableRow>
          ))}
        </DataTable>
      ) : (
        <Paragraph>{t("meetings.none")}</Paragraph>
      )}
      {next ? (
        <Paragraph>
          <Link className="utrecht-link" to={query({ na: next })}>
            {t("meetings.more")}
          </Link>
        </Paragraph>
      ) : null}
      {mayKeep && municipality ? (
        <>
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
            <TextField field={fields.location} label={t("meetings.location")} />
            <TextField field={fields.note} label={t("meetings.note")} />
            <SubmitButton appearance="primary-action-button">{t("meetings.add")}</SubmitButton>
          </Form>
        </>
      ) : null}
    </>
  );
}
