import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { generateOplegger } from "~/models/oplegger.server";
import { readForm } from "~/utils/csrf.server";
import { httpError } from "~/utils/http.server";
import { actorOf, requireUser } from "~/utils/session.server";

/** Only a POST generates; a GET goes back to the trail. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request);
  return redirect(`/trajecten/${params.trailId ?? ""}`);
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  await readForm(request);
  const result = await generateOplegger(params.trailId ?? "", actorOf(user));
  if (!result.ok) {
    throw httpError(
      result.status,
      result.code,
      result.code === "forbidden_role"
        ? "Alleen een beleidssecretaris stelt de oplegger op."
        : "Dit traject bestaat niet.",
    );
  }
  return redirect(`/documenten/${result.documentId}?revisie=${result.revision}`);
}
