import { useRouteLoaderData } from "@remix-run/react";

/** The hidden CSRF token every form posts (checked by readForm on the server). */
export function CsrfInput() {
  const root = useRouteLoaderData("root") as { csrfToken?: string } | undefined;
  return <input type="hidden" name="csrf" value={root?.csrfToken ?? ""} />;
}
