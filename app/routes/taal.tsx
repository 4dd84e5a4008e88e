import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { setUserLocale } from "~/models/user.server";
import { LanguageSchema } from "~/schemas/auth";
import { readForm } from "~/utils/csrf.server";
import { httpError, safeRedirect } from "~/utils/http.server";
import { languageCookie } from "~/utils/i18next.server";
import { getUser } from "~/utils/session.server";

export const loader = () => redirect("/");

/** Switches the interface language (a cookie; also remembered for a signed-in user). */
export async function action({ request }: ActionFunctionArgs) {
  const formData = await readForm(request);
  const parsed = LanguageSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) throw httpError(400, "language_unknown", "Deze taal wordt niet ondersteund.");
  const user = await getUser(request);
  if (user) await setUserLocale(user.id, parsed.data.lng);
  const target = safeRedirect(parsed.data.redirectTo, "/")
    .replace(/([?&])lng=[^&]*&?/, "$1")
    .replace(/[?&]$/, "");
  return redirect(target || "/", { headers: { "Set-Cookie": await languageCookie.serialize(parsed.data.lng) } });
}
