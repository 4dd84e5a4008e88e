import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { Heading1, OrderedList, OrderedListItem, Paragraph } from "@utrecht/component-library-react";
import { useTranslation } from "react-i18next";
import { CsrfInput } from "~/components/csrf-input";
import { listNotifications, markAllRead, notificationValues } from "~/models/notification.server";
import { readForm } from "~/utils/csrf.server";
import { formatDateTime } from "~/utils/format";
import { notificationKey, shownNotificationValues } from "~/utils/notification-text";
import { requireUser } from "~/utils/session.server";
import { pageTitle } from "~/utils/page-title";
import { SubmitButton } from "~/components/submit-button";

export const meta = pageTitle("notifications");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const page = await listNotifications(user.id, new URL(request.url).searchParams.get("ouder"));
  return {
    next: page.next,
    invalidCursor: page.invalidCursor,
    notifications: page.notifications.map((n) => ({
      id: n.id,
      kind: n.kind,
      values: notificationValues(n),
      trailId: n.trail?.id ?? null,
      at: n.createdAt.toISOString(),
      unread: n.readAt === null,
    })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  await readForm(request);
  await markAllRead(user.id);
  return redirect("/meldingen");
}

export default function NotificationsPage() {
  const { notifications, next, invalidCursor } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  return (
    <>
      <Heading1>{t("notificationsPage.title")}</Heading1>
      <Paragraph>{t("notificationsPage.intro")}</Paragraph>
      {invalidCursor ? <Paragraph role="status">{t("notificationsPage.invalidCursor")}</Paragraph> : null}
      {notifications.some((n) => n.unread) ? (
        <Form method="post">
          <CsrfInput />
          <SubmitButton appearance="secondary-action-button">{t("notificationsPage.markRead")}</SubmitButton>
        </Form>
      ) : null}
      {notifications.length ? (
        <OrderedList className="h10-timeline">
          {notifications.map((n) => {
            const text = t(
              notificationKey(n.kind, n.values),
              shownNotificationValues(n.values, (key) => t(key), i18n.language),
            );
            return (
              <OrderedListItem key={n.id} data-unread={n.unread}>
                <time dateTime={n.at}>{formatDateTime(n.at, i18n.language)}</time> ·{" "}
                {n.trailId ? (
                  // Through /meldingen/<id>: opening it marks it read, then it leads to the trail.
                  <Link className="utrecht-link" to={`/meldingen/${n.id}`}>
                    {text}
                  </Link>
                ) : (
                  text
                )}
                {n.unread ? <strong> ({t("notificationsPage.unread")})</strong> : null}
              </OrderedListItem>
            );
          })}
        </OrderedList>
      ) : (
        <Paragraph>{t("notificationsPage.none")}</Paragraph>
      )}
      {next ? (
        <Paragraph>
          <Link className="utrecht-link" to={`/meldingen?ouder=${encodeURIComponent(next)}`}>
            {t("notificationsPage.older")}
          </Link>
        </Paragraph>
      ) : null}
    </>
  );
}
