import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { readForm } from "~/utils/csrf.server";
import { clientIp } from "~/utils/http.server";
import { signOut } from "~/utils/session.server";

export const loader = () => redirect("/");

export async function action({ request, context }: ActionFunctionArgs) {
  await readForm(request);
  return signOut(request, clientIp(context));
}
