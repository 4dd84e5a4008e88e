import type { LoaderFunctionArgs } from "@remix-run/node";
import { httpError } from "~/utils/http.server";

/**
 * An address no page has: 404. As a route of its own (not Remix's "no route matched", for which no loader runs), the
 * root's loader runs first, so the error page keeps the signed-in user's header and menu and the reader's language.
 * Every method gets the 404 (a loader for GET and HEAD, the action for a post to nowhere).
 */
export async function loader(_args: LoaderFunctionArgs) {
  throw httpError(404, "not_found", "Deze pagina bestaat niet.");
}

export async function action() {
  throw httpError(404, "not_found", "Deze pagina bestaat niet.");
}

/** A page route, not a resource route, so the 404 is the root's error page; its loader always throws. */
export default function NotFound() {
  return null;
}
