import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { homePath } from "~/utils/home";
import { getUser } from "~/utils/session.server";

/** Each role lands on its work (app/utils/home.ts). */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  throw redirect(user ? homePath(user.role) : "/inloggen");
}
