import { describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { clientFor, formPost, get, outcome } from "../../test/factories/request";
import { routeAddress, type RouteModule } from "../../test/factories/routes";

const modules = import.meta.glob<RouteModule>(["./*.ts", "./*.tsx", "!./*.test.ts", "!./*.test.tsx"]);

/**
 * Pages that do not ask the session helper for a signed-in user with nothing pending: the pages that
 * resolve the restriction, signing in and out, choosing a language, the landing redirect, and the
 * API, the calendar feed and e-mail unsubscribe links (a bearer token, a secret address or a signed one, not a
 * session).
 */
const NOT_RESTRICTED = new Set([
  "./instellingen_.wachtwoord.tsx",
  "./instellingen_.tweestapsverificatie.tsx",
  "./inloggen.tsx",
  "./inloggen_.code.tsx",
  "./uitloggen.tsx",
  "./taal.tsx",
  "./_index.tsx",
  "./agenda.$token[.ics].ts",
  "./e-mail.afmelden.tsx",
  // An address no page has: 404 for everyone.
  "./$.tsx",
]);

const isApi = (file: string) => file.startsWith("./api.");
/**
 * The public Woo site, robots.txt and the open data: for everyone, signed in or not, so a pending password change
 * does not bar them.
 */
const isPublic = (file: string) =>
  file.startsWith("./openbaar.") || file === "./robots[.]txt.ts" || file === "./open.$.ts";

describe("a user who must choose a new password", () => {
  it("is sent to the password page by every page's loader and refused by every form", async () => {
    const email = "wethouder.rijswijk@h10.example";
    const client = await clientFor(email);
    await prisma.user.update({ where: { email }, data: { mustChangePassword: true } });
    const files = Object.keys(modules).filter((file) => !NOT_RESTRICTED.has(file) && !isApi(file) && !isPublic(file));
    expect(files.length).toBeGreaterThan(30);
    const unguarded: string[] = [];
    for (const file of files) {
      const route = await modules[file]!();
      // Every param of the route file with a made-up value.
      const { params } = routeAddress(file, () => "bestaat-niet");
      if (route.loader) {
        const result = await outcome(() => route.loader!({ request: get(client, "/x"), params, context: {} }));
        if (result.status !== 302 || result.headers.get("Location") !== "/instellingen/wachtwoord")
          unguarded.push(`${file} loader: ${result.status}`);
      }
      if (route.action) {
        const result = await outcome(() => route.action!({ request: formPost(client, "/x", {}), params, context: {} }));
        const code = (result.body as { code?: string } | null)?.code;
        if (result.status !== 403 || code !== "password_change_required")
          unguarded.push(`${file} action: ${result.status} ${code}`);
      }
    }
    expect(unguarded).toEqual([]);
  });
});
