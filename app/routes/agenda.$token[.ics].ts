import type { LoaderFunctionArgs } from "@remix-run/node";
import { openCalendarFeed } from "~/models/calendar-feed.server";
import { notModified } from "~/utils/conditional-get";

/** The personal calendar feed: the secret in the address is the authorisation. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const feed = await openCalendarFeed(params.token ?? "", new URL(request.url).origin);
  if (!feed)
    return new Response("Onbekende agenda-link.", {
      status: 404,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  const validators = {
    ETag: feed.etag,
    "Last-Modified": feed.lastModified.toUTCString(),
    "Cache-Control": "private, max-age=300",
  };
  if (notModified(request, feed.etag, feed.lastModified))
    return new Response(null, { status: 304, headers: validators });
  // Streamed: the feed is written a page of the window at a time, the server serving others in between.
  return new Response(feed.body(), {
    headers: {
      ...validators,
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": 'inline; filename="h10.ics"',
    },
  });
}
