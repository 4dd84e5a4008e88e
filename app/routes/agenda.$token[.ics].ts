import type { LoaderFunctionArgs } from "@remix-run/node";
import { calendarFeed } from "~/models/calendar-feed.server";

/** The personal calendar feed: the secret in the address is the authorisation. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const feed = await calendarFeed(params.token ?? "", new URL(request.url).origin);
  if (!feed)
    return new Response("Onbekende agenda-link.", {
      status: 404,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  return new Response(feed, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Cache-Control": "private, max-age=300",
      "Content-Disposition": 'inline; filename="h10.ics"',
    },
  });
}
