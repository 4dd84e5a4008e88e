import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { openNotification } from "~/models/notification.server";
import { httpError } from "~/utils/http.server";
import { requireUser } from "~/utils/session.server";

/**
 * A notification opened from the list: it is read from now on, and the user goes where it leads (its trail, else
 * back to the list). Only one's own notification: another's, or none, is 404. Reading one's notification is the
 * whole of what this changes, so a plain link does it, with or without JavaScript, and opens in a new tab too.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const opened = await openNotification(user.id, params.notificationId ?? "");
  if (!opened) throw httpError(404, "notification_not_found", "Deze melding bestaat niet.");
  return redirect(opened.trailId ? `/trajecten/${opened.trailId}` : "/meldingen");
}
