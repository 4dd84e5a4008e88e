import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Alert, Heading1, Heading2, Heading3, Paragraph } from "@utrecht/component-library-react";
import { useTranslation } from "react-i18next";
import { CsrfInput } from "~/components/csrf-input";
import { SubmitButton } from "~/components/submit-button";
import { IntentButton } from "~/components/intent-button";
import { acceptAgendaItem, getMeeting, moveAgendaItem, removeAgendaItem } from "~/models/agenda.server";
import { listMeetings, mayKeepCalendar, setMeetingStatus } from "~/models/meeting.server";
import { readForm } from "~/utils/csrf.server";
import { formatDate, toDateInputValue } from "~/utils/format";
import { todayInAmsterdam } from "~/utils/date-range";
import { httpError } from "~/utils/http.server";
import { pageTitle } from "~/utils/page-title";
import { actorOf, requireUser } from "~/utils/session.server";

export const meta = pageTitle("meeting");

const STATUSES = ["PLANNED", "HELD", "CANCELLED"] as const;

/** A meeting and its agenda: everyone signed in reads it; the council's clerk (or an administrator) keeps it. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const meeting = await getMeeting(params.meetingId ?? "");
  if (!meeting) throw httpError(404, "meeting_not_found", "Deze vergadering bestaat niet.");
  const actor = actorOf(user);
  const mayKeep = mayKeepCalendar(actor, meeting.municipality.id);
  // The meetings an item can move to: the council's planned ones ahead, this one left out.
  const others = mayKeep
    ? (
        await listMeetings({ municipalityId: meeting.municipality.id, day: toDateInputValue(new Date()) })
      ).meetings.filter((m) => m.id !== meeting.id && m.status === "PLANNED")
    : [];
  return {
    meeting,
    mayKeep,
    /** The clerk of this council logs the decisions taken under its items, once the meeting's day has come. */
    mayLog:
      user.role === "CLERK" &&
      user.municipalityId === meeting.municipality.id &&
      toDateInputValue(meeting.date) <= todayInAmsterdam(),
    userId: user.id,
    others: others.map((m) => ({ id: m.id, date: m.date, bodyKind: m.bodyKind })),
  };
}

const MESSAGES: Record<string, string> = {
  forbidden_agenda: "U houdt de agenda van deze gemeente niet bij.",
  forbidden_municipality: "U houdt de agenda van deze gemeente niet bij.",
  agenda_item_not_found: "Dit agendapunt bestaat niet.",
  meeting_not_found: "Deze vergadering bestaat niet.",
};

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await readForm(request);
  const actor = actorOf(user);
  const intent = String(formData.get("intent") ?? "");
  const itemId = String(formData.get("itemId") ?? "");
  const result =
    intent === "status"
      ? await setMeetingStatus(
          params.meetingId ?? "",
          STATUSES.find((s) => s === formData.get("status")) ?? "PLANNED",
          actor,
        )
      : intent === "accept"
        ? await acceptAgendaItem(itemId, actor)
        : intent === "move"
          ? await moveAgendaItem(itemId, String(formData.get("toMeetingId") ?? ""), actor)
          : intent === "remove"
            ? await removeAgendaItem(itemId, actor)
            : ({ ok: false, status: 400, code: "unknown_intent" } as const);
  if (!result.ok) {
    // Not allowed or gone: an error page. A refusal of the step itself: said on the page, nothing changed.
    if (result.status === 403 || result.status === 404 || result.status === 400)
      throw httpError(result.status, result.code, MESSAGES[result.code] ?? "Dit kan niet.");
    return data({ error: result.code, saved: null }, { status: result.status });
  }
  return data({ error: null, saved: intent });
}

export default function MeetingPage() {
  const { meeting, mayKeep, mayLog, userId, others } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const date = formatDate(meeting.date, i18n.language);
  return (
    <>
      <Paragraph>
        <Link className="utrecht-link" to={`/vergaderingen?gemeente=${meeting.municipality.id}`}>
          {t("meetings.titleFor", { name: meeting.municipality.name })}
        </Link>
      </Paragraph>
      <Heading1>
        {t("meeting.title", { body: t(`positionBodies.${meeting.bodyKind}`), name: meeting.municipality.name, date })}
      </Heading1>
      <dl className="h10-facts">
        <dt>{t("meetings.status")}</dt>
        <dd>{t(`meetingStatus.${meeting.status}`)}</dd>
        {meeting.location ? (
          <>
            <dt>{t("meetings.location")}</dt>
            <dd>{meeting.location}</dd>
          </>
        ) : null}
        {meeting.note ? (
          <>
            <dt>{t("meetings.note")}</dt>
            <dd>{meeting.note}</dd>
          </>
        ) : null}
      </dl>
      {actionData?.saved ? (
        <Alert type="ok" role="status">
          <Paragraph>{t(`meeting.saved.${actionData.saved}`)}</Paragraph>
        </Alert>
      ) : null}
      {actionData?.error ? (
        <Alert type="error" role="alert">
          <Paragraph>{t(`errorCodes.${actionData.error}`)}</Paragraph>
        </Alert>
      ) : null}
      {mayKeep ? (
        <Form method="post" className="h10-filter" aria-label={t("meeting.statusForm")}>
          <CsrfInput />
          <input type="hidden" name="intent" value="status" />
          <div className="utrecht-form-field">
            <label className="utrecht-form-label" htmlFor="status">
              {t("meetings.status")}
            </label>
            <select className="utrecht-select" id="status" name="status" defaultValue={meeting.status}>
              {STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`meetingStatus.${s}`)}
                </option>
              ))}
            </select>
          </div>
          <SubmitButton appearance="secondary-action-button">{t("meeting.setStatus")}</SubmitButton>
        </Form>
      ) : null}
      <Heading2>{t("meeting.agenda")}</Heading2>
      {meeting.items.length ? (
        // An agenda is an ordered list: each item with its volgnummer, what it handles and what can be done with it,
        // readable on a phone without scrolling sideways.
        <ol className="h10-agenda" aria-label={t("meeting.agendaOf", { date })}>
          {meeting.items.map((item) => (
            <li key={item.id} id={`agendapunt-${item.number}`} data-testid="agenda-item">
              <Heading3 className="h10-agenda__title">
                <span className="h10-agenda__number">{item.number}.</span>{" "}
                <Link className="utrecht-link" to={`/trajecten/${item.trail.id}`}>
                  {item.title}
                </Link>
              </Heading3>
              <dl className="h10-facts">
                <dt>{t("trails.reference")}</dt>
                <dd>{item.trail.reference}</dd>
                <dt>{t("meeting.document")}</dt>
                <dd>
                  {item.document ? (
                    <Link className="utrecht-link" to={`/documenten/${item.document.id}`}>
                      {t("meeting.revision", { title: item.document.title, revision: item.document.revision })}
                    </Link>
                  ) : (
                    "—"
                  )}
                </dd>
                <dt>{t("meetings.status")}</dt>
                <dd>
                  {t(`agendaStatus.${item.status}`)}
                  {item.status === "PROPOSED" ? ` (${t("meeting.proposedBy", { name: item.proposedBy })})` : ""}
                  {item.decided ? `, ${t("meeting.decided")}` : item.handledOn ? `, ${t("meeting.handled")}` : ""}
                </dd>
              </dl>
              <div className="h10-agenda__actions">
                {mayLog ? (
                  <Link
                    className="utrecht-link"
                    to={`/trajecten/${item.trail.id}/standpunt/${meeting.municipality.id}?agendapunt=${item.id}`}
                  >
                    {t("meeting.logPosition", { number: item.number })}
                  </Link>
                ) : null}
                {mayKeep && item.status === "PROPOSED" ? (
                  <IntentButton
                    intent="accept"
                    fields={{ itemId: item.id }}
                    className="h10-inline-form"
                    appearance="secondary-action-button"
                    aria-label={t("meeting.acceptOne", { number: item.number })}
                    label={t("meeting.accept")}
                  />
                ) : null}
                {mayKeep && !item.decided && others.length ? (
                  <Form method="post" className="h10-inline-form">
                    <CsrfInput />
                    <input type="hidden" name="intent" value="move" />
                    <input type="hidden" name="itemId" value={item.id} />
                    <label className="utrecht-form-label" htmlFor={`move-${item.id}`}>
                      {t("meeting.moveTo", { number: item.number })}
                    </label>
                    <select className="utrecht-select" id={`move-${item.id}`} name="toMeetingId">
                      {others.map((m) => (
                        <option key={m.id} value={m.id}>
                          {formatDate(m.date, i18n.language)} — {t(`positionBodies.${m.bodyKind}`)}
                        </option>
                      ))}
                    </select>
                    <SubmitButton appearance="subtle-button">{t("meeting.move")}</SubmitButton>
                  </Form>
                ) : null}
                {!item.decided && (mayKeep || (item.status === "PROPOSED" && item.proposedById === userId)) ? (
                  <IntentButton
                    intent="remove"
                    fields={{ itemId: item.id }}
                    className="h10-inline-form"
                    appearance="subtle-button"
                    aria-label={t("meeting.removeOne", { number: item.number })}
                    label={t("meetings.remove")}
                  />
                ) : null}
              </div>
            </li>
          ))}
        </ol>
      ) : (
        <Paragraph>{t("meeting.noItems")}</Paragraph>
      )}
    </>
  );
}
